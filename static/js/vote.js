/* Voting without a page reload, over the plain vote forms (which work without this file).
   Written for old in-app browsers (WeChat): no modules, no arrow functions; fetch when
   present, XMLHttpRequest otherwise. Counts come from a small JSON feed a few seconds old. */
(function () {
  "use strict";
  if (!document.querySelector || !window.JSON) return;
  var root = document.querySelector("[data-vote-counts]");
  var live = document.querySelector("[data-vote-live]");
  if (!root) return;

  function send(method, url, body, done) {
    var headers = { "Accept": "application/json" };
    if (body !== null) headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (window.fetch) {
      window.fetch(url, { method: method, body: body, headers: headers, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          return response.json().then(function (data) { done(response.status, data); });
        })
        .catch(function () { done(0, null); });
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    for (var name in headers) xhr.setRequestHeader(name, headers[name]);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      done(data ? xhr.status : 0, data);
    };
    xhr.send(body);
  }

  function showCount(id, value) {
    if (value === null || value === undefined) return;
    var nodes = document.querySelectorAll('[data-vote-count="' + id + '"]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = String(value);
  }

  function refreshCounts() {
    send("GET", root.getAttribute("data-vote-counts"), null, function (status, data) {
      if (status !== 200 || !data) return;
      for (var id in data) if (Object.prototype.hasOwnProperty.call(data, id)) showCount(id, data[id]);
    });
  }

  function say(text) {
    if (!live) return;
    live.textContent = "";
    /* A fresh text node so screen readers announce a repeated message too. */
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function vote(form, event) {
    var button = form.querySelector("button[type=submit]");
    var next = form.querySelector('input[name="next"]');
    if (form.getAttribute("data-busy")) { event.preventDefault(); return; }
    event.preventDefault();
    form.setAttribute("data-busy", "1");
    if (button) button.disabled = true;
    send("POST", form.getAttribute("action"), "next=" + encodeURIComponent(next ? next.value : "list"), function (status, data) {
      form.removeAttribute("data-busy");
      if (button) button.disabled = false;
      if (!data) { form.submit(); return; } /* network trouble: let the plain form try */
      if (data.confirm_url) { window.location.href = data.confirm_url; return; }
      if (data.ok) showCount(form.getAttribute("data-candidate"), data.count);
      say(data.message || "");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.hasAttribute && form.hasAttribute("data-vote-form")) vote(form, event);
  });

  refreshCounts();
  window.setInterval(function () { if (!document.hidden) refreshCounts(); }, 10000);
})();
