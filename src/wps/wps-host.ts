/**
 * The open WPS 表格 workbook as a Host (src/jobs/host.ts), so the four jobs run unchanged inside
 * WPS. The ET object model (window.Application) is synchronous and call by call; the adapter
 * reads each sheet's used range with one Value2 and one Formula read, and writes whole blocks
 * (src/wps/render.ts). Calls per method, with S sheets and N workbook names in the workbook:
 *
 *   listSheets   4 + 3·S + 2·N (+1 per mark name)      readAll   listSheets + 4·S
 *   writeRanges  fixed per block written (2 reads to check protection, formats, values, formulas)
 *   addSheets    listing (unless given) + a fixed number per plan, set by the plan's layout
 *
 * None of it grows with the rows of a sheet or the units merged. ET has no call that returns
 * the sheet list or the names at once, so the listing grows by a few calls per sheet.
 *
 * Never loses data: nothing is overwritten without the job having asked (the jobs do that);
 * a sheet being replaced is deleted only once its successor is complete; a failure while adding
 * undoes what this run added (WPS has no batch to roll back: the adapter keeps an undo list).
 */
import { parseRange, type CellValue, type SheetGrid, type SourceCell } from "../form/grid";
import { indexMarks, markName, markReference, marksOfSheet, parseMarkName, type DefinedNameLike, type MarkIndex } from "../form/marks";
import type { RangeWrite, SheetPlan } from "../form/plan";
import { sameSheetName } from "../form/sheet-names";
import { checkPlanNames, checkRangeWrite, resolveTargets, type SheetTarget } from "../jobs/sheet-targets";
import type { DegradedFeature } from "../excel/capabilities";
import type { KeyedCell } from "../excel/rects";
import type { AddSheetsResult, ConflictChoice, Host, SheetInfo } from "../jobs/host";
import { XL, type EtApplication, type EtName, type EtRange, type EtWorkbook, type EtWorksheet, type SheetChangeListener } from "./et";
import { etApplication } from "./env";
import {
  AddSheetsFailedError,
  CellEditModeError,
  HostApiError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
} from "../jobs/host-errors";
import { translateWpsError } from "./errors";
import { rectAddress, renderContent, renderLayout, valueBlock, writeFormats, writeFormulas } from "./render";

export interface WpsHostOptions {
  /** Where WPS put its Application (window); tests pass the object the fake was installed on. */
  global?: object;
}

export interface WpsAddSheetsResult extends AddSheetsResult {
  /** Features the plans asked for that WPS refused (for a note in the pane). */
  skipped: DegradedFeature[];
}

interface SheetEntry {
  name: string;
  visible: boolean;
  ws: EtWorksheet;
}

interface Listing {
  sheets: SheetEntry[];
  marks: MarkIndex;
  active: string;
}

type Target = SheetTarget<SheetEntry>;

/** One thing this run added, to undo on failure (newest first). */
type Undo = { kind: "sheet"; ws: EtWorksheet; name: () => string } | { kind: "name"; item: EtName; name: string };

/** COM error values as Value2 returns them (CVErr: 0x800A0000 + Excel's error number). */
const CV_ERRORS = new Map<number, string>([
  [-2146826288, "#NULL!"],
  [-2146826281, "#DIV/0!"],
  [-2146826273, "#VALUE!"],
  [-2146826265, "#REF!"],
  [-2146826259, "#NAME?"],
  [-2146826252, "#NUM!"],
  [-2146826246, "#N/A"],
]);
const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/;

/** The listing handed to addSheets no longer matches the workbook: read afresh and retry. */
class StaleListing extends Error {}

export class WpsHost implements Host {
  private readonly globalObj: object;
  /** What each listing returned by listSheets/readAll knew (keyed by its SheetInfo array). */
  private readonly listings = new WeakMap<readonly SheetInfo[], Listing>();
  /** True while this host writes: its own edits do not count as the user's (SheetChange). */
  private writing = false;

  constructor(options: WpsHostOptions = {}) {
    this.globalObj = options.global ?? globalThis;
  }

  private app(): EtApplication {
    return etApplication(this.globalObj);
  }

  private book(app: EtApplication = this.app()): EtWorkbook {
    let wb: EtWorkbook | null | undefined;
    try {
      wb = app.ActiveWorkbook;
    } catch (e) {
      throw translateWpsError(e);
    }
    if (!wb) throw new HostApiError("NoActiveWorkbook", "WPS has no open workbook");
    return wb;
  }

  /** While a cell is being edited WPS refuses calls (Application.Ready is false then). */
  private checkReady(app: EtApplication): void {
    let ready: unknown;
    try {
      ready = app.Ready;
    } catch (e) {
      throw translateWpsError(e);
    }
    if (ready === false) throw new CellEditModeError();
  }

  // -------------------------------------------------------------------------------------
  // Reading

  private listing(wb: EtWorkbook): Listing {
    const collection = wb.Worksheets;
    const count = collection.Count;
    const sheets: SheetEntry[] = [];
    for (let i = 1; i <= count; i++) {
      const ws = collection.Item(i) as EtWorksheet;
      const visibility: unknown = ws.Visible;
      // xlSheetVisible is -1 (COM's True); a bridge that hands booleans over says true.
      sheets.push({ ws, name: String(ws.Name), visible: visibility === XL.sheetVisible || visibility === true });
    }
    const names = wb.Names;
    const items: DefinedNameLike[] = [];
    const n = names.Count;
    for (let j = 1; j <= n; j++) {
      const item = names.Item(j);
      const name = String(item.Name);
      // Only our names are read further (their reference says which sheet they mark).
      if (parseMarkName(name)) items.push({ name, formula: String(item.RefersTo) });
    }
    const active = String(wb.ActiveSheet.Name);
    return { sheets, marks: indexMarks(items), active };
  }

  private infosOf(listing: Listing): SheetInfo[] {
    const infos = listing.sheets.map((s) => ({ name: s.name, visible: s.visible, marks: marksOfSheet(listing.marks, s.name) }));
    this.listings.set(infos, listing);
    return infos;
  }

  async listSheets(): Promise<{ sheets: SheetInfo[]; active: string }> {
    try {
      const app = this.app();
      const listing = this.listing(this.book(app));
      return { sheets: this.infosOf(listing), active: listing.active };
    } catch (e) {
      throw translateWpsError(e);
    }
  }

  async readAll(): Promise<{ sheets: SheetGrid[]; infos: SheetInfo[]; active: string }> {
    try {
      const app = this.app();
      const listing = this.listing(this.book(app));
      const grids = listing.sheets.map((s) => gridOf(s.name, s.ws, marksOfSheet(listing.marks, s.name)));
      return { sheets: grids, infos: this.infosOf(listing), active: listing.active };
    } catch (e) {
      throw translateWpsError(e);
    }
  }

  async readSheets(names: string[]): Promise<SheetGrid[]> {
    if (names.length === 0) return [];
    const app = this.app();
    const wb = this.book(app);
    let listing: Listing;
    try {
      listing = this.listing(wb);
    } catch (e) {
      throw translateWpsError(e);
    }
    return names.map((name) => {
      const s = listing.sheets.find((x) => sameSheetName(x.name, name));
      if (!s) throw new SheetNotFoundError(name);
      try {
        return gridOf(s.name, s.ws, marksOfSheet(listing.marks, s.name));
      } catch (e) {
        throw translateWpsError(e, { sheet: name });
      }
    });
  }

  // -------------------------------------------------------------------------------------
  // Adding sheets

  /**
   * Adds sheets from plans, at the end of the workbook. Each sheet is written under a name
   * unique to this run and renamed when complete; a sheet it replaces is deleted only then.
   * A failure undoes what was added (sheets and names) and throws AddSheetsFailedError. If the
   * workbook changed since `known` was read (a name now taken), the job is tried once more on a
   * fresh listing.
   */
  async addSheets(plans: SheetPlan[], onConflict: ConflictChoice, known?: readonly SheetInfo[]): Promise<WpsAddSheetsResult> {
    checkPlanNames(plans);
    if (plans.length === 0) return { names: [], skipped: [] };
    const given = known ? this.listings.get(known) : undefined;
    if (known) this.listings.delete(known);
    if (given) {
      try {
        return this.addOnce(plans, onConflict, given);
      } catch (e) {
        if (!(e instanceof StaleListing)) throw e;
      }
    }
    return this.addOnce(plans, onConflict, undefined);
  }

  private addOnce(plans: SheetPlan[], onConflict: ConflictChoice, given: Listing | undefined): WpsAddSheetsResult {
    const app = this.app();
    this.checkReady(app);
    const wb = this.book(app);
    let listing: Listing;
    try {
      listing = given ?? this.listing(wb);
      if (wb.ProtectStructure) throw new HostApiError("WorkbookStructureProtected", "The workbook's structure is protected");
    } catch (e) {
      throw translateWpsError(e);
    }
    const targets: Target[] = resolveTargets(plans, onConflict, listing.sheets);
    let nextId = listing.marks.nextId;
    for (const t of targets) if (t.plan.marks && Object.keys(t.plan.marks).length > 0) t.mark = markName(nextId++, t.plan.marks);

    const undo: Undo[] = [];
    const skipped = new Set<DegradedFeature>();
    const added: EtWorksheet[] = [];
    let replacedGone = false;
    let stage: "write" | "rename" | "finish" = "write";
    this.writing = true;
    try {
      const sheets = wb.Worksheets;
      let last = listing.sheets.length > 0 ? listing.sheets[listing.sheets.length - 1].ws : undefined;
      for (const t of targets) {
        const ws = last ? sheets.Add(undefined, last) : sheets.Add();
        undo.unshift({ kind: "sheet", ws, name: () => String(ws.Name) });
        ws.Name = t.addAs;
        added.push(ws);
        renderContent(ws, t.plan);
        renderLayout(ws, t.plan).forEach((f) => skipped.add(f));
        last = ws;
      }
      // Every new sheet is complete: delete what they replace, then rename, mark and show.
      if (targets.some((t) => t.replaces)) {
        const alerts = app.DisplayAlerts;
        app.DisplayAlerts = false; // deleting a sheet would otherwise ask
        try {
          for (const t of targets) {
            if (!t.replaces) continue;
            t.replaces.ws.Delete();
            replacedGone = true;
          }
        } finally {
          app.DisplayAlerts = alerts;
        }
      }
      stage = "rename";
      targets.forEach((t, i) => (added[i].Name = t.final));
      stage = "finish";
      targets.forEach((t, i) => {
        if (t.replaces) moveToPlaceOf(added[i], t.replaces, listing.sheets, targets);
      });
      for (const t of targets)
        for (const old of t.replaces ? (listing.marks.namesBySheet.get(t.replaces.name.toUpperCase()) ?? []) : []) deleteName(wb, old);
      const names = wb.Names;
      for (const t of targets) {
        if (!t.mark) continue;
        const item = names.Add(t.mark, `=${markReference(t.final)}`, false);
        undo.unshift({ kind: "name", item, name: t.mark });
      }
      for (const stale of listing.marks.stale) deleteName(wb, stale);
      added[0]?.Activate();
      const freeze = targets[0]?.plan.freezeRows;
      if (freeze && freeze > 0) freezeRows(app, freeze);
    } catch (e) {
      const cause = translateWpsError(e);
      let leftovers: string[];
      if (replacedGone) {
        // The new sheets are the only copies now: keep them, under their final names.
        targets.forEach((t, i) => {
          try {
            if (!sameSheetName(String(added[i].Name), t.final)) added[i].Name = t.final;
          } catch {
            // Left under its temporary name; reported below.
          }
        });
        leftovers = targets.map((t) => t.final);
      } else leftovers = this.undo(app, undo);
      // A final name taken meanwhile: the listing was stale.
      if (stage === "rename" && given && leftovers.length === 0) throw new StaleListing();
      const reported = stage === "rename" && plans.length === 1 && !replacedGone ? new SheetExistsError(targets[0].final) : cause;
      throw new AddSheetsFailedError(reported, leftovers.length === 0, leftovers);
    } finally {
      this.writing = false;
    }
    return { names: targets.map((t) => t.final), skipped: [...skipped] };
  }

  /** Removes what this run added, newest first; returns the sheets that could not be removed. */
  private undo(app: EtApplication, undo: Undo[]): string[] {
    const leftovers: string[] = [];
    let alerts: boolean | undefined;
    try {
      alerts = app.DisplayAlerts;
      app.DisplayAlerts = false;
    } catch {
      // Deleting may ask the user; the undo goes on all the same.
    }
    for (const u of undo) {
      try {
        if (u.kind === "name") u.item.Delete();
        else u.ws.Delete();
      } catch {
        if (u.kind === "sheet") {
          let name = "";
          try {
            name = u.name();
          } catch {
            name = "?";
          }
          leftovers.push(name);
        }
      }
    }
    try {
      if (alerts !== undefined) app.DisplayAlerts = alerts;
    } catch {
      // Nothing more to restore.
    }
    return leftovers;
  }

  // -------------------------------------------------------------------------------------
  // Writing into existing sheets

  /**
   * Per block: the sheet (one Item call; a missing sheet fails before anything is written), its
   * protection (a protected sheet is written only where every target cell is unlocked, else
   * SheetProtectedError before writing), number formats ("@" before text, a non-text format
   * under formulas), one Value2 assignment and a Formula assignment per rectangle of formulas.
   */
  async writeRanges(writes: RangeWrite[]): Promise<void> {
    const real = writes.filter((w) => w.values.length > 0 && w.values[0].length > 0);
    for (const w of real) checkRangeWrite(w);
    if (real.length === 0) return;
    const app = this.app();
    this.checkReady(app);
    const wb = this.book(app);
    // Look every sheet up and check it before the first write.
    const plan = real.map((w) => {
      const ws = sheetNamed(wb, w.sheet);
      const range = ws.Range(blockAddress(w));
      let isProtected: boolean;
      try {
        isProtected = ws.ProtectContents === true;
        if (isProtected && range.Locked !== false) throw new SheetProtectedError(w.sheet);
      } catch (e) {
        throw translateWpsError(e, { sheet: w.sheet });
      }
      return { w, ws, range, isProtected };
    });
    this.writing = true;
    try {
      for (const { w, ws, range, isProtected } of plan) {
        try {
          writeBlock(ws, range, w, isProtected);
        } catch (e) {
          throw translateWpsError(e, { sheet: w.sheet });
        }
      }
    } finally {
      this.writing = false;
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    const app = this.app();
    this.checkReady(app);
    const ws = sheetNamed(this.book(app), sheet);
    try {
      ws.Activate();
      ws.Range(address).Select();
    } catch (e) {
      throw translateWpsError(e, { sheet });
    }
  }

  async activateSheet(sheet: string): Promise<void> {
    const app = this.app();
    this.checkReady(app);
    const ws = sheetNamed(this.book(app), sheet);
    try {
      ws.Activate();
    } catch (e) {
      throw translateWpsError(e, { sheet });
    }
  }

  // -------------------------------------------------------------------------------------
  // Change events

  /**
   * Calls cb when the user changes cells on one of the sheets (ApiEvent "SheetChange"); this
   * host's own writes do not count. Returns the unsubscribe.
   */
  onReportChanged(sheets: string[], cb: (sheet: string) => void): () => void {
    if (sheets.length === 0) return () => undefined;
    const app = this.app();
    const listener: SheetChangeListener = (ws) => {
      if (this.writing) return;
      let name: string;
      try {
        name = String(ws.Name);
      } catch {
        return;
      }
      if (sheets.some((s) => sameSheetName(s, name))) cb(name);
    };
    try {
      app.ApiEvent.AddApiEventListener("SheetChange", listener);
    } catch (e) {
      throw translateWpsError(e);
    }
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      try {
        app.ApiEvent.RemoveApiEventListener("SheetChange", listener);
      } catch {
        // WPS already dropped it (the pane is closing).
      }
    };
  }
}

// ---------------------------------------------------------------------------------------

function sheetNamed(wb: EtWorkbook, name: string): EtWorksheet {
  try {
    return wb.Worksheets.Item(name) as EtWorksheet;
  } catch {
    throw new SheetNotFoundError(name);
  }
}

/** Puts a new sheet where the sheet it replaced was (among the sheets that stay). */
function moveToPlaceOf(ws: EtWorksheet, old: SheetEntry, sheets: readonly SheetEntry[], targets: readonly Target[]): void {
  const stays = (s: SheetEntry): boolean => !targets.some((t) => t.replaces === s);
  const at = sheets.indexOf(old);
  const before = sheets.slice(at + 1).find(stays);
  if (before) ws.Move(before.ws);
}

function deleteName(wb: EtWorkbook, name: string): void {
  try {
    wb.Names.Item(name).Delete();
  } catch {
    // Already gone: nothing to tidy.
  }
}

function freezeRows(app: EtApplication, rows: number): void {
  try {
    const win = app.ActiveWindow;
    win.FreezePanes = false;
    win.SplitColumn = 0;
    win.SplitRow = rows;
    win.FreezePanes = true;
  } catch {
    // Cosmetic: a sheet without frozen panes is still the report.
  }
}

/** A used range → SheetGrid: four calls (UsedRange, Address, Value2, Formula). */
function gridOf(sheet: string, ws: EtWorksheet, marks: Record<string, string>): SheetGrid {
  const used: EtRange = ws.UsedRange;
  const address = String(used.Address(false, false));
  const { top, left, bottom, right } = parseRange(address.slice(address.lastIndexOf("!") + 1));
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  const values = as2D(used.Value2, rows, cols);
  const formulas = as2D(used.Formula, rows, cols);
  const cells = values.map((row, i) => row.map((v, j) => sourceCell(v, formulas[i]?.[j])));
  return { sheet, top, left, cells, marks };
}

/** Value2 / Formula as a rows × cols array: a one-cell range gives a scalar (COM). */
export function as2D(raw: unknown, rows: number, cols: number): unknown[][] {
  if (Array.isArray(raw) && (raw.length === 0 || Array.isArray(raw[0]))) return raw as unknown[][];
  if (Array.isArray(raw) && rows === 1) return [raw as unknown[]];
  if (rows === 1 && cols === 1) return [[raw]];
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => null));
}

export function sourceCell(v: unknown, f: unknown): SourceCell | null {
  const formula = typeof f === "string" && f.startsWith("=") && !(typeof v === "string" && v === f) ? f : undefined;
  if (typeof v === "number" && CV_ERRORS.has(v)) return { value: null, error: CV_ERRORS.get(v), ...(formula ? { formula } : {}) };
  if (formula && typeof v === "string" && ERROR_TEXT.test(v)) return { value: null, error: v, formula };
  const value: CellValue = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  if ((value === null || value === "") && !formula) return null;
  return formula ? { value, formula } : { value };
}

function blockAddress(w: RangeWrite): string {
  const { top, left } = parseRange(w.address);
  return rectAddress({ top, left, bottom: top + w.values.length - 1, right: left + w.values[0].length - 1 });
}

function writeBlock(ws: EtWorksheet, range: EtRange, w: RangeWrite, isProtected: boolean): void {
  const origin = parseRange(w.address);
  const formulaAt = (i: number, j: number): string | null => w.formulas?.[i]?.[j] ?? null;
  const kinds = w.values.map((row, i) =>
    row.map((v, j) => (formulaAt(i, j) !== null ? "formula" : typeof v === "string" ? "text" : "value")),
  );
  const flat = kinds.flat();
  // Text needs "@" (or it may turn into a formula, number or date); a formula needs a format
  // that is not "@" (or it stays text). Whether the cells have that already costs one read,
  // and only then. A protected sheet refuses format changes even in unlocked cells: there
  // text is written with ET's text prefix (an apostrophe) instead.
  const current = flat.some((k) => k !== "value") ? range.NumberFormat : undefined;
  const uniform = typeof current === "string" ? current : undefined;
  const prefixText = isProtected && uniform !== "@";
  const formats: KeyedCell<string>[] = [];
  if (!isProtected)
    kinds.forEach((row, i) =>
      row.forEach((kind, j) => {
        let f: string | null;
        if (kind === "text") f = uniform === "@" ? null : "@";
        else if (kind === "formula")
          f = w.numberFormat && w.numberFormat !== "@" ? w.numberFormat : uniform !== undefined && uniform !== "@" ? null : "General";
        else f = w.numberFormat ?? null;
        if (f !== null) formats.push({ row: i, col: j, key: f });
      }),
    );
  writeFormats(ws, formats, origin);
  if (flat.some((k) => k !== "formula")) {
    const values: CellValue[][] = w.values.map((row, i) =>
      row.map((v, j) => (formulaAt(i, j) !== null ? null : prefixText && typeof v === "string" ? `'${v}` : v)),
    );
    range.Value2 = valueBlock(values);
  }
  writeFormulas(ws, formulaAt, w.values.length, w.values[0].length, origin);
}
