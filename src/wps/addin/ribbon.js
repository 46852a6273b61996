// ES5 on purpose: WPS's add-in pages run in the Chromium WPS ships, which may be old.
// The ribbon callbacks named in ribbon.xml, as globals of the add-in's entry page (index.html).
// The button opens the task pane (taskpane.html beside index.html) with
// Application.CreateTaskPane and keeps its ID in Application.PluginStorage, so later clicks
// show or hide the same pane instead of opening another.
(function (global) {
  "use strict";
  var PANE_KEY = "yuebao_taskpane_id";
  var PANE_PAGE = "taskpane.html";
  var PANE_TITLE = "执法月报助手";
  var BUTTON = "yuebaoShowPane";
  var DOCK_RIGHT = 2; // msoCTPDockPositionRight

  function app() {
    return global.Application || global.wps || null;
  }

  /** The folder of this page (the add-in's root, online or in the jsaddons folder), ending in "/". */
  function rootUrl() {
    var href = String(global.location.href).split("#")[0].split("?")[0];
    return href.slice(0, href.lastIndexOf("/") + 1);
  }

  function existingPane(a) {
    var id = a.PluginStorage.getItem(PANE_KEY);
    if (!id) return null;
    try {
      return a.GetTaskPane(Number(id)) || null;
    } catch (e) {
      return null; // closed with its workbook window: make a new one
    }
  }

  function togglePane() {
    var a = app();
    if (!a) return;
    var pane = existingPane(a);
    if (pane) {
      pane.Visible = !pane.Visible;
      return;
    }
    pane = a.CreateTaskPane(rootUrl() + PANE_PAGE, PANE_TITLE);
    a.PluginStorage.setItem(PANE_KEY, pane.ID);
    try {
      pane.DockPosition = DOCK_RIGHT;
    } catch (e) {
      // Docking is cosmetic; some WPS versions fix the pane's side.
    }
    pane.Visible = true;
  }

  global.OnAddinLoad = function (ribbonUI) {
    var a = app();
    if (a && typeof a.ribbonUI !== "object") a.ribbonUI = ribbonUI;
    return true;
  };

  global.OnAction = function (control) {
    if (control && control.Id === BUTTON) togglePane();
    return true;
  };

  global.GetImage = function () {
    return "assets/icon-32.png";
  };

  global.YuebaoRibbon = { togglePane: togglePane, rootUrl: rootUrl, PANE_KEY: PANE_KEY, PANE_PAGE: PANE_PAGE };

  // A browser that opens the add-in's address (not WPS) is shown the pane, which works on files.
  if (!app() && global.location && global.location.replace) global.location.replace(PANE_PAGE);
})(window);
