/** The form's rules. Every problem is a Finding; nothing here throws for bad user data. */
import { expectedCumulative, type Figures } from "./cumulative";
import type { Finding } from "./findings";
import { parseAddress } from "./grid";
import { addMonths, compareYmd, periodKey, ymdKey, type Period, type Ymd } from "./period";
import { formatScaled, type UnitReport } from "./report";
import { matchUnit, type Roster } from "./roster";
import type { FormSpec } from "./spec";

export interface ValidateOptions {
  period: Period;
  /** Month the running total restarts (1..12). */
  startMonth: number;
  /** Deadline day in the month after the period. */
  deadlineDay: number;
  /** Last month's 累计数 by item, when last month's report is known. */
  priorCumulative?: Figures;
  /** Set when the caller looked for last month's report and found none. */
  priorMissing?: boolean;
  roster?: Roster;
}

/** The last day a report for the period is on time: deadlineDay of the next month (clamped). */
export function deadlineFor(period: Period, deadlineDay: number): Ymd {
  const next = addMonths(period, 1);
  const lastDay = new Date(Date.UTC(next.year, next.month, 0)).getUTCDate();
  return { year: next.year, month: next.month, day: Math.min(Math.max(1, deadlineDay), lastDay) };
}

export function isLate(submitted: Ymd | undefined, period: Period, deadlineDay: number): boolean {
  return submitted !== undefined && compareYmd(submitted, deadlineFor(period, deadlineDay)) > 0;
}

/** Reading findings plus rule findings, errors first then in sheet order. */
export function validateReport(report: UnitReport, spec: FormSpec, opts: ValidateOptions): Finding[] {
  const out: Finding[] = [...report.findings];
  const sheet = report.sheet;

  if (!report.unit) out.push({ severity: "error", code: "unit-missing", sheet, cell: report.unitCell, params: {} });
  else if (opts.roster && opts.roster.units.length > 0 && !matchUnit(report.unit.name, opts.roster))
    out.push({ severity: "warning", code: "unit-not-on-roster", sheet, cell: report.unit.cell, params: { unit: report.unit.name } });

  if (!report.submitted) out.push({ severity: "warning", code: "date-missing", sheet, cell: report.dateCell, params: {} });
  else if (isLate(report.submitted.date, opts.period, opts.deadlineDay))
    out.push({
      severity: "warning",
      code: "late",
      sheet,
      cell: report.submitted.cell,
      params: { submitted: ymdKey(report.submitted.date), deadline: ymdKey(deadlineFor(opts.period, opts.deadlineDay)) },
    });

  for (const fig of report.items) {
    const item = spec.items.find((i) => i.id === fig.item);
    if (!item) continue;
    const m = fig.month.scaled;
    const c = fig.cumulative.scaled;
    if (m !== undefined && c !== undefined && c < m) {
      out.push({
        severity: "error",
        code: "cumulative-below-month",
        sheet,
        cell: fig.cumulative.cell,
        params: { item: item.label, itemId: item.id, month: formatScaled(m), cumulative: formatScaled(c) },
      });
      continue;
    }
    const prior = opts.priorCumulative?.[item.id];
    const expected = expectedCumulative(m, prior, opts.period, opts.startMonth);
    if (expected !== undefined && c !== undefined && c !== expected) {
      out.push({
        severity: "error",
        code: "cumulative-mismatch",
        sheet,
        cell: fig.cumulative.cell,
        params: {
          item: item.label,
          itemId: item.id,
          expected: formatScaled(expected),
          actual: formatScaled(c),
          month: formatScaled(m ?? 0),
          prior: prior === undefined || opts.period.month === opts.startMonth ? "" : formatScaled(prior),
          startMonth: opts.startMonth,
        },
      });
    }
  }

  if (opts.priorMissing && opts.period.month !== opts.startMonth)
    out.push({ severity: "warning", code: "prior-missing", sheet, params: { prior: periodKey(addMonths(opts.period, -1)) } });

  const activities = report.items.find((i) => i.item === "activities")?.month;
  const officers = report.items.find((i) => i.item === "officers")?.month;
  if (activities?.scaled !== undefined && officers?.scaled !== undefined && officers.scaled < 2 * activities.scaled)
    out.push({
      severity: "warning",
      code: "officers-below-twice-activities",
      sheet,
      cell: officers.cell,
      params: { officers: formatScaled(officers.scaled), activities: formatScaled(activities.scaled) },
    });

  return sortFindings(out);
}

/** Errors before warnings; within each, by row then column of the cell. */
export function sortFindings(findings: Finding[]): Finding[] {
  const pos = (f: Finding): number => {
    if (!f.cell) return -1;
    const { row, col } = parseAddress(f.cell);
    return row * 20000 + col;
  };
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.severity === b.f.severity ? 0 : a.f.severity === "error" ? -1 : 1) || pos(a.f) - pos(b.f) || a.i - b.i)
    .map((x) => x.f);
}
