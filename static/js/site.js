/* 文明网 — progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  /* ---- Main navigation toggle (small screens) ---- */
  function initNavToggle() {
    var button = document.querySelector(".nav-toggle");
    if (!button) return;
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    var label = button.querySelector(".nav-toggle__label");

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
      if (label) label.textContent = open ? "收起" : "栏目";
    }

    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* ---- Carousel: a scrollable list, enhanced with prev / next / pause ---- */
  function initCarousel(root) {
    var track = root.querySelector("[data-carousel-track]");
    var slides = track ? track.querySelectorAll(".carousel__slide") : [];
    var controls = root.querySelector("[data-carousel-controls]");
    if (!track || slides.length < 2 || !controls) return;

    var pauseButton = root.querySelector("[data-carousel-pause]");
    var pauseLabel = pauseButton.querySelector(".carousel__button-label");
    var current = 0;
    var timer = null;
    var userPaused = reducedMotion;
    var hovering = false;
    var focused = false;
    var interval = 6000;

    var dots = document.createElement("div");
    dots.className = "carousel__dots";
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < slides.length; i++) {
      var dot = document.createElement("span");
      dot.className = "carousel__dot";
      dots.appendChild(dot);
    }
    root.appendChild(dots);

    function markCurrent() {
      for (var i = 0; i < slides.length; i++) {
        dots.children[i].classList.toggle("is-current", i === current);
      }
    }

    function goTo(index, smooth) {
      current = (index + slides.length) % slides.length;
      track.scrollTo({
        left: slides[current].offsetLeft - track.offsetLeft,
        behavior: smooth === false || reducedMotion ? "auto" : "smooth"
      });
      markCurrent();
    }

    function running() {
      return !userPaused && !hovering && !focused;
    }

    function schedule() {
      window.clearInterval(timer);
      timer = null;
      if (running()) {
        timer = window.setInterval(function () { goTo(current + 1); }, interval);
      }
      /* Announce slide changes only when they are not automatic. */
      track.setAttribute("aria-live", running() ? "off" : "polite");
    }

    function setPaused(paused) {
      userPaused = paused;
      pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
      pauseLabel.textContent = paused ? "继续轮播" : "暂停轮播";
      schedule();
    }

    controls.hidden = false;
    root.querySelector("[data-carousel-prev]").addEventListener("click", function () { goTo(current - 1); });
    root.querySelector("[data-carousel-next]").addEventListener("click", function () { goTo(current + 1); });
    pauseButton.addEventListener("click", function () { setPaused(!userPaused); });

    root.addEventListener("mouseenter", function () { hovering = true; schedule(); });
    root.addEventListener("mouseleave", function () { hovering = false; schedule(); });
    root.addEventListener("focusin", function () { focused = true; schedule(); });
    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) { focused = false; schedule(); }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { window.clearInterval(timer); timer = null; } else { schedule(); }
    });

    /* Keep the index in step when the visitor swipes the list. */
    var scrollTimer = null;
    track.addEventListener("scroll", function () {
      window.clearTimeout(scrollTimer);
      scrollTimer = window.setTimeout(function () {
        var index = Math.round(track.scrollLeft / track.clientWidth);
        if (index !== current && index >= 0 && index < slides.length) {
          current = index;
          markCurrent();
        }
      }, 120);
    }, { passive: true });

    markCurrent();
    setPaused(userPaused);
  }

  /* ---- Share: copy link, Web Share API ---- */
  function announce(node, text) {
    if (!node) return;
    node.textContent = "";
    window.setTimeout(function () { node.textContent = text; }, 50);
  }

  function initShare() {
    var status = document.querySelector(".share__status");

    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (button) {
      var input = document.querySelector(button.getAttribute("data-copy-link"));
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = input ? input.value : window.location.href;
        function fallback() {
          if (!input) return announce(status, "复制失败，请手动复制链接");
          input.focus();
          input.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          announce(status, ok ? "链接已复制" : "请长按或使用 Ctrl+C 复制已选中的链接");
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () {
            announce(status, "链接已复制");
          }, fallback);
        } else {
          fallback();
        }
      });
    });

    if (typeof navigator.share !== "function") return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-web-share]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var description = document.querySelector('meta[name="description"]');
        navigator.share({
          title: document.title,
          text: description ? description.getAttribute("content") : "",
          url: window.location.href
        }).catch(function () { /* the visitor closed the share sheet */ });
      });
    });
  }

  /* ---- Print buttons (notice print view) ---- */
  function initPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  ready(function () {
    initNavToggle();
    Array.prototype.forEach.call(document.querySelectorAll("[data-carousel]"), initCarousel);
    initShare();
    initPrint();
  });
})();
