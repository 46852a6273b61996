// ES5 on purpose: this runs in any webview. Loads the self-hosted Office.js as a blocking
// script, so `Office` exists before the deferred bundle runs, without an inline script (the
// Content-Security-Policy forbids those). The URL comes from this tag's data-office-js.
// Skipped for a page opened from disk: Office never opens an add-in from file://, and there
// office.js could only fail on its own helper scripts; the bundle then starts in file mode.
(function () {
  if (location.protocol === "file:") return;
  var scripts = document.getElementsByTagName("script");
  var self = scripts[scripts.length - 1]; // a blocking script is the last one parsed so far
  var url = self && self.getAttribute("data-office-js");
  if (url) document.write('<script src="' + url.replace(/"/g, "&quot;") + '"></script>');
})();
