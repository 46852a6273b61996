/**
 * The pane's entry: find out where it runs (Excel, WPS 表格 or files), and render the same App
 * every way. The jobs (the form engine, plus the Office.js adapter in Excel or the WPS adapter
 * in WPS) are a separate chunk: the first screen needs
 * only the remembered unit and the settings, so the pane paints first and fetches the jobs
 * while idle (a job asked for earlier simply waits for them).
 */
import { createRoot } from "react-dom/client";
import { detectCapabilities } from "../excel/capabilities";
import { documentSettings } from "../excel/document-settings";
import { officeEnv } from "../excel/office-env";
import { App } from "./components/App";
import type { Lang } from "../form/lang";
import { detectHost } from "./boot";
import { browserStore } from "./browser";
import { deferredActions, type DeferredActions, type OptionalAction } from "./deferred-actions";
import { shellCatalogue } from "./i18n/strings";
import { whenIdle } from "./idle";

function excelActions(lang: Lang): DeferredActions {
  const store = documentSettings(window, (err) => console.error("Yuebao: saving document settings failed", err));
  // Same test as the Office host's: worksheet change events need ExcelApi 1.7.
  const changeEvents = detectCapabilities(officeEnv(window).Office.context.requirements).changeEvents;
  const optional: OptionalAction[] = ["openSheet", "clearHighlight", "selectCell", ...(changeEvents ? (["onSheetChanged"] as const) : [])];
  return deferredActions({
    mode: "excel",
    store,
    optional,
    loadFailed: shellCatalogue[lang].jobsLoadFailed,
    load: async () => (await import(/* webpackChunkName: "excel" */ "./excel-jobs")).excelActionsMaker(lang, store),
  });
}

/** Inside WPS 表格: the same jobs through the WPS adapter (a chunk of its own, "wps"). */
function wpsActions(lang: Lang): DeferredActions {
  // WPS keeps no per-document settings for an add-in page: the pane's own storage holds them.
  const store = browserStore();
  return deferredActions({
    mode: "wps",
    store,
    optional: ["openSheet", "selectCell", "onSheetChanged"],
    loadFailed: shellCatalogue[lang].jobsLoadFailed,
    load: async () => (await import(/* webpackChunkName: "wps" */ "./wps-jobs")).wpsActionsMaker(lang, store),
  });
}

function fileActions(lang: Lang): DeferredActions {
  const store = browserStore();
  return deferredActions({
    mode: "file",
    store,
    optional: [],
    loadFailed: shellCatalogue[lang].jobsLoadFailed,
    load: async () => (await import(/* webpackChunkName: "jobs" */ "./file-jobs")).fileActionsMaker(lang, store),
  });
}

void detectHost().then((info) => {
  const root = document.getElementById("root");
  if (!root) throw new Error("taskpane.html has no #root element");
  const actions =
    info.mode === "excel" ? excelActions(info.language) : info.mode === "wps" ? wpsActions(info.language) : fileActions(info.language);
  document.documentElement.lang = info.language === "zh" ? "zh-CN" : "en";
  createRoot(root).render(<App actions={actions} lang={info.language} />);
  // A failure here is reported by the first job that needs the chunk.
  whenIdle(() => void actions.ready().catch(() => undefined));
});
