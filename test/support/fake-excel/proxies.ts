/**
 * Workbook, worksheet, protection, panes, page layout, names and change-event proxies.
 * Every getter reads the value loaded at the last sync; every setter and method queues a
 * statement that runs at the next sync against the model (model.ts).
 * API reference: https://learn.microsoft.com/javascript/api/excel
 */
import { MAX_COLS, MAX_ROWS, type Rect, parseRect } from "./address";
import { FakeClientObject, type FakeContext, Handle } from "./context";
import { officeError } from "./errors";
import { FakeSheet, type FakeWorkbook, type NamedItemModel, assertSheetName, nameFormula } from "./model";
import { live, need } from "./proxy-common";
import { RangeProxy } from "./range-proxies";

// ---------------------------------------------------------------------------------------
// Workbook and worksheets

export class WorkbookProxy extends FakeClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  /** "A collection of workbook-scoped named items" (ExcelApi 1.1): no sheet's own names. */
  readonly names: NamedItemCollectionProxy;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx, { kind: "workbook" });
  }

  protected readers(): Record<string, () => unknown> {
    return { name: () => "Book1.xlsx" };
  }

  get name(): string {
    return this.read("name");
  }
}

export class WorksheetCollectionProxy extends FakeClientObject {
  protected readers(): Record<string, () => unknown> {
    return {};
  }

  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  override queueLoad(paths: string[][]): void {
    // Loading a collection loads the named properties of every item ("items/name" or "name").
    const itemPaths = paths.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    const ctx = this.context;
    ctx.enqueue("WorksheetCollection.load", () => {
      const items = ctx.book.sheets.map((s) => {
        const w = new WorksheetProxy(ctx);
        w.handle.bind(s);
        w.fill(itemPaths);
        return w;
      });
      this.setLoaded("items", items);
    });
  }

  add(name?: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.queue(
      "WorksheetCollection.add",
      () => {
        const book = this.context.book;
        let n = name;
        if (n === undefined) {
          let k = book.sheets.length + 1;
          while (book.sheet(`Sheet${k}`)) k++;
          n = `Sheet${k}`;
        }
        assertSheetName(book, n);
        const s = new FakeSheet(book, n);
        book.sheets.push(s);
        w.handle.bind(s);
      },
      name,
    );
    return w;
  }

  getItem(key: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.queue("WorksheetCollection.getItem", () => {
      const s = this.context.book.sheet(key);
      if (!s) throw officeError("ItemNotFound");
      w.handle.bind(s);
    });
    return w;
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.queue("WorksheetCollection.getItemOrNullObject", () => {
      w.handle.bind(this.context.book.sheet(key) ?? null);
      w.noteNull();
    });
    return w;
  }

  /** First / last sheet in tab order, hidden ones included unless visibleOnly (ExcelApi 1.5). */
  getFirst(visibleOnly?: boolean): WorksheetProxy {
    return this.endSheet("getFirst", visibleOnly, (xs) => xs[0]);
  }

  getLast(visibleOnly?: boolean): WorksheetProxy {
    return this.endSheet("getLast", visibleOnly, (xs) => xs[xs.length - 1]);
  }

  private endSheet(label: string, visibleOnly: boolean | undefined, pick: (xs: FakeSheet[]) => FakeSheet | undefined): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.queue(`WorksheetCollection.${label}`, () => {
      need(this.context, "1.5");
      const s = pick(this.context.book.sheets.filter((x) => !visibleOnly || x.visibility === "Visible"));
      if (!s) throw officeError("ItemNotFound");
      w.handle.bind(s);
    });
    return w;
  }

  getActiveWorksheet(): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.queue("WorksheetCollection.getActiveWorksheet", () => {
      const book = this.context.book;
      const s = book.sheets.find((x) => x.id === book.activeSheetId) ?? book.sheets[0];
      w.handle.bind(s);
    });
    return w;
  }
}

export class WorksheetProxy extends FakeClientObject {
  readonly handle = new Handle<FakeSheet>();
  private _protection?: WorksheetProtectionProxy;
  private _names?: NamedItemCollectionProxy;
  private _freeze?: FreezePanesProxy;
  private _pageLayout?: PageLayoutProxy;
  private _onChanged?: EventProxy;

  protected readers(): Record<string, () => unknown> {
    const s = (): FakeSheet => live(this.handle.get());
    return {
      name: () => s().name,
      id: () => s().id,
      visibility: () => s().visibility,
      position: () => this.context.book.sheets.indexOf(s()),
    };
  }

  protected override navigation(): Record<string, FakeClientObject> {
    return { protection: this.protection };
  }

  protected override targetIsNull(): boolean {
    return this.handle.isNull;
  }

  /** Used by collection loads: the item's properties are known after the same sync. */
  fill(paths: string[][]): void {
    const scalars = paths.filter((p) => p.length === 1).map((p) => p[0]);
    this.loadedNow(paths.length === 0 ? Object.keys(this.readers()) : scalars);
    for (const p of paths.filter((q) => q.length > 1)) {
      if (p[0] !== "protection") throw new Error(`Fake: cannot load items/${p.join("/")}`);
      this.protection.fillNow([p.slice(1)]);
    }
  }

  noteNull(): void {
    this.markNull(this.handle.isNull);
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.queue("Worksheet.name", () => {
      const s = live(this.handle.get());
      assertSheetName(this.context.book, v, s);
      s.name = v;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    this.queue("Worksheet.visibility", () => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw officeError("InvalidArgument");
      live(this.handle.get()).visibility = v as FakeSheet["visibility"];
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(v: number) {
    this.queue("Worksheet.position", () => {
      const book = this.context.book;
      const s = live(this.handle.get());
      if (!Number.isInteger(v) || v < 0 || v >= book.sheets.length) throw officeError("InvalidArgument");
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.sheets.splice(v, 0, s);
    });
  }

  get protection(): WorksheetProtectionProxy {
    return (this._protection ??= new WorksheetProtectionProxy(this.context, this.handle));
  }
  get names(): NamedItemCollectionProxy {
    return (this._names ??= new NamedItemCollectionProxy(this.context, { kind: "sheet", sheet: this.handle }));
  }
  get freezePanes(): FreezePanesProxy {
    return (this._freeze ??= new FreezePanesProxy(this.context, this.handle));
  }
  get pageLayout(): PageLayoutProxy {
    return (this._pageLayout ??= new PageLayoutProxy(this.context, this.handle));
  }
  get onChanged(): EventProxy {
    return (this._onChanged ??= new EventProxy(this.context, this.handle));
  }

  getRange(address?: string): RangeProxy {
    const r = new RangeProxy(this.context);
    this.queue("Worksheet.getRange", () => {
      const s = live(this.handle.get());
      r.handle.bind({ sheet: s, rect: address ? parseRect(address) : { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } });
    });
    return r;
  }

  /** Blank sheet: "this function will return the top left cell (i.e. it will *not* throw an error)". */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    const r = new RangeProxy(this.context);
    this.queue("Worksheet.getUsedRange", () => {
      const s = live(this.handle.get());
      r.handle.bind({ sheet: s, rect: s.usedRect(valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 } });
    });
    return r;
  }

  /** Blank sheet: "returns an object with its isNullObject property set to true" (ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    const r = new RangeProxy(this.context);
    this.queue("Worksheet.getUsedRangeOrNullObject", () => {
      need(this.context, "1.4");
      const s = live(this.handle.get());
      const rect = s.usedRect(valuesOnly === true);
      r.handle.bind(rect ? { sheet: s, rect } : null);
      r.noteNull();
    });
    return r;
  }

  activate(): void {
    this.queue("Worksheet.activate", () => {
      const s = live(this.handle.get());
      if (s.visibility !== "Visible") throw officeError("InvalidOperation");
      this.context.book.activeSheetId = s.id;
    });
  }

  /** Excel refuses to delete the last visible sheet. */
  delete(): void {
    this.queue("Worksheet.delete", () => {
      const book = this.context.book;
      const s = live(this.handle.get());
      const visible = book.sheets.filter((x) => x.visibility === "Visible");
      if (s.visibility === "Visible" && visible.length === 1)
        throw officeError("InvalidOperation", "Fake: a workbook must keep one visible sheet");
      const i = book.sheets.indexOf(s);
      book.sheets.splice(i, 1);
      s.deleted = true;
      if (book.activeSheetId === s.id) {
        const next =
          book.sheets.slice(Math.max(0, i - 1)).find((x) => x.visibility === "Visible") ??
          book.sheets.find((x) => x.visibility === "Visible");
        book.activeSheetId = next ? next.id : "";
      }
      if (book.selection?.sheetId === s.id) book.selection = null;
    });
  }
}

export class WorksheetProtectionProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly sheet: Handle<FakeSheet>,
  ) {
    super(ctx);
  }

  protected readers(): Record<string, () => unknown> {
    return {
      protected: () => live(this.sheet.get()).protection.protected,
      options: () => ({ ...live(this.sheet.get()).protection.options }),
    };
  }

  fillNow(paths: string[][]): void {
    this.loadedNow(paths.map((p) => p[0]));
  }

  get protected(): boolean {
    return this.read("protected");
  }
  get options(): Record<string, boolean> {
    return this.read("options");
  }

  /** "Protects a worksheet. Fails if the worksheet has already been protected." */
  protect(options?: Record<string, boolean>, password?: string): void {
    this.queue("WorksheetProtection.protect", () => {
      const s = live(this.sheet.get());
      if (s.protection.protected) throw officeError("AccessDenied");
      if (password !== undefined) need(this.context, "1.7");
      s.protection.protected = true;
      s.protection.options = { ...(options ?? {}) };
      s.protection.password = password;
    });
  }

  unprotect(password?: string): void {
    this.queue("WorksheetProtection.unprotect", () => {
      const s = live(this.sheet.get());
      if (s.protection.password !== undefined && s.protection.password !== password)
        throw officeError("InvalidArgument", "Fake: bad password");
      s.protection.protected = false;
    });
  }
}

export class FreezePanesProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly sheet: Handle<FakeSheet>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    return {};
  }
  freezeRows(count?: number): void {
    this.queue("WorksheetFreezePanes.freezeRows", () => {
      need(this.context, "1.7");
      live(this.sheet.get()).freezeRows = count ?? 1;
    });
  }
  unfreeze(): void {
    this.queue("WorksheetFreezePanes.unfreeze", () => {
      need(this.context, "1.7");
      live(this.sheet.get()).freezeRows = 0;
    });
  }
}

const PAPER = ["A3", "A4", "A5", "Letter", "Legal"];

export class PageLayoutProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly sheet: Handle<FakeSheet>,
  ) {
    super(ctx);
  }

  protected readers(): Record<string, () => unknown> {
    const pl = (): FakeSheet["pageLayout"] => {
      need(this.context, "1.9");
      return live(this.sheet.get()).pageLayout;
    };
    return {
      paperSize: () => pl().paperSize ?? "Letter",
      orientation: () => pl().orientation ?? "Portrait",
      centerHorizontally: () => pl().centerHorizontally ?? false,
      zoom: () => ({ ...(pl().zoom ?? { scale: 100 }) }),
    };
  }

  private set1_9(label: string, fn: (pl: FakeSheet["pageLayout"]) => void): void {
    this.queue(`PageLayout.${label}`, () => {
      need(this.context, "1.9");
      fn(live(this.sheet.get()).pageLayout);
    });
  }

  set paperSize(v: string) {
    this.set1_9("paperSize", (pl) => {
      if (!PAPER.includes(v)) throw officeError("InvalidArgument");
      pl.paperSize = v;
    });
  }
  set orientation(v: string) {
    this.set1_9("orientation", (pl) => {
      if (v !== "Portrait" && v !== "Landscape") throw officeError("InvalidArgument");
      pl.orientation = v;
    });
  }
  set centerHorizontally(v: boolean) {
    this.set1_9("centerHorizontally", (pl) => (pl.centerHorizontally = v));
  }
  /** Scale 10-400, or pages wide/tall (0 = automatic, as Excel's own recorder writes). */
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number | null }) {
    this.set1_9("zoom", (pl) => {
      if (typeof v.scale === "number" && (v.scale < 10 || v.scale > 400)) throw officeError("InvalidArgument");
      for (const k of [v.horizontalFitToPages, v.verticalFitToPages])
        if (k !== undefined && (!Number.isInteger(k) || k < 0)) throw officeError("InvalidArgument");
      pl.zoom = { ...v };
    });
  }
  get paperSize(): string {
    return this.read("paperSize");
  }
  get orientation(): string {
    return this.read("orientation");
  }
  get centerHorizontally(): boolean {
    return this.read("centerHorizontally");
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number | null } {
    return this.read("zoom");
  }

  setPrintArea(area: string): void {
    this.set1_9("setPrintArea", (pl) => {
      parseRect(area);
      pl.printArea = area;
    });
  }

  /** Title rows must be whole rows, e.g. "$1:$3". */
  setPrintTitleRows(area: string): void {
    this.set1_9("setPrintTitleRows", (pl) => {
      const r = parseRect(area);
      if (r.left !== 0 || r.right !== MAX_COLS - 1) throw officeError("InvalidArgument");
      pl.printTitleRows = area;
    });
  }
}

// ---------------------------------------------------------------------------------------
// Names

/** Which names a collection holds: the workbook's (workbook.names) or one sheet's (worksheet.names). */
export type NameScope = { kind: "workbook" } | { kind: "sheet"; sheet: Handle<FakeSheet> };

/**
 * Excel's rules for a name: starts with a letter, "_" or "\\", then letters, digits, "_", ".";
 * not a cell reference; at most 255 characters; unique in its scope ignoring case.
 * https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64
 */
function assertName(name: string): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || name.length > 255)
    throw officeError("InvalidArgument", `Fake: invalid name ${name}`);
}

/** "=Sheet1!$A$1", "='a''b'!A1:B2" → the sheet and cells, when the sheet exists. */
function parseReference(book: FakeWorkbook, formula: string): { sheet: FakeSheet; rect: Rect } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!=\s]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = book.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
  if (!sheet) throw officeError("InvalidArgument", `Fake: no sheet in ${formula}`);
  return { sheet, rect: parseRect(m[3].replace(/\$/g, "")) };
}

export class NamedItemCollectionProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly scope: NameScope,
  ) {
    super(ctx);
  }

  protected readers(): Record<string, () => unknown> {
    return {};
  }

  get items(): NamedItemProxy[] {
    return this.read("items");
  }

  /** The names of the scope, at sync time. */
  private store(): Map<string, NamedItemModel> {
    if (this.scope.kind === "workbook") return this.context.book.names;
    need(this.context, "1.4");
    return live(this.scope.sheet.get()).names;
  }

  private item(m: NamedItemModel | null): NamedItemProxy {
    const p = new NamedItemProxy(this.context, this.scope.kind === "workbook" ? "Workbook" : "Worksheet", () => this.store());
    p.handle.bind(m);
    return p;
  }

  override queueLoad(paths: string[][]): void {
    const itemPaths = paths.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    this.context.enqueue("NamedItemCollection.load", () => {
      this.setLoaded(
        "items",
        [...this.store().values()].map((m) => {
          const p = this.item(m);
          p.fill(itemPaths.map((q) => q[0]));
          return p;
        }),
      );
    });
  }

  /**
   * add(name, reference: Range | formula string, comment?) (ExcelApi 1.4). A Range or a
   * formula that is a sheet reference makes a name that refers to cells; anything else is
   * kept as formula text (a constant).
   */
  add(name: string, reference: string | RangeProxy, comment?: string): NamedItemProxy {
    const p = new NamedItemProxy(this.context, this.scope.kind === "workbook" ? "Workbook" : "Worksheet", () => this.store());
    this.queue(
      "NamedItemCollection.add",
      () => {
        need(this.context, "1.4");
        const store = this.store();
        assertName(name);
        if (store.has(name.toUpperCase())) throw officeError("ItemAlreadyExists");
        const m: NamedItemModel = { name, formula: "", comment: comment ?? "" };
        if (typeof reference === "string") {
          const ref = parseReference(this.context.book, reference);
          if (ref) m.ref = ref;
          else m.formula = reference.startsWith("=") ? reference : `=${reference}`;
        } else {
          const t = reference.handle.get();
          m.ref = { sheet: live(t.sheet), rect: { ...t.rect } };
        }
        store.set(name.toUpperCase(), m);
        p.handle.bind(m);
      },
      [name, typeof reference === "string" ? reference : ""],
    );
    return p;
  }

  getItem(name: string): NamedItemProxy {
    const p = new NamedItemProxy(this.context, this.scope.kind === "workbook" ? "Workbook" : "Worksheet", () => this.store());
    this.queue("NamedItemCollection.getItem", () => {
      const m = this.store().get(name.toUpperCase());
      if (!m) throw officeError("ItemNotFound");
      p.handle.bind(m);
    });
    return p;
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    const p = new NamedItemProxy(this.context, this.scope.kind === "workbook" ? "Workbook" : "Worksheet", () => this.store());
    this.queue("NamedItemCollection.getItemOrNullObject", () => {
      need(this.context, "1.4");
      p.handle.bind(this.store().get(name.toUpperCase()) ?? null);
      p.noteNull();
    });
    return p;
  }
}

/** type and value of a name, as NamedItem reports them (ExcelApi 1.1). */
function nameType(m: NamedItemModel): { type: Excel.NamedItem["type"]; value: unknown } {
  if (m.ref) {
    // "For a named range, it will return the range address."
    const f = nameFormula(m);
    return m.ref.sheet.deleted ? { type: "Error", value: "#REF!" } : { type: "Range", value: f.slice(1) };
  }
  const formula = m.formula;
  const str = /^="((?:[^"]|"")*)"$/.exec(formula);
  if (str) return { type: "String", value: str[1].replace(/""/g, '"') };
  const num = /^=(-?\d+(?:\.\d+)?)$/.exec(formula);
  if (num) return { type: Number.isInteger(Number(num[1])) ? "Integer" : "Double", value: Number(num[1]) };
  const bool = /^=(TRUE|FALSE)$/i.exec(formula);
  if (bool) return { type: "Boolean", value: bool[1].toUpperCase() === "TRUE" };
  return { type: "Error", value: "#NAME?" };
}

export class NamedItemProxy extends FakeClientObject {
  readonly handle = new Handle<NamedItemModel>();

  constructor(
    ctx: FakeContext,
    private readonly scopeName: "Workbook" | "Worksheet",
    private readonly store: () => Map<string, NamedItemModel>,
  ) {
    super(ctx);
  }

  protected readers(): Record<string, () => unknown> {
    const m = (): NamedItemModel => this.handle.get();
    return {
      name: () => m().name,
      type: () => nameType(m()).type,
      value: () => nameType(m()).value,
      formula: () => {
        need(this.context, "1.7");
        return nameFormula(m());
      },
      scope: () => {
        need(this.context, "1.4");
        return this.scopeName;
      },
      comment: () => m().comment,
      visible: () => m().visible !== false,
    };
  }

  protected override targetIsNull(): boolean {
    return this.handle.isNull;
  }

  fill(names: string[]): void {
    this.loadedNow(names.length === 0 ? Object.keys(this.readers()) : names);
  }

  noteNull(): void {
    this.markNull(this.handle.isNull);
  }

  get name(): string {
    return this.read("name");
  }
  get type(): Excel.NamedItem["type"] {
    return this.read("type");
  }
  get value(): unknown {
    return this.read("value");
  }
  get formula(): string {
    return this.read("formula");
  }
  get scope(): Excel.NamedItem["scope"] {
    return this.read("scope");
  }
  get visible(): boolean {
    return this.read("visible");
  }
  set visible(v: boolean) {
    this.queue("NamedItem.visible", () => {
      this.handle.get().visible = v;
    });
  }

  delete(): void {
    this.queue("NamedItem.delete", () => {
      need(this.context, "1.4");
      const m = this.handle.get();
      this.store().delete(m.name.toUpperCase());
    });
  }
}

// ---------------------------------------------------------------------------------------
// Events

export interface FakeChangedArgs {
  type: "WorksheetChanged";
  changeType: "RangeEdited";
  source: string;
  worksheetId: string;
  address: string;
}

/** worksheet.onChanged (ExcelApi 1.7): handlers are registered at sync and removed at sync. */
export class EventProxy {
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: Handle<FakeSheet>,
  ) {}

  add(handler: (args: FakeChangedArgs) => Promise<unknown> | void): { context: FakeContext; remove: () => void } {
    const ctx = this.context;
    let target: FakeSheet | undefined;
    const listener = (a: { address: string; worksheetId: string; source: string }): void => {
      void handler({ type: "WorksheetChanged", changeType: "RangeEdited", ...a });
    };
    ctx.enqueue("WorksheetChangedEvent.add", () => {
      need(ctx, "1.7");
      target = live(this.sheet.get());
      target.listeners.add(listener);
    });
    return {
      context: ctx,
      remove: () => ctx.enqueue("EventHandlerResult.remove", () => target?.listeners.delete(listener)),
    };
  }
}
