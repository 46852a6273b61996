/**
 * Cell references as files write them, held to Excel's grid: the reader and the patcher
 * both refuse a reference past it (or malformed) the same way, as a corrupt workbook.
 */

/** Excel's grid: rows 1..1,048,576, columns A..XFD (16,384). */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/**
 * "BC12" → column index (0-based) and row (0-based) written into `out`; false unless it is a
 * reference inside Excel's grid. Digits stop counting once past the grid, so a reference of a
 * million digits costs a million steps and nothing more.
 */
export function parseRef(ref: string, out: { row: number; col: number }): boolean {
  let col = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLS) return false;
  }
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
    if (row > MAX_ROWS) return false;
  }
  if (col === 0 || row === 0 || i === digits) return false;
  out.row = row - 1;
  out.col = col - 1;
  return true;
}

/** A `<row r>`: a whole number 1..1,048,576, else undefined. */
export function parseRowNumber(r: string): number | undefined {
  if (r.length === 0 || r.length > 7) return undefined;
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n >= 1 && n <= MAX_ROWS ? n : undefined;
}

/** A range ("A1:D3", or one cell) naming rows or columns past the grid ("A1:A99999999"); other text is not a reference. */
export function rangeBeyondGrid(ref: string): boolean {
  for (const part of ref.split(":")) {
    const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(part.trim());
    if (!m) continue;
    if (m[1].length > 3 || m[2].length > 7 || !parseRef(part.trim(), { row: 0, col: 0 })) return true;
  }
  return false;
}
