/**
 * Running totals: this month's 累计数 = last month's 累计数 + this month's 本月数, restarting
 * at the start month (January by default). A missing prior month is reported, never guessed.
 */
import type { Finding } from "./findings";
import { addMonths, periodKey, type Period } from "./period";
import type { UnitReport } from "./report";
import { quoteSheet } from "./sheet-names";
import type { FormSpec } from "./spec";

/** Scaled figures by item id; undefined where the figure could not be read. */
export type Figures = Record<string, number | undefined>;

export function monthFigures(report: UnitReport): Figures {
  const out: Figures = {};
  for (const i of report.items) out[i.item] = i.month.scaled;
  return out;
}

export function cumulativeFigures(report: UnitReport): Figures {
  const out: Figures = {};
  for (const i of report.items) out[i.item] = i.cumulative.scaled;
  return out;
}

export function isStartMonth(period: Period, startMonth: number): boolean {
  return period.month === startMonth;
}

/**
 * The 累计数 a month should have: its own 本月数 at the start month, otherwise the prior
 * 累计数 plus 本月数; undefined when a needed figure is unknown.
 */
export function expectedCumulative(
  month: number | undefined,
  prior: number | undefined,
  period: Period,
  startMonth: number,
): number | undefined {
  if (month === undefined) return undefined;
  if (isStartMonth(period, startMonth)) return month;
  return prior === undefined ? undefined : prior + month;
}

export interface FillCell {
  item: string;
  /** A1 address of the 累计数 cell. */
  cell: string;
  /** Scaled value to write. */
  scaled: number;
  /** Live formula (Excel mode, prior in the same workbook). */
  formula?: string;
}

export interface FillPlan {
  cells: FillCell[];
  findings: Finding[];
  /**
   * 累计数 cells that already hold something other than what would be written: a typed
   * number that differs, or text. Writing over them loses what the clerk typed, so the
   * workbook job asks first.
   */
  replaces: FillReplace[];
}

export interface FillReplace {
  item: string;
  cell: string;
  /** What the cell holds now (scaled), undefined when it is not a number. */
  current: number | undefined;
  /** What would be written (scaled). */
  scaled: number;
}

export interface PriorRef {
  report: UnitReport;
  /** The prior report's sheet in the same workbook (enables formulas), if it is there. */
  sameWorkbookSheet?: string;
}

/**
 * What to write into the 累计数 column. Nothing is planned for an item whose 本月数 or prior
 * 累计数 is unknown; the findings say why.
 */
export function planFill(
  report: UnitReport,
  period: Period,
  startMonth: number,
  prior: PriorRef | undefined,
  mode: "values" | "formulas",
  spec: FormSpec,
): FillPlan {
  const findings: Finding[] = [];
  const start = isStartMonth(period, startMonth);
  if (!start && !prior) {
    findings.push({
      severity: "error",
      code: "prior-missing",
      sheet: report.sheet,
      params: { prior: periodKey(addMonths(period, -1)) },
    });
    return { cells: [], findings, replaces: [] };
  }
  const priorCum = prior ? cumulativeFigures(prior.report) : {};
  const priorCell = new Map(prior?.report.items.map((i) => [i.item, i.cumulative.cell]) ?? []);
  const cells: FillCell[] = [];
  const replaces: FillReplace[] = [];
  for (const fig of report.items) {
    const item = spec.items.find((i) => i.id === fig.item);
    if (!item) continue;
    const value = expectedCumulative(fig.month.scaled, priorCum[fig.item], period, startMonth);
    if (value === undefined) {
      // Say why this cell stays empty: its 本月数 could not be read.
      findings.push(...report.findings.filter((f) => f.severity === "error" && f.cell === fig.month.cell));
      continue;
    }
    const cell: FillCell = { item: fig.item, cell: fig.cumulative.cell, scaled: value };
    if (mode === "formulas") {
      if (start) cell.formula = `=${fig.month.cell}`;
      else if (prior?.sameWorkbookSheet && priorCell.get(fig.item))
        cell.formula = `=${quoteSheet(prior.sameWorkbookSheet)}!${priorCell.get(fig.item)}+${fig.month.cell}`;
    }
    cells.push(cell);
    const now = fig.cumulative;
    if (!now.blank && now.scaled !== value) replaces.push({ item: fig.item, cell: now.cell, current: now.scaled, scaled: value });
  }
  return { cells, findings, replaces };
}

/**
 * Running totals over consecutive months of one unit (used for chains and property tests):
 * returns each month's 累计数, or undefined from the first gap on.
 */
export function runningTotals(
  months: ReadonlyArray<{ period: Period; month: Figures }>,
  startMonth: number,
): Array<{ period: Period; cumulative: Figures | undefined }> {
  const out: Array<{ period: Period; cumulative: Figures | undefined }> = [];
  let prev: { period: Period; cumulative: Figures | undefined } | undefined;
  for (const m of months) {
    const follows = prev && periodKey(addMonths(prev.period, 1)) === periodKey(m.period);
    let cumulative: Figures | undefined;
    if (isStartMonth(m.period, startMonth)) cumulative = { ...m.month };
    else if (follows && prev?.cumulative) {
      cumulative = {};
      for (const id of Object.keys(m.month)) cumulative[id] = expectedCumulative(m.month[id], prev.cumulative[id], m.period, startMonth);
    }
    prev = { period: m.period, cumulative };
    out.push(prev);
  }
  return out;
}
