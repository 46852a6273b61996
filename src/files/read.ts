/**
 * .xlsx bytes → WorkbookGrids. Reads only the sheets the caller asks for, in one pass of
 * the XML scanner per sheet; values are what Excel would show as values: cached formula
 * results, rich text as plain text, errors as error strings, dates as 1900-system serials.
 */
import type { CellUnreadableReason } from "../form/findings";
import type { CellValue, SheetGrid, SourceCell, WorkbookGrids } from "../form/grid";
import { MARK_PREFIX } from "../form/plan";
import { indexMarks, parseMarkName } from "../form/marks";
import { TextMemo } from "../form/text-memo";
import { WorkbookReadError } from "./errors";
import type { ReadLimits, ZipArchive } from "./guard";
import { shiftFormula } from "./formula";
import { isDateFormat } from "./numfmt";
import { MAX_COLS, MAX_ROWS, parseRef, parseRowNumber, rangeBeyondGrid } from "./refs";
import {
  findRel,
  openPackage,
  parseCellFormats,
  parseSharedStrings,
  readStringItem,
  stringConstant,
  type SharedStrings,
  type WorkbookPackage,
} from "./package";
import { CLOSE, END, OPEN, SPREADSHEETML, XmlScanner, decodeOoxmlEscapes } from "./xml";

export interface ReadOptions {
  /** Only sheets whose name passes are parsed (the others cost nothing). */
  sheets?: (name: string) => boolean;
  limits?: Partial<ReadLimits>;
  /** Cells with content (values or formulas; empty styled cells count nothing) over all sheets read. */
  maxCells?: number;
}

/**
 * 3 million cells with content: a 30,000-row ledger of 8 columns is 240,000; each cell kept
 * costs ~100 bytes of heap, so this keeps a read under ~300 MB, which a browser tab survives.
 */
export const DEFAULT_MAX_CELLS = 3_000_000;

/** Days between the 1900 and 1904 date systems. */
const DATE1904_OFFSET = 1462;

/** Names of the workbook's sheets (worksheets and others) in tab order, without reading cells. */
export function listSheetNames(bytes: Uint8Array, fileName = "", limits?: Partial<ReadLimits>): string[] {
  return openPackage(bytes, fileName, limits).sheets.map((s) => s.name);
}

/** From the file's bytes, or from its archive already opened (src/files/formats.ts: openWorkbook). */
export function readWorkbook(bytes: Uint8Array | ZipArchive, fileName: string, opts: ReadOptions = {}): WorkbookGrids {
  return readPackage(openPackage(bytes, fileName, opts.limits), fileName, opts);
}

export function readPackage(pkg: WorkbookPackage, fileName: string, opts: ReadOptions = {}): WorkbookGrids {
  const wanted = pkg.sheets.filter((s) => s.path && s.kind === "worksheet" && (!opts.sheets || opts.sheets(s.name)));
  const grids: SheetGrid[] = [];
  if (wanted.length === 0) return { source: fileName, sheets: grids };

  const ctx: SheetContext = {
    file: fileName,
    strings: lazy(() => parseSharedStrings(textOf(pkg, findRel(pkg, "sharedStrings") ?? "xl/sharedStrings.xml"))),
    formats: parseCellFormats(pkg.zip.text(findRel(pkg, "styles") ?? "xl/styles.xml", true)),
    date1904: pkg.date1904,
    maxCells: opts.maxCells ?? DEFAULT_MAX_CELLS,
  };
  const marks = marksBySheet(pkg);
  for (const s of wanted) {
    const xml = textOf(pkg, s.path);
    if (xml === undefined) continue;
    const grid = parseSheet(xml, s.name, s.path, ctx);
    const m = marks.get(s.index);
    if (m) grid.marks = m;
    if (s.hidden) grid.hidden = true;
    grids.push(grid);
  }
  return { source: fileName, sheets: grids };
}

function textOf(pkg: WorkbookPackage, path: string): string | undefined {
  return pkg.zip.text(path);
}

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v === undefined ? (v = make()) : v);
}

/**
 * Our marks by sheet index, in both forms:
 * - today's: a workbook-scoped name "Yuebao_<n>.<key>.<value>..." referring to the sheet's A1
 *   (src/form/marks.ts), mapped to the sheet it refers to NOW — after a rename in Excel, WPS
 *   or LibreOffice the reference names the new sheet name. A #REF! (deleted sheet) marks
 *   nothing. Excel copies such a name onto a copied sheet as a sheet-scoped name; it is read
 *   the same way.
 * - the earlier one: sheet-scoped names "Yuebao_<key>" holding a string constant; the
 *   newer form wins where both mark a sheet.
 */
function marksBySheet(pkg: WorkbookPackage): ReadonlyMap<number, Readonly<Record<string, string>>> {
  // They follow from the workbook part alone, which a template's copies share word for word.
  return marksByWorkbookXml.get(pkg.workbookXml, () => {
    const out = findMarks(pkg);
    for (const m of out.values()) Object.freeze(m);
    return out;
  });
}

/** Up to 64 workbook parts of up to 64 KB each. */
const marksByWorkbookXml = new TextMemo<ReadonlyMap<number, Readonly<Record<string, string>>>>(64, (xml) => xml.length <= 64 * 1024);

function findMarks(pkg: WorkbookPackage): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  const add = (index: number, marks: Record<string, string>): void => {
    out.set(index, { ...(out.get(index) ?? {}), ...marks });
  };
  for (const d of pkg.definedNames) {
    if (d.localSheetId === undefined || !d.name.startsWith(MARK_PREFIX) || parseMarkName(d.name)) continue;
    const value = stringConstant(d.value);
    if (value !== undefined) add(d.localSheetId, { [d.name.slice(MARK_PREFIX.length)]: value });
  }
  const index = indexMarks(pkg.definedNames.map((d) => ({ name: d.name, formula: d.value })));
  for (const s of pkg.sheets) {
    const m = index.bySheet.get(s.name.toUpperCase());
    if (m) add(s.index, m);
  }
  return out;
}

interface SheetContext {
  file: string;
  strings: () => SharedStrings;
  formats: readonly string[];
  date1904: boolean;
  /** Cells with content a workbook may hold (see DEFAULT_MAX_CELLS). */
  maxCells: number;
}

/** ISO 8601 date/time (t="d" cells) → 1900-system serial. */
export function isoToSerial(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(iso.trim());
  if (!m) {
    const t = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(iso.trim());
    return t ? (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86400 : undefined;
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), 0) + Number(m[6] ?? 0) * 1000;
  let serial = ms / 86400000 + 25569;
  // Excel's serials count a 29 Feb 1900 that never was: dates before March 1900 are one less.
  if (serial < 61) serial -= 1;
  return serial;
}

const CELL_ATTRS = ["r", "t", "s"] as const;

interface SharedMaster {
  text: string;
  row: number;
  col: number;
}

/** Refuses a sheet naming a place that cannot exist: an instant typed error, nothing allocated for it. */
function corrupt(ctx: SheetContext, part: string, what: string, ref: string): WorkbookReadError {
  return new WorkbookReadError("corrupt", ctx.file, `${part}: ${what} ${ref.length > 24 ? ref.slice(0, 24) + "…" : ref}`);
}

function parseSheet(xml: string, name: string, part: string, ctx: SheetContext): SheetGrid {
  const sc = new XmlScanner(xml, 0, xml.length, SPREADSHEETML);
  // Cells kept, as three parallel lists: memory follows the cells present, never the
  // coordinates they name (a lone cell at A1048576 costs one entry, not a million rows).
  const atRow: number[] = [];
  const atCol: number[] = [];
  const kept: SourceCell[] = [];
  const shared = new Map<string, SharedMaster>();
  const pos = { row: 0, col: 0 };
  let row = -1;
  let col = -1;
  const attrs: (string | undefined)[] = [];
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t !== OPEN) continue;
    const n = sc.name;
    if (n === "c") {
      sc.attrs(CELL_ATTRS, attrs);
      const r = attrs[0];
      if (r !== undefined) {
        if (!parseRef(r, pos)) throw corrupt(ctx, part, "cell reference", r);
        col = pos.col;
        row = pos.row;
      } else {
        if (++col >= MAX_COLS) throw corrupt(ctx, part, "cell past column", "XFD");
        if (row < 0) row = 0;
      }
      // An empty cell (styled or not, the bulk of some tools' sheets) holds nothing to keep.
      if (sc.selfClosing) continue;
      const type = attrs[1] ?? "n";
      const s = attrs[2];
      const cell = parseCell(sc, type, s === undefined ? 0 : Number(s), row, col, ctx, shared);
      if (!cell) continue;
      if (kept.length >= ctx.maxCells) {
        throw new WorkbookReadError("too-large", ctx.file, `${part}: more than ${ctx.maxCells} cells with content`);
      }
      atRow.push(row);
      atCol.push(col);
      kept.push(cell);
    } else if (n === "row") {
      const r = sc.attr("r");
      if (r === undefined) row += 1;
      else {
        const k = parseRowNumber(r);
        if (k === undefined) throw corrupt(ctx, part, "row number", r);
        row = k - 1;
      }
      if (row >= MAX_ROWS) throw corrupt(ctx, part, "row past", String(MAX_ROWS));
      col = -1;
    } else if (n === "dimension" || n === "mergeCell") {
      const ref = sc.attr("ref");
      if (ref !== undefined && rangeBeyondGrid(ref)) throw corrupt(ctx, part, `${n} reference`, ref);
    } else if (n === "mergeCells" || n === "sheetData" || n === "worksheet" || n === "sheetPr") {
      continue;
    } else if (!sc.selfClosing) {
      // Everything else (views, columns, formats, validations, extensions, other namespaces)
      // holds no cell values.
      sc.skip();
    }
  }
  ctx.maxCells -= kept.length;
  return materialise(name, atRow, atCol, kept);
}

/**
 * The grid from the cells kept: rows that hold nothing stay holes in `cells` (a hole reads
 * as an empty row), and a row's far cell does not fill the columns before it, so a sheet's
 * memory is that of its cells, wherever they sit.
 */
function materialise(name: string, atRow: number[], atCol: number[], kept: SourceCell[]): SheetGrid {
  if (kept.length === 0) return { sheet: name, top: 0, left: 0, cells: [] };
  let top = Infinity;
  let left = Infinity;
  for (let i = 0; i < kept.length; i++) {
    if (atRow[i] < top) top = atRow[i];
    if (atCol[i] < left) left = atCol[i];
  }
  const cells: (SourceCell | null | undefined)[][] = [];
  for (let i = 0; i < kept.length; i++) {
    const r = atRow[i] - top;
    let line = cells[r];
    if (!line) line = cells[r] = [];
    line[atCol[i] - left] = kept[i];
  }
  return { sheet: name, top, left, cells };
}

function parseCell(
  sc: XmlScanner,
  type: string,
  style: number,
  row: number,
  col: number,
  ctx: SheetContext,
  shared: Map<string, SharedMaster>,
): SourceCell | null {
  if (sc.selfClosing) return null;
  let v: string | undefined;
  let f: string | undefined;
  let inline: string | undefined;
  // `<v>…</v></c>`, most cells: read in one step.
  const simple = sc.simpleContent("v", "c");
  if (simple !== undefined) v = simple;
  else
    for (let t = sc.next(); t !== END; t = sc.next()) {
      if (t === CLOSE) {
        if (sc.name === "c") break;
        continue;
      }
      if (t !== OPEN) continue;
      const n = sc.name;
      if (n === "v") v = sc.readText();
      else if (n === "is") inline = readStringItem(sc);
      else if (n === "f") {
        const ft = sc.attr("t");
        const si = sc.attr("si");
        if (ft === "shared" && si !== undefined) {
          const text = sc.readText();
          if (text) {
            shared.set(si, { text, row, col });
            f = text;
          } else {
            const m = shared.get(si);
            if (m) f = shiftFormula(m.text, row - m.row, col - m.col);
          }
        } else if (ft === "dataTable") sc.skip();
        else f = sc.readText() || undefined;
      } else sc.skip();
    }
  const formula = f !== undefined ? "=" + f : undefined;
  let value: CellValue = null;
  let error: string | undefined;
  let unreadable: CellUnreadableReason | undefined;
  let hasValue = v !== undefined && (v !== "" || type === "str");
  switch (type) {
    case "s": {
      if (hasValue) {
        const strings = ctx.strings();
        const str = strings.known ? strings.items[Number(v)] : undefined;
        if (str === undefined) unreadable = strings.known ? "shared-string-index" : "shared-strings-dialect";
        else value = decodeOoxmlEscapes(str);
      }
      break;
    }
    case "str":
      if (hasValue) value = decodeOoxmlEscapes(v as string);
      break;
    case "inlineStr":
      if (inline !== undefined) {
        value = decodeOoxmlEscapes(inline);
        hasValue = true;
      } else if (hasValue) value = v as string;
      break;
    case "b":
      if (hasValue) value = v === "1" || v === "true";
      break;
    case "e":
      if (hasValue) error = (v as string).trim();
      break;
    case "d":
      if (hasValue) {
        const serial = isoToSerial(v as string);
        value = serial === undefined ? (v as string) : serial;
      }
      break;
    default:
      if (hasValue) {
        const num = Number(v);
        value = Number.isFinite(num) ? num : (v as string);
      }
  }
  if (value === "" && formula === undefined) value = null;
  if (value === null && error === undefined && formula === undefined && unreadable === undefined) return null;

  const cell: SourceCell = { value };
  if (unreadable !== undefined) cell.unreadable = unreadable;
  if (formula !== undefined) {
    cell.formula = formula;
    if (!hasValue) cell.uncached = true;
  }
  if (error !== undefined) cell.error = error;
  const code = ctx.formats[style];
  if (code) {
    cell.numberFormat = code;
    if (ctx.date1904 && typeof value === "number" && type !== "d" && isDateFormat(code)) cell.value = value + DATE1904_OFFSET;
  } else if (type === "d" && typeof value === "number") {
    // A t="d" cell without a style still is a date: say so, or it reads as a bare number.
    cell.numberFormat = "yyyy-mm-dd";
  }
  return cell;
}
