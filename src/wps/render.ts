/**
 * A SheetPlan (src/form/plan.ts) written onto a new WPS worksheet through the ET model, the
 * same layout the Excel adapter and the .xlsx writer produce. Content goes in whole blocks:
 * number formats per rectangle of equal formats ("@" before any text is written, so a string
 * is never read as a formula, number or date), one Value2 assignment for all values, one
 * Formula assignment per rectangle of formula cells; styles per rectangle of equally styled
 * cells. The number of calls depends on the layout, not on the number of rows or units.
 */
import { cellAddress, columnLetters, type CellValue } from "../form/grid";
import type { PlanStyle, SheetPlan } from "../form/plan";
import type { DegradedFeature } from "../excel/capabilities";
import { PLAN_FONT, absoluteRows, cellOf, formatFor, planWidth, runs, styledCells, valueFor } from "../excel/plan-render";
import { groupRects, type KeyedCell, type KeyedRect } from "../excel/rects";
import { XL, type EtRange, type EtWorksheet } from "./et";

export function rectAddress(r: { top: number; left: number; bottom: number; right: number }): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Sets each rectangle's number format: one assignment per rectangle of equal formats. */
export function writeFormats(ws: EtWorksheet, cells: KeyedCell<string>[], origin = { top: 0, left: 0 }): void {
  for (const rect of groupRects(cells)) ws.Range(rectAddress(shift(rect, origin))).NumberFormat = rect.key;
}

/** Formula blocks: one Formula assignment per rectangle of formula cells. */
export function writeFormulas(
  ws: EtWorksheet,
  formulaAt: (r: number, c: number) => string | null,
  rows: number,
  cols: number,
  origin = { top: 0, left: 0 },
): void {
  const cells: KeyedCell<"f">[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (formulaAt(r, c) !== null) cells.push({ row: r, col: c, key: "f" });
  for (const rect of groupRects(cells)) {
    const block: string[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(formulaAt(r, c) as string);
      block.push(line);
    }
    ws.Range(rectAddress(shift(rect, origin))).Formula = valueBlock(block);
  }
}

function shift<K>(rect: KeyedRect<K>, origin: { top: number; left: number }): KeyedRect<K> {
  return {
    ...rect,
    top: rect.top + origin.top,
    bottom: rect.bottom + origin.top,
    left: rect.left + origin.left,
    right: rect.right + origin.left,
  };
}

/**
 * What a Value2 / Formula assignment takes: the 2D array for a block, the bare value for a
 * single cell (COM's convention, which WPS follows: a one-cell range reads and writes a scalar).
 */
export function valueBlock<T extends CellValue>(block: T[][]): T | T[][] {
  return block.length === 1 && block[0].length === 1 ? block[0][0] : block;
}

/** Number formats, values and formulas of the whole plan. */
export function renderContent(ws: EtWorksheet, plan: SheetPlan): void {
  const width = planWidth(plan);
  const rows = plan.rows.length;
  if (width === 0 || rows === 0) return;
  const formats: KeyedCell<string>[] = [];
  const values: CellValue[][] = [];
  let anyValue = false;
  for (let r = 0; r < rows; r++) {
    const line: CellValue[] = [];
    for (let c = 0; c < width; c++) {
      const cell = cellOf(plan, r, c);
      const f = formatFor(plan, cell);
      if (f !== null) formats.push({ row: r, col: c, key: f });
      const v = valueFor(cell);
      if (v !== null) anyValue = true;
      line.push(v);
    }
    values.push(line);
  }
  // "@" lands before the values: a text such as "=1+1" from someone's file stays text.
  writeFormats(ws, formats);
  if (anyValue) ws.Range(rectAddress({ top: 0, left: 0, bottom: rows - 1, right: width - 1 })).Value2 = valueBlock(values);
  writeFormulas(ws, (r, c) => cellOf(plan, r, c)?.formula ?? null, rows, width);
}

const H_ALIGN = { left: XL.hLeft, center: XL.hCenter, right: XL.hRight } as const;
const V_ALIGN = { top: XL.vTop, center: XL.vCenter, bottom: XL.vBottom } as const;

/** "#RRGGBB" → the BGR integer COM colours use. */
export function bgr(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Bad colour: ${hex}`);
  return parseInt(m[1], 16) + parseInt(m[2], 16) * 256 + parseInt(m[3], 16) * 65536;
}

function applyStyle(range: EtRange, s: PlanStyle): void {
  if (s.bold !== undefined || s.fontSize !== undefined) {
    const font = range.Font;
    if (s.bold !== undefined) font.Bold = s.bold;
    if (s.fontSize !== undefined) font.Size = s.fontSize;
  }
  if (s.hAlign) range.HorizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) range.VerticalAlignment = V_ALIGN[s.vAlign];
  if (s.wrap !== undefined) range.WrapText = s.wrap;
  if (s.fill) range.Interior.Color = bgr(s.fill);
  if (s.locked === false) range.Locked = false;
  if (s.border) {
    // The Borders collection itself: every edge and inside line of the block at once.
    const borders = range.Borders;
    borders.LineStyle = XL.continuous;
    borders.Weight = XL.thin;
  }
}

/**
 * Font, styles, merges, sizes, unlocked inputs, print set-up, validation and protection.
 * Returns the features WPS refused (print set-up needs a printer driver on some systems; data
 * validation may be missing): the sheet is still usable, the pane says what was left out.
 */
export function renderLayout(ws: EtWorksheet, plan: SheetPlan): DegradedFeature[] {
  const skipped: DegradedFeature[] = [];
  const width = planWidth(plan);
  if (width > 0 && plan.rows.length > 0) ws.Range(`A1:${columnLetters(width - 1)}${plan.rows.length}`).Font.Name = PLAN_FONT;
  for (const rect of groupRects(styledCells(plan))) applyStyle(ws.Range(rectAddress(rect)), plan.styles[rect.key]);
  for (const m of plan.merges) ws.Range(m).Merge();
  // ET's ColumnWidth is in characters, the plan's own unit.
  for (const [a, b, w] of runs(plan.columnWidths)) ws.Range(`${columnLetters(a)}:${columnLetters(b)}`).ColumnWidth = w;
  for (const [a, b, h] of runs(plan.rowHeights ?? [])) ws.Range(`${a + 1}:${b + 1}`).RowHeight = h;
  for (const input of plan.inputs ?? []) ws.Range(input).Locked = false;

  if (plan.print) {
    try {
      const p = plan.print;
      const ps = ws.PageSetup;
      ps.PaperSize = XL.paperA4;
      ps.Orientation = p.orientation === "landscape" ? XL.landscape : XL.portrait;
      if (p.fitToWidth) {
        // One page wide, as many tall as needed (Zoom off so the FitToPages values apply).
        ps.Zoom = false;
        ps.FitToPagesWide = 1;
        ps.FitToPagesTall = false;
      }
      ps.CenterHorizontally = p.centerHorizontally;
      if (p.printArea) ps.PrintArea = absoluteRange(p.printArea);
      if (p.printTitleRows) ps.PrintTitleRows = absoluteRows(p.printTitleRows);
    } catch {
      skipped.push("pageLayout");
    }
  }

  if (plan.validations && plan.validations.length > 0) {
    try {
      for (const v of plan.validations) {
        const dv = ws.Range(v.range).Validation;
        dv.Delete();
        dv.Add(v.kind === "whole" ? XL.validateWholeNumber : XL.validateDecimal, XL.alertStop, XL.greaterEqual, String(v.min));
        dv.IgnoreBlank = true;
        // Excel's limits, which WPS shares: input message 255 characters, error message 225.
        dv.InputMessage = v.prompt.slice(0, 255);
        dv.ErrorMessage = v.prompt.slice(0, 225);
        dv.ShowInput = true;
        dv.ShowError = true;
      }
    } catch {
      skipped.push("dataValidation");
    }
  }
  // Last: formats, validation and unlocking are refused once the sheet is protected.
  if (plan.protect) ws.Protect();
  return skipped;
}

/** "A1:D20" → "$A$1:$D$20" (PageSetup.PrintArea takes an A1 reference). */
export function absoluteRange(a1: string): string {
  return a1
    .split(":")
    .map((part) => part.replace(/\$/g, "").replace(/^([A-Za-z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
}
