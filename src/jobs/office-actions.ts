/** The task pane's actions inside Excel: the four jobs over the live workbook. */
import type { FindingCode } from "../form/findings";
import { SENDER_KEY, UNIT_KEY, writeSettings, type PaneActions, type ReportCheck, type SettingsStore } from "./actions";
import { monthsHeld } from "./merge-files";
import { pickedSource } from "./sources";
import { fillJob, insertTemplateJob, mergeJob, validateJob, type JobContext } from "./workbook-jobs";

export interface OfficeExtras {
  /** Marks bad cells with a fill; clearHighlight restores exactly what was there. */
  highlight?(cells: { sheet: string; cell: string }[]): Promise<void>;
  clearHighlight?(): Promise<void>;
  /** Calls back when one of the sheets changes; returns an unsubscribe. Undefined when unsupported. */
  onChanged?(sheets: string[], callback: () => void): Promise<() => void>;
  /** Per-document settings (Office.context.document.settings; in WPS the pane's own storage). */
  store: SettingsStore;
  /** The host the live workbook is in (default Excel): the same actions serve WPS 表格. */
  mode?: "excel" | "wps";
}

/** Codes worth a fill colour: figures that are wrong, not merely unusual. */
const HIGHLIGHT: ReadonlySet<FindingCode> = new Set<FindingCode>([
  "negative",
  "not-a-number",
  "not-whole",
  "too-many-decimals",
  "formula-no-value",
  "cell-error",
  "cumulative-below-month",
  "cumulative-mismatch",
  "unit-missing",
]);

export function createOfficeActions(initial: JobContext, extras: OfficeExtras): PaneActions {
  // The sheets the last validation looked at: the ones whose edits call for a new check.
  let watched: string[] = [];
  // Replaced by saveSettings; each job takes the context current when it starts.
  let ctx = initial;
  const actions: PaneActions = {
    mode: extras.mode ?? "excel",
    get settings() {
      return ctx.settings;
    },
    saveSettings(next) {
      writeSettings(extras.store, next);
      ctx = { ...ctx, settings: { ...next } };
    },
    rememberedUnit: () => extras.store.get(UNIT_KEY) ?? "",
    rememberUnit: (unit) => extras.store.set(UNIT_KEY, unit),
    rememberedSender: () => extras.store.get(SENDER_KEY) ?? "",
    rememberSender: (name) => extras.store.set(SENDER_KEY, name),
    insertTemplate: (req) => insertTemplateJob(ctx, req),
    openSheet: (sheet) => ctx.host.activateSheet(sheet),
    async validate(req) {
      const checks: ReportCheck[] = await validateJob(ctx, req);
      watched = checks.map((c) => c.sheet);
      if (req.highlight && extras.highlight) {
        const cells = checks.flatMap((c) =>
          c.findings.filter((f) => f.cell && HIGHLIGHT.has(f.code)).map((f) => ({ sheet: f.sheet, cell: f.cell as string })),
        );
        await extras.clearHighlight?.();
        if (cells.length > 0) await extras.highlight(cells);
      }
      return checks;
    },
    selectCell: (sheet, cell) => ctx.host.selectCell(sheet, cell),
    fillCumulative: (req) => fillJob(ctx, req),
    merge: (req) => mergeJob(ctx, req),
    monthsHeld: async (files) => monthsHeld(files.map(pickedSource), await ctx.parser(), ctx.spec),
  };
  if (extras.clearHighlight) actions.clearHighlight = () => extras.clearHighlight!();
  if (extras.onChanged) actions.onSheetChanged = (cb) => extras.onChanged!(watched, cb);
  return actions;
}
