/**
 * The common currency of every host: a rectangle of cell values. The core never knows
 * whether cells came from Office.js, an .xlsx file or a test array.
 */

import type { CellUnreadableReason } from "./findings";

/** null means an empty cell. Dates arrive as serial numbers with a date number format. */
export type CellValue = string | number | boolean | null;

export interface SourceCell {
  value: CellValue;
  /** The formula text (with leading "="), when the cell holds one. */
  formula?: string;
  /** Set when a formula has no cached value to read (value is then null). */
  uncached?: boolean;
  /** An Excel error value such as "#REF!" (value is then null). */
  error?: string;
  numberFormat?: string;
  /** Set by a file reader when the file names content that is not there (value is then null). */
  unreadable?: CellUnreadableReason;
}

export interface SheetGrid {
  /** Sheet name as the workbook has it. */
  sheet: string;
  /** 0-based sheet position of cells[0][0]. */
  top: number;
  left: number;
  /** Row-major; a missing row or cell (undefined/null, or a hole in a sparse array) is an empty cell. */
  cells: (SourceCell | null | undefined)[][];
  /** Our own metadata found on the sheet (sheet-scoped defined names), e.g. period. */
  marks?: Record<string, string>;
  /** Set when the sheet is hidden in its workbook (it is read all the same). */
  hidden?: boolean;
  /** Merged ranges ("B3:G3"), when the reader keeps them (legacy formats: to rebuild the sheet as .xlsx). */
  merges?: string[];
}

export interface WorkbookGrids {
  /** Where it came from: a file name, or "" for the live workbook. */
  source: string;
  sheets: SheetGrid[];
}

/** 0-based column index → letters (0 → "A", 26 → "AA"). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/column → "A1". */
export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** Column letters → 0-based index ("A" → 0, "AA" → 26); case-insensitive. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "AB12" → { row: 11, col: 27 }; throws on malformed input (a programming error). */
export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`Bad cell address: ${a1}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "A1:D3" → corners (a single cell is its own range). */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = ref.split(":");
  const p = parseAddress(a);
  const q = b ? parseAddress(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Cell at sheet coordinates, or undefined when outside the grid or empty. */
export function cellAt(grid: SheetGrid, row: number, col: number): SourceCell | undefined {
  const r = grid.cells[row - grid.top];
  if (!r) return undefined;
  return r[col - grid.left] ?? undefined;
}

/** Sheet row/column bounds of the grid (exclusive ends). */
export function gridBounds(grid: SheetGrid): { top: number; left: number; bottom: number; right: number } {
  let width = 0;
  for (const r of grid.cells) if (r && r.length > width) width = r.length;
  return { top: grid.top, left: grid.left, bottom: grid.top + grid.cells.length, right: grid.left + width };
}

/** Builds a grid from plain values (tests and hosts that only have values). */
export function gridFromValues(sheet: string, values: CellValue[][], top = 0, left = 0): SheetGrid {
  return {
    sheet,
    top,
    left,
    cells: values.map((row) => row.map((v) => (v === null || v === "" ? null : { value: v }))),
  };
}

/** Up to this length an array is walked index by index (cheap); longer ones may be sparse. */
const DENSE_WALK = 4096;

/**
 * Indexes of the entries an array holds, ascending. A short array (every unit form) is walked
 * directly; a long one through Object.keys, which lists only what is present, so a sparse row
 * (a file naming XFD1048576) costs what it holds, not what it names.
 */
function presentIndexes(xs: readonly unknown[]): number[] {
  const out: number[] = [];
  if (xs.length <= DENSE_WALK) {
    for (let i = 0; i < xs.length; i++) if (xs[i] !== null && xs[i] !== undefined) out.push(i);
    return out;
  }
  for (const k of Object.keys(xs)) {
    const i = Number(k);
    if (Number.isInteger(i) && xs[i] !== null && xs[i] !== undefined) out.push(i);
  }
  return out;
}

/** Sheet rows the grid holds (ascending), each with its present cells in column order. */
export function presentRows(
  grid: SheetGrid,
  from = grid.top,
  to = Infinity,
): { row: number; cells: { col: number; cell: SourceCell }[] }[] {
  const out: { row: number; cells: { col: number; cell: SourceCell }[] }[] = [];
  for (const i of presentIndexes(grid.cells)) {
    const row = grid.top + i;
    if (row < from || row >= to) continue;
    const r = grid.cells[i];
    const cells: { col: number; cell: SourceCell }[] = [];
    for (const j of presentIndexes(r)) cells.push({ col: grid.left + j, cell: r[j] as SourceCell });
    if (cells.length > 0) out.push({ row, cells });
  }
  return out;
}
