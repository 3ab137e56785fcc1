/* Loaded synchronously in <head> (not inline, for the CSP) so .js styles apply before first paint. */
document.documentElement.className = document.documentElement.className.replace("no-js", "js");
