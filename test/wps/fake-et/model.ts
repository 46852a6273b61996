/**
 * The workbook behind the ET fake: sheets of sparse cells with values, formulas, number formats,
 * lock state and a few styles; workbook-scoped names; protection; events. Plain TypeScript with
 * no test-framework import, so the browser test can bundle it. Addresses are parsed here
 * independently of src/ (the fake must not share a bug with the adapter).
 */

import { colName } from "../../support/fake-excel/address";

export { colName };

export type Scalar = string | number | boolean;

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

/** "B2", "$A$1:$D$3", "A:C", "3:5"; throws like WPS for anything else. */
export function parseRect(address: string): Rect {
  const parts = address.split(":");
  if (parts.length > 2) throw new EtError(`Range: bad address ${address}`);
  const parse = (p: string): { row?: number; col?: number } => {
    let m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(p);
    if (m) return { col: colIndex(m[1]), row: Number(m[2]) - 1 };
    m = /^\$?([A-Za-z]{1,3})$/.exec(p);
    if (m && parts.length === 2) return { col: colIndex(m[1]) };
    m = /^\$?(\d{1,7})$/.exec(p);
    if (m && parts.length === 2) return { row: Number(m[1]) - 1 };
    throw new EtError(`Range: bad address ${address}`);
  };
  const p = parse(parts[0].trim());
  const q = parts.length === 2 ? parse(parts[1].trim()) : p;
  if ((p.row === undefined) !== (q.row === undefined) || (p.col === undefined) !== (q.col === undefined))
    throw new EtError(`Range: bad address ${address}`);
  const top = p.row === undefined ? 0 : Math.min(p.row, q.row as number);
  const bottom = p.row === undefined ? MAX_ROWS - 1 : Math.max(p.row, q.row as number);
  const left = p.col === undefined ? 0 : Math.min(p.col, q.col as number);
  const right = p.col === undefined ? MAX_COLS - 1 : Math.max(p.col, q.col as number);
  if (top < 0 || left < 0 || bottom >= MAX_ROWS || right >= MAX_COLS) throw new EtError(`Range: out of sheet ${address}`);
  return { top, left, bottom, right };
}

export function a1(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  const one = (row: number, col: number) => `${d}${colName(col)}${d}${row + 1}`;
  return r.top === r.bottom && r.left === r.right ? one(r.top, r.left) : `${one(r.top, r.left)}:${one(r.bottom, r.right)}`;
}

/** What WPS throws: a plain Error with WPS's message. */
export class EtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Error";
  }
}

export interface FakeCell {
  value: Scalar | null;
  formula?: string;
  numberFormat: string;
  locked: boolean;
  style: Record<string, unknown>;
}

export interface FakeValidation {
  range: Rect;
  type: number;
  operator?: number;
  formula1?: string;
  inputMessage?: string;
  errorMessage?: string;
}

export class FakeEtSheet {
  readonly cells = new Map<string, FakeCell>();
  visible = -1;
  protected = false;
  merges: Rect[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  validations: FakeValidation[] = [];
  pageSetup: Record<string, unknown> = {};

  constructor(
    readonly book: FakeEtBook,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  ensure(row: number, col: number): FakeCell {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { value: null, numberFormat: "General", locked: true, style: {} };
      this.cells.set(key, c);
    }
    return c;
  }

  /** The cell's value as WPS shows it (a formula evaluated). */
  valueAt(row: number, col: number, visiting = new Set<string>()): Scalar | null {
    const c = this.cell(row, col);
    if (!c) return null;
    if (c.formula !== undefined) return evaluate(this, c.formula, visiting);
    return c.value;
  }

  /** The used range: every cell holding content or a format (like Excel's and WPS's UsedRange). */
  used(): Rect | null {
    let r: Rect | null = null;
    for (const [key, c] of this.cells) {
      if (c.value === null && c.formula === undefined && c.numberFormat === "General" && Object.keys(c.style).length === 0 && c.locked)
        continue;
      const [row, col] = key.split(",").map(Number);
      r = r
        ? { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) }
        : { top: row, left: col, bottom: row, right: col };
    }
    return r;
  }

  get index(): number {
    return this.book.sheets.indexOf(this) + 1;
  }
}

export interface FakeName {
  name: string;
  refersTo: string;
  visible: boolean;
}

export interface Selection {
  sheet: string;
  rect: Rect;
}

export interface FakeEtOptions {
  /** PageSetup throws, as on a PC without a printer driver. */
  noPrinter?: boolean;
  /** Range.Validation throws (an edition without data validation). */
  noValidation?: boolean;
}

/** ET's sheet-name rules: 1-31 characters, none of : \ / ? * [ ], no leading or trailing apostrophe, unique ignoring case. */
export function sheetNameError(book: FakeEtBook, name: unknown, self?: FakeEtSheet): string | undefined {
  if (typeof name !== "string" || name.length === 0 || name.length > 31) return "工作表名称长度不正确";
  if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) return "工作表名称包含非法字符";
  if (book.sheets.some((s) => s !== self && s.name.toUpperCase() === name.toUpperCase())) return "工作表名称已存在（重名）";
  return undefined;
}

export class FakeEtBook {
  sheets: FakeEtSheet[] = [];
  names: FakeName[] = [];
  active: FakeEtSheet | undefined;
  selection: Selection | null = null;
  displayAlerts = true;
  /** Times a call would have shown WPS's own dialog (deleting a sheet with alerts on). */
  prompts = 0;
  protectStructure = false;
  /** The user is typing in a cell: Application.Ready is false and every other call is refused. */
  editMode = false;
  /** Every ET call (property read or write, method call) made through the fake. */
  calls = 0;
  /** Calls by member name, to see where they go. */
  byMember = new Map<string, number>();
  /** Throw at this value of `calls` (set by failAfter). */
  private failAt: number | undefined;
  readonly listeners = new Set<(ws: unknown, target: unknown) => void>();
  freezeRows = 0;
  readonly options: FakeEtOptions;
  private nextSheet = 1;

  constructor(options: FakeEtOptions = {}) {
    this.options = options;
  }

  addSheet(name: string, rows: (Scalar | null)[][] = []): FakeEtSheet {
    const err = sheetNameError(this, name);
    if (err) throw new EtError(err);
    const s = new FakeEtSheet(this, name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = s.ensure(r, c);
        if (typeof v === "string" && v.startsWith("=")) cell.formula = v;
        else cell.value = v;
      }),
    );
    this.sheets.push(s);
    this.active ??= s;
    return s;
  }

  newSheetName(): string {
    for (;;) {
      const name = `Sheet${this.nextSheet++}`;
      if (!sheetNameError(this, name)) return name;
    }
  }

  get(name: string): FakeEtSheet {
    const s = this.sheets.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  /** Counts one call; throws when a failure was planned for it, or while a cell is edited. */
  tick(member: string): void {
    this.calls++;
    this.byMember.set(member, (this.byMember.get(member) ?? 0) + 1);
    if (this.editMode && member !== "Ready") throw new EtError("RPC_E_CALL_REJECTED: 单元格处于编辑状态");
    if (this.failAt !== undefined && this.calls >= this.failAt) {
      this.failAt = undefined;
      throw new EtError(`fake: planned failure at ${member}`);
    }
  }

  /** The n-th call from now throws (n = 1: the next call). */
  failAfter(n: number): void {
    this.failAt = this.calls + n;
  }

  cancelFailure(): void {
    this.failAt = undefined;
  }

  /** A cell as the user sees it. */
  view(sheet: string, address: string): { value: Scalar | null; formula?: string; numberFormat: string; locked: boolean } {
    const s = this.get(sheet);
    const r = parseRect(address);
    const c = s.cell(r.top, r.left);
    return { value: s.valueAt(r.top, r.left), formula: c?.formula, numberFormat: c?.numberFormat ?? "General", locked: c?.locked ?? true };
  }

  /** The user types a value (numbers stay numbers; "=..." is a formula unless the cell is text) and WPS fires SheetChange. */
  userEdit(sheet: string, row: number, col: number, value: Scalar | null): void {
    const s = this.get(sheet);
    const c = s.ensure(row, col);
    if (s.protected && c.locked) throw new Error(`fake: ${sheet} is protected: the user cannot type there`);
    delete c.formula;
    if (typeof value === "string" && value.startsWith("=") && c.numberFormat !== "@") {
      c.formula = value;
      c.value = null;
    } else c.value = value;
    this.fireChange(s, { top: row, left: col, bottom: row, right: col });
  }

  fireChange(s: FakeEtSheet, rect: Rect): void {
    for (const l of [...this.listeners]) l({ Name: s.name }, { Address: a1(rect, true) });
  }

  /** Names whose reference is on this sheet. */
  namesOn(sheet: string): FakeName[] {
    return this.names.filter((n) => referencedSheet(n.refersTo)?.toUpperCase() === sheet.toUpperCase());
  }

  /** Renames a sheet the way WPS does: names referring to it follow. */
  rename(s: FakeEtSheet, next: string): void {
    for (const n of this.names)
      if (referencedSheet(n.refersTo)?.toUpperCase() === s.name.toUpperCase()) n.refersTo = n.refersTo.replace(/^=.*!/, `=${quote(next)}!`);
    s.name = next;
  }

  /** Deletes a sheet: names referring to it become #REF!. */
  remove(s: FakeEtSheet): void {
    for (const n of this.names)
      if (referencedSheet(n.refersTo)?.toUpperCase() === s.name.toUpperCase()) n.refersTo = n.refersTo.replace(/^=.*!/, "=#REF!");
    this.sheets = this.sheets.filter((x) => x !== s);
    if (this.active === s) this.active = this.sheets[0];
    if (this.selection?.sheet === s.name) this.selection = null;
  }

  /** A deep copy of what the user would see: for "the workbook is as before" checks. */
  snapshot(): string {
    return JSON.stringify({
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visible: s.visible,
        protected: s.protected,
        cells: [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)),
        merges: s.merges,
        widths: [...s.columnWidths],
        validations: s.validations,
      })),
      names: this.names,
    });
  }
}

export function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The sheet of "='name'!$A$1" / "=name!$A$1"; undefined for #REF! and anything else. */
export function referencedSheet(refersTo: string): string | undefined {
  const m = /^=(?:'((?:[^']|'')+)'|([^'!#]+))!\$?[A-Z]+\$?\d+$/.exec(refersTo);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

// ---- a small evaluator: numbers, references (also 'Other'!A1), + - * / ( ), SUM ----

export function evaluate(sheet: FakeEtSheet, formula: string, visiting: Set<string>): Scalar {
  const src = formula.replace(/^=/, "");
  const tok =
    /\s*(?:((?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])|(\d+\.?\d*(?:[eE][+-]?\d+)?)|(SUM)\s*\(|([-+*/(),]))/iy;
  const toks: { kind: string; text: string; sheet?: string }[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    tok.lastIndex = pos;
    const m = tok.exec(src);
    if (!m) return "#NAME?";
    pos = tok.lastIndex;
    if (m[2])
      toks.push({
        kind: "ref",
        text: m[2],
        sheet: m[1]
          ? m[1]
              .slice(0, -1)
              .replace(/^'(.*)'$/, "$1")
              .replace(/''/g, "'")
          : undefined,
      });
    else if (m[3]) toks.push({ kind: "num", text: m[3] });
    else if (m[4]) toks.push({ kind: "sum", text: "SUM" });
    else toks.push({ kind: "op", text: m[5] });
  }
  let i = 0;
  const fail = (v: string): never => {
    throw new Error(v);
  };
  const cellsOf = (t: { text: string; sheet?: string }): { s: FakeEtSheet; r: Rect } => {
    const s = t.sheet === undefined ? sheet : sheet.book.sheets.find((x) => x.name.toUpperCase() === (t.sheet as string).toUpperCase());
    if (!s) return fail("#REF!");
    return { s, r: parseRect(t.text) };
  };
  const valueOf = (s: FakeEtSheet, row: number, col: number): number => {
    const key = `${s.name}!${row},${col}`;
    if (visiting.has(key)) fail("#REF!");
    const v = s.valueAt(row, col, new Set([...visiting, key]));
    if (v === null || v === "") return 0;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v.startsWith("#")) fail(v);
    const n = Number(v);
    return Number.isNaN(n) ? fail("#VALUE!") : n;
  };
  const primary = (): number => {
    const t = toks[i++];
    if (!t) return fail("#NAME?");
    if (t.kind === "num") return Number(t.text);
    if (t.kind === "op" && t.text === "-") return -primary();
    if (t.kind === "op" && t.text === "(") {
      const v = sum();
      if (toks[i++]?.text !== ")") fail("#NAME?");
      return v;
    }
    if (t.kind === "ref") {
      const { s, r } = cellsOf(t);
      if (r.top !== r.bottom || r.left !== r.right) fail("#VALUE!");
      return valueOf(s, r.top, r.left);
    }
    if (t.kind === "sum") {
      let total = 0;
      for (;;) {
        const a = toks[i];
        if (a?.kind === "ref") {
          i++;
          const { s, r } = cellsOf(a);
          for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) total += valueOf(s, row, col);
        } else total += sum();
        const sep = toks[i++];
        if (sep?.text === ")") return total;
        if (sep?.text !== ",") fail("#NAME?");
      }
    }
    return fail("#NAME?");
  };
  const product = (): number => {
    let v = primary();
    while (toks[i]?.text === "*" || toks[i]?.text === "/") {
      const op = toks[i++].text;
      const w = primary();
      if (op === "/" && w === 0) fail("#DIV/0!");
      v = op === "*" ? v * w : v / w;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i]?.text === "+" || toks[i]?.text === "-") {
      const op = toks[i++].text;
      const w = product();
      v = op === "+" ? v + w : v - w;
    }
    return v;
  };
  try {
    const v = sum();
    if (i !== toks.length) return "#NAME?";
    return Math.round(v * 1e10) / 1e10;
  } catch (e) {
    return (e as Error).message.startsWith("#") ? (e as Error).message : "#NAME?";
  }
}
