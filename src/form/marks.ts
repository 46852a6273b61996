/**
 * Our marks (SheetPlan.marks / SheetGrid.marks: a few key → value strings such as
 * period = "2018-07") as WORKBOOK-scoped defined names that REFER TO THE MARKED SHEET's cell
 * A1, e.g.
 *
 *     Yuebao_1.form.annex.period.2018_2D07   refers to   ='2018年7月'!$A$1
 *
 * Why this shape:
 * - The reference is a cell reference, so Excel, WPS and LibreOffice rewrite it when the
 *   sheet is renamed or moved (LibreOffice 7.4 checked in test/files/marks.test.ts), and it
 *   turns into #REF! when the sheet is deleted: a stale name never marks another sheet.
 * - A workbook-scoped name is listed by `workbook.names` (ExcelApi 1.1; `formula` 1.7), which
 *   loads in the SAME request as the worksheet list. A sheet's own names (`worksheet.names`)
 *   cannot be loaded through the worksheet collection, which cost a second round trip.
 * - A name's only content is its reference, so the marks themselves are spelled in the name.
 *
 * Name grammar (Excel: letters, digits, "_" and "."; at most 255 characters; compared
 * ignoring case; must not look like a cell reference — "Yuebao_..." never does):
 *
 *     name   = "Yuebao_" id ( "." token "." token )*      key, value, key, value ...
 *     id     = decimal digits, unique among our names     (two sheets may carry equal marks:
 *                                                           a numbered copy of the same month)
 *     token  = "_" (the empty string) | ( [a-z0-9] | "_" HEX HEX )+
 *
 * In a token, lower-case ASCII letters and digits stand for themselves; every other UTF-8
 * byte (upper case, "-", ".", "_", Chinese ...) is "_" and two hex digits: "2018-07" is
 * "2018_2D07". Decoding reads letters ignoring case, so a program that changed the name's case
 * would not change the marks: the encoding is lossless and case-proof.
 */
import { TextMemo } from "./text-memo";
import { MARK_PREFIX } from "./plan";

/** Excel's limit on a defined name's length. */
export const MAX_NAME_LENGTH = 255;

const encoder = new TextEncoder();

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, "0");
}

export function encodeMarkToken(s: string): string {
  if (s === "") return "_";
  let out = "";
  for (const b of encoder.encode(s)) {
    const plain = (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39);
    out += plain ? String.fromCharCode(b) : `_${hex2(b)}`;
  }
  return out;
}

/** Strict: a token whose bytes are not UTF-8 is not one of ours. One decoder, not one per token. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** 0-9, a-f, A-F → its value; anything else → -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** The string a token stands for, or undefined when it is not one of ours. */
export function decodeMarkToken(t: string): string | undefined {
  if (t === "_") return "";
  if (t === "") return undefined;
  const bytes = new Uint8Array(t.length);
  let n = 0;
  let ascii = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 95 /* _ */) {
      const hi = i + 2 < t.length ? hexDigit(t.charCodeAt(i + 1)) : -1;
      const lo = hi < 0 ? -1 : hexDigit(t.charCodeAt(i + 2));
      if (lo < 0) return undefined;
      const b = hi * 16 + lo;
      if (b > 0x7f) ascii = false;
      bytes[n++] = b;
      i += 2;
    } else if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) bytes[n++] = c | (c >= 65 ? 32 : 0);
    else return undefined;
  }
  if (ascii) return String.fromCharCode(...bytes.subarray(0, n));
  try {
    return strictUtf8.decode(bytes.subarray(0, n));
  } catch {
    return undefined;
  }
}

/** The defined name carrying `marks` under number `id`; throws past Excel's 255 characters. */
export function markName(id: number, marks: Readonly<Record<string, string>>): string {
  if (!Number.isInteger(id) || id < 1) throw new Error(`Bad mark id: ${id}`);
  let name = `${MARK_PREFIX}${id}`;
  for (const [k, v] of Object.entries(marks)) name += `.${encodeMarkToken(k)}.${encodeMarkToken(v)}`;
  if (name.length > MAX_NAME_LENGTH) throw new Error(`Marks too long for a defined name (${name.length} > ${MAX_NAME_LENGTH} characters)`);
  return name;
}

export interface ParsedMarkName {
  id: number;
  /** Frozen: one object serves every workbook that carries the same name. */
  marks: Readonly<Record<string, string>>;
}

/**
 * id and marks of one of our names; undefined for any other name (including old ones).
 * Every unit's file from one template carries the same names: each is decoded once.
 */
export function parseMarkName(name: string): ParsedMarkName | undefined {
  if (name.slice(0, MARK_PREFIX.length).toUpperCase() !== MARK_PREFIX.toUpperCase()) return undefined;
  return parsedNames.get(name, decodeMarkName);
}

const parsedNames = new TextMemo<ParsedMarkName | undefined>(1024);

function decodeMarkName(name: string): ParsedMarkName | undefined {
  const parsed = readMarkName(name);
  if (parsed) Object.freeze(parsed.marks);
  return parsed;
}

function readMarkName(name: string): ParsedMarkName | undefined {
  const tokens = name.slice(MARK_PREFIX.length).split(".");
  if (!/^\d{1,15}$/.test(tokens[0]) || tokens.length % 2 !== 1) return undefined;
  const marks: Record<string, string> = {};
  for (let i = 1; i < tokens.length; i += 2) {
    const k = decodeMarkToken(tokens[i]);
    const v = decodeMarkToken(tokens[i + 1]);
    if (k === undefined || v === undefined) return undefined;
    marks[k] = v;
  }
  return { id: Number(tokens[0]), marks };
}

/** What a mark name refers to: the sheet's A1, the sheet name always quoted (Excel accepts it). */
export function markReference(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

const CELL_OR_RANGE = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;

/**
 * The sheet a reference formula points at: "=Sheet1!$A$1", "='2018年7月 (2)'!$A$1" ('' is
 * an apostrophe), "七月!$A$1" (LibreOffice leaves non-ASCII names unquoted). Undefined for
 * anything else: "=#REF!$A$1" / "#REF!" (sheet deleted), constants, external references.
 */
export function referencedSheet(formula: string): string | undefined {
  let s = formula.trim();
  if (s.startsWith("=")) s = s.slice(1);
  let sheet: string;
  let rest: string;
  if (s.startsWith("'")) {
    let i = 1;
    sheet = "";
    for (;;) {
      const q = s.indexOf("'", i);
      if (q < 0) return undefined;
      sheet += s.slice(i, q);
      if (s[q + 1] === "'") {
        sheet += "'";
        i = q + 2;
        continue;
      }
      if (s[q + 1] !== "!") return undefined;
      rest = s.slice(q + 2);
      break;
    }
  } else {
    const bang = s.lastIndexOf("!");
    if (bang <= 0) return undefined;
    sheet = s.slice(0, bang);
    rest = s.slice(bang + 1);
    // Unquoted names are plain: no spaces, quotes, brackets or error values (#REF).
    if (/[\s'"#[\]!]/.test(sheet)) return undefined;
  }
  if (sheet === "" || !CELL_OR_RANGE.test(rest)) return undefined;
  return sheet;
}

/** A defined name as Office.js (workbook.names) or an .xlsx file lists it. */
export interface DefinedNameLike {
  name: string;
  /** "=Sheet1!$A$1" (Office.js NamedItem.formula, ExcelApi 1.7; the file's text has no "="). */
  formula?: string;
  /** Office.js NamedItem.value: a range name's address, "#REF!" once its sheet is gone. */
  value?: unknown;
  type?: string;
}

/** Our marks found among a workbook's defined names. */
export interface MarkIndex {
  /** Marks by sheet name in upper case (names compare ignoring case, as sheet names do). */
  bySheet: Map<string, Record<string, string>>;
  /** Our names that refer to a sheet, by that sheet's upper-cased name. */
  namesBySheet: Map<string, string[]>;
  /** Our names whose sheet is gone (#REF!): never a mark, safe to delete. */
  stale: string[];
  /** The lowest id above every id in use, live or stale: a new name never collides. */
  nextId: number;
}

function sheetOf(item: DefinedNameLike): string | undefined {
  if (typeof item.formula === "string") {
    const s = referencedSheet(item.formula);
    if (s !== undefined) return s;
  }
  if (typeof item.value === "string" && (item.type === undefined || item.type === "Range")) return referencedSheet(item.value);
  return undefined;
}

/**
 * Our marks among `items`, mapped to the sheets their names refer to. When two names mark
 * the same sheet (Excel copies a workbook name onto a copied sheet), the higher id wins.
 */
export function indexMarks(items: readonly DefinedNameLike[]): MarkIndex {
  const ours: { id: number; name: string; marks: Record<string, string>; sheet?: string; broken: boolean }[] = [];
  for (const it of items) {
    const parsed = parseMarkName(it.name);
    if (!parsed) continue;
    const broken = [it.formula, it.value].some((x) => typeof x === "string" && x.includes("#REF!"));
    ours.push({ ...parsed, name: it.name, sheet: sheetOf(it), broken });
  }
  ours.sort((a, b) => a.id - b.id);
  const index: MarkIndex = { bySheet: new Map(), namesBySheet: new Map(), stale: [], nextId: 1 };
  for (const o of ours) {
    index.nextId = Math.max(index.nextId, o.id + 1);
    if (o.sheet === undefined) {
      // Only a reference Excel has turned into #REF! is stale; anything else we cannot read
      // is left alone.
      if (o.broken) index.stale.push(o.name);
      continue;
    }
    const key = o.sheet.toUpperCase();
    index.bySheet.set(key, { ...(index.bySheet.get(key) ?? {}), ...o.marks });
    index.namesBySheet.set(key, [...(index.namesBySheet.get(key) ?? []), o.name]);
  }
  return index;
}

export function marksOfSheet(index: MarkIndex, sheet: string): Record<string, string> {
  return { ...(index.bySheet.get(sheet.toUpperCase()) ?? {}) };
}
