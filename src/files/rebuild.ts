/**
 * A workbook read from a legacy file (.xls, .et, .ods, .xlsb) as plans for the .xlsx writer,
 * with a fill's cells applied: fill never writes a half-faithful legacy file, it writes a fresh
 * .xlsx holding every sheet's values, number formats, merged ranges and our marks. Text from
 * the file stays text (an error value such as #DIV/0! is kept as its text); the only live
 * formulas are the fill's own.
 */
import type { SourceCell, WorkbookGrids } from "../form/grid";
import { parseAddress } from "../form/grid";
import type { PlanCell, PlanStyle, RangeWrite, SheetPlan } from "../form/plan";

/** Display width of a value in Excel character units (CJK characters count two). */
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

export function gridsToPlans(grids: WorkbookGrids, writes: readonly RangeWrite[] = []): SheetPlan[] {
  return grids.sheets.map((g) => {
    const styles: Record<string, PlanStyle> = {};
    const styleOf = new Map<string, string>();
    const style = (numberFormat: string | undefined): string | undefined => {
      if (!numberFormat) return undefined;
      let key = styleOf.get(numberFormat);
      if (!key) {
        key = `f${styleOf.size}`;
        styleOf.set(numberFormat, key);
        styles[key] = { numberFormat };
      }
      return key;
    };
    const rows: (PlanCell | null)[][] = [];
    const put = (row: number, col: number, cell: PlanCell): void => {
      const line = (rows[row] ??= []);
      while (line.length < col) line.push(null);
      line[col] = cell;
    };
    const planCell = (c: SourceCell): PlanCell => {
      const cell: PlanCell = { value: c.error !== undefined ? c.error : c.value };
      const s = style(c.numberFormat);
      if (s) cell.style = s;
      return cell;
    };
    g.cells.forEach((line, r) => {
      line?.forEach((c, k) => {
        if (c && (c.value !== null || c.error !== undefined)) put(g.top + r, g.left + k, planCell(c));
      });
    });
    for (const w of writes) {
      if (w.sheet !== g.sheet) continue;
      const at = parseAddress(w.address);
      w.values.forEach((line, i) =>
        line.forEach((value, j) => {
          const row = at.row + i;
          const col = at.col + j;
          const old = rows[row]?.[col];
          const formula = w.formulas?.[i]?.[j] ?? undefined;
          const cell: PlanCell = { value };
          if (formula) cell.formula = formula;
          const s = w.numberFormat ? style(w.numberFormat) : old?.style;
          if (s) cell.style = s;
          put(row, col, cell);
        }),
      );
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    // Merged titles span several columns: their text does not widen the first one.
    const origins = new Set(
      (g.merges ?? []).map((m) => {
        const p = parseAddress(m.split(":")[0]);
        return `${p.col},${p.row}`;
      }),
    );
    const widths: number[] = [];
    rows.forEach((line, row) =>
      line.forEach((c, col) => {
        if (!c || c.value === null || origins.has(`${col},${row}`)) return;
        widths[col] = Math.max(widths[col] ?? 0, widthOf(String(c.value)));
      }),
    );
    const columnWidths = Array.from(widths, (w) => Math.min(60, Math.max(8, (w ?? 0) + 2)));
    const plan: SheetPlan = { name: g.sheet, rows, styles, merges: g.merges ?? [], columnWidths };
    if (g.marks) plan.marks = g.marks;
    return plan;
  });
}
