/* 选择照片: show the chosen files' names beside the Chinese button (the native input is visually hidden). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("file-picker__input")) return;
    var status = input.parentNode.querySelector("[data-file-status]");
    if (!status) return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    status.textContent = names.length ? "已选择" + names.length + "张：" + names.join("、") : "未选择照片";
  });
})();
