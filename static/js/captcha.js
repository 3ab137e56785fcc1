/* 换一张: fetch a fresh one-time captcha from the API and swap it in, keeping what was typed. */
(function () {
  "use strict";

  function refresh(link, event) {
    var form = link.closest("form");
    var key = form && form.querySelector('input[name="captcha_key"]');
    var image = form && form.querySelector("img.captcha");
    var answer = form && form.querySelector('input[name="captcha_answer"]');
    var status = form && form.querySelector(".captcha-status");
    if (!key || !image || !window.fetch) return; /* the link reloads the page instead */
    event.preventDefault();
    fetch(link.getAttribute("data-captcha-refresh"), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) throw new Error(result.body.message || "");
        key.value = result.body.captcha_key;
        /* Same-origin path only, whatever scheme the API saw behind a proxy. */
        image.src = new URL(result.body.image_url, window.location.href).pathname;
        if (answer) { answer.value = ""; answer.focus(); }
        if (status) status.textContent = "验证码已更换";
      })
      .catch(function (error) {
        if (status) status.textContent = error.message || "验证码获取失败，请稍后再试";
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-captcha-refresh]");
    if (link) refresh(link, event);
  });
})();
