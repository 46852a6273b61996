/**
 * The jobs on the live workbook inside WPS 表格: the WPS adapter (src/wps) and the form engine,
 * a chunk of its own ("wps") that Excel and the file mode never load, fetched after the first
 * paint. The same actions as in Excel (createOfficeActions), minus the cell highlighting.
 */
import type { Lang } from "../form/lang";
import type { PaneActions, Settings, SettingsStore } from "../jobs/actions";
import { createOfficeActions } from "../jobs/office-actions";
import { liveContext } from "./live-context";
import { WpsHost } from "../wps/wps-host";

export function wpsActionsMaker(lang: Lang, store: SettingsStore): (settings: Settings) => PaneActions {
  return (settings) => {
    const host = new WpsHost({ global: window });
    return createOfficeActions(liveContext(host, settings, lang), {
      store,
      mode: "wps",
      onChanged: async (sheets, cb) => host.onReportChanged(sheets, () => cb()),
    });
  };
}
