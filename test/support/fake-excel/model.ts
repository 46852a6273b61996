/**
 * The workbook behind the fake: sheets with sparse cells, formats, names, protection, print
 * set-up and validation. Proxies (proxies.ts) only ever touch it while context.sync() runs.
 * Behaviour follows Microsoft's documentation where it says something; each rule cites it.
 */
import { MAX_COLS, type Rect, absoluteAddress, colName, cols, intersects, parseRect, quoteSheetName, rows } from "./address";
import { officeError } from "./errors";
import { evaluate } from "./formula";

export type Scalar = string | number | boolean;

export type BorderSide = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight";

export interface CellFormat {
  numberFormat: string;
  bold: boolean;
  fontSize: number;
  fontName: string;
  fontColor: string;
  /** null = no fill (Excel reports it as "#FFFFFF"; see proxies.ts). */
  fill: string | null;
  hAlign: string;
  vAlign: string;
  wrap: boolean;
  borders: Record<BorderSide, string>;
  locked: boolean;
}

export interface Cell {
  /** Constant content; undefined with no formula = empty. */
  value?: Scalar;
  formula?: string;
  fmt: CellFormat;
}

export function defaultFormat(): CellFormat {
  return {
    numberFormat: "General",
    bold: false,
    fontSize: 11,
    fontName: "等线",
    fontColor: "#000000",
    fill: null,
    hAlign: "General",
    vAlign: "Bottom",
    wrap: false,
    borders: { EdgeTop: "None", EdgeBottom: "None", EdgeLeft: "None", EdgeRight: "None" },
    locked: true,
  };
}

const DEFAULT_FMT_JSON = JSON.stringify(defaultFormat());

/**
 * A defined name. A name referring to cells keeps the sheet itself, not its name: as in Excel,
 * its formula follows the sheet when it is renamed or moved and reads "=#REF!$A$1" once the
 * sheet is deleted. Other names keep their formula text ('="2018-07"').
 */
export interface NamedItemModel {
  name: string;
  /** The formula of a name that does not refer to cells. */
  formula: string;
  ref?: { sheet: FakeSheet; rect: Rect };
  comment: string;
  visible?: boolean;
}

export interface ValidationModel {
  rect: Rect;
  rule: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
}

export interface ProtectionModel {
  protected: boolean;
  options: Record<string, boolean>;
  password?: string;
}

export interface PageLayoutModel {
  paperSize?: string;
  orientation?: string;
  centerHorizontally?: boolean;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number | null };
  printArea?: string;
  printTitleRows?: string;
}

export type ChangeListener = (args: { address: string; worksheetId: string; source: string }) => void;

let nextId = 1;

export class FakeSheet {
  readonly id = `{00000000-0001-0000-0000-${String(nextId++).padStart(12, "0")}}`;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  deleted = false;
  readonly cells = new Map<number, Cell>();
  merges: Rect[] = [];
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  freezeRows = 0;
  readonly protection: ProtectionModel = { protected: false, options: {} };
  readonly names = new Map<string, NamedItemModel>();
  readonly pageLayout: PageLayoutModel = {};
  validations: ValidationModel[] = [];
  readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly book: FakeWorkbook,
    public name: string,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.cells.get(row * MAX_COLS + col);
  }

  /** Creates the cell on demand (sparse storage: untouched cells do not exist). */
  touch(row: number, col: number): Cell {
    const key = row * MAX_COLS + col;
    let c = this.cells.get(key);
    if (!c) {
      c = { fmt: defaultFormat() };
      this.cells.set(key, c);
    }
    return c;
  }

  /** Cells of a rectangle that exist (iterates the sparse map when the rectangle is huge). */
  *existing(r: Rect): Generator<[number, number, Cell]> {
    const area = rows(r) * cols(r);
    if (area <= this.cells.size * 4) {
      for (let i = r.top; i <= r.bottom; i++)
        for (let j = r.left; j <= r.right; j++) {
          const c = this.cell(i, j);
          if (c) yield [i, j, c];
        }
      return;
    }
    for (const [key, c] of this.cells) {
      const i = Math.floor(key / MAX_COLS);
      const j = key % MAX_COLS;
      if (i >= r.top && i <= r.bottom && j >= r.left && j <= r.right) yield [i, j, c];
    }
  }

  /** Visits every cell of the rectangle, creating it (for setting formats on a bounded range). */
  forEach(r: Rect, fn: (c: Cell, row: number, col: number) => void): void {
    if (rows(r) * cols(r) > 5_000_000) throw officeError("RangeExceedsLimit", "Fake: range too large to format cell by cell");
    for (let i = r.top; i <= r.bottom; i++) for (let j = r.left; j <= r.right; j++) fn(this.touch(i, j), i, j);
  }

  hasContent(c: Cell): boolean {
    return c.formula !== undefined || (c.value !== undefined && c.value !== "");
  }

  /**
   * "The used range is the smallest range that encompasses any cells that have a value or
   * formatting assigned to them"; valuesOnly ignores formatting.
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)
   */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [key, c] of this.cells) {
      const used = this.hasContent(c) || (!valuesOnly && JSON.stringify(c.fmt) !== DEFAULT_FMT_JSON);
      if (!used) continue;
      const i = Math.floor(key / MAX_COLS);
      const j = key % MAX_COLS;
      top = Math.min(top, i);
      left = Math.min(left, j);
      bottom = Math.max(bottom, i);
      right = Math.max(right, j);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  /** Writing content into locked cells of a protected sheet is refused (as Excel's UI does). */
  assertContentWritable(r: Rect): void {
    if (!this.protection.protected) return;
    for (let i = r.top; i <= r.bottom; i++)
      for (let j = r.left; j <= r.right; j++) {
        const c = this.cell(i, j);
        if (!c || c.fmt.locked) throw officeError("AccessDenied");
      }
  }

  /** Formatting on a protected sheet needs the matching allow* option. */
  assertFormatWritable(option = "allowFormatCells"): void {
    if (this.protection.protected && !this.protection.options[option]) throw officeError("AccessDenied");
  }

  mergedAreaAt(row: number, col: number): Rect | undefined {
    return this.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  }

  addMerge(r: Rect): void {
    if (this.merges.some((m) => intersects(m, r))) throw officeError("InvalidOperation", "Fake: overlapping merge");
    this.merges.push(r);
  }
}

/** What a cell shows to the API: value, type and formula text. */
export interface CellView {
  value: Scalar;
  type: "Empty" | "String" | "Double" | "Boolean" | "Error";
  formula: Scalar;
}

const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"];

export function isErrorValue(v: unknown): boolean {
  return typeof v === "string" && ERROR_VALUES.includes(v);
}

export interface FailurePlan {
  /** The workbook's syncCount value at which to fail. */
  at: number;
  /** Statements executed before the failure (Excel applies a batch statement by statement). */
  afterOps: number;
  /** Or: fail at the first statement with this label, e.g. "Worksheet.name". */
  atStatement?: string;
  code: string;
}

export interface FakeWorkbookOptions {
  /** Highest ExcelApi requirement set the host supports, e.g. "1.7" (Office 2019) or "1.9". */
  excelApi?: string;
  displayLanguage?: string;
  /** Excel on the web refuses requests above 5 MB; Infinity models desktop. */
  payloadLimitBytes?: number;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  activeSheetId = "";
  selection: { sheetId: string; rect: Rect } | null = null;
  syncCount = 0;
  /** Statements queued but never synced when an Excel.run batch ended (should stay 0). */
  droppedOps = 0;
  excelApi: string;
  displayLanguage: string;
  payloadLimitBytes: number;
  /** While true, a batch without delayForCellEdit fails as Excel does in cell-edit mode. */
  cellEditMode = false;
  /** Saved document settings (Office.context.document.settings after saveAsync). */
  savedSettings: Record<string, unknown> = {};
  /** Every run's options, to check that the adapter asks for delayForCellEdit. */
  readonly runOptions: unknown[] = [];
  /** Largest request payload seen, in bytes (UTF-8 of the JSON the statements would carry). */
  maxPayloadBytes = 0;
  /** Workbook-scoped defined names by upper-cased name (workbook.names). */
  readonly names = new Map<string, NamedItemModel>();
  private failures: FailurePlan[] = [];

  constructor(opts: FakeWorkbookOptions = {}) {
    this.excelApi = opts.excelApi ?? "1.9";
    this.displayLanguage = opts.displayLanguage ?? "zh-CN";
    this.payloadLimitBytes = opts.payloadLimitBytes ?? 5 * 1024 * 1024;
  }

  /** Test set-up: adds a sheet directly (no sync counted). */
  addSheet(name: string, values?: (Scalar | null)[][], at = "A1"): FakeSheet {
    assertSheetName(this, name);
    const s = new FakeSheet(this, name);
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    if (values) {
      const { top, left } = parseRect(at);
      values.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v !== null) inputValue(s, top + i, left + j, v);
        }),
      );
    }
    return s;
  }

  sheet(nameOrId: string): FakeSheet | undefined {
    const key = nameOrId.toUpperCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toUpperCase() === key);
  }

  /** Test helper: the sheet by name, or an exception. */
  get(name: string): FakeSheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }

  supports(version: string): boolean {
    return compareVersions(this.excelApi, version) >= 0;
  }

  /** Makes sync number `at` (compare syncCount) fail after `afterOps` statements. */
  failSync(plan: { at: number; afterOps?: number; atStatement?: string; code?: string }): void {
    this.failures.push({ at: plan.at, afterOps: plan.afterOps ?? 0, atStatement: plan.atStatement, code: plan.code ?? "GeneralException" });
  }

  takeFailure(n: number): FailurePlan | undefined {
    const i = this.failures.findIndex((f) => f.at === n);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0];
  }

  /** Simulates the user typing into a cell: content changes and onChanged handlers fire. */
  userEdit(sheet: string, row: number, col: number, v: Scalar): void {
    const s = this.get(sheet);
    inputValue(s, row, col, v);
    const address = `${colName(col)}${row + 1}`;
    for (const l of s.listeners) setTimeout(() => l({ address, worksheetId: s.id, source: "Local" }), 0);
  }

  /** Test helper: the workbook-scoped names whose reference is on this sheet (as it is now). */
  namesReferringTo(sheet: string): { name: string; formula: string }[] {
    const s = this.get(sheet);
    return [...this.names.values()].filter((n) => n.ref?.sheet === s).map((n) => ({ name: n.name, formula: nameFormula(n) }));
  }

  /** Test helper: what a cell shows (evaluated). */
  view(sheet: string, address: string): CellView {
    const { top, left } = parseRect(address);
    return cellView(this.get(sheet), top, left);
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Excel's sheet-name rules: 1-31 characters, none of : \ / ? * [ ], not starting or ending
 * with an apostrophe, not the reserved "History", unique ignoring case.
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
 */
export function assertSheetName(book: FakeWorkbook, name: string, self?: FakeSheet): void {
  if (
    name.length < 1 ||
    name.length > 31 ||
    /[:\\/?*[\]]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toUpperCase() === "HISTORY"
  )
    throw officeError("InvalidArgument", `Fake: invalid sheet name "${name}"`);
  const clash = book.sheet(name);
  if (clash && clash !== self && clash.name.toUpperCase() === name.toUpperCase()) throw officeError("ItemAlreadyExists");
}

/** Excel date serial of a calendar day (1900 date system). */
function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * A value set through Range.values is parsed like typed input unless the cell is formatted as
 * text ("@"): "=..." becomes a formula, and per the API reference "If the returned value starts
 * with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula";
 * numeric, boolean and date-like strings become numbers, booleans and dates.
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 */
export function inputValue(s: FakeSheet, row: number, col: number, v: Scalar): void {
  const c = s.touch(row, col);
  c.formula = undefined;
  if (v === "") {
    c.value = undefined;
    return;
  }
  if (typeof v !== "string" || c.fmt.numberFormat === "@") {
    c.value = v;
    return;
  }
  const t = v.trim();
  if (t.startsWith("=") && t.length > 1) {
    c.formula = t;
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
    c.value = Number(t);
    return;
  }
  if ((t.startsWith("+") || t.startsWith("-")) && t.length > 1) {
    c.formula = "=" + t;
    return;
  }
  if (/^(true|false)$/i.test(t)) {
    c.value = t.toUpperCase() === "TRUE";
    return;
  }
  const ymd = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(t);
  if (ymd && Number(ymd[2]) >= 1 && Number(ymd[2]) <= 12) {
    c.value = dateSerial(Number(ymd[1]), Number(ymd[2]), ymd[3] ? Number(ymd[3]) : 1);
    if (c.fmt.numberFormat === "General") c.fmt.numberFormat = ymd[3] ? "yyyy/m/d" : "mmm-yy";
    return;
  }
  c.value = v;
}

/** Range.formulas: a string starting with "=" is a formula; anything else is input as a value. */
export function inputFormula(s: FakeSheet, row: number, col: number, v: Scalar): void {
  if (typeof v === "string" && v.startsWith("=") && v.length > 1) {
    const c = s.touch(row, col);
    c.value = undefined;
    c.formula = v;
    return;
  }
  inputValue(s, row, col, v);
}

export function cellView(s: FakeSheet, row: number, col: number): CellView {
  const c = s.cell(row, col);
  if (!c || (c.formula === undefined && (c.value === undefined || c.value === ""))) return { value: "", type: "Empty", formula: "" };
  if (c.formula !== undefined) {
    const v = evaluate(s, c.formula, new Set([`${s.id}:${row}:${col}`]));
    return { value: v, type: typeOf(v), formula: c.formula };
  }
  const v = c.value as Scalar;
  // A constant's "formula" is the constant itself, so text "=1+1" reads back as "=1+1" in both.
  const type = typeOf(v);
  return { value: v, type: type === "Error" && c.fmt.numberFormat === "@" ? "String" : type, formula: v };
}

function typeOf(v: Scalar): CellView["type"] {
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (v === "") return "Empty";
  return isErrorValue(v) ? "Error" : "String";
}

/** A name's formula now: its reference follows the sheet; a deleted sheet gives #REF!. */
export function nameFormula(n: NamedItemModel): string {
  if (!n.ref) return n.formula;
  const cells = absoluteAddress(n.ref.rect);
  return n.ref.sheet.deleted ? `=#REF!${cells}` : `=${quoteSheetName(n.ref.sheet.name)}!${cells}`;
}
