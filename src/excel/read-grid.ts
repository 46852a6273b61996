/** Loaded used-range data → SheetGrid (src/form/grid.ts). */
import { parseRange } from "../form/grid";
import type { SheetGrid, SourceCell } from "../form/grid";

export interface UsedRangeData {
  address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: string[][];
}

/** "'2018年7月'!B2:E20" → top/left of B2 (the sheet part may itself contain "!"). */
export function addressCorner(address: string): { top: number; left: number } {
  const cells = address.slice(address.lastIndexOf("!") + 1);
  const r = parseRange(cells);
  return { top: r.top, left: r.left };
}

/**
 * One cell. Excel returns errors as strings ("#REF!") with valueType "Error". A constant's
 * `formulas` entry is the constant itself, so text "=1+1" shows "=1+1" in both values and
 * formulas: a cell is a formula only when its formula text differs from its string value.
 */
export function sourceCell(value: unknown, formula: unknown, numberFormat: unknown, type: string): SourceCell | null {
  if (type === "Empty") return null;
  const isFormula = typeof formula === "string" && formula.startsWith("=") && !(type === "String" && value === formula);
  const cell: SourceCell =
    type === "Error"
      ? { value: null, error: String(value) }
      : { value: typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null };
  if (isFormula) cell.formula = formula as string;
  if (typeof numberFormat === "string" && numberFormat !== "General") cell.numberFormat = numberFormat;
  return cell;
}

export function gridFromRange(sheet: string, data: UsedRangeData | null, marks: Record<string, string>): SheetGrid {
  if (!data) return { sheet, top: 0, left: 0, cells: [], marks };
  const { top, left } = addressCorner(data.address);
  const cells = data.values.map((row, i) =>
    row.map((v, j) => sourceCell(v, data.formulas[i]?.[j], data.numberFormat[i]?.[j], data.valueTypes[i]?.[j] ?? "Empty")),
  );
  return { sheet, top, left, cells, marks };
}
