/**
 * The jobs on picked files (file mode), with the form engine: a chunk of its own ("jobs"),
 * loaded after the pane's first paint.
 */
import type { Lang } from "../form/lang";
import { ANNEX } from "../form/spec";
import type { PaneActions, Settings, SettingsStore } from "../jobs/actions";
import { createFileActions } from "../jobs/file-actions";
import { loadFilesModule } from "../jobs/files-module";
import { downloadBytes, todayYmd } from "./browser";
import { officeName } from "./office-name";
import { offThreadParser } from "./parse-workers";

export function fileActionsMaker(lang: Lang, store: SettingsStore): (settings: Settings) => PaneActions {
  return (settings) =>
    createFileActions({
      spec: ANNEX,
      settings,
      lang,
      files: () => loadFilesModule({ offThread: offThreadParser }),
      download: downloadBytes,
      today: todayYmd,
      office: officeName(lang),
      store,
    });
}
