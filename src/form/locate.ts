/**
 * Finding the annex form in any grid by its labels, not by fixed coordinates: it may start
 * anywhere, have 序号 / 备注 columns, a merged title, notes below, labels with odd spacing.
 */
import type { Finding } from "./findings";
import { cellAddress, cellAt, gridBounds, presentRows, type SheetGrid, type SourceCell, type WorkbookGrids } from "./grid";
import { afterLabel, isCumulativeHeader, isMonthHeader, isUnitHeader, matchItem } from "./labels";
import { readFigure } from "./numbers";
import { addMonths, parsePeriod, parseYmd, periodKey, ymdFromSerial, type Period, type Ymd } from "./period";
import { readPeriodFromName } from "./period-text";
import type { ItemFigures, PeriodSource, UnitReport } from "./report";
import type { FormSpec } from "./spec";
import { cellText, fold } from "./text";

export interface LocateHints {
  /** File name, used last for the period and to guess the unit. */
  fileName?: string;
  /** The period the caller is after; supplies the year of a bare "7月" sheet name. */
  requested?: Period;
}

interface Header {
  row: number;
  monthCol: number;
  cumCol: number;
  unitCol?: number;
}

const text = (c: SourceCell | undefined): string => (c && c.value !== null ? cellText(c.value) : "");

/** A sheet's rows with their present cells, ascending: listed once per sheet, walked by every step. */
type Rows = ReturnType<typeof presentRows>;

function findHeader(rows: Rows, spec: FormSpec): Header | undefined {
  for (const { row: r, cells } of rows) {
    let monthCol = -1;
    let cumCol = -1;
    let unitCol: number | undefined;
    for (const { col: c, cell } of cells) {
      // Headers and labels are text; a figure never is one (most cells of a filled form).
      if (typeof cell.value === "number") continue;
      const t = text(cell);
      if (!t) continue;
      if (monthCol < 0 && isMonthHeader(t, spec)) monthCol = c;
      else if (cumCol < 0 && isCumulativeHeader(t, spec)) cumCol = c;
      else if (unitCol === undefined && isUnitHeader(t, spec)) unitCol = c;
    }
    if (monthCol >= 0 && cumCol >= 0) return { row: r, monthCol, cumCol, unitCol };
  }
  return undefined;
}

/** Items found below the header: first the best label column, then any column left of the figures. */
function findItems(rows: Rows, spec: FormSpec, h: Header): Map<string, number> {
  const firstFigureCol = Math.min(h.monthCol, h.cumCol);
  const found = new Map<string, { row: number; score: number }>();
  let misses = 0;
  let last = h.row;
  for (const { row: r, cells } of rows) {
    if (r <= h.row) continue;
    // Rows the sheet does not hold are blank rows: they count as misses like any other.
    if (found.size > 0) misses += r - last - 1;
    last = r;
    if (misses >= 6) break;
    let best: { id: string; score: number } | undefined;
    for (const { col: c, cell } of cells) {
      if (c >= firstFigureCol) break;
      if (c === h.unitCol || typeof cell.value === "number") continue;
      const t = text(cell);
      if (!t) continue;
      const m = matchItem(t, spec);
      if (m && (!best || m.score > best.score)) best = { id: m.item.id, score: m.score };
    }
    if (!best) {
      // Blank rows inside the table are fine; a run of unrelated rows ends it.
      if (found.size > 0) misses++;
      if (misses >= 6) break;
      continue;
    }
    misses = 0;
    const prior = found.get(best.id);
    if (!prior || best.score > prior.score) found.set(best.id, { row: r, score: best.score });
  }
  const byItem = new Map<string, number>();
  for (const [id, v] of found) byItem.set(id, v.row);
  return byItem;
}

interface LabelledValue {
  value: string;
  /** Cell holding the value (or where it should be written). */
  cell: string;
  labelCell: string;
  raw?: SourceCell;
}

/** Finds "填报单位(盖章):..." style label cells and the value beside or inside them. */
function findLabelled(
  grid: SheetGrid,
  rows: Rows,
  right: number,
  labels: readonly string[],
  stopLabels: readonly string[],
): LabelledValue | undefined {
  for (const { row: r, cells } of rows) {
    for (const { col: c, cell } of cells) {
      if (typeof cell.value === "number") continue;
      const t = text(cell);
      if (!t) continue;
      const rest = afterLabel(t, labels);
      if (rest === undefined) continue;
      const labelCell = cellAddress(r, c);
      // The value may follow in the same cell, unless what follows is the next label.
      const inCell = rest.split(/填报时间|填报日期|报送时间|报送日期|填表时间|填表日期|填报人|联系电话/)[0].trim();
      if (inCell) return { value: inCell, cell: labelCell, labelCell };
      for (let k = c + 1; k < Math.min(right, c + 4); k++) {
        const next = cellAt(grid, r, k);
        const nt = text(next).trim();
        if (!nt) continue;
        if (afterLabel(nt, stopLabels) !== undefined) break;
        return { value: nt, cell: cellAddress(r, k), labelCell, raw: next };
      }
      return { value: "", cell: cellAddress(r, c + 1), labelCell };
    }
  }
  return undefined;
}

/** Removes stamp words and brackets around a unit name: "(盖章)云集镇人民政府" → "云集镇人民政府". */
export function cleanUnitName(name: string): string {
  return fold(name)
    .replace(/\(?盖章\)?/g, "")
    .replace(/^[\s:：]+|[\s:：]+$/g, "")
    .trim();
}

function readDate(v: LabelledValue): Ymd | undefined {
  const raw = v.raw;
  if (raw && typeof raw.value === "number") {
    // A date cell arrives as a serial number; a plausible serial without a date format
    // (2000..2100) is still a date: nobody types 40000 into 填报时间.
    if (raw.value > 36000 && raw.value < 73100) return ymdFromSerial(raw.value);
    return parseYmd(String(raw.value));
  }
  return parseYmd(v.value);
}

function periodOf(
  grid: SheetGrid,
  rows: Rows,
  header: Header,
  submitted: Ymd | undefined,
  hints: LocateHints,
  skipCells: ReadonlySet<string>,
): { period: Period; source: PeriodSource } | undefined {
  const mark = grid.marks?.period;
  if (mark) {
    const p = parsePeriod(mark);
    if (p) return { period: p, source: "mark" };
  }
  // Texts above the table (title, sub-title) give a full year-month or at least a year.
  const above: string[] = [];
  for (const { row: r, cells } of rows) {
    if (r >= header.row) break;
    for (const { col: c, cell } of cells) {
      if (skipCells.has(cellAddress(r, c))) continue;
      const t = text(cell);
      if (t && afterLabel(t, ["填报时间", "填报日期", "报送时间", "报送日期", "填表时间", "填表日期"]) === undefined) above.push(t);
    }
  }
  const titleYear = (() => {
    for (const t of above) {
      const m = /(\d{4})\s*年/.exec(fold(t));
      if (m) return Number(m[1]);
    }
    return undefined;
  })();
  const fromName = readPeriodFromName(grid.sheet);
  if (fromName?.full) return { period: fromName.full, source: "sheet-name" };
  if (fromName?.month) {
    const year =
      titleYear ??
      (submitted ? (submitted.month < fromName.month ? submitted.year - 1 : submitted.year) : undefined) ??
      (hints.fileName ? readPeriodFromName(hints.fileName)?.full?.year : undefined) ??
      hints.requested?.year;
    if (year) return { period: { year, month: fromName.month }, source: "sheet-name" };
  }
  for (const t of above) {
    const p = readPeriodFromName(t)?.full;
    if (p) return { period: p, source: "title" };
  }
  if (submitted) return { period: addMonths({ year: submitted.year, month: submitted.month }, -1), source: "date" };
  const fromFile = hints.fileName ? readPeriodFromName(hints.fileName)?.full : undefined;
  if (fromFile) return { period: fromFile, source: "title" };
  return undefined;
}

/** Locates the form on one sheet; undefined when the sheet holds no form. */
export function locateReport(grid: SheetGrid, spec: FormSpec, hints: LocateHints = {}): UnitReport | undefined {
  const rows = presentRows(grid);
  const header = findHeader(rows, spec);
  if (!header) return undefined;
  const itemRows = findItems(rows, spec, header);
  // Fewer than three recognised rows is some other table that happens to say 本月/累计.
  if (itemRows.size < 3) return undefined;

  const findings: Finding[] = [];
  const items: ItemFigures[] = [];
  for (const item of spec.items) {
    const row = itemRows.get(item.id);
    if (row === undefined) {
      findings.push({ severity: "error", code: "item-missing", sheet: grid.sheet, params: { item: item.label, itemId: item.id } });
      continue;
    }
    const monthCell = cellAddress(row, header.monthCol);
    const cumCell = cellAddress(row, header.cumCol);
    const m = readFigure(cellAt(grid, row, header.monthCol), { sheet: grid.sheet, cell: monthCell, item, column: "month" });
    const c = readFigure(cellAt(grid, row, header.cumCol), { sheet: grid.sheet, cell: cumCell, item, column: "cumulative" });
    findings.push(...m.findings, ...c.findings);
    items.push({ item: item.id, row, month: m.figure, cumulative: c.figure });
  }

  const unitLabels = [spec.unitLabel, ...spec.unitLabelAliases];
  const dateLabels = [spec.dateLabel, ...spec.dateLabelAliases];
  const right = gridBounds(grid).right;
  const unitFound = findLabelled(grid, rows, right, unitLabels, dateLabels);
  const dateFound = findLabelled(grid, rows, right, dateLabels, unitLabels);
  const unitName = unitFound ? cleanUnitName(unitFound.value) : "";
  const date = dateFound && dateFound.value ? readDate(dateFound) : undefined;

  const report: UnitReport = {
    sheet: grid.sheet,
    items,
    findings,
    unitCell: unitFound?.cell,
    dateCell: dateFound?.cell,
  };
  if (unitName && unitFound) report.unit = { name: unitName, cell: unitFound.cell };
  if (date && dateFound) report.submitted = { date, cell: dateFound.cell };
  // The date's own cells say when it was sent, not which month it covers.
  const skip = new Set([dateFound?.labelCell, dateFound?.cell].filter((x): x is string => Boolean(x)));
  const p = periodOf(grid, rows, header, date, hints, skip);
  if (p) {
    report.period = p.period;
    report.periodSource = p.source;
  }
  return report;
}

/** Every report in a workbook, in sheet order. */
export function locateReports(workbook: WorkbookGrids, spec: FormSpec, hints: LocateHints = {}): UnitReport[] {
  const out: UnitReport[] = [];
  for (const grid of workbook.sheets) {
    const r = locateReport(grid, spec, { fileName: workbook.source || hints.fileName, ...hints });
    if (r) out.push(r);
  }
  return out;
}

/** "This file has no report for the month" (or none at all), naming the months it does have. */
export function noReportFinding(
  reports: readonly UnitReport[],
  wanted: Period | undefined,
  severity: Finding["severity"] = "error",
): Finding {
  return {
    severity,
    code: "no-report-for-period",
    sheet: "",
    params: { period: wanted ? periodKey(wanted) : "", found: reports.map((r) => (r.period ? periodKey(r.period) : "?")).join(", ") },
  };
}

/** Last month's report among a workbook's reports (the last such sheet), never `self`. */
export function priorReport(reports: readonly UnitReport[], period: Period, self?: UnitReport): UnitReport | undefined {
  const key = periodKey(addMonths(period, -1));
  const hits = reports.filter((r) => r !== self && r.period && periodKey(r.period) === key);
  return hits[hits.length - 1];
}

/**
 * The report for the period asked for. A workbook whose only report has no readable period
 * is taken as that period (with a warning); several candidates for one period → the last
 * sheet (the most recent copy), since a clerk adds a corrected copy after the original.
 */
export function pickReport(reports: readonly UnitReport[], period: Period): UnitReport | undefined {
  const exact = reports.filter((r) => r.period && r.period.year === period.year && r.period.month === period.month);
  if (exact.length > 0) return exact[exact.length - 1];
  const unknown = reports.filter((r) => !r.period);
  if (unknown.length === 1 && reports.length === 1) {
    const r = unknown[0];
    return {
      ...r,
      period,
      periodSource: "requested",
      findings: [
        ...r.findings,
        { severity: "warning", code: "period-unknown", sheet: r.sheet, params: { period: `${period.year}-${period.month}` } },
      ],
    };
  }
  return undefined;
}
