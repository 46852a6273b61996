/**
 * Our marks as sheet-scoped defined names "Yuebao_<key>" holding a string constant, e.g.
 * Yuebao_period = ="2018-07". A name travels with the sheet when it is renamed or copied.
 */
import { MARK_PREFIX } from "../form/plan";

/** Excel limits a string constant in a formula to 255 characters. */
const MAX_CONSTANT = 255;

export function markName(key: string): string {
  if (!/^[A-Za-z0-9_.]+$/.test(key)) throw new Error(`Bad mark key: ${key}`);
  return MARK_PREFIX + key;
}

export function markFormula(value: string): string {
  if (value.length > MAX_CONSTANT) throw new Error(`Mark value longer than ${MAX_CONSTANT} characters`);
  return `="${value.replace(/"/g, '""')}"`;
}

export interface NamedItemLike {
  name: string;
  type?: string;
  value?: unknown;
  formula?: string;
  scope?: string;
}

/**
 * [key, value] for one of our names, else null. worksheet.names may also list workbook-scoped
 * names (office-js issue #1011), so those are skipped.
 */
export function parseMark(item: NamedItemLike): [string, string] | null {
  if (!item.name.toUpperCase().startsWith(MARK_PREFIX.toUpperCase())) return null;
  if (item.scope !== undefined && item.scope !== "Worksheet") return null;
  const key = item.name.slice(MARK_PREFIX.length);
  const m = item.formula !== undefined ? /^="((?:[^"]|"")*)"$/.exec(item.formula) : null;
  if (m) return [key, m[1].replace(/""/g, '"')];
  if (item.type === "String" && typeof item.value === "string") return [key, item.value];
  return null;
}

export function marksOf(items: NamedItemLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items) {
    const kv = parseMark(it);
    if (kv) out[kv[0]] = kv[1];
  }
  return out;
}
