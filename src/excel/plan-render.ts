/**
 * Queues the Office.js statements that render a SheetPlan onto a new worksheet. Nothing here
 * syncs: the caller decides how statements are packed into requests.
 *
 * Content goes as whole 2D arrays (number formats first, then values, then formula blocks),
 * so a string is written into a cell already formatted as text ("@") and is never parsed as a
 * formula, number or date. Styles go per rectangle of equally styled cells.
 */
import { columnLetters, cellAddress, parseRange } from "../form/grid";
import type { CellValue } from "../form/grid";
import type { PlanCell, PlanStyle, SheetPlan } from "../form/plan";
import type { Capabilities, DegradedFeature } from "./capabilities";
import { groupRects, type KeyedCell } from "./rects";
import { columnWidthPoints } from "./units";

/** The font of the printed annex. */
export const PLAN_FONT = "宋体";

/** Rough JSON cost of one statement (object path and action) besides its data. */
const STATEMENT_BYTES = 200;

const encoder = new TextEncoder();
export function jsonBytes(v: unknown): number {
  return encoder.encode(JSON.stringify(v)).length;
}

export function planWidth(plan: SheetPlan): number {
  return plan.rows.reduce((w, r) => Math.max(w, r.length), 0);
}

export function cellOf(plan: SheetPlan, r: number, c: number): PlanCell | null {
  return plan.rows[r]?.[c] ?? null;
}

/** Text is formatted "@" before it is written; formula cells must not be text-formatted. */
export function formatFor(plan: SheetPlan, cell: PlanCell | null): string | null {
  if (!cell) return null;
  const styleFormat = cell.style ? plan.styles[cell.style]?.numberFormat : undefined;
  if (cell.formula) return styleFormat && styleFormat !== "@" ? styleFormat : null;
  if (typeof cell.value === "string") return "@";
  return styleFormat ?? null;
}

export function valueFor(cell: PlanCell | null): CellValue {
  if (!cell || cell.formula || cell.value === "") return null;
  return cell.value;
}

export interface RowBand {
  /** Plan rows [start, end). */
  start: number;
  end: number;
  bytes: number;
}

function rowArrays(plan: SheetPlan, r: number, width: number): { formats: (string | null)[]; values: CellValue[] } {
  const formats: (string | null)[] = [];
  const values: CellValue[] = [];
  for (let c = 0; c < width; c++) {
    const cell = cellOf(plan, r, c);
    formats.push(formatFor(plan, cell));
    values.push(valueFor(cell));
  }
  return { formats, values };
}

/**
 * Splits the plan's rows into bands whose content stays below maxBytes per request (Excel on
 * the web refuses requests above 5 MB). A small plan is one band.
 */
export function contentBands(plan: SheetPlan, maxBytes: number): RowBand[] {
  const width = planWidth(plan);
  const bands: RowBand[] = [];
  let start = 0;
  let bytes = 3 * STATEMENT_BYTES;
  for (let r = 0; r < plan.rows.length; r++) {
    const { formats, values } = rowArrays(plan, r, width);
    const formulas = (plan.rows[r] ?? []).filter((c) => c?.formula).map((c) => c?.formula ?? "");
    const rowBytes = jsonBytes(formats) + jsonBytes(values) + jsonBytes(formulas) + formulas.length * STATEMENT_BYTES;
    if (r > start && bytes + rowBytes > maxBytes) {
      bands.push({ start, end: r, bytes });
      start = r;
      bytes = 3 * STATEMENT_BYTES;
    }
    bytes += rowBytes;
  }
  bands.push({ start, end: plan.rows.length, bytes });
  return bands;
}

/** Number formats, values and formulas of plan rows [band.start, band.end). */
export function queueContent(ws: Excel.Worksheet, plan: SheetPlan, band: RowBand): void {
  const width = planWidth(plan);
  if (width === 0 || band.end <= band.start) return;
  const formats: (string | null)[][] = [];
  const values: CellValue[][] = [];
  for (let r = band.start; r < band.end; r++) {
    const row = rowArrays(plan, r, width);
    formats.push(row.formats);
    values.push(row.values);
  }
  const address = `A${band.start + 1}:${columnLetters(width - 1)}${band.end}`;
  const range = ws.getRange(address);
  // Office.js runs statements in order: the "@" formats land before the values.
  if (formats.some((row) => row.some((f) => f !== null))) range.numberFormat = formats;
  if (values.some((row) => row.some((v) => v !== null))) range.values = values;

  const formulaCells: KeyedCell<"f">[] = [];
  for (let r = band.start; r < band.end; r++)
    for (let c = 0; c < width; c++) if (cellOf(plan, r, c)?.formula) formulaCells.push({ row: r, col: c, key: "f" });
  for (const rect of groupRects(formulaCells)) {
    const block: string[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(cellOf(plan, r, c)?.formula ?? "");
      block.push(line);
    }
    ws.getRange(`${cellAddress(rect.top, rect.left)}:${cellAddress(rect.bottom, rect.right)}`).formulas = block;
  }
}

/** Each plan cell's style, with a merged area's style spread from its top-left cell. */
export function styledCells(plan: SheetPlan): KeyedCell<string>[] {
  const key = (r: number, c: number): string => `${r},${c}`;
  const styles = new Map<string, KeyedCell<string>>();
  plan.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.style && plan.styles[cell.style]) styles.set(key(r, c), { row: r, col: c, key: cell.style });
    }),
  );
  for (const m of plan.merges) {
    const { top, left, bottom, right } = parseRange(m);
    const anchor = styles.get(key(top, left));
    if (!anchor) continue;
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (!styles.has(key(r, c))) styles.set(key(r, c), { row: r, col: c, key: anchor.key });
  }
  return [...styles.values()];
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function applyStyle(range: Excel.Range, s: PlanStyle, rows: number, cols: number): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.hAlign) f.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) f.verticalAlignment = V_ALIGN[s.vAlign];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.fill) f.fill.color = s.fill;
  if (s.locked === false) f.protection.locked = false;
  if (s.border) {
    const edges: Excel.BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as Excel.BorderIndex[];
    // Inside edges exist only when the block has more than one row / column.
    if (rows > 1) edges.push("InsideHorizontal" as Excel.BorderIndex);
    if (cols > 1) edges.push("InsideVertical" as Excel.BorderIndex);
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = "Continuous";
      b.weight = "Thin";
    }
  }
}

/** Runs of equal values: [first index, last index, value]. */
export function runs<T>(xs: readonly (T | undefined)[]): [number, number, T][] {
  const out: [number, number, T][] = [];
  xs.forEach((x, i) => {
    if (x === undefined) return;
    const last = out[out.length - 1];
    if (last && last[1] === i - 1 && last[2] === x) last[1] = i;
    else out.push([i, i, x]);
  });
  return out;
}

export function absoluteRows(rows: string): string {
  return rows
    .split(":")
    .map((r) => `$${r.replace(/\$/g, "")}`)
    .join(":");
}

/**
 * Styles, merges, sizes, panes, print set-up, validation and protection (marks: queueMark). Returns the
 * features the plan asked for that this Excel cannot do.
 */
export function queueLayout(ws: Excel.Worksheet, plan: SheetPlan, caps: Capabilities): DegradedFeature[] {
  const skipped: DegradedFeature[] = [];
  const width = planWidth(plan);
  if (width > 0 && plan.rows.length > 0) ws.getRange(`A1:${columnLetters(width - 1)}${plan.rows.length}`).format.font.name = PLAN_FONT;

  for (const rect of groupRects(styledCells(plan))) {
    const style = plan.styles[rect.key];
    const range = ws.getRange(`${cellAddress(rect.top, rect.left)}:${cellAddress(rect.bottom, rect.right)}`);
    applyStyle(range, style, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
  }
  for (const m of plan.merges) ws.getRange(m).merge(false);

  for (const [a, b, w] of runs(plan.columnWidths))
    ws.getRange(`${columnLetters(a)}:${columnLetters(b)}`).format.columnWidth = columnWidthPoints(w);
  for (const [a, b, h] of runs(plan.rowHeights ?? [])) ws.getRange(`${a + 1}:${b + 1}`).format.rowHeight = h;
  for (const input of plan.inputs ?? []) ws.getRange(input).format.protection.locked = false;
  if (plan.freezeRows && plan.freezeRows > 0 && caps.baseline) ws.freezePanes.freezeRows(plan.freezeRows);

  if (plan.print) {
    if (caps.pageLayout) {
      const p = plan.print;
      const pl = ws.pageLayout;
      pl.paperSize = "A4";
      pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
      // "Fit All Columns on One Page": one page wide, pages tall automatic (0), as Excel's
      // own action recorder writes it.
      if (p.fitToWidth) pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      pl.centerHorizontally = p.centerHorizontally;
      if (p.printArea) pl.setPrintArea(p.printArea);
      if (p.printTitleRows) pl.setPrintTitleRows(absoluteRows(p.printTitleRows));
    } else skipped.push("pageLayout");
  }

  if (plan.validations && plan.validations.length > 0) {
    if (caps.dataValidation) {
      for (const v of plan.validations) {
        const dv = ws.getRange(v.range).dataValidation;
        const basic: Excel.BasicDataValidation = { formula1: v.min, operator: "GreaterThanOrEqualTo" };
        dv.rule = v.kind === "whole" ? { wholeNumber: basic } : { decimal: basic };
        // Excel's limits: prompt message 255 characters, error message 225.
        dv.prompt = { showPrompt: true, title: "", message: v.prompt.slice(0, 255) };
        dv.errorAlert = { showAlert: true, style: "Stop", title: "", message: v.prompt.slice(0, 225) };
      }
    } else skipped.push("dataValidation");
  }

  // Last: formats, validation and unlocking are refused once the sheet is protected.
  if (plan.protect) ws.protection.protect();
  return skipped;
}

/**
 * A plan's marks on its new sheet: a workbook-scoped name (spelled by marks.ts markName) that
 * refers to the sheet's A1, hidden so it stays out of the Name Box list. NamedItemCollection.add
 * takes a Range (ExcelApi 1.4); `visible` is ExcelApi 1.1.
 */
export function queueMark(names: Excel.NamedItemCollection, ws: Excel.Worksheet, name: string): void {
  const item = names.add(name, ws.getRange("A1"));
  item.visible = false;
}

/** Rough size of the layout statements (styles, merges, widths ...) of a plan. */
export function layoutBytes(plan: SheetPlan): number {
  const statements =
    groupRects(styledCells(plan)).length * 12 +
    plan.merges.length +
    plan.columnWidths.length +
    (plan.rowHeights?.length ?? 0) +
    (plan.inputs?.length ?? 0) +
    (plan.validations?.length ?? 0) * 3 +
    Object.keys(plan.marks ?? {}).length +
    12;
  return statements * STATEMENT_BYTES + jsonBytes(plan.validations ?? []) + jsonBytes(plan.marks ?? {});
}
