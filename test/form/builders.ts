/** Builds annex-like grids the way different offices lay them out. */
import type { CellValue, SheetGrid } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";

export interface AnnexOptions {
  sheet?: string;
  unit?: string | null;
  /** 填报时间 cell value (text or serial). */
  date?: CellValue;
  title?: string;
  month?: Record<string, CellValue>;
  cum?: Record<string, CellValue>;
  /** Shift the whole form right/down (form "starts anywhere"). */
  top?: number;
  left?: number;
  /** Add 序号 and 备注 columns. */
  extraColumns?: boolean;
  /** Replace a label (e.g. with a variant wording). */
  labels?: Record<string, string>;
  /** Put "填报单位(盖章):X" in one cell rather than label + value cells. */
  unitInLabelCell?: boolean;
  marks?: Record<string, string>;
}

/** Fills every item with the same default unless given. */
export function figures(base: number, overrides: Record<string, CellValue> = {}): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  ANNEX.items.forEach((it, i) => (out[it.id] = it.id === "officers" ? base * 3 : it.kind === "decimal" ? base + 0.25 : base + (i % 3)));
  return { ...out, ...overrides };
}

export function annexGrid(o: AnnexOptions = {}): SheetGrid {
  const rows: CellValue[][] = [];
  const pad = o.extraColumns ? 1 : 0;
  const width = 4 + pad * 2;
  const blank = (): CellValue[] => Array(width).fill(null);
  const t = blank();
  t[0] = o.title ?? ANNEX.title;
  rows.push(t);
  const meta = blank();
  if (o.unitInLabelCell) meta[0] = `填报单位（盖章）：${o.unit ?? ""}`;
  else {
    meta[0] = "填报单位(盖章):";
    meta[1] = o.unit === undefined ? "云集镇" : o.unit;
  }
  meta[2 + pad] = "填报时间:";
  meta[3 + pad] = o.date === undefined ? "2018年8月3日" : o.date;
  rows.push(meta);
  const header = o.extraColumns ? ["序号", "项目", "单位", "本月数", "累计数", "备注"] : ["项目", "单位", "本月数", "累计数"];
  rows.push(header);
  const month = o.month ?? figures(2);
  const cum = o.cum ?? figures(10);
  ANNEX.items.forEach((it, i) => {
    const label = o.labels?.[it.id] ?? it.label;
    const r = o.extraColumns
      ? [i + 1, label, it.unit, month[it.id] ?? null, cum[it.id] ?? null, null]
      : [label, it.unit, month[it.id] ?? null, cum[it.id] ?? null];
    rows.push(r);
  });
  const note = blank();
  note[0] = ANNEX.note;
  rows.push(note);
  return {
    sheet: o.sheet ?? "2018年7月",
    top: o.top ?? 0,
    left: o.left ?? 0,
    cells: rows.map((r) => r.map((v) => (v === null || v === "" ? null : { value: v }))),
    marks: o.marks,
  };
}
