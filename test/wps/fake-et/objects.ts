/**
 * The ET objects of the fake, each implementing the adapter's view of Kingsoft's declarations
 * (src/wps/et.ts, Picks of et-jsapi-declare), and each handed out behind a Proxy that counts
 * every member read, write and call as one ET call (book.calls). WPS-like where it matters:
 * Value2 arrays must match the range's size, collections are 1-based, duplicate or illegal sheet
 * names fail, a string starting with "=" becomes a formula unless the cell is text-formatted,
 * a protected sheet refuses writes to locked cells and any format change, Range.Select needs
 * its sheet active, deleting a sheet with DisplayAlerts on would ask the user.
 */
import type {
  EtApiEvents,
  EtApplication,
  EtBorders,
  EtFont,
  EtInterior,
  EtName,
  EtNames,
  EtPageSetup,
  EtRange,
  EtSheets,
  EtValidation,
  EtWindow,
  EtWorkbook,
  EtWorksheet,
  SheetChangeListener,
} from "../../../src/wps/et";
import {
  EtError,
  type FakeEtBook,
  FakeEtSheet,
  a1,
  parseRect,
  quote,
  referencedSheet,
  sheetNameError,
  type FakeCell,
  type Rect,
  type Scalar,
} from "./model";

/** Members this fake does not model, asked for by the code under test (should stay empty). */
export const unmodelled = new Set<string>();

function counted<T extends object>(book: FakeEtBook, target: T): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === "string" && /^[A-Z]/.test(prop)) {
        book.tick(prop);
        if (!(prop in t)) {
          unmodelled.add(`${t.constructor.name}.${prop}`);
          return undefined;
        }
      }
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    set(t, prop, value) {
      if (typeof prop === "string" && /^[A-Z]/.test(prop)) book.tick(prop);
      return Reflect.set(t, prop, value, t);
    },
  });
}

const BIG = 100_000;

function forEachCell(r: Rect, fn: (row: number, col: number) => void): void {
  if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > BIG) throw new Error(`fake: ${a1(r)} is too large to touch cell by cell`);
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(row, col);
}

/** Writing a value as WPS does: "=..." becomes a formula unless the cell is text-formatted. */
function store(cell: FakeCell, v: unknown): void {
  delete cell.formula;
  if (v === null || v === undefined || v === "") {
    cell.value = null;
    return;
  }
  // ET's text prefix: "'..." is the text after the apostrophe, whatever it looks like.
  if (typeof v === "string" && v.startsWith("'")) {
    cell.value = v.slice(1);
    return;
  }
  if (typeof v === "string" && v.startsWith("=") && v.length > 1 && cell.numberFormat !== "@") {
    cell.formula = v;
    cell.value = null;
    return;
  }
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw new EtError(`类型不匹配: ${String(v)}`);
  if (typeof v === "number" && !Number.isFinite(v)) throw new EtError("无效的数值");
  cell.value = v as Scalar;
}

class FakeFont implements EtFont {
  constructor(private readonly range: FakeRange) {}
  get Bold(): boolean {
    return this.range.styleOf("bold") as boolean;
  }
  set Bold(v: boolean) {
    this.range.setStyle("bold", v);
  }
  get Size(): number {
    return this.range.styleOf("size") as number;
  }
  set Size(v: number) {
    this.range.setStyle("size", v);
  }
  get Name(): string | undefined {
    return this.range.styleOf("font") as string | undefined;
  }
  set Name(v: string | undefined) {
    this.range.setStyle("font", v);
  }
}

class FakeInterior implements EtInterior {
  constructor(private readonly range: FakeRange) {}
  get Color(): number {
    return this.range.styleOf("fill") as number;
  }
  set Color(v: number) {
    this.range.setStyle("fill", v);
  }
}

class FakeBorders implements EtBorders {
  constructor(private readonly range: FakeRange) {}
  get LineStyle(): number | boolean {
    return this.range.styleOf("border") as number;
  }
  set LineStyle(v: number | boolean) {
    this.range.setStyle("border", v);
  }
  get Weight(): number {
    return this.range.styleOf("borderWeight") as number;
  }
  set Weight(v: number) {
    this.range.setStyle("borderWeight", v);
  }
}

class FakeValidationObject implements EtValidation {
  constructor(
    private readonly sheet: FakeEtSheet,
    private readonly rect: Rect,
  ) {}
  private own() {
    return this.sheet.validations.find((v) => a1(v.range) === a1(this.rect));
  }
  private guard(): void {
    if (this.sheet.protected) throw new EtError("工作表受保护，无法设置数据有效性");
  }
  Add(Type: Et.XlDVType, AlertStyle?: number, Operator?: number, Formula1?: string): void {
    this.guard();
    if (this.own()) throw new EtError("数据有效性已存在：请先删除");
    if (Formula1 === undefined || Formula1 === "") throw new EtError("缺少 Formula1");
    this.sheet.validations.push({ range: this.rect, type: Type, operator: Operator, formula1: Formula1 });
    void AlertStyle;
  }
  Delete(): void {
    this.guard();
    this.sheet.validations = this.sheet.validations.filter((v) => v !== this.own());
  }
  get Type(): number {
    return this.own()?.type ?? 0;
  }
  private set(key: "inputMessage" | "errorMessage", v: string): void {
    this.guard();
    const own = this.own();
    if (!own) throw new EtError("没有数据有效性");
    own[key] = v;
  }
  get InputMessage(): string {
    return this.own()?.inputMessage ?? "";
  }
  set InputMessage(v: string) {
    this.set("inputMessage", v);
  }
  get ErrorMessage(): string {
    return this.own()?.errorMessage ?? "";
  }
  set ErrorMessage(v: string) {
    this.set("errorMessage", v);
  }
  ShowInput = true;
  ShowError = true;
  IgnoreBlank = true;
}

export class FakeRange implements EtRange {
  constructor(
    readonly book: FakeEtBook,
    readonly sheet: FakeEtSheet,
    readonly rect: Rect,
  ) {}

  private get rows(): number {
    return this.rect.bottom - this.rect.top + 1;
  }
  private get cols(): number {
    return this.rect.right - this.rect.left + 1;
  }
  private get single(): boolean {
    return this.rows === 1 && this.cols === 1;
  }

  private guardContent(): void {
    if (!this.sheet.protected) return;
    forEachCell(this.rect, (row, col) => {
      if (this.sheet.cell(row, col)?.locked ?? true) throw new EtError("您试图更改的单元格或图表受保护，因而是只读的。");
    });
  }

  private guardFormat(): void {
    if (this.sheet.protected) throw new EtError("工作表受保护：不能更改格式");
  }

  styleOf(key: string): unknown {
    const c = this.sheet.cell(this.rect.top, this.rect.left);
    return c?.style[key] ?? null;
  }

  setStyle(key: string, v: unknown): void {
    this.guardFormat();
    forEachCell(this.rect, (row, col) => (this.sheet.ensure(row, col).style[key] = v));
  }

  private grid(read: (row: number, col: number) => unknown): unknown {
    if (this.single) return read(this.rect.top, this.rect.left);
    const out: unknown[][] = [];
    forEachCell(this.rect, (row, col) => {
      const i = row - this.rect.top;
      (out[i] ??= []).push(read(row, col));
    });
    return out;
  }

  private put(v: unknown, what: string): void {
    this.guardContent();
    let block: unknown[][];
    if (this.single && !Array.isArray(v)) block = [[v]];
    else {
      if (!Array.isArray(v) || v.length !== this.rows || v.some((r) => !Array.isArray(r) || r.length !== this.cols))
        throw new EtError(`${what}: 数组大小与区域 ${a1(this.rect)} 不一致`);
      block = v as unknown[][];
    }
    // Check every value first: a refused block leaves the sheet as it was.
    const probe: FakeCell = { value: null, numberFormat: "General", locked: true, style: {} };
    for (const row of block) for (const x of row) store(probe, x);
    block.forEach((row, i) => row.forEach((x, j) => store(this.sheet.ensure(this.rect.top + i, this.rect.left + j), x)));
    this.book.fireChange(this.sheet, this.rect);
  }

  get Value2(): Scalar | undefined | unknown[] {
    return this.grid((row, col) => this.sheet.valueAt(row, col) ?? undefined) as Scalar | undefined | unknown[];
  }
  set Value2(v: Scalar | null | undefined | unknown[]) {
    this.put(v, "Value2");
  }

  get Formula(): string | unknown[][] {
    const v = this.grid((row, col) => {
      const c = this.sheet.cell(row, col);
      if (!c) return "";
      if (c.formula !== undefined) return c.formula;
      if (c.value === null) return "";
      return typeof c.value === "boolean" ? (c.value ? "TRUE" : "FALSE") : String(c.value);
    });
    return v as string | unknown[][];
  }
  set Formula(v: string | unknown[][]) {
    this.put(v, "Formula");
  }

  get NumberFormat(): string {
    let f: string | null | undefined;
    forEachCell(this.rect, (row, col) => {
      const x = this.sheet.cell(row, col)?.numberFormat ?? "General";
      f = f === undefined ? x : f === x ? f : null;
    });
    return f as unknown as string;
  }
  set NumberFormat(v: string) {
    if (typeof v !== "string") throw new EtError("NumberFormat 须为字符串");
    this.guardFormat();
    forEachCell(this.rect, (row, col) => (this.sheet.ensure(row, col).numberFormat = v));
  }

  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string {
    return a1(this.rect, RowAbsolute !== false && ColumnAbsolute !== false);
  }

  Select(): boolean {
    if (this.book.active !== this.sheet) throw new EtError("Range 类的 Select 方法无效：工作表未激活");
    this.book.selection = { sheet: this.sheet.name, rect: { ...this.rect } };
    return true;
  }

  Activate(): boolean {
    return this.Select();
  }

  Merge(): void {
    this.guardFormat();
    if (
      this.sheet.merges.some(
        (m) => !(m.bottom < this.rect.top || m.top > this.rect.bottom || m.right < this.rect.left || m.left > this.rect.right),
      )
    )
      throw new EtError("不能对合并单元格再合并");
    this.sheet.merges.push({ ...this.rect });
  }

  get ColumnWidth(): number {
    return this.sheet.columnWidths.get(this.rect.left) ?? 8.38;
  }
  set ColumnWidth(w: number) {
    this.guardFormat();
    if (typeof w !== "number" || w < 0 || w > 255) throw new EtError("列宽无效");
    for (let c = this.rect.left; c <= this.rect.right; c++) this.sheet.columnWidths.set(c, w);
  }

  get RowHeight(): number {
    return this.sheet.rowHeights.get(this.rect.top) ?? 13.5;
  }
  set RowHeight(h: number) {
    this.guardFormat();
    if (typeof h !== "number" || h < 0 || h > 409) throw new EtError("行高无效");
    for (let r = this.rect.top; r <= this.rect.bottom; r++) this.sheet.rowHeights.set(r, h);
  }

  get HorizontalAlignment(): number | boolean {
    return this.styleOf("hAlign") as number;
  }
  set HorizontalAlignment(v: number | boolean) {
    this.setStyle("hAlign", v);
  }
  get VerticalAlignment(): number | boolean {
    return this.styleOf("vAlign") as number;
  }
  set VerticalAlignment(v: number | boolean) {
    this.setStyle("vAlign", v);
  }
  get WrapText(): boolean {
    return this.styleOf("wrap") as boolean;
  }
  set WrapText(v: boolean) {
    this.setStyle("wrap", v);
  }

  get Locked(): boolean {
    let l: boolean | null | undefined;
    forEachCell(this.rect, (row, col) => {
      const x = this.sheet.cell(row, col)?.locked ?? true;
      l = l === undefined ? x : l === x ? l : null;
    });
    return l as unknown as boolean;
  }
  set Locked(v: boolean) {
    this.guardFormat();
    forEachCell(this.rect, (row, col) => (this.sheet.ensure(row, col).locked = v));
  }

  get Font(): EtFont {
    return counted(this.book, new FakeFont(this));
  }
  get Interior(): EtInterior {
    return counted(this.book, new FakeInterior(this));
  }
  get Borders(): EtBorders {
    return counted(this.book, new FakeBorders(this));
  }
  get Validation(): EtValidation {
    if (this.book.options.noValidation) throw new EtError("此版本不支持数据有效性");
    return counted(this.book, new FakeValidationObject(this.sheet, this.rect));
  }
}

class FakePageSetup implements EtPageSetup {
  constructor(private readonly sheet: FakeEtSheet) {}
  private get(k: string): unknown {
    return this.sheet.pageSetup[k];
  }
  private set(k: string, v: unknown): void {
    if (this.sheet.protected) throw new EtError("工作表受保护");
    this.sheet.pageSetup[k] = v;
  }
  get PaperSize(): Et.XlPaperSize {
    return this.get("PaperSize") as Et.XlPaperSize;
  }
  set PaperSize(v: Et.XlPaperSize) {
    this.set("PaperSize", v);
  }
  get Orientation(): Et.XlPageOrientation {
    return this.get("Orientation") as Et.XlPageOrientation;
  }
  set Orientation(v: Et.XlPageOrientation) {
    this.set("Orientation", v);
  }
  get Zoom(): number | boolean {
    return this.get("Zoom") as number;
  }
  set Zoom(v: number | boolean) {
    this.set("Zoom", v);
  }
  get FitToPagesWide(): number | boolean {
    return this.get("FitToPagesWide") as number;
  }
  set FitToPagesWide(v: number | boolean) {
    this.set("FitToPagesWide", v);
  }
  get FitToPagesTall(): number | boolean {
    return this.get("FitToPagesTall") as number;
  }
  set FitToPagesTall(v: number | boolean) {
    this.set("FitToPagesTall", v);
  }
  get CenterHorizontally(): boolean {
    return this.get("CenterHorizontally") as boolean;
  }
  set CenterHorizontally(v: boolean) {
    this.set("CenterHorizontally", v);
  }
  get PrintArea(): string {
    return this.get("PrintArea") as string;
  }
  set PrintArea(v: string) {
    parseRect(v);
    this.set("PrintArea", v);
  }
  get PrintTitleRows(): string {
    return this.get("PrintTitleRows") as string;
  }
  set PrintTitleRows(v: string) {
    if (!/^\$\d+:\$\d+$/.test(v)) throw new EtError(`PrintTitleRows 无效: ${v}`);
    this.set("PrintTitleRows", v);
  }
}

export class FakeWorksheet implements EtWorksheet {
  constructor(
    readonly book: FakeEtBook,
    readonly sheet: FakeEtSheet,
  ) {}
  private alive(): FakeEtSheet {
    if (!this.book.sheets.includes(this.sheet)) throw new EtError("对象已被删除");
    return this.sheet;
  }
  get Name(): string {
    return this.alive().name;
  }
  set Name(v: string) {
    const s = this.alive();
    if (this.book.protectStructure) throw new EtError("工作簿结构受保护");
    const err = sheetNameError(this.book, v, s);
    if (err) throw new EtError(err);
    this.book.rename(s, v);
  }
  get Index(): number {
    return this.alive().index;
  }
  get Visible(): Et.XlSheetVisibility {
    return this.alive().visible as Et.XlSheetVisibility;
  }
  set Visible(v: Et.XlSheetVisibility) {
    this.alive().visible = v;
  }
  get ProtectContents(): boolean {
    return this.alive().protected;
  }
  Activate(): void {
    const s = this.alive();
    if (s.visible !== -1) throw new EtError("不能激活隐藏的工作表");
    this.book.active = s;
  }
  Delete(): void {
    const s = this.alive();
    if (this.book.protectStructure) throw new EtError("工作簿结构受保护");
    if (this.book.sheets.filter((x) => x.visible === -1 && x !== s).length === 0) throw new EtError("工作簿中至少要有一张可见工作表");
    if (this.book.displayAlerts) this.book.prompts++;
    this.book.remove(s);
  }
  Protect(): void {
    this.alive().protected = true;
  }
  Unprotect(): void {
    this.alive().protected = false;
  }
  Move(Before?: EtWorksheet, After?: EtWorksheet): void {
    const s = this.alive();
    const target = (Before ?? After) as unknown as FakeWorksheet | undefined;
    if (!target) throw new EtError("Move 需要 Before 或 After");
    const t = this.book.sheets.find((x) => x === target.sheet);
    if (!t) throw new EtError("对象已被删除");
    const rest = this.book.sheets.filter((x) => x !== s);
    const at = rest.indexOf(t) + (Before ? 0 : 1);
    rest.splice(at, 0, s);
    this.book.sheets = rest;
  }
  Range(Cell1: string): EtRange {
    if (typeof Cell1 !== "string") throw new EtError("Range 参数无效");
    return counted(this.book, new FakeRange(this.book, this.alive(), parseRect(Cell1)));
  }
  get UsedRange(): EtRange {
    const s = this.alive();
    return counted(this.book, new FakeRange(this.book, s, s.used() ?? { top: 0, left: 0, bottom: 0, right: 0 }));
  }
  get PageSetup(): EtPageSetup {
    if (this.book.options.noPrinter) throw new EtError("无法获取 PageSetup 属性：未安装打印机");
    return counted(this.book, new FakePageSetup(this.alive()));
  }
}

function sheetObject(book: FakeEtBook, s: FakeEtSheet): EtWorksheet {
  return counted(book, new FakeWorksheet(book, s));
}

function rawSheet(ws: unknown): FakeEtSheet | undefined {
  return ws instanceof FakeWorksheet ? ws.sheet : undefined;
}

class FakeSheets implements EtSheets {
  constructor(private readonly book: FakeEtBook) {}
  get Count(): number {
    return this.book.sheets.length;
  }
  Item(Index: string | number): EtWorksheet | object {
    if (typeof Index === "number") {
      if (!Number.isInteger(Index) || Index < 1 || Index > this.book.sheets.length) throw new EtError(`下标越界: ${Index}`);
      return sheetObject(this.book, this.book.sheets[Index - 1]);
    }
    const s = this.book.sheets.find((x) => x.name.toUpperCase() === String(Index).toUpperCase());
    if (!s) throw new EtError(`下标越界: 找不到工作表 ${Index}`);
    return sheetObject(this.book, s);
  }
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet {
    if (this.book.protectStructure) throw new EtError("工作簿结构受保护，不能添加工作表");
    const s = new FakeEtSheet(this.book, this.book.newSheetName());
    const anchor = rawSheet(Before) ?? rawSheet(After) ?? this.book.active;
    const at = anchor ? this.book.sheets.indexOf(anchor) + (rawSheet(Before) || !rawSheet(After) ? 0 : 1) : this.book.sheets.length;
    this.book.sheets.splice(at, 0, s);
    this.book.active = s;
    return sheetObject(this.book, s);
  }
}

class FakeNameObject implements EtName {
  constructor(
    private readonly book: FakeEtBook,
    private readonly item: { name: string; refersTo: string; visible: boolean },
  ) {}
  private alive() {
    if (!this.book.names.includes(this.item)) throw new EtError("名称已被删除");
    return this.item;
  }
  get Name(): string {
    return this.alive().name;
  }
  set Name(v: string) {
    this.alive().name = v;
  }
  get RefersTo(): string | boolean {
    return this.alive().refersTo;
  }
  set RefersTo(v: string | boolean) {
    this.alive().refersTo = String(v);
  }
  get Visible(): boolean {
    return this.alive().visible;
  }
  set Visible(v: boolean) {
    this.alive().visible = v;
  }
  Delete(): void {
    const it = this.alive();
    this.book.names = this.book.names.filter((n) => n !== it);
  }
}

class FakeNames implements EtNames {
  constructor(private readonly book: FakeEtBook) {}
  get Count(): number {
    return this.book.names.length;
  }
  Item(Index: string | number): EtName {
    const it =
      typeof Index === "number"
        ? this.book.names[Index - 1]
        : this.book.names.find((n) => n.name.toUpperCase() === String(Index).toUpperCase());
    if (!it || (typeof Index === "number" && Index < 1)) throw new EtError(`下标越界: ${Index}`);
    return counted(this.book, new FakeNameObject(this.book, it));
  }
  Add(Name: string, RefersTo: string, Visible: boolean): EtName {
    if (!/^[A-Za-z_\\][\w.]{0,254}$/.test(Name) || /^[A-Za-z]{1,3}\d+$/.test(Name)) throw new EtError(`名称无效: ${Name}`);
    if (typeof RefersTo !== "string" || !RefersTo.startsWith("=")) throw new EtError("RefersTo 无效");
    const sheet = referencedSheet(RefersTo);
    if (sheet !== undefined && !this.book.sheets.some((s) => s.name.toUpperCase() === sheet.toUpperCase())) throw new EtError("引用无效");
    const existing = this.book.names.find((n) => n.name.toUpperCase() === Name.toUpperCase());
    const item = existing ?? { name: Name, refersTo: RefersTo, visible: Visible !== false };
    if (existing) Object.assign(existing, { refersTo: RefersTo, visible: Visible !== false });
    else this.book.names.push(item);
    return counted(this.book, new FakeNameObject(this.book, item));
  }
}

class FakeWorkbookObject implements EtWorkbook {
  constructor(private readonly book: FakeEtBook) {}
  get Worksheets(): EtSheets {
    return counted(this.book, new FakeSheets(this.book));
  }
  get Names(): EtNames {
    return counted(this.book, new FakeNames(this.book));
  }
  get ActiveSheet(): EtWorksheet {
    if (!this.book.active) throw new EtError("没有活动工作表");
    return sheetObject(this.book, this.book.active);
  }
  get ProtectStructure(): boolean {
    return this.book.protectStructure;
  }
}

class FakeWindow implements EtWindow {
  constructor(private readonly book: FakeEtBook) {}
  private frozen = false;
  SplitColumn = 0;
  private split = 0;
  get SplitRow(): number {
    return this.split;
  }
  set SplitRow(v: number) {
    this.split = v;
  }
  get FreezePanes(): boolean {
    return this.frozen;
  }
  set FreezePanes(v: boolean) {
    this.frozen = v;
    this.book.freezeRows = v ? this.split : 0;
  }
}

class FakeApiEvent implements EtApiEvents {
  constructor(private readonly book: FakeEtBook) {}
  AddApiEventListener(EventName: "SheetChange", callback: SheetChangeListener): void {
    if (EventName !== "SheetChange") throw new EtError(`fake: event ${String(EventName)} not modelled`);
    this.book.listeners.add(callback as (ws: unknown, t: unknown) => void);
  }
  RemoveApiEventListener(EventName: "SheetChange", callback?: SheetChangeListener): void {
    if (callback) this.book.listeners.delete(callback as (ws: unknown, t: unknown) => void);
    else this.book.listeners.clear();
    void EventName;
  }
}

export class FakeApplication implements EtApplication {
  private readonly window: FakeWindow;
  constructor(readonly book: FakeEtBook) {
    this.window = counted(book, new FakeWindow(book));
  }
  get ActiveWorkbook(): EtWorkbook {
    return counted(this.book, new FakeWorkbookObject(this.book));
  }
  get ActiveWindow(): EtWindow {
    return this.window;
  }
  get ApiEvent(): EtApiEvents {
    return counted(this.book, new FakeApiEvent(this.book));
  }
  get DisplayAlerts(): boolean {
    return this.book.displayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this.book.displayAlerts = v;
  }
  get Ready(): boolean {
    return !this.book.editMode;
  }
  /** Present on WPS's Application (the pane's WPS check reads it). */
  readonly Workbooks = {};
}

/** Sets window.Application (and its alias wps) to a counting fake over `book`. */
export function installFakeEt(globalObj: object, book: FakeEtBook): EtApplication {
  const app = counted(book, new FakeApplication(book));
  const g = globalObj as Record<string, unknown>;
  g.Application = app;
  g.wps = app;
  return app;
}

export { quote };
