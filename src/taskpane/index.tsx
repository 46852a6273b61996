/**
 * The pane's entry: find out where it runs, build the matching actions (live workbook or
 * picked files) and render the same App either way.
 */
import { createRoot } from "react-dom/client";
import { ANNEX } from "../form/spec";
import type { PaneActions, Settings } from "../jobs/actions";
import { createFileActions } from "../jobs/file-actions";
import { loadFilesModule } from "../jobs/files-module";
import { App } from "./components/App";
import { detectHost } from "./boot";
import { browserStore, downloadBytes, todayYmd } from "./browser";

function settingsFrom(store: { get(key: string): string | null }): Settings {
  const num = (key: string, def: number, min: number, max: number) => {
    const n = Number(store.get(key));
    return Number.isInteger(n) && n >= min && n <= max ? n : def;
  };
  return { deadlineDay: num("yuebao.deadlineDay", 10, 1, 31), startMonth: num("yuebao.startMonth", 1, 1, 12) };
}

/** The Office.js adapter is its own chunk: a page working on files never loads it. */
async function excelActions(lang: "zh" | "en"): Promise<PaneActions> {
  const [{ OfficeHost }, { documentSettings }, { createOfficeActions }] = await Promise.all([
    import(/* webpackChunkName: "excel" */ "../excel/office-host"),
    import(/* webpackChunkName: "excel" */ "../excel/document-settings"),
    import(/* webpackChunkName: "excel" */ "../jobs/office-actions"),
  ]);
  const host = new OfficeHost({ global: window });
  const store = documentSettings(window, (err) => console.error("Yuebao: saving document settings failed", err));
  const settings = settingsFrom(store);
  const office = lang === "zh" ? "县安委办" : "County safety office";
  return createOfficeActions(
    { host, spec: ANNEX, settings, lang, parser: async () => (await loadFilesModule()).parse, today: todayYmd, office },
    {
      store,
      highlight: async (cells) => void (await host.highlight(cells)),
      clearHighlight: async () => void (await host.clearHighlight()),
      ...(host.capabilities.changeEvents
        ? {
            onChanged: async (sheets: string[], cb: () => void) => {
              const off = await host.onReportChanged(sheets, () => cb());
              return () => void off();
            },
          }
        : {}),
    },
  );
}

function fileActions(lang: "zh" | "en"): PaneActions {
  const store = browserStore();
  return createFileActions({
    spec: ANNEX,
    settings: settingsFrom(store),
    lang,
    files: loadFilesModule,
    download: downloadBytes,
    today: todayYmd,
    office: lang === "zh" ? "县安委办" : "County safety office",
    store,
  });
}

void detectHost().then(async (info) => {
  const root = document.getElementById("root");
  if (!root) throw new Error("taskpane.html has no #root element");
  const actions = info.mode === "excel" ? await excelActions(info.language) : fileActions(info.language);
  document.documentElement.lang = info.language === "zh" ? "zh-CN" : "en";
  createRoot(root).render(<App actions={actions} lang={info.language} />);
});
