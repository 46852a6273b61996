// ES5 on purpose: this runs in any webview. Volume-licensed Office 2016/2019 on Windows shows
// add-ins in Internet Explorer 11 (Trident); older builds use Edge Legacy. React 18 and Fluent
// UI 9 need a modern engine; engine-probe.js, loaded just before, sets the flag only where the
// bundle's syntax parses.
(function () {
  if (window.yuebaoModernEngine === true) return;
  var root = document.getElementById("root");
  if (!root) return;
  root.id = "unsupported";
  root.innerHTML =
    "<p><b>此版本 Excel 无法运行执法月报助手。</b></p>" +
    "<p>它用旧版浏览器内核（Internet Explorer 或旧版 Edge）显示加载项。请改用 Excel 2021、Microsoft 365 或 Excel 网页版；" +
    "零售版 Excel 2016/2019 安装 Microsoft Edge WebView2 运行时后也可使用。也可以在 Chrome 或新版 Edge 浏览器中打开月报助手网页，直接处理报表文件。</p>" +
    '<p lang="en">This version of Excel shows add-ins with an old browser engine (Internet Explorer or Edge Legacy) and cannot run Yuebao. ' +
    "Use Excel 2021, Microsoft 365 or Excel on the web (retail Excel 2016/2019 works once the Microsoft Edge WebView2 Runtime is installed), " +
    "or open the Yuebao page in Chrome or the new Edge to work on report files.</p>";
})();
