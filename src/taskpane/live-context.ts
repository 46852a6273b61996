/**
 * What the jobs on a live workbook (Excel or WPS) need besides the host: the form, the
 * settings, today's date, the sender's name, and the file parser (on a Web Worker where one
 * can run), the same in both hosts.
 */
import type { Lang } from "../form/lang";
import { ANNEX } from "../form/spec";
import type { Settings } from "../jobs/actions";
import { loadFilesModule } from "../jobs/files-module";
import type { Host } from "../jobs/host";
import type { JobContext } from "../jobs/workbook-jobs";
import { todayYmd } from "./browser";
import { officeName } from "./office-name";
import { offThreadParser } from "./parse-workers";

export function liveContext(host: Host, settings: Settings, lang: Lang): JobContext {
  return {
    host,
    spec: ANNEX,
    settings,
    lang,
    parser: async () => (await loadFilesModule({ offThread: offThreadParser })).parse,
    today: todayYmd,
    office: officeName(lang),
  };
}
