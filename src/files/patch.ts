/**
 * Writes values and formulas into an EXISTING workbook written by anyone, keeping
 * everything else byte for byte where possible: styles (a cell keeps its s attribute),
 * other cells, drawings, names, extensions. Used by `yuebao fill` to put 累计数 into a
 * clerk's own file. Cells and rows are inserted in order when missing; calcChain.xml is
 * dropped (Excel rebuilds it and would otherwise complain) and fullCalcOnLoad is set, so
 * formulas we write (which carry no cached value) are computed when the file is opened.
 */
import { fflateZip } from "./fflate-lazy";
import { cellAddress, parseAddress } from "../form/grid";
import type { CellValue } from "../form/grid";
import type { RangeWrite } from "../form/plan";
import { WorkbookPlanError, WorkbookReadError } from "./errors";
import type { ReadLimits } from "./guard";
import { shiftFormula } from "./formula";
import { builtinId } from "./numfmt";
import { findRel, openPackage, type WorkbookPackage } from "./package";
import { MAX_COLS, MAX_ROWS, parseRef, parseRowNumber, rangeBeyondGrid } from "./refs";
import { wellFormedProblem } from "./wellformed";
import { CLOSE, END, OPEN, SPREADSHEETML, XmlScanner, escapeXml } from "./xml";

interface CellOp {
  value: CellValue;
  formula: string | null;
  numberFormat?: string;
}

interface OrigCell {
  col: number;
  start: number;
  end: number;
  hasRef: boolean;
  style?: string;
  /** Shared formula: si, and whether this cell holds the master text. */
  sharedSi?: string;
  master?: { text: string };
  fStart?: number;
  fEnd?: number;
}

interface OrigRow {
  row: number;
  start: number;
  end: number;
  openEnd: number;
  selfClosing: boolean;
  hasRef: boolean;
  style?: string;
  cells: OrigCell[];
}

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export interface PatchOptions {
  limits?: Partial<ReadLimits>;
}

export function patchWorkbook(bytes: Uint8Array, fileName: string, writes: RangeWrite[], opts: PatchOptions = {}): Uint8Array {
  const pkg = openPackage(bytes, fileName, opts.limits);
  const parts = new Map<string, Uint8Array>();
  for (const e of pkg.zip.entries) {
    if (e.name.endsWith("/")) continue;
    const name = e.name.replace(/^\/+/, "");
    const data = pkg.zip.inflate(e);
    assertWellFormed(name, data, fileName);
    parts.set(name, data);
  }
  const text = (path: string): string => {
    const key = findKey(parts, path);
    const b = key ? parts.get(key) : undefined;
    if (!b) throw new WorkbookReadError("corrupt", fileName, `missing part ${path}`);
    return utf8.decode(b);
  };
  const put = (path: string, s: string): void => {
    parts.set(findKey(parts, path) ?? path, encoder.encode(s));
  };

  const bySheet = groupWrites(pkg, writes);
  const stylesPath = findRel(pkg, "styles") ?? "xl/styles.xml";
  const styles = findKey(parts, stylesPath) ? new StylesPatch(text(stylesPath), fileName) : undefined;

  for (const [path, ops] of bySheet) {
    put(path, patchSheet(text(path), ops, styles, fileName, path));
  }
  if (styles?.changed) put(stylesPath, styles.xml());

  put(pkg.workbookPath, setFullCalc(text(pkg.workbookPath)));
  const calcChain = findRel(pkg, "calcChain") ?? (findKey(parts, "xl/calcChain.xml") ? "xl/calcChain.xml" : undefined);
  if (calcChain) {
    const key = findKey(parts, calcChain);
    if (key) parts.delete(key);
    const relsKey = findKey(parts, pkg.workbookRelsPath);
    if (relsKey) {
      const rels = utf8.decode(parts.get(relsKey) as Uint8Array).replace(/<(\w+:)?Relationship\b[^>]*calcChain[^>]*\/>/g, "");
      parts.set(relsKey, encoder.encode(rels));
    }
    const ctKey = findKey(parts, "[Content_Types].xml");
    if (ctKey) {
      const ct = utf8.decode(parts.get(ctKey) as Uint8Array).replace(/<(\w+:)?Override\b[^>]*calcChain[^>]*\/>/g, "");
      parts.set(ctKey, encoder.encode(ct));
    }
  }

  const out: Record<string, Uint8Array> = {};
  const ct = findKey(parts, "[Content_Types].xml");
  if (ct) out[ct] = parts.get(ct) as Uint8Array;
  for (const [k, v] of parts) if (k !== ct) out[k] = v;
  return fflateZip().zipSync(out, { level: 6 });
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Every XML part is copied into the output byte for byte unless we change it, so a malformed
 * one (which Excel would "repair", losing data) is refused here, before anything is written.
 * Other parts (images, VML drawings, binary parts) are not XML documents Excel parses strictly.
 */
function assertWellFormed(name: string, data: Uint8Array, file: string): void {
  if (!/\.(xml|rels)$/i.test(name)) return;
  let text: string;
  try {
    text = strictUtf8.decode(data);
  } catch {
    throw new WorkbookReadError("corrupt", file, `${name}: not UTF-8`);
  }
  const problem = wellFormedProblem(text);
  if (problem) throw new WorkbookReadError("corrupt", file, `${name}: ${problem}`);
}

function findKey(parts: Map<string, Uint8Array>, path: string): string | undefined {
  const p = path.replace(/^\/+/, "");
  if (parts.has(p)) return p;
  const lower = p.toLowerCase();
  for (const k of parts.keys()) if (k.toLowerCase() === lower) return k;
  return undefined;
}

function groupWrites(pkg: WorkbookPackage, writes: RangeWrite[]): Map<string, Map<number, Map<number, CellOp>>> {
  const out = new Map<string, Map<number, Map<number, CellOp>>>();
  for (const w of writes) {
    const sheet = pkg.sheets.find((s) => s.name === w.sheet) ?? pkg.sheets.find((s) => s.name.toLowerCase() === w.sheet.toLowerCase());
    if (!sheet || !sheet.path || sheet.kind !== "worksheet")
      throw new WorkbookPlanError("no-such-sheet", `No worksheet named "${w.sheet}"`);
    let origin: { row: number; col: number };
    try {
      origin = parseAddress(w.address);
    } catch {
      throw new WorkbookPlanError("bad-address", `Bad address ${w.address}`);
    }
    let ops = out.get(sheet.path);
    if (!ops) out.set(sheet.path, (ops = new Map()));
    w.values.forEach((line, r) => {
      const flines = w.formulas?.[r];
      if (w.formulas && (!flines || flines.length !== line.length)) {
        throw new WorkbookPlanError("bad-write", `${w.sheet}!${w.address}: formulas do not have the shape of values`);
      }
      const row = origin.row + r;
      let rowOps = ops?.get(row);
      if (!rowOps) ops?.set(row, (rowOps = new Map()));
      line.forEach((value, c) => {
        const formula = flines?.[c] ?? null;
        if (formula !== null && !formula.startsWith("="))
          throw new WorkbookPlanError("bad-write", `Formula must start with "=": ${formula}`);
        if (typeof value === "number" && !Number.isFinite(value)) throw new WorkbookPlanError("bad-write", "Number is not finite");
        rowOps?.set(origin.col + c, { value, formula, numberFormat: w.numberFormat });
      });
    });
  }
  return out;
}

/** Where things are in a sheet part, found in one namespace-aware pass. */
interface SheetLayout {
  /** Prefix the sheet writes its elements with ("x:" or ""): what we add uses it too. */
  p: string;
  dataOpen: number;
  dataStart: number;
  selfClosing: boolean;
  /** Start of `</sheetData>` (= dataStart when self-closing). */
  closeIdx: number;
  rows: OrigRow[];
  colStyles: Map<number, string>;
  dimension?: { start: number; end: number };
}

function scanSheet(xml: string, file: string, part: string): SheetLayout {
  const sc = new XmlScanner(xml, 0, xml.length, SPREADSHEETML);
  const corrupt = (what: string, ref: string): WorkbookReadError =>
    new WorkbookReadError("corrupt", file, `${part}: ${what} ${ref.length > 24 ? ref.slice(0, 24) + "…" : ref}`);
  const colStyles = new Map<number, string>();
  let layout: SheetLayout | undefined;
  let dimension: { start: number; end: number } | undefined;
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t !== OPEN) continue;
    const n = sc.name;
    if (n === "col" && !layout) {
      const s = sc.attr("style");
      if (!s) continue;
      const min = Number(sc.attr("min"));
      const max = Math.min(Number(sc.attr("max")), min + MAX_COLS, MAX_COLS);
      for (let c = min; c <= max; c++) colStyles.set(c - 1, s);
    } else if (n === "dimension" || n === "mergeCell") {
      const ref = sc.attr("ref");
      if (ref !== undefined && rangeBeyondGrid(ref)) throw corrupt(`${n} reference`, ref);
      if (n === "dimension") dimension = { start: sc.tagStart, end: sc.tagEnd };
    } else if (n === "sheetData" && !layout) {
      const raw = sc.rawName();
      const colon = raw.indexOf(":");
      const p = colon >= 0 ? raw.slice(0, colon + 1) : "";
      const dataOpen = sc.tagStart;
      const dataStart = sc.tagEnd;
      const selfClosing = sc.selfClosing;
      const rows = selfClosing ? [] : scanRows(sc, corrupt);
      const closeIdx = selfClosing ? dataStart : sc.tagStart;
      if (!selfClosing && (sc.name as string) !== "sheetData")
        throw new WorkbookReadError("corrupt", file, `${part}: sheetData not closed`);
      layout = { p, dataOpen, dataStart, selfClosing, closeIdx, rows, colStyles };
    }
  }
  if (!layout) throw new WorkbookReadError("corrupt", file, `${part}: sheet has no sheetData`);
  layout.dimension = dimension;
  return layout;
}

/** After `<sheetData>`: its rows and cells, up to and including `</sheetData>`. */
function scanRows(sc: XmlScanner, corrupt: (what: string, ref: string) => WorkbookReadError): OrigRow[] {
  const rows: OrigRow[] = [];
  const pos = { row: 0, col: 0 };
  let rowNo = -1;
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t === CLOSE && sc.name === "sheetData") break;
    if (t !== OPEN) continue;
    if (sc.name !== "row") {
      sc.skip();
      continue;
    }
    const r = sc.attr("r");
    if (r === undefined) rowNo += 1;
    else {
      const k = parseRowNumber(r);
      if (k === undefined) throw corrupt("row number", r);
      rowNo = k - 1;
    }
    if (rowNo >= MAX_ROWS) throw corrupt("row past", String(MAX_ROWS));
    const row: OrigRow = {
      row: rowNo,
      start: sc.tagStart,
      end: sc.tagEnd,
      openEnd: sc.tagEnd,
      selfClosing: sc.selfClosing,
      hasRef: r !== undefined,
      style: sc.attr("customFormat") === "1" || sc.attr("customFormat") === "true" ? sc.attr("s") : undefined,
      cells: [],
    };
    rows.push(row);
    if (sc.selfClosing) continue;
    let col = -1;
    for (let u = sc.next(); u !== END; u = sc.next()) {
      if (u === CLOSE && (sc.name as string) === "row") {
        row.end = sc.tagEnd;
        break;
      }
      if (u !== OPEN) continue;
      if ((sc.name as string) !== "c") {
        sc.skip();
        continue;
      }
      const ref = sc.attr("r");
      if (ref !== undefined) {
        if (!parseRef(ref, pos)) throw corrupt("cell reference", ref);
        // A cell is where its reference says; the patcher keeps it in the row it is written in.
        col = pos.col;
      } else if (++col >= MAX_COLS) throw corrupt("cell past column", "XFD");
      const cell: OrigCell = { col, start: sc.tagStart, end: sc.tagEnd, hasRef: ref !== undefined, style: sc.attr("s") };
      row.cells.push(cell);
      if (sc.selfClosing) continue;
      for (let v = sc.next(); v !== END; v = sc.next()) {
        if (v === CLOSE && (sc.name as string) === "c") break;
        if (v === OPEN && (sc.name as string) === "f") {
          const fStart = sc.tagStart;
          const isShared = sc.attr("t") === "shared";
          const si = sc.attr("si");
          const hasRange = sc.attr("ref") !== undefined;
          const ftext = sc.readText();
          if (isShared && si !== undefined) {
            cell.sharedSi = si;
            cell.fStart = fStart;
            cell.fEnd = sc.tagEnd;
            if (hasRange || ftext) cell.master = { text: ftext };
          }
        } else if (v === OPEN) sc.skip();
      }
      cell.end = sc.tagEnd;
    }
  }
  return rows;
}

function valueXml(p: string, ref: string, style: string | undefined, op: CellOp): string {
  const s = style !== undefined && style !== "0" ? ` s="${style}"` : "";
  const v = op.value;
  if (op.formula !== null) {
    // Keep the value we computed as the cached result: readers that do not recalculate
    // (and our own validator) then see the figure, and fullCalcOnLoad refreshes it in Excel.
    const cached = typeof v === "number" && Number.isFinite(v) ? `<${p}v>${v}</${p}v>` : "";
    return `<${p}c r="${ref}"${s}><${p}f>${escapeXml(op.formula.slice(1))}</${p}f>${cached}</${p}c>`;
  }
  if (v === null || v === "") return `<${p}c r="${ref}"${s}/>`;
  if (typeof v === "string") {
    return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(v)}</${p}t></${p}is></${p}c>`;
  }
  if (typeof v === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s}><${p}v>${v}</${p}v></${p}c>`;
}

function patchSheet(
  xml: string,
  ops: Map<number, Map<number, CellOp>>,
  styles: StylesPatch | undefined,
  file: string,
  part: string,
): string {
  const { p, dataOpen, dataStart, selfClosing, closeIdx, rows, colStyles, dimension } = scanSheet(xml, file, part);

  // A shared-formula master we overwrite would orphan its group: give each member its own text.
  const masters = new Map<string, { text: string; row: number; col: number }>();
  const orphaned = new Set<string>();
  for (const r of rows)
    for (const c of r.cells) {
      if (c.master && c.sharedSi !== undefined) {
        masters.set(c.sharedSi, { text: c.master.text, row: r.row, col: c.col });
        if (ops.get(r.row)?.has(c.col)) orphaned.add(c.sharedSi);
      }
    }

  const cellText = (r: OrigRow, c: OrigCell): string => {
    const op = ops.get(r.row)?.get(c.col);
    const ref = cellAddress(r.row, c.col);
    if (op) {
      let style = c.style;
      if (op.numberFormat && styles) style = String(styles.withFormat(Number(style ?? 0), op.numberFormat));
      return valueXml(p, ref, style, op);
    }
    let t = xml.slice(c.start, c.end);
    if (c.sharedSi !== undefined && orphaned.has(c.sharedSi) && c.fStart !== undefined && c.fEnd !== undefined) {
      const m = masters.get(c.sharedSi);
      if (m) {
        const f = `<${p}f>${escapeXml(shiftFormula(m.text, r.row - m.row, c.col - m.col))}</${p}f>`;
        t = xml.slice(c.start, c.fStart) + f + xml.slice(c.fEnd, c.end);
      }
    }
    if (!c.hasRef) t = t.replace(/^<([\w.-]+:)?c\b/, (m0) => `${m0} r="${ref}"`);
    return t;
  };

  const newCell = (row: number, col: number, rowStyle: string | undefined, op: CellOp): string => {
    let style = rowStyle ?? colStyles.get(col);
    if (op.numberFormat && styles) style = String(styles.withFormat(Number(style ?? 0), op.numberFormat));
    return valueXml(p, cellAddress(row, col), style, op);
  };

  const rowNeedsRebuild = (r: OrigRow): boolean =>
    ops.has(r.row) || r.cells.some((c) => (c.sharedSi !== undefined && orphaned.has(c.sharedSi)) || !c.hasRef);

  let body = "";
  const pending = [...ops.keys()].filter((row) => !rows.some((r) => r.row === row)).sort((a, b) => a - b);
  let pi = 0;
  const emitNewRowsBefore = (limit: number): void => {
    while (pi < pending.length && pending[pi] < limit) {
      const row = pending[pi++];
      const rowOps = ops.get(row) as Map<number, CellOp>;
      const cells = [...rowOps.keys()].sort((a, b) => a - b).map((c) => newCell(row, c, undefined, rowOps.get(c) as CellOp));
      body += `<${p}row r="${row + 1}">${cells.join("")}</${p}row>`;
    }
  };
  let prev = dataStart;
  for (const r of rows) {
    emitNewRowsBefore(r.row);
    body += xml.slice(prev, r.start);
    prev = r.end;
    if (!rowNeedsRebuild(r)) {
      let t = xml.slice(r.start, r.end);
      if (!r.hasRef) t = t.replace(/^<([\w.-]+:)?row\b/, (m0) => `${m0} r="${r.row + 1}"`);
      body += t;
      continue;
    }
    let openTag = xml.slice(r.start, r.openEnd).replace(/\s+spans="[^"]*"/, "");
    if (r.selfClosing) openTag = openTag.replace(/\s*\/>$/, ">");
    if (!r.hasRef) openTag = openTag.replace(/^<([\w.-]+:)?row\b/, (m0) => `${m0} r="${r.row + 1}"`);
    const rowOps = ops.get(r.row);
    const existing = new Set(r.cells.map((c) => c.col));
    const extra = rowOps ? [...rowOps.keys()].filter((c) => !existing.has(c)).sort((a, b) => a - b) : [];
    let cells = "";
    let ei = 0;
    for (const c of r.cells) {
      while (ei < extra.length && extra[ei] < c.col) cells += newCell(r.row, extra[ei], r.style, rowOps?.get(extra[ei++]) as CellOp);
      cells += cellText(r, c);
    }
    while (ei < extra.length) cells += newCell(r.row, extra[ei], r.style, rowOps?.get(extra[ei++]) as CellOp);
    body += `${openTag}${cells}</${p}row>`;
  }
  emitNewRowsBefore(Infinity);
  body += xml.slice(prev, closeIdx);

  const head = dimension
    ? xml.slice(0, dimension.start) + updateDimension(xml.slice(dimension.start, dimension.end), ops) + xml.slice(dimension.end, dataOpen)
    : xml.slice(0, dataOpen);
  if (selfClosing) return `${head}<${p}sheetData>${body}</${p}sheetData>${xml.slice(dataStart)}`;
  return head + xml.slice(dataOpen, dataStart) + body + xml.slice(closeIdx);
}

/** The `<dimension ref>` tag widened to the cells written. */
function updateDimension(tag: string, ops: Map<number, Map<number, CellOp>>): string {
  return tag.replace(/(<(?:[\w.-]+:)?dimension\b[^>]*\bref=")([^"]*)(")/, (m, a: string, ref: string, z: string) => {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const add = (row: number, col: number): void => {
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    };
    try {
      for (const part of ref.split(":")) {
        const q = parseAddress(part);
        add(q.row, q.col);
      }
    } catch {
      return m;
    }
    for (const [row, cols] of ops) for (const col of cols.keys()) add(row, col);
    const tl = cellAddress(top, left);
    const br = cellAddress(bottom, right);
    return `${a}${tl === br ? tl : `${tl}:${br}`}${z}`;
  });
}

function setFullCalc(xml: string): string {
  const calc = /<([\w.-]+:)?calcPr\b([^>]*?)(\/?)>/.exec(xml);
  if (calc) {
    let attrs = calc[2].replace(/\s+fullCalcOnLoad="[^"]*"/, "");
    attrs += ' fullCalcOnLoad="1"';
    return xml.slice(0, calc.index) + `<${calc[1] ?? ""}calcPr${attrs}${calc[3]}>` + xml.slice(calc.index + calc[0].length);
  }
  const root = /<([\w.-]+:)?workbook\b/.exec(xml);
  const p = root?.[1] ?? "";
  const tag = `<${p}calcPr fullCalcOnLoad="1"/>`;
  // calcPr follows definedNames (or sheets) in the schema's order.
  for (const after of [`</${p}definedNames>`, `</${p}sheets>`]) {
    const i = xml.indexOf(after);
    if (i >= 0) return xml.slice(0, i + after.length) + tag + xml.slice(i + after.length);
  }
  return xml;
}

/** Adds number formats and cell formats to an existing styles.xml, touching nothing else. */
class StylesPatch {
  changed = false;
  private readonly prefix: string;
  private readonly xfs: string[] = [];
  private readonly added: string[] = [];
  private readonly fmtIds = new Map<string, number>();
  private readonly newFmts: string[] = [];
  private nextFmt = 164;
  private readonly memo = new Map<string, number>();

  constructor(
    private src: string,
    private readonly file: string,
  ) {
    const root = /<([\w.-]+:)?styleSheet\b/.exec(src);
    this.prefix = root?.[1] ?? "";
    const sc = new XmlScanner(src, 0, src.length, SPREADSHEETML);
    let inXfs = false;
    for (let t = sc.next(); t !== END; t = sc.next()) {
      if (t === OPEN && sc.name === "numFmt") {
        const id = Number(sc.attr("numFmtId"));
        this.fmtIds.set(sc.attr("formatCode") ?? "", id);
        if (id >= this.nextFmt) this.nextFmt = id + 1;
      } else if (t === OPEN && sc.name === "cellXfs") inXfs = !sc.selfClosing;
      else if (t === CLOSE && sc.name === "cellXfs") inXfs = false;
      else if (t === OPEN && inXfs && sc.name === "xf") {
        const start = sc.tagStart;
        sc.skip();
        this.xfs.push(src.slice(start, sc.tagEnd));
      }
    }
  }

  withFormat(xf: number, code: string): number {
    const key = `${xf}|${code}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const id = this.formatId(code);
    const base = this.xfs[xf] ?? this.xfs[0] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    if (new RegExp(`\\bnumFmtId="${id}"`).test(base.slice(0, base.indexOf(">")))) {
      this.memo.set(key, xf);
      return xf;
    }
    const tagEnd = base.indexOf(">");
    let tag = base
      .slice(0, tagEnd)
      .replace(/\s+numFmtId="[^"]*"/, "")
      .replace(/\s+applyNumberFormat="[^"]*"/, "");
    const selfClose = tag.endsWith("/");
    if (selfClose) tag = tag.slice(0, -1);
    tag = tag.replace(/^<([\w.-]+:)?xf\b/, (m0) => `${m0} numFmtId="${id}" applyNumberFormat="1"`);
    const xfText = tag + (selfClose ? "/" : "") + base.slice(tagEnd);
    const index = this.xfs.length + this.added.length;
    this.added.push(xfText);
    this.memo.set(key, index);
    this.changed = true;
    return index;
  }

  private formatId(code: string): number {
    const builtin = builtinId(code);
    if (builtin !== undefined) return builtin;
    let id = this.fmtIds.get(code);
    if (id === undefined) {
      id = this.nextFmt++;
      this.fmtIds.set(code, id);
      this.newFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    }
    return id;
  }

  xml(): string {
    const p = this.prefix;
    let s = this.src;
    if (this.added.length) {
      const close = s.indexOf(`</${p}cellXfs>`);
      if (close < 0) throw new WorkbookReadError("corrupt", this.file, "styles part has no cellXfs to extend");
      s = s.slice(0, close) + this.added.join("") + s.slice(close);
      s = s.replace(
        /(<(?:[\w.-]+:)?cellXfs\b[^>]*\bcount=")(\d+)(")/,
        (_m, a: string, _n: string, z: string) => `${a}${this.xfs.length + this.added.length}${z}`,
      );
    }
    if (this.newFmts.length) {
      const close = s.indexOf(`</${p}numFmts>`);
      if (close >= 0) {
        s = s.slice(0, close) + this.newFmts.join("") + s.slice(close);
        s = s.replace(
          /(<(?:[\w.-]+:)?numFmts\b[^>]*\bcount=")(\d+)(")/,
          (_m, a: string, n: string, z: string) => `${a}${Number(n) + this.newFmts.length}${z}`,
        );
      } else {
        const root = /<([\w.-]+:)?styleSheet\b[^>]*>/.exec(s);
        if (!root) throw new WorkbookReadError("corrupt", this.file, "styles part has no styleSheet element");
        const at = root.index + root[0].length;
        s = s.slice(0, at) + `<${p}numFmts count="${this.newFmts.length}">${this.newFmts.join("")}</${p}numFmts>` + s.slice(at);
      }
    }
    return s;
  }
}
