/**
 * The jobs on the live workbook (Excel mode): the Office.js adapter and the form engine, a chunk
 * of its own ("excel") that a page working on files never loads, fetched after the first paint.
 */
import type { Lang } from "../form/lang";
import { OfficeHost } from "../excel/office-host";
import type { PaneActions, Settings, SettingsStore } from "../jobs/actions";
import { createOfficeActions } from "../jobs/office-actions";
import { liveContext } from "./live-context";

export function excelActionsMaker(lang: Lang, store: SettingsStore): (settings: Settings) => PaneActions {
  return (settings) => {
    const host = new OfficeHost({ global: window });
    return createOfficeActions(liveContext(host, settings, lang), {
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
    });
  };
}
