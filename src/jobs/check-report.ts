/**
 * Checking reports the same way everywhere (command line, web page, live workbook): the
 * month asked for or every month, each against last month's report in the same workbook.
 */
import { cumulativeFigures } from "../form/cumulative";
import type { Finding } from "../form/findings";
import { pickReport, priorReport } from "../form/locate";
import { addMonths, type Period } from "../form/period";
import type { PriorPool } from "../form/prior-units";
import type { UnitReport } from "../form/report";
import type { Roster } from "../form/roster";
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
