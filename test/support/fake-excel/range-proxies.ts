/**
 * Range proxies: values, formulas, number formats, formats, merge, select, data validation.
 * Every getter reads the value loaded at the last sync; every setter queues a statement.
 * API reference: https://learn.microsoft.com/javascript/api/excel/excel.range
 */
import { MAX_COLS, MAX_ROWS, type Rect, cols, qualifiedAddress, rectAddress, rows } from "./address";
import { FakeClientObject, type FakeContext, Handle } from "./context";
import { officeError } from "./errors";
import { type Cell, type FakeSheet, type Scalar, type ValidationModel, cellView, defaultFormat, inputFormula, inputValue } from "./model";
import type { BorderSide } from "./model";
import { DEFAULT_COLUMN_WIDTH_PT, DEFAULT_ROW_HEIGHT_PT, live, need } from "./proxy-common";

// ---------------------------------------------------------------------------------------
// Ranges and formats

export interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

type Grid = unknown[][];

/** Checks a 2D input against the range: "dimensions must match" or it is InvalidArgument. */
function shapeOf(v: unknown, r: Rect, what: string): (i: number, j: number) => unknown {
  if (!Array.isArray(v)) {
    if (v === null || v === undefined) throw officeError("InvalidArgument", `Fake: ${what} cannot be null`);
    return () => v; // a single value applies to every cell
  }
  const g = v as Grid;
  if (g.length !== rows(r) || g.some((row) => !Array.isArray(row) || row.length !== cols(r)))
    throw officeError(
      "InvalidArgument",
      `Fake: ${what} is ${g.length}x${Array.isArray(g[0]) ? g[0].length : "?"} but the range is ${rows(r)}x${cols(r)}`,
    );
  return (i, j) => g[i][j];
}

function uniform<T>(t: RangeTarget, get: (c: Cell | undefined) => T): T | null {
  const { sheet, rect } = t;
  let first: { v: T } | undefined;
  const seen = (v: T): boolean => {
    if (!first) {
      first = { v };
      return true;
    }
    return JSON.stringify(first.v) === JSON.stringify(v);
  };
  const area = rows(rect) * cols(rect);
  if (area <= 200_000) {
    for (let i = rect.top; i <= rect.bottom; i++)
      for (let j = rect.left; j <= rect.right; j++) if (!seen(get(sheet.cell(i, j)))) return null;
    return first ? first.v : null;
  }
  let count = 0;
  for (const [, , c] of sheet.existing(rect)) {
    count++;
    if (!seen(get(c))) return null;
  }
  if (count < area && !seen(get(undefined))) return null;
  return first ? first.v : null;
}

const fmtOf = (c: Cell | undefined): ReturnType<typeof defaultFormat> => c?.fmt ?? defaultFormat();

export class RangeProxy extends FakeClientObject {
  readonly handle = new Handle<RangeTarget>();
  private _format?: RangeFormatProxy;
  private _dv?: DataValidationProxy;

  protected readers(): Record<string, () => unknown> {
    const t = (): RangeTarget => {
      const x = this.handle.get();
      live(x.sheet);
      return x;
    };
    const grid =
      <T>(f: (s: FakeSheet, i: number, j: number) => T): (() => T[][]) =>
      () => {
        const { sheet, rect } = t();
        if (rows(rect) * cols(rect) > 5_000_000) throw officeError("ResponsePayloadSizeLimitExceeded");
        const out: T[][] = [];
        for (let i = rect.top; i <= rect.bottom; i++) {
          const row: T[] = [];
          for (let j = rect.left; j <= rect.right; j++) row.push(f(sheet, i, j));
          out.push(row);
        }
        return out;
      };
    return {
      address: () => qualifiedAddress(t().sheet.name, t().rect),
      rowIndex: () => t().rect.top,
      columnIndex: () => t().rect.left,
      rowCount: () => rows(t().rect),
      columnCount: () => cols(t().rect),
      values: grid((s, i, j) => cellView(s, i, j).value),
      formulas: grid((s, i, j) => cellView(s, i, j).formula),
      valueTypes: grid((s, i, j) => cellView(s, i, j).type),
      numberFormat: grid((s, i, j) => fmtOf(s.cell(i, j)).numberFormat),
    };
  }

  protected override navigation(): Record<string, FakeClientObject> {
    return { format: this.format };
  }

  protected override targetIsNull(): boolean {
    return this.handle.isNull;
  }

  noteNull(): void {
    this.markNull(this.handle.isNull);
  }

  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this.context, this.handle));
  }

  /** ExcelApi 1.8. */
  get dataValidation(): DataValidationProxy {
    return (this._dv ??= new DataValidationProxy(this.context, this.handle));
  }

  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): Scalar[][] {
    return this.read("values");
  }
  get formulas(): Scalar[][] {
    return this.read("formulas");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }

  /**
   * null in a 2D input leaves that cell unchanged; "" clears it; null for the whole
   * property is not valid.
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values
   */
  set values(v: unknown) {
    this.queue("Range.values", () => this.writeContent(v, "values", inputValue), v);
  }
  set formulas(v: unknown) {
    this.queue("Range.formulas", () => this.writeContent(v, "formulas", inputFormula), v);
  }
  set numberFormat(v: unknown) {
    this.queue(
      "Range.numberFormat",
      () => {
        const { sheet, rect } = this.handle.get();
        live(sheet).assertFormatWritable();
        const at = shapeOf(v, rect, "numberFormat");
        for (let i = rect.top; i <= rect.bottom; i++)
          for (let j = rect.left; j <= rect.right; j++) {
            const f = at(i - rect.top, j - rect.left);
            if (f === null) continue;
            if (typeof f !== "string") throw officeError("InvalidArgument");
            sheet.touch(i, j).fmt.numberFormat = f === "" ? "General" : f;
          }
      },
      v,
    );
  }

  private writeContent(v: unknown, what: string, put: (s: FakeSheet, i: number, j: number, x: Scalar) => void): void {
    const { sheet, rect } = this.handle.get();
    live(sheet);
    const at = shapeOf(v, rect, what);
    for (let i = rect.top; i <= rect.bottom; i++)
      for (let j = rect.left; j <= rect.right; j++) {
        const x = at(i - rect.top, j - rect.left);
        if (x === null) continue;
        if (typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean") throw officeError("InvalidArgument");
        if (sheet.protection.protected) sheet.assertContentWritable({ top: i, left: j, bottom: i, right: j });
        put(sheet, i, j, x);
      }
    this.context.noteChange(sheet.id, rectAddress(rect));
  }

  merge(across?: boolean): void {
    this.queue("Range.merge", () => {
      const { sheet, rect } = this.handle.get();
      live(sheet).assertFormatWritable();
      const parts = across ? Array.from({ length: rows(rect) }, (_, k) => ({ ...rect, top: rect.top + k, bottom: rect.top + k })) : [rect];
      for (const p of parts) {
        if (rows(p) * cols(p) === 1) continue;
        sheet.addMerge(p);
        // Excel keeps the upper-left value and drops the others.
        for (const [i, j, c] of sheet.existing(p))
          if (i !== p.top || j !== p.left) {
            c.value = undefined;
            c.formula = undefined;
          }
      }
    });
  }

  select(): void {
    this.queue("Range.select", () => {
      const { sheet, rect } = this.handle.get();
      if (live(sheet).visibility !== "Visible") throw officeError("InvalidOperation");
      this.context.book.activeSheetId = sheet.id;
      this.context.book.selection = { sheetId: sheet.id, rect };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    const r = new RangeProxy(this.context);
    this.queue("Range.getCell", () => {
      const { sheet, rect } = this.handle.get();
      const top = rect.top + row;
      const left = rect.left + column;
      if (top >= MAX_ROWS || left >= MAX_COLS) throw officeError("InvalidArgument");
      r.handle.bind({ sheet, rect: { top, left, bottom: top, right: left } });
    });
    return r;
  }
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];

export class RangeFormatProxy extends FakeClientObject {
  readonly font: FontProxy;
  readonly fill: FillProxy;
  readonly borders: BordersProxy;
  readonly protection: FormatProtectionProxy;

  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
    this.font = new FontProxy(ctx, range);
    this.fill = new FillProxy(ctx, range);
    this.borders = new BordersProxy(ctx, range);
    this.protection = new FormatProtectionProxy(ctx, range);
  }

  protected readers(): Record<string, () => unknown> {
    const t = (): RangeTarget => this.range.get();
    return {
      horizontalAlignment: () => uniform(t(), (c) => fmtOf(c).hAlign),
      verticalAlignment: () => uniform(t(), (c) => fmtOf(c).vAlign),
      wrapText: () => uniform(t(), (c) => fmtOf(c).wrap),
      columnWidth: () => {
        const { sheet, rect } = t();
        const w = new Set<number>();
        for (let j = rect.left; j <= Math.min(rect.right, rect.left + 1000); j++) w.add(sheet.colWidths.get(j) ?? DEFAULT_COLUMN_WIDTH_PT);
        return w.size === 1 ? [...w][0] : null;
      },
      rowHeight: () => {
        const { sheet, rect } = t();
        const h = new Set<number>();
        for (let i = rect.top; i <= Math.min(rect.bottom, rect.top + 1000); i++) h.add(sheet.rowHeights.get(i) ?? DEFAULT_ROW_HEIGHT_PT);
        return h.size === 1 ? [...h][0] : null;
      },
    };
  }

  protected override navigation(): Record<string, FakeClientObject> {
    return { font: this.font, fill: this.fill, protection: this.protection };
  }

  private setCells(label: string, apply: (c: Cell) => void): void {
    this.queue(`RangeFormat.${label}`, () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      sheet.forEach(rect, apply);
    });
  }

  get horizontalAlignment(): string {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this.setCells("horizontalAlignment", (c) => {
      if (!H_ALIGN.includes(v)) throw officeError("InvalidArgument");
      c.fmt.hAlign = v;
    });
  }
  get verticalAlignment(): string {
    return this.read("verticalAlignment");
  }
  set verticalAlignment(v: string) {
    this.setCells("verticalAlignment", (c) => {
      if (!V_ALIGN.includes(v)) throw officeError("InvalidArgument");
      c.fmt.vAlign = v;
    });
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(v: boolean) {
    this.setCells("wrapText", (c) => (c.fmt.wrap = v));
  }

  /** Points (ExcelApi 1.2). */
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(v: number) {
    this.queue("RangeFormat.columnWidth", () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable("allowFormatColumns");
      if (!(v >= 0) || v > 255 * 7.5) throw officeError("InvalidArgument");
      for (let j = rect.left; j <= rect.right; j++) sheet.colWidths.set(j, v);
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(v: number) {
    this.queue("RangeFormat.rowHeight", () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable("allowFormatRows");
      if (!(v >= 0) || v > 409) throw officeError("InvalidArgument");
      for (let i = rect.top; i <= rect.bottom; i++) sheet.rowHeights.set(i, v);
    });
  }
}

function normalColor(v: string): string {
  if (/^#[0-9A-Fa-f]{6}$/.test(v)) return v.toUpperCase();
  const named: Record<string, string> = { white: "#FFFFFF", black: "#000000", red: "#FF0000", yellow: "#FFFF00" };
  const n = named[v.toLowerCase()];
  if (!n) throw officeError("InvalidArgument");
  return n;
}

export class FontProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    const t = (): RangeTarget => this.range.get();
    return {
      bold: () => uniform(t(), (c) => fmtOf(c).bold),
      size: () => uniform(t(), (c) => fmtOf(c).fontSize),
      name: () => uniform(t(), (c) => fmtOf(c).fontName),
      color: () => uniform(t(), (c) => fmtOf(c).fontColor),
    };
  }
  private setCells(label: string, apply: (c: Cell) => void): void {
    this.queue(`RangeFont.${label}`, () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      sheet.forEach(rect, apply);
    });
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(v: boolean) {
    this.setCells("bold", (c) => (c.fmt.bold = v));
  }
  get size(): number {
    return this.read("size");
  }
  set size(v: number) {
    this.setCells("size", (c) => {
      if (!(v >= 1 && v <= 409)) throw officeError("InvalidArgument");
      c.fmt.fontSize = v;
    });
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.setCells("name", (c) => (c.fmt.fontName = v));
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.setCells("color", (c) => (c.fmt.fontColor = normalColor(v)));
  }
}

/**
 * A cell with no fill reports color "#FFFFFF" — the same as a white fill (office-js issues
 * #4900, #6218); tintAndShade (ExcelApi 1.9) is null for no fill. fill.clear() removes a fill.
 * https://learn.microsoft.com/javascript/api/excel/excel.rangefill
 */
export class FillProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    const t = (): RangeTarget => this.range.get();
    return {
      color: () => uniform(t(), (c) => fmtOf(c).fill ?? "#FFFFFF"),
      tintAndShade: () => {
        need(this.context, "1.9");
        return uniform(t(), (c) => (fmtOf(c).fill === null ? null : 0));
      },
    };
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.queue("RangeFill.color", () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      const col = normalColor(v);
      sheet.forEach(rect, (c) => (c.fmt.fill = col));
    });
  }
  get tintAndShade(): number | null {
    return this.read("tintAndShade");
  }
  clear(): void {
    this.queue("RangeFill.clear", () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      for (const [, , c] of sheet.existing(rect)) c.fmt.fill = null;
    });
  }
}

export class FormatProtectionProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    return { locked: () => uniform(this.range.get(), (c) => fmtOf(c).locked) };
  }
  get locked(): boolean {
    return this.read("locked");
  }
  /** Locking or unlocking cells is itself refused on a protected sheet. */
  set locked(v: boolean) {
    this.queue("FormatProtection.locked", () => {
      const { sheet, rect } = this.range.get();
      if (live(sheet).protection.protected) throw officeError("AccessDenied");
      sheet.forEach(rect, (c) => (c.fmt.locked = v));
    });
  }
}

const BORDER_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const BORDER_WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];
const BORDER_INDEX = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

export class BordersProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    return {};
  }
  getItem(index: string): BorderProxy {
    if (!BORDER_INDEX.includes(index)) throw officeError("InvalidArgument");
    return new BorderProxy(this.context, this.range, index);
  }
}

/** The cell edges a border index stands for, as [row, col, side] triples. */
function edges(r: Rect, index: string): [number, number, BorderSide][] {
  const out: [number, number, BorderSide][] = [];
  if (index === "EdgeTop") for (let j = r.left; j <= r.right; j++) out.push([r.top, j, "EdgeTop"]);
  if (index === "EdgeBottom") for (let j = r.left; j <= r.right; j++) out.push([r.bottom, j, "EdgeBottom"]);
  if (index === "EdgeLeft") for (let i = r.top; i <= r.bottom; i++) out.push([i, r.left, "EdgeLeft"]);
  if (index === "EdgeRight") for (let i = r.top; i <= r.bottom; i++) out.push([i, r.right, "EdgeRight"]);
  if (index === "InsideHorizontal")
    for (let i = r.top; i < r.bottom; i++) for (let j = r.left; j <= r.right; j++) out.push([i, j, "EdgeBottom"], [i + 1, j, "EdgeTop"]);
  if (index === "InsideVertical")
    for (let i = r.top; i <= r.bottom; i++) for (let j = r.left; j < r.right; j++) out.push([i, j, "EdgeRight"], [i, j + 1, "EdgeLeft"]);
  return out;
}

export class BorderProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
    private readonly index: string,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    return {
      style: () => {
        const { sheet, rect } = this.range.get();
        const styles = new Set(edges(rect, this.index).map(([i, j, side]) => fmtOf(sheet.cell(i, j)).borders[side]));
        return styles.size === 1 ? [...styles][0] : null;
      },
    };
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.queue("RangeBorder.style", () => {
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      if (!BORDER_STYLES.includes(v)) throw officeError("InvalidArgument");
      for (const [i, j, side] of edges(rect, this.index)) sheet.touch(i, j).fmt.borders[side] = v;
    });
  }
  set weight(v: string) {
    this.queue("RangeBorder.weight", () => {
      live(this.range.get().sheet).assertFormatWritable();
      if (!BORDER_WEIGHTS.includes(v)) throw officeError("InvalidArgument");
    });
  }
}

/**
 * ExcelApi 1.8. Excel's own limits on the texts: input title 32 characters, input message
 * 255, error title 32, error message 225 (Data Validation dialog).
 */
export class DataValidationProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    private readonly range: Handle<RangeTarget>,
  ) {
    super(ctx);
  }
  protected readers(): Record<string, () => unknown> {
    const entry = (): ValidationModel | undefined => {
      need(this.context, "1.8");
      const { sheet, rect } = this.range.get();
      return sheet.validations.find((v) => JSON.stringify(v.rect) === JSON.stringify(rect));
    };
    return {
      rule: () => entry()?.rule ?? {},
      prompt: () => entry()?.prompt ?? { showPrompt: false },
      errorAlert: () => entry()?.errorAlert ?? { showAlert: true },
    };
  }

  private edit(label: string, fn: (v: ValidationModel) => void): void {
    this.queue(`DataValidation.${label}`, () => {
      need(this.context, "1.8");
      const { sheet, rect } = this.range.get();
      live(sheet).assertFormatWritable();
      let v = sheet.validations.find((x) => JSON.stringify(x.rect) === JSON.stringify(rect));
      if (!v) {
        v = { rect, rule: {} };
        sheet.validations.push(v);
      }
      fn(v);
    });
  }

  get rule(): unknown {
    return this.read("rule");
  }
  set rule(r: Record<string, { formula1?: unknown; operator?: string }>) {
    this.edit("rule", (v) => {
      const kinds = Object.keys(r);
      const known = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];
      if (kinds.length !== 1 || !known.includes(kinds[0])) throw officeError("InvalidArgument");
      const body = r[kinds[0]];
      if (kinds[0] !== "list" && kinds[0] !== "custom" && (body.formula1 === undefined || !body.operator))
        throw officeError("InvalidArgument");
      v.rule = JSON.parse(JSON.stringify(r));
    });
  }
  get prompt(): unknown {
    return this.read("prompt");
  }
  set prompt(p: { showPrompt?: boolean; title?: string; message?: string }) {
    this.edit("prompt", (v) => {
      if ((p.title?.length ?? 0) > 32 || (p.message?.length ?? 0) > 255) throw officeError("InvalidArgument");
      v.prompt = { ...p };
    });
  }
  get errorAlert(): unknown {
    return this.read("errorAlert");
  }
  set errorAlert(e: { showAlert?: boolean; style?: string; title?: string; message?: string }) {
    this.edit("errorAlert", (v) => {
      if ((e.title?.length ?? 0) > 32 || (e.message?.length ?? 0) > 225) throw officeError("InvalidArgument");
      if (e.style && !["Stop", "Warning", "Information"].includes(e.style)) throw officeError("InvalidArgument");
      v.errorAlert = { ...e };
    });
  }
  clear(): void {
    this.queue("DataValidation.clear", () => {
      need(this.context, "1.8");
      const { sheet, rect } = this.range.get();
      sheet.validations = sheet.validations.filter((x) => JSON.stringify(x.rect) !== JSON.stringify(rect));
    });
  }
}
