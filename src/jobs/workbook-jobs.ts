/**
 * The four jobs over the live workbook (any Host). Each job reads once, computes in the core,
 * and writes once: the number of round trips does not grow with rows, months or units.
 */
import type { Lang } from "../form/lang";
import { planFill, type PriorRef } from "../form/cumulative";
import type { SheetGrid } from "../form/grid";
import { countyPlans } from "../form/county-plans";
import { sheetNameForPeriod, templatePlan } from "../form/layout";
import { locateReport, locateReports, pickReport, priorReport } from "../form/locate";
import { addMonths, periodKey, type Period, type Ymd } from "../form/period";
import { buildReminder } from "../form/reminder";
import type { UnitReport } from "../form/report";
import { rosterFromGrid, type Roster } from "../form/roster";
import type { FormSpec } from "../form/spec";
import type { PickedFile } from "./actions";
import { matchKey } from "../form/text";
import type {
  FillOutcome,
  FillRequest,
  InsertOutcome,
  InsertRequest,
  MergeOutcome,
  MergeRequest,
  ReportCheck,
  Settings,
  ValidateRequest,
} from "./actions";
import { checkFileReports, priorsOf } from "./check-report";
import { detailPriors, PriorPool, type PriorUnit } from "../form/prior-units";
import { fillConflicts, fillWrites } from "./fill-writes";
import type { Host, SheetInfo } from "./host";
import { JobError } from "./job-error";
import { loadCountyInputs, loadPriorReport, mergeFiles, refuseWrongMonth } from "./merge-files";
import { pickedSource, type ParseWorkbook } from "./sources";

export interface JobContext {
  host: Host;
  spec: FormSpec;
  settings: Settings;
  lang: Lang;
  /** Loads the xlsx parser on first use (a separate chunk in the browser). */
  parser: () => Promise<ParseWorkbook>;
  today: () => Ymd;
  /** Who sends the 催报 text and whose name heads the county total. */
  office: string;
}

const ROSTER_SHEET = matchKey("单位名册");

/** The sheet already holding the month's report: by our mark first, then by name. */
export function findPeriodSheet(infos: readonly SheetInfo[], period: Period, kind?: string): SheetInfo | undefined {
  const key = periodKey(period);
  const byMark = infos.find((s) => s.marks.period === key && (s.marks.kind ?? undefined) === kind);
  if (byMark) return byMark;
  if (kind) return undefined;
  const name = matchKey(sheetNameForPeriod(period));
  return infos.find((s) => matchKey(s.name) === name);
}

export async function insertTemplateJob(ctx: JobContext, req: InsertRequest): Promise<InsertOutcome> {
  // One read (the sheet list with marks) and one write: the listing goes back to addSheets.
  const { sheets } = await ctx.host.listSheets();
  const existing = findPeriodSheet(sheets, req.period);
  if (existing && req.onConflict === "ask") return { status: "exists", sheet: existing.name };
  if (existing && req.onConflict === "open") {
    await ctx.host.activateSheet(existing.name);
    return { status: "exists", sheet: existing.name };
  }
  const plan = templatePlan(ctx.spec, req.period, req.unit);
  // "copy" also covers a same-named sheet that is not a report: never overwrite it.
  const { names } = await ctx.host.addSheets([plan], "copy", sheets);
  return { status: "inserted", sheet: names[0] };
}

interface WorkbookReports {
  grids: SheetGrid[];
  infos: SheetInfo[];
  active: string;
  reports: UnitReport[];
  roster?: Roster;
}

async function readReports(ctx: JobContext, requested?: Period): Promise<WorkbookReports> {
  const { sheets, infos, active } = await ctx.host.readAll();
  const reports: UnitReport[] = [];
  let roster: Roster | undefined;
  for (const g of sheets) {
    if (matchKey(g.sheet) === ROSTER_SHEET) {
      roster = rosterFromGrid(g);
      continue;
    }
    // Our own county outputs are not unit reports to validate or fill.
    if (g.marks?.kind === "county-detail") continue;
    const r = locateReport(g, ctx.spec, { requested });
    if (r) reports.push(r);
  }
  return { grids: sheets, infos, active, reports, roster };
}

/**
 * Last month's figures from a picked file, read once per picked file: the pane checks again on
 * every edit of the sheet, and a picked file is the bytes as they were when it was picked.
 */
const priorsByFile = new WeakMap<PickedFile, { spec: FormSpec; units: Promise<PriorUnit[]> }>();

function pickedPriors(ctx: JobContext, file: PickedFile): Promise<PriorUnit[]> {
  const known = priorsByFile.get(file);
  if (known && known.spec === ctx.spec) return known.units;
  const units = (async () => {
    const parse = await ctx.parser();
    const pw = await parse(new Uint8Array(await file.arrayBuffer()), file.name);
    return priorsOf(pw, locateReports(pw, ctx.spec, { fileName: file.name }), ctx.spec);
  })();
  priorsByFile.set(file, { spec: ctx.spec, units });
  // A read that failed is tried again next time (the error is the caller's to show).
  units.catch(() => priorsByFile.delete(file));
  return units;
}

export async function validateJob(ctx: JobContext, req: ValidateRequest): Promise<ReportCheck[]> {
  const wb = await readReports(ctx, req.period);
  const targets = req.scope === "all" ? wb.reports : wb.reports.filter((r) => r.sheet === wb.active);
  if (targets.length === 0) throw new JobError("not-a-report", { sheet: wb.active });
  // Last month: a sheet of this workbook first (checkReport), else the file picked for it.
  const priors = new PriorPool();
  if (req.prior) priors.add(await pickedPriors(ctx, req.prior));
  const opts = { spec: ctx.spec, startMonth: ctx.settings.startMonth, deadlineDay: ctx.settings.deadlineDay, roster: wb.roster, priors };
  return checkFileReports(targets, wb.reports, opts, req.period).map(({ report, period, findings }) => ({
    source: report.sheet,
    sheet: report.sheet,
    unit: report.unit?.name,
    period,
    findings,
  }));
}

export async function fillJob(ctx: JobContext, req: FillRequest): Promise<FillOutcome> {
  const wb = await readReports(ctx, req.period);
  const report = wb.reports.find((r) => r.sheet === wb.active);
  if (!report) throw new JobError("not-a-report", { sheet: wb.active });
  const period = report.period ?? req.period;
  if (!period) throw new JobError("report-month-unknown", { sheet: report.sheet });

  let prior: PriorRef | undefined;
  let priorSource = "";
  const inBook = priorReport(wb.reports, period, report);
  if (inBook) {
    prior = { report: inBook, sameWorkbookSheet: inBook.sheet };
    priorSource = inBook.sheet;
  } else if (req.priorFile) {
    const parse = await ctx.parser();
    const pr = await loadPriorReport(pickedSource(req.priorFile), parse, ctx.spec, period);
    if (pr) {
      prior = { report: pr };
      priorSource = `${req.priorFile.name} › ${pr.sheet}`;
    }
  }
  const plan = planFill(report, period, ctx.settings.startMonth, prior, req.mode, ctx.spec);
  // Never write over what the clerk typed without asking (the pane asks, then calls again).
  if (plan.replaces.length > 0 && !req.overwrite) {
    const confirm = fillConflicts(plan.replaces);
    return { sheet: report.sheet, period, priorSource, written: 0, findings: plan.findings, changed: [], confirm };
  }
  if (plan.cells.length > 0) await ctx.host.writeRanges(fillWrites(plan, report.sheet));
  const changed = plan.cells.length > 0 ? fillConflicts(plan.replaces) : [];
  return { sheet: report.sheet, period, priorSource, written: plan.cells.length, findings: plan.findings, changed };
}

export async function mergeJob(ctx: JobContext, req: MergeRequest): Promise<MergeOutcome> {
  if (req.files.length === 0) throw new JobError("no-files", { job: "merge" });
  const parse = await ctx.parser();
  // One read of the county workbook: its 单位名册 sheet, last month's total and last month's
  // per-unit detail (each unit's 累计数 is checked against its own row there), if there.
  const wb = await readReports(ctx, req.period);
  const priorSheet = findPeriodSheet(wb.infos, addMonths(req.period, -1), "county-total");
  const lastMonthUnits = detailPriors({ source: "", sheets: wb.grids }, ctx.spec).filter(
    (u) => periodKey(u.period) === periodKey(addMonths(req.period, -1)),
  );
  const inWorkbook = {
    roster: wb.roster,
    ...(lastMonthUnits.length > 0 ? { priorUnits: lastMonthUnits } : {}),
    priorCounty: priorSheet
      ? pickReport(
          wb.reports.filter((r) => r.sheet === priorSheet.name),
          addMonths(req.period, -1),
        )
      : undefined,
  };
  const picked = { roster: req.roster && pickedSource(req.roster), prior: req.prior && pickedSource(req.prior) };
  const { roster, priorCounty, priorUnits } = await loadCountyInputs(picked, parse, ctx.spec, req.period, inWorkbook);
  const sources = req.files.map(pickedSource);
  const result = await mergeFiles(sources, parse, {
    spec: ctx.spec,
    period: req.period,
    startMonth: ctx.settings.startMonth,
    deadlineDay: ctx.settings.deadlineDay,
    roster,
    priorCounty,
    priorUnits,
    onProgress: req.onProgress,
  });
  refuseWrongMonth(result);
  const today = ctx.today();
  // A roster from a file is kept in the county workbook's 单位名册 sheet (when it has none
  // yet), so next month's merge finds it there; an existing sheet is never replaced.
  const keepRoster = !wb.roster ? roster : undefined;
  const office = req.sender?.trim() || ctx.office;
  const plans = countyPlans(ctx.spec, result, { county: office, date: today, keepRoster });
  const { names } = await ctx.host.addSheets(plans, "copy", wb.infos);
  const reminder = buildReminder(result, { spec: ctx.spec, lang: ctx.lang, office, today, roster: !!roster, resendBy: req.resendBy });
  return { result, written: names, reminder };
}
