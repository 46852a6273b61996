/**
 * The jobs on the live workbook inside WPS 表格: the WPS adapter (src/wps) and the form engine,
 * a chunk of its own ("wps") that Excel and the file mode never load, fetched after the first
 * paint. The same actions as in Excel (createOfficeActions), minus the cell highlighting.
 */
import type { Lang } from "../form/lang";
import { ANNEX } from "../form/spec";
import type { PaneActions, Settings, SettingsStore } from "../jobs/actions";
import { loadFilesModule } from "../jobs/files-module";
import { createOfficeActions } from "../jobs/office-actions";
import { WpsHost } from "../wps/wps-host";
import { todayYmd } from "./browser";
import { officeName } from "./office-name";

export function wpsActionsMaker(lang: Lang, store: SettingsStore): (settings: Settings) => PaneActions {
  return (settings) => {
    const host = new WpsHost({ global: window });
    return createOfficeActions(
      { host, spec: ANNEX, settings, lang, parser: async () => (await loadFilesModule()).parse, today: todayYmd, office: officeName(lang) },
      { store, mode: "wps", onChanged: async (sheets, cb) => host.onReportChanged(sheets, () => cb()) },
    );
  };
}
