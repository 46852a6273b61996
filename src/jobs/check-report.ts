/**
 * Checking reports the same way everywhere (command line, web page, live workbook): the
 * month asked for or every month, each against last month's report in the same workbook.
 */
import { cumulativeFigures } from "../form/cumulative";
import type { Finding } from "../form/findings";
import type { WorkbookGrids } from "../form/grid";
import { pickReport, priorReport } from "../form/locate";
import { addMonths, periodKey, type Period } from "../form/period";
import { detailPriors, reportPriors, type PriorPool, type PriorUnit } from "../form/prior-units";
import type { UnitReport } from "../form/report";
import { unitKey, type Roster } from "../form/roster";
import type { FormSpec } from "../form/spec";
import { validateReport } from "../form/validate";

export interface CheckOptions {
  spec: FormSpec;
  startMonth: number;
  deadlineDay: number;
  roster?: Roster;
  /** Last month's figures given from other files (`--prior`, other months among the files). */
  priors?: PriorPool;
}

/** The reports to check: the one for the month asked for, or all of them. */
export function reportsToCheck(reports: readonly UnitReport[], wanted: Period | undefined): UnitReport[] {
  if (!wanted) return [...reports];
  const r = pickReport(reports, wanted);
  return r ? [r] : [];
}

/** One report's findings; `all` are the workbook's reports, where last month is looked up. */
export function checkReport(
  report: UnitReport,
  all: readonly UnitReport[],
  opts: CheckOptions,
  fallback?: Period,
): { period?: Period; findings: Finding[]; priorUnknown?: boolean } {
  const period = report.period ?? fallback;
  if (!period) return { findings: [{ severity: "error", code: "period-unknown", sheet: report.sheet, params: { period: "?" } }] };
  const prior = priorReport(all, period, report);
  const priorCumulative = prior ? cumulativeFigures(prior) : opts.priors?.find(report.unit?.name, addMonths(period, -1))?.cumulative;
  return {
    period,
    findings: validateReport(report, opts.spec, {
      period,
      startMonth: opts.startMonth,
      deadlineDay: opts.deadlineDay,
      roster: opts.roster,
      priorCumulative,
    }),
    priorUnknown: !priorCumulative && period.month !== opts.startMonth,
  };
}

/** What a last-month file gives: each unit's own report of another month, or a county workbook's detail sheet. */
export function priorsOf(wb: WorkbookGrids, reports: readonly UnitReport[], spec: FormSpec): PriorUnit[] {
  return [...reportPriors(reports, wb.source), ...detailPriors(wb, spec)];
}

/**
 * The chosen reports of one file (or workbook), each checked; never a silent pass: when last
 * month is known for none of them, the first one says so once (未提供上月报表，累计数未核对).
 */
export function checkFileReports(
  chosen: readonly UnitReport[],
  all: readonly UnitReport[],
  opts: CheckOptions,
  fallback?: Period,
): Array<{ report: UnitReport; period?: Period; findings: Finding[] }> {
  let said = false;
  return chosen.map((report) => {
    const checked = checkReport(report, all, opts, fallback);
    const findings = [...checked.findings];
    if (checked.priorUnknown && !said) {
      said = true;
      findings.push({ severity: "warning", code: "prior-not-given", sheet: report.sheet, params: {} });
    }
    return { report, period: checked.period, findings };
  });
}

/**
 * True when a file with no report for the month asked holds the month before of a unit that
 * another file reports for that month: it served as that unit's prior, it is not a report missing.
 */
export function servedAsPrior(
  reports: readonly UnitReport[],
  all: ReadonlyArray<{ reports?: readonly UnitReport[] }>,
  period: Period | undefined,
): boolean {
  if (!period) return false;
  const wanted = new Set<string>();
  for (const f of all)
    for (const r of f.reports ?? []) if (r.period && periodKey(r.period) === periodKey(period) && r.unit) wanted.add(unitKey(r.unit.name));
  const before = periodKey(addMonths(period, -1));
  return reports.some((r) => r.period && periodKey(r.period) === before && r.unit && wanted.has(unitKey(r.unit.name)));
}
