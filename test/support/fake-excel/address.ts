/** A1 addresses for the fake (kept separate from src/ so the fake never shares a bug with the adapter). */
import { officeError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** 0-based, inclusive corners. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function colName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

type Part = { row?: number; col?: number };

function parsePart(p: string): Part | null {
  let m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(p);
  if (m) return { col: colIndex(m[1]), row: Number(m[2]) - 1 };
  m = /^\$?([A-Za-z]{1,3})$/.exec(p);
  if (m) return { col: colIndex(m[1]) };
  m = /^\$?(\d{1,7})$/.exec(p);
  if (m) return { row: Number(m[1]) - 1 };
  return null;
}

/** "B2", "A1:D3", "A:C" (whole columns), "3:5" (whole rows); throws InvalidArgument otherwise. */
export function parseRect(address: string): Rect {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = bare.split(":");
  const p = parsePart(a.trim());
  const q = b === undefined ? p : parsePart(b.trim());
  if (!p || !q) throw officeError("InvalidArgument", `Bad address: ${address}`);
  const cellish = p.row !== undefined && p.col !== undefined;
  if (b === undefined && !cellish) throw officeError("InvalidArgument", `Bad address: ${address}`);
  const top = Math.min(p.row ?? 0, q.row ?? 0);
  const bottom = p.row === undefined ? MAX_ROWS - 1 : Math.max(p.row, q.row ?? p.row);
  const left = Math.min(p.col ?? 0, q.col ?? 0);
  const right = p.col === undefined ? MAX_COLS - 1 : Math.max(p.col, q.col ?? p.col);
  if (bottom >= MAX_ROWS || right >= MAX_COLS) throw officeError("InvalidArgument", `Out of sheet: ${address}`);
  return { top, left, bottom, right };
}

export function rectAddress(r: Rect): string {
  const a = colName(r.left) + (r.top + 1);
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${colName(r.right)}${r.bottom + 1}`;
}

/** Excel quotes a sheet name in an address unless it is a plain identifier. */
export function quoteSheetName(sheet: string): string {
  const plain = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheet: string, r: Rect): string {
  return `${quoteSheetName(sheet)}!${rectAddress(r)}`;
}

/** "$A$1" / "$A$1:$B$2", as Excel writes a name's reference. */
export function absoluteAddress(r: Rect): string {
  return rectAddress(r).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

export function rows(r: Rect): number {
  return r.bottom - r.top + 1;
}

export function cols(r: Rect): number {
  return r.right - r.left + 1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}
