/* Loaded synchronously in <head> (not inline, for the CSP) so .js styles apply before first paint.
   It also applies 关怀模式 from its cookie before paint, for copies of a page the browser
   kept from before the visitor switched (the server sets the class on fresh pages). */
(function (root) {
  root.className = root.className.replace("no-js", "js");
  var care = /(?:^|;\s*)care_mode=1(?:;|$)/.test(document.cookie);
  if (care !== /(?:^|\s)care(?:\s|$)/.test(root.className)) {
    root.className = care ? root.className + " care" : root.className.replace(/(?:^|\s)care(?=\s|$)/, "");
  }
})(document.documentElement);
