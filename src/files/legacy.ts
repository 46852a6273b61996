/**
 * .xls (BIFF2-8), WPS .et, .ods and .xlsb → the same WorkbookGrids the .xlsx reader gives,
 * through the SheetJS parser handed in by the caller (it is loaded only when such a file is
 * met: a lazy chunk in the browser, a lazy require on the command line). Values are what the
 * file shows: cached formula results, errors as error strings, dates as 1900-system serials
 * with their number format; merged cells keep their value in the top-left cell. The guard
 * (formats.ts) has checked the container before this runs; anything the parser throws becomes
 * a typed WorkbookReadError.
 */
import type * as SheetJsModule from "@e965/xlsx";
import type { CellValue, SheetGrid, SourceCell, WorkbookGrids } from "../form/grid";
import { cellAddress } from "../form/grid";
import { indexMarks, parseMarkName } from "../form/marks";
import { MARK_PREFIX } from "../form/plan";
import { WorkbookReadError } from "./errors";
import type { FormatInfo } from "./formats";
import { DEFAULT_LIMITS, ZipArchive, type ReadLimits } from "./guard";
import { isDateFormat } from "./numfmt";
import { stringConstant } from "./package";
import { quoteSheet } from "./sheet-names";
import { CLOSE, END, OPEN, XmlScanner } from "./xml";

/** The parser module (@e965/xlsx, SheetJS 0.20.3). */
export type SheetJs = typeof SheetJsModule;

export interface LegacyReadOptions {
  sheets?: (name: string) => boolean;
  limits?: Partial<ReadLimits>;
}

/** Days between the 1900 and 1904 date systems. */
const DATE1904_OFFSET = 1462;

/** BIFF error codes (what SheetJS leaves in `v` of an error cell). */
const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

const FORMAT_NAME: Record<FormatInfo["format"], string> = { xlsx: "xlsx", xls: "BIFF", ods: "ODS", xlsb: "XLSB" };

export function readLegacyWorkbook(
  x: SheetJs,
  bytes: Uint8Array,
  file: string,
  info: FormatInfo,
  opts: LegacyReadOptions = {},
): WorkbookGrids {
  let wb: SheetJsModule.WorkBook;
  // The parser writes notes to the console while it reads ("ODS number format may be
  // incorrect"): they are not the clerk's business, and the pane's console must stay clean.
  const quiet = silenceConsole();
  try {
    wb = x.read(bytes, {
      type: "array",
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellHTML: false,
      cellText: false,
      cellDates: false,
      cellStyles: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (err) {
    // The parser's own words may quote the file: keep them out of what users see.
    const msg = err instanceof Error ? err.message : "";
    if (/password|encrypt/i.test(msg)) throw new WorkbookReadError("encrypted", file, FORMAT_NAME[info.format]);
    throw new WorkbookReadError("corrupt", file, `${FORMAT_NAME[info.format]} parser refused it`);
  } finally {
    quiet();
  }
  const names = wb.SheetNames ?? [];
  const meta = wb.Workbook?.Sheets ?? [];
  const ods = info.format === "ods" ? odsExtras(bytes, file, names, opts.limits) : undefined;
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const marks = marksBySheet(ods ? ods.names : (wb.Workbook?.Names ?? []), names);
  const sheets: SheetGrid[] = [];
  names.forEach((name, index) => {
    if (opts.sheets && !opts.sheets(name)) return;
    const ws = wb.Sheets[name];
    if (!ws) return;
    const grid = sheetGrid(ws, name, date1904);
    const m = marks.get(index);
    if (m) grid.marks = m;
    if ((meta[index]?.Hidden ?? 0) !== 0 || ods?.hidden.has(name)) grid.hidden = true;
    sheets.push(grid);
  });
  return { source: file, sheets };
}

type DenseSheet = SheetJsModule.WorkSheet & { "!data"?: (SheetJsModule.CellObject | undefined)[][] };

function sheetGrid(ws: DenseSheet, name: string, date1904: boolean): SheetGrid {
  const data = ws["!data"] ?? [];
  const rows: (SourceCell | null | undefined)[][] = [];
  let top = Infinity;
  let left = Infinity;
  data.forEach((line, r) => {
    if (!line) return;
    line.forEach((c, col) => {
      if (!c) return;
      const cell = sourceCell(c, date1904);
      if (!cell) return;
      (rows[r] ??= [])[col] = cell;
      if (r < top) top = r;
      if (col < left) left = col;
    });
  });
  if (top === Infinity) return { sheet: name, top: 0, left: 0, cells: [] };
  const cells: (SourceCell | null | undefined)[][] = [];
  for (let r = top; r < rows.length; r++) {
    const line = rows[r];
    cells.push(line ? (left === 0 ? line : line.slice(left)) : []);
  }
  const grid: SheetGrid = { sheet: name, top, left, cells };
  const merges = (ws["!merges"] ?? []).map((m) => `${cellAddress(m.s.r, m.s.c)}:${cellAddress(m.e.r, m.e.c)}`);
  if (merges.length > 0) grid.merges = merges;
  return grid;
}

function sourceCell(c: SheetJsModule.CellObject, date1904: boolean): SourceCell | null {
  const formula = c.f ? "=" + odsReferences(c.f) : undefined;
  const cached = c.v !== undefined && c.t !== "z";
  let value: CellValue = null;
  let error: string | undefined;
  if (cached) {
    switch (c.t) {
      case "n":
        value = typeof c.v === "number" ? c.v : Number(c.v);
        break;
      case "b":
        value = c.v === true;
        break;
      case "e":
        error = typeof c.v === "number" ? (ERRORS[c.v] ?? "#VALUE!") : String(c.v);
        break;
      case "d":
        value = c.v instanceof Date ? dateToSerial(c.v) : String(c.v);
        break;
      default:
        value = typeof c.v === "string" ? c.v : String(c.v);
    }
  }
  // No workbook can hold NaN or ±Infinity (a mangled "1e999", an invalid date): Excel would show
  // #NUM!, so the cell becomes that error rather than a number nothing downstream can write.
  if (typeof value === "number" && !Number.isFinite(value)) {
    value = null;
    error = "#NUM!";
  }
  if (value === "" && formula === undefined) value = null;
  if (value === null && error === undefined && formula === undefined) return null;
  const cell: SourceCell = { value };
  if (formula !== undefined) {
    cell.formula = formula;
    if (!cached) cell.uncached = true;
  }
  if (error !== undefined) cell.error = error;
  const code = typeof c.z === "string" && c.z !== "General" ? c.z : undefined;
  if (code) {
    cell.numberFormat = code;
    if (date1904 && typeof value === "number" && isDateFormat(code)) cell.value = value + DATE1904_OFFSET;
  }
  return cell;
}

function dateToSerial(d: Date): number {
  let serial = d.getTime() / 86400000 + 25569;
  if (serial < 61) serial -= 1;
  return serial;
}

/**
 * SheetJS gives ODS formulas half-translated ("E6+[2018年6月.F6]"): the sheet references are
 * spelt the Excel way here, so messages quote a formula as the clerk sees it in Excel or WPS.
 */
function odsReferences(f: string): string {
  return f.replace(
    /\[\$?'?((?:[^'\]]|'')*?)'?\.(\$?[A-Z]+\$?\d+)(?::\$?'?(?:(?:[^'\]]|'')*?)'?\.?(\$?[A-Z]+\$?\d+))?\]/g,
    (_, sheet: string, a: string, b?: string) => {
      const ref = b ? `${a}:${b}` : a;
      return sheet ? `${quoteSheet(sheet.replace(/''/g, "'"))}!${ref}` : ref;
    },
  );
}

/**
 * Our marks by sheet index, read the way the .xlsx reader reads them: today's workbook-scoped
 * "Yuebao_<n>...." names referring to a sheet's A1, and the earlier sheet-scoped string constants.
 */
function marksBySheet(defined: readonly SheetJsModule.DefinedName[], names: string[]): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  const add = (index: number, marks: Record<string, string>): void => {
    out.set(index, { ...(out.get(index) ?? {}), ...marks });
  };
  for (const d of defined) {
    if (d.Sheet === undefined || !d.Name.startsWith(MARK_PREFIX) || parseMarkName(d.Name)) continue;
    const value = stringConstant(d.Ref);
    if (value !== undefined) add(d.Sheet, { [d.Name.slice(MARK_PREFIX.length)]: value });
  }
  const index = indexMarks(defined.map((d) => ({ name: d.Name, formula: d.Ref })));
  names.forEach((name, i) => {
    const m = index.bySheet.get(name.toUpperCase());
    if (m) add(i, m);
  });
  return out;
}

/** console.error/warn/log switched off until the returned function is called (the read is synchronous). */
function silenceConsole(): () => void {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const none = (): void => undefined;
  console.error = none;
  console.warn = none;
  console.log = none;
  return () => Object.assign(console, saved);
}

/** "$'2018年7月'.$A$1" (ODF) → "'2018年7月'!$A$1". */
function odfAddress(a: string): string {
  const m = /^\$?('(?:[^']|'')*'|[^.]*)\.(.*)$/.exec(a.trim());
  if (!m) return a;
  const sheet = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
  return `${quoteSheet(sheet)}!${m[2].replace(/:\.?/, ":").replace(/\$?('(?:[^']|'')*'|[^.:]*)\.(?=\$?[A-Z])/g, "")}`;
}

/**
 * What SheetJS leaves out of an ODS file: tables hidden by their style (display="false"), and
 * the named ranges / expressions our marks are (workbook-wide ones, and the earlier
 * sheet-scoped string constants inside a table).
 */
function odsExtras(
  bytes: Uint8Array,
  file: string,
  sheetNames: string[],
  limits?: Partial<ReadLimits>,
): { hidden: Set<string>; names: SheetJsModule.DefinedName[] } {
  const zip = new ZipArchive(bytes, file, limits ? { ...DEFAULT_LIMITS, ...limits } : DEFAULT_LIMITS);
  const xml = zip.text("content.xml") ?? "";
  const hiddenStyles = new Set<string>();
  const hidden = new Set<string>();
  const names: SheetJsModule.DefinedName[] = [];
  const sc = new XmlScanner(xml);
  let style: string | undefined;
  let table: string | undefined;
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t === CLOSE) {
      if (sc.name === "table") table = undefined;
      continue;
    }
    if (t !== OPEN) continue;
    const n = sc.name;
    if (n === "style") style = sc.attr("family") === "table" ? sc.attr("name") : undefined;
    else if (n === "table-properties" && style !== undefined && sc.attr("display") === "false") hiddenStyles.add(style);
    else if (n === "table") {
      table = sc.attr("name") ?? "";
      const s = sc.attr("style-name");
      if (s !== undefined && hiddenStyles.has(s)) hidden.add(table);
      if (sc.selfClosing) table = undefined;
    } else if (n === "named-range" || n === "named-expression") {
      const name = sc.attr("name") ?? "";
      const ref =
        n === "named-range" ? odfAddress(sc.attr("cell-range-address") ?? "") : (sc.attr("expression") ?? "").replace(/^of:=?/, "");
      const d: SheetJsModule.DefinedName = { Name: name, Ref: ref };
      const local = table === undefined ? -1 : sheetNames.indexOf(table);
      if (local >= 0) d.Sheet = local;
      names.push(d);
    } else if (n === "table-row" || n === "table-cell") {
      // Cells are the parser's: nothing here is needed inside them.
      if (!sc.selfClosing) sc.skip();
    }
  }
  return { hidden, names };
}
