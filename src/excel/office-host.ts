/**
 * The live workbook as a Host: the only place in the project that calls Excel.run. Each
 * method is a fixed number of context.sync() calls whatever the number of sheets, rows or
 * units; statements are never synced inside a loop over data.
 *
 * Syncs per method (cold = first call on a freshly opened workbook):
 *   listSheets 1 · readSheets 1 · writeRanges 1 · addSheets 1 with a listing, else 2
 *   (more only when content exceeds the request budget) · readAll 1 warm, cold 1 for up to
 *   three sheets and 2 otherwise (see readAll).
 */
import { cellAddress, parseRange } from "../form/grid";
import type { CellValue, SheetGrid } from "../form/grid";
import type { SheetPlan } from "../form/plan";
import type { RangeWrite } from "../form/plan";
import type { AddSheetsResult, ConflictChoice, Host, SheetInfo } from "../jobs/host";
import { type Capabilities, type DegradedFeature, degradedFeatures, detectCapabilities } from "./capabilities";
import {
  AddSheetsFailedError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
  officeErrorCode,
  translateOfficeError,
} from "./errors";
import {
  type CellRef,
  type ClearOutcome,
  type HighlightOutcome,
  type HighlightStore,
  clearHighlights,
  highlightCells,
  memoryStore,
  settingsStore,
} from "./highlight";
import { type DefinedNameLike, indexMarks, markName, type MarkIndex, marksOfSheet } from "../form/marks";
import { type OfficeEnv, officeEnv } from "./office-env";
import { contentBands, layoutBytes, queueContent, queueLayout, queueMark } from "./plan-render";
import { groupRects, type KeyedCell } from "./rects";
import { gridFromRange } from "./read-grid";
import { sameSheetName } from "../form/sheet-names";
import { checkPlanNames, checkRangeWrite, resolveTargets, type SheetTarget } from "../jobs/sheet-targets";

/** Excel on the web refuses requests above 5 MB; we pack statements below this. */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface OfficeHostOptions {
  /** Where office.js put its globals (window); tests pass the object the fake was installed on. */
  global?: object;
  /** Request budget in bytes (default 4 MB, below the 5 MB limit of Excel on the web). */
  maxRequestBytes?: number;
  /** Where highlight records live; default: document settings. */
  highlightStore?: HighlightStore;
}

export interface OfficeAddSheetsResult extends AddSheetsResult {
  /** Features the plans asked for that this Excel could not apply (for a note in the pane). */
  skipped: DegradedFeature[];
}

export interface ReportChange {
  sheet: string;
  address: string;
}

/** A plan with its names (see src/jobs/sheet-targets.ts); `replaces` is the sheet it replaces. */
type NameTarget = SheetTarget<SheetRef>;

interface SheetRef {
  id: string;
  name: string;
  position: number;
}

/** What a read learnt that a write needs: ids and positions of sheets, our mark names. */
interface Listing {
  sheets: SheetRef[];
  marks: MarkIndex;
}

interface Snapshot {
  infos: SheetInfo[];
  grids: SheetGrid[];
  active: string;
}

/** The listing handed to addSheets no longer matches the workbook: read afresh and retry. */
class StaleListing extends Error {
  constructor() {
    super("The workbook changed since it was read");
    this.name = "StaleListing";
  }
}

export class OfficeHost implements Host {
  private readonly globalObj: object;
  private readonly maxRequestBytes: number;
  private readonly store?: HighlightStore;
  private caps?: Capabilities;
  /** Sheet ids seen by the last read or insert, so the next readAll loads their grids at once. */
  private knownIds: string[] = [];
  /**
   * What each listing returned by listSheets/readAll (keyed by its SheetInfo array) knew, so
   * addSheets(plans, choice, listing) can skip its own read. Weak: forgotten with the listing.
   */
  private readonly listings = new WeakMap<readonly SheetInfo[], Listing>();

  constructor(options: OfficeHostOptions = {}) {
    this.globalObj = options.global ?? globalThis;
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.store = options.highlightStore;
  }

  private env(): OfficeEnv {
    return officeEnv(this.globalObj);
  }

  get capabilities(): Capabilities {
    return (this.caps ??= detectCapabilities(this.env().Office.context.requirements));
  }

  /** What this Excel lacks, for a note in the pane. */
  get degraded(): DegradedFeature[] {
    return degradedFeatures(this.capabilities);
  }

  /** Every batch waits while the user is typing in a cell instead of failing. */
  private run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    const options: Excel.RunOptions = this.capabilities.delayForCellEdit ? { delayForCellEdit: true } : {};
    return this.env().Excel.run(options, batch);
  }

  private highlightStore(): HighlightStore {
    if (this.store) return this.store;
    const office = this.env().Office;
    return office.context.document?.settings ? settingsStore(office) : memoryStore();
  }

  // -------------------------------------------------------------------------------------
  // Reading

  /**
   * One sync, the first time and every time: the worksheet list, the active sheet and the
   * workbook's names load in one request, and our marks are workbook names (marks.ts).
   */
  async listSheets(): Promise<{ sheets: SheetInfo[]; active: string }> {
    const snap = await this.snapshot(false);
    return { sheets: snap.infos, active: snap.active };
  }

  /**
   * listSheets plus every sheet's grid. A used range can only be asked of a Worksheet proxy
   * (getUsedRangeOrNullObject is a method, and WorksheetLoadOptions offers no range), and a
   * proxy for a sheet needs its id or name — which the list gives only after a sync. So the
   * same request that loads the list also asks for the used ranges of the sheets we can name
   * without it: the sheets this host saw last time (by id), the active sheet and, the first
   * time, the first and last sheets (getFirst/getLast, ExcelApi 1.5), which always exist.
   * One sync when that covers every sheet (always after an earlier read or insert in this
   * session, unless the user added sheets meanwhile; at once for a workbook of up to three
   * sheets); otherwise a second sync for the rest. A chain getFirst().getNextOrNullObject()...
   * would reach every sheet blindly, but it calls methods on null objects past the last sheet,
   * which Office.js does not document; we do not rely on it.
   */
  async readAll(): Promise<{ sheets: SheetGrid[]; infos: SheetInfo[]; active: string }> {
    const snap = await this.snapshot(true);
    return { sheets: snap.grids, infos: snap.infos, active: snap.active };
  }

  private async snapshot(withGrids: boolean): Promise<Snapshot> {
    const guess = withGrids ? this.knownIds : [];
    try {
      return await this.run((ctx) => this.snapshotIn(ctx, guess, withGrids));
    } catch (e) {
      // A sheet seen last time was deleted meanwhile: start afresh.
      if (officeErrorCode(e) !== "ItemNotFound" || guess.length === 0) throw translateOfficeError(e);
      this.knownIds = [];
      try {
        return await this.run((ctx) => this.snapshotIn(ctx, [], withGrids));
      } catch (e2) {
        throw translateOfficeError(e2);
      }
    }
  }

  private async snapshotIn(ctx: Excel.RequestContext, guessIds: string[], withGrids: boolean): Promise<Snapshot> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/id,items/name,items/visibility,items/position");
    const active = sheets.getActiveWorksheet();
    active.load("id,name");
    const names = ctx.workbook.names.load(this.nameProps());
    const guesses: { ws: Excel.Worksheet; used: Excel.Range }[] = [];
    if (withGrids) {
      const targets = [active, ...(guessIds.length > 0 ? guessIds.map((id) => sheets.getItem(id)) : [sheets.getFirst(), sheets.getLast()])];
      for (const ws of targets) {
        ws.load("id");
        guesses.push({ ws, used: queueUsedRange(ws) });
      }
    }
    await ctx.sync();
    const used = new Map<string, Excel.Range>();
    for (const g of guesses) if (!used.has(g.ws.id)) used.set(g.ws.id, g.used);
    if (withGrids) {
      const unseen = sheets.items.filter((s) => !used.has(s.id));
      for (const s of unseen) used.set(s.id, queueUsedRange(s));
      if (unseen.length > 0) await ctx.sync();
    }
    const index = indexMarks(this.definedNames(names));
    const infos: SheetInfo[] = [];
    const grids: SheetGrid[] = [];
    for (const s of sheets.items) {
      const marks = marksOfSheet(index, s.name);
      infos.push({ name: s.name, visible: s.visibility === "Visible", marks });
      const range = used.get(s.id);
      if (withGrids && range) grids.push(gridOf(s.name, range, marks));
    }
    this.knownIds = sheets.items.map((s) => s.id);
    this.listings.set(infos, { sheets: sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position })), marks: index });
    return { infos, grids, active: active.name };
  }

  /** Workbook names with what marks.ts needs; `formula` is ExcelApi 1.7, `value` 1.1. */
  private nameProps(): string {
    return this.capabilities.baseline ? "items/name,items/type,items/value,items/formula" : "items/name,items/type,items/value";
  }

  private definedNames(names: Excel.NamedItemCollection): DefinedNameLike[] {
    const withFormula = this.capabilities.baseline;
    return names.items.map((n) => ({ name: n.name, type: n.type, value: n.value, formula: withFormula ? String(n.formula) : undefined }));
  }

  /** One sync for any number of sheets: used ranges (values only), formulas, formats, marks. */
  async readSheets(names: string[]): Promise<SheetGrid[]> {
    if (names.length === 0) return [];
    return this.run(async (ctx) => {
      const defined = ctx.workbook.names.load(this.nameProps());
      const parts = names.map((name) => {
        const ws = ctx.workbook.worksheets.getItem(name);
        ws.load("name");
        return { ws, used: queueUsedRange(ws) };
      });
      try {
        await ctx.sync();
      } catch (e) {
        if (officeErrorCode(e) === "ItemNotFound") throw await this.missingSheet(ctx, names, e);
        throw translateOfficeError(e);
      }
      const index = indexMarks(this.definedNames(defined));
      return parts.map(({ ws, used }) => gridOf(ws.name, used, marksOfSheet(index, ws.name)));
    });
  }

  /** After ItemNotFound: which of the names is missing (Excel's error does not say). */
  private async missingSheet(ctx: Excel.RequestContext, names: string[], original: unknown): Promise<Error> {
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const missing = names.find((n) => !sheets.items.some((s) => sameSheetName(s.name, n)));
      return missing !== undefined ? new SheetNotFoundError(missing) : translateOfficeError(original);
    } catch {
      return translateOfficeError(original);
    }
  }

  // -------------------------------------------------------------------------------------
  // Adding sheets

  /**
   * Adds sheets from plans. `known` is the `sheets` of a listSheets() / `infos` of a readAll()
   * of this host: then nothing is read and the whole job is the write — one sync for ordinary
   * plans, more only when the content would exceed the request budget. Without it, one read
   * sync comes first. A listing is good for one write (it is forgotten after it).
   *
   * "replace" adds the new sheet under a temporary name and, after everything is written,
   * deletes the old sheet (and its mark names) and renames. Marks are added last, with the
   * deletion of stale #REF! mark names left by deleted sheets. A failed write removes what
   * this run added (sheets and names) and throws AddSheetsFailedError. If the failure says the
   * workbook changed since `known` was read (ItemAlreadyExists / ItemNotFound) and the
   * rollback was complete, the job is tried once more with a fresh read.
   */
  async addSheets(plans: SheetPlan[], onConflict: ConflictChoice, known?: readonly SheetInfo[]): Promise<OfficeAddSheetsResult> {
    checkPlanNames(plans);
    if (plans.length === 0) return { names: [], skipped: [] };
    const listing = known ? this.listings.get(known) : undefined;
    if (known) this.listings.delete(known);
    if (listing) {
      try {
        return await this.addOnce(plans, onConflict, listing);
      } catch (e) {
        if (!(e instanceof StaleListing)) throw e;
      }
    }
    return this.addOnce(plans, onConflict, undefined);
  }

  private addOnce(plans: SheetPlan[], onConflict: ConflictChoice, given: Listing | undefined): Promise<OfficeAddSheetsResult> {
    const caps = this.capabilities;
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const wbNames = ctx.workbook.names;
      let listing = given;
      if (!listing) {
        sheets.load("items/id,items/name,items/position");
        wbNames.load(this.nameProps());
        try {
          await ctx.sync();
        } catch (e) {
          throw translateOfficeError(e);
        }
        listing = {
          sheets: sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position })),
          marks: indexMarks(this.definedNames(wbNames)),
        };
      }
      const marks = listing.marks;
      const targets: NameTarget[] = resolveTargets(plans, onConflict, listing.sheets);
      let nextId = marks.nextId;
      for (const t of targets) if (t.plan.marks && Object.keys(t.plan.marks).length > 0) t.mark = markName(nextId++, t.plan.marks);

      // Pack statements into requests below the budget, in write order.
      type Step = { bytes: number; queue: () => void };
      const steps: Step[] = [];
      const added: { target: NameTarget; ws?: Excel.Worksheet }[] = targets.map((target) => ({ target }));
      const skipped = new Set<DegradedFeature>();
      added.forEach((a) => {
        const plan = a.target.plan;
        const bands = contentBands(plan, this.maxRequestBytes);
        steps.push({
          bytes: 300,
          queue: () => {
            a.ws = sheets.add(a.target.addAs);
          },
        });
        for (const band of bands) steps.push({ bytes: band.bytes, queue: () => queueContent(a.ws as Excel.Worksheet, plan, band) });
        steps.push({
          bytes: layoutBytes(plan),
          queue: () => queueLayout(a.ws as Excel.Worksheet, plan, caps).forEach((f) => skipped.add(f)),
        });
      });
      // Renaming, replacing, marks and tidying come last, once every new sheet is fully
      // written; renames first of all (see rollback).
      steps.push({
        bytes: 300 * targets.length + 200 * marks.stale.length,
        queue: () => {
          for (const a of added) if (a.target.replaces && a.ws) sheets.getItem(a.target.replaces.id).delete();
          for (const a of added) {
            if (!a.ws) continue;
            a.ws.name = a.target.final;
            if (a.target.replaces) a.ws.position = a.target.replaces.position;
          }
          for (const a of added) {
            const old = a.target.replaces;
            if (old) for (const n of marks.namesBySheet.get(old.name.toUpperCase()) ?? []) wbNames.getItem(n).delete();
          }
          for (const a of added) if (a.target.mark && a.ws) queueMark(wbNames, a.ws, a.target.mark);
          for (const n of marks.stale) wbNames.getItem(n).delete();
          for (const a of added) a.ws?.load("id");
          // Show the user what was just made (the template to fill, the county total), in
          // the same request: no extra round trip.
          added[0]?.ws?.activate();
        },
      });

      let pending = 0;
      try {
        for (const step of steps) {
          if (pending > 0 && pending + step.bytes > this.maxRequestBytes) {
            await ctx.sync();
            pending = 0;
          }
          step.queue();
          pending += step.bytes;
        }
        await ctx.sync();
      } catch (e) {
        const code = officeErrorCode(e);
        const leftovers = await this.rollback(ctx, targets, renamesStarted(e), listing.sheets);
        if (given && leftovers.length === 0 && (code === "ItemAlreadyExists" || code === "ItemNotFound")) throw new StaleListing();
        // Only "already exists" can be pinned on a sheet; AccessDenied here is more likely the
        // workbook's structure protection than a sheet's.
        const cause = code === "ItemAlreadyExists" && plans.length === 1 ? new SheetExistsError(targets[0].final) : translateOfficeError(e);
        throw new AddSheetsFailedError(cause, leftovers.length === 0, leftovers);
      }
      // The sheets are known again without a read: the next readAll is one sync.
      const replaced = new Set(targets.flatMap((t) => (t.replaces ? [t.replaces.id] : [])));
      this.knownIds = [
        ...listing.sheets.map((s) => s.id).filter((id) => !replaced.has(id)),
        ...added.map((a) => (a.ws as Excel.Worksheet).id),
      ];
      return { names: targets.map((t) => t.final), skipped: [...skipped] };
    });
  }

  /**
   * Removes the sheets this run added, and their mark names. A sheet under one of our
   * temporary names is ours. A sheet under a final name is ours only if it is new (not in the
   * listing) and the renames had started when the batch failed (`renamed`): otherwise it may
   * be a same-named sheet the user made meanwhile, which is never touched. When Excel does
   * not say where the batch failed, such a sheet is left and reported (not rolled back).
   * A replaced sheet that is already gone means the new sheet is now the only copy: it is
   * kept under the final name, with its mark, and reported.
   */
  private async rollback(
    ctx: Excel.RequestContext,
    targets: NameTarget[],
    renamed: boolean | undefined,
    before: readonly SheetRef[],
  ): Promise<string[]> {
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/id,items/name");
      const names = ctx.workbook.names.load(this.nameProps());
      await ctx.sync();
      const present = sheets.items;
      const ours = indexMarks(this.definedNames(names)).namesBySheet;
      const isNew = (s: Excel.Worksheet): boolean => !before.some((b) => b.id === s.id);
      const leftovers: string[] = [];
      let queued = false;
      for (const t of targets) {
        const temp = present.find((s) => sameSheetName(s.name, t.addAs));
        const final = present.find((s) => sameSheetName(s.name, t.final) && isNew(s));
        const oldGone = t.replaces !== undefined && !present.some((s) => s.id === t.replaces?.id);
        if (oldGone) {
          // The new sheet is the only copy now: keep it under the final name.
          const mine = temp ?? final;
          if (mine && !sameSheetName(mine.name, t.final)) {
            mine.name = t.final;
            queued = true;
          }
          if (mine) leftovers.push(t.final);
          continue;
        }
        const mine = temp ?? (final && renamed === true ? final : undefined);
        if (!temp && final && renamed === undefined) leftovers.push(final.name);
        if (mine) {
          mine.delete();
          queued = true;
        }
        // Our mark, if it was added: it refers to the sheet being removed (a same-named name
        // made by someone else refers elsewhere and stays).
        const markHere =
          mine && t.mark !== undefined && (ours.get(mine.name.toUpperCase()) ?? []).some((n) => n.toUpperCase() === t.mark?.toUpperCase());
        const mark = markHere ? names.items.find((n) => n.name.toUpperCase() === t.mark?.toUpperCase()) : undefined;
        if (mark) {
          mark.delete();
          queued = true;
        }
      }
      if (queued) await ctx.sync();
      return leftovers;
    } catch {
      return targets.map((t) => t.final);
    }
  }

  // -------------------------------------------------------------------------------------
  // Writing into existing sheets

  /**
   * One sync. Text cells get "@" before their values so a string never becomes a formula.
   * Excel does not say which sheet refused a write, so after AccessDenied / InvalidOperation
   * one more read finds the protected sheet. Note: Excel applies a batch statement by
   * statement, so writes to sheets before the refused one stay applied.
   */
  async writeRanges(writes: RangeWrite[]): Promise<void> {
    const real = writes.filter((w) => w.values.length > 0 && w.values[0].length > 0);
    for (const w of real) checkRangeWrite(w);
    if (real.length === 0) return;
    return this.run(async (ctx) => {
      // Every sheet is looked up before any write, so a missing one fails the batch before
      // anything is written.
      const bySheet = new Map<string, Excel.Worksheet>();
      for (const w of real) if (!bySheet.has(w.sheet)) bySheet.set(w.sheet, ctx.workbook.worksheets.getItem(w.sheet));
      for (const w of real) queueWrite(bySheet.get(w.sheet) as Excel.Worksheet, w);
      try {
        await ctx.sync();
      } catch (e) {
        const code = officeErrorCode(e);
        if (code === "AccessDenied" || code === "InvalidOperation") {
          const sheet = await this.protectedAmong(ctx, [...bySheet.keys()]);
          if (sheet !== undefined) throw new SheetProtectedError(sheet);
        }
        if (code === "ItemNotFound") throw await this.missingSheet(ctx, [...bySheet.keys()], e);
        throw translateOfficeError(e, bySheet.size === 1 ? { sheet: real[0].sheet } : {});
      }
    });
  }

  private async protectedAmong(ctx: Excel.RequestContext, names: string[]): Promise<string | undefined> {
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/protection/protected");
      await ctx.sync();
      return names.find((n) => sheets.items.some((s) => sameSheetName(s.name, n) && s.protection.protected));
    } catch {
      return undefined;
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.oneStatement(sheet, (ws) => {
      ws.activate();
      ws.getRange(address).select();
    });
  }

  async activateSheet(sheet: string): Promise<void> {
    await this.oneStatement(sheet, (ws) => ws.activate());
  }

  private async oneStatement(sheet: string, queue: (ws: Excel.Worksheet) => void): Promise<void> {
    try {
      await this.run(async (ctx) => {
        queue(ctx.workbook.worksheets.getItem(sheet));
        await ctx.sync();
      });
    } catch (e) {
      throw translateOfficeError(e, { sheet });
    }
  }

  // -------------------------------------------------------------------------------------
  // Highlighting and change events

  async highlight(cells: CellRef[]): Promise<HighlightOutcome> {
    try {
      return await highlightCells((b) => this.run(b), this.capabilities, this.highlightStore(), cells);
    } catch (e) {
      throw translateOfficeError(e);
    }
  }

  async clearHighlight(): Promise<ClearOutcome> {
    try {
      return await clearHighlights((b) => this.run(b), this.highlightStore());
    } catch (e) {
      throw translateOfficeError(e);
    }
  }

  /**
   * Calls cb when cells change on one of the sheets (worksheet.onChanged, ExcelApi 1.7).
   * Returns the unsubscribe. Without event support it returns a no-op and the pane should
   * offer a manual refresh (capabilities.changeEvents tells).
   */
  async onReportChanged(sheets: string[], cb: (change: ReportChange) => void): Promise<() => Promise<void>> {
    if (!this.capabilities.changeEvents || sheets.length === 0) return async () => undefined;
    let results: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[];
    try {
      results = await this.run(async (ctx) => {
        const rs = sheets.map((sheet) =>
          ctx.workbook.worksheets.getItem(sheet).onChanged.add(async (args) => {
            cb({ sheet, address: args.address });
          }),
        );
        await ctx.sync();
        return rs;
      });
    } catch (e) {
      throw translateOfficeError(e, sheets.length === 1 ? { sheet: sheets[0] } : {});
    }
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      // Handlers are removed in the context that added them.
      await this.env().Excel.run(results[0].context, async (ctx) => {
        for (const r of results) r.remove();
        await ctx.sync();
      });
    };
  }
}

/**
 * Whether a failed add batch had got to its renames: the statement Excel names as the failing
 * one (debugInfo.errorLocation) is a rename or comes after the renames (the final step:
 * Worksheet.name, then name deletions and additions, activation). Undefined when Excel does
 * not say.
 */
function renamesStarted(e: unknown): boolean | undefined {
  const location = (e as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo?.errorLocation;
  if (typeof location !== "string" || location === "") return undefined;
  return /^(Worksheet\.(name|position|activate)|NamedItem(Collection)?\.)/.test(location);
}

/** Queues the load of a sheet's used range (values only: formatting does not widen it). */
function queueUsedRange(ws: Excel.Worksheet): Excel.Range {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address,values,formulas,numberFormat,valueTypes");
  return used;
}

function gridOf(sheet: string, used: Excel.Range, marks: Record<string, string>): SheetGrid {
  return gridFromRange(
    sheet,
    used.isNullObject
      ? null
      : {
          address: used.address,
          values: used.values,
          formulas: used.formulas,
          numberFormat: used.numberFormat,
          valueTypes: used.valueTypes,
        },
    marks,
  );
}

function queueWrite(ws: Excel.Worksheet, w: RangeWrite): void {
  const { top, left } = parseRange(w.address);
  const rows = w.values.length;
  const cols = w.values[0].length;
  const range = ws.getRange(`${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + cols - 1)}`);
  const formulaAt = (i: number, j: number): string | null => w.formulas?.[i]?.[j] ?? null;

  // Text gets "@" first so it stays text. A formula cell gets a non-text format (the given
  // one, else General): a formula written into a text-formatted cell would stay text.
  const formats = w.values.map((row, i) =>
    row.map((v, j) => {
      if (formulaAt(i, j) !== null) return w.numberFormat && w.numberFormat !== "@" ? w.numberFormat : "General";
      if (typeof v === "string") return "@";
      return w.numberFormat ?? null;
    }),
  );
  if (formats.some((r) => r.some((f) => f !== null))) range.numberFormat = formats;
  const values: CellValue[][] = w.values.map((row, i) => row.map((v, j) => (formulaAt(i, j) !== null ? null : v === null ? "" : v)));
  if (values.some((r) => r.some((v) => v !== null))) range.values = values;

  const cells: KeyedCell<"f">[] = [];
  w.values.forEach((row, i) => row.forEach((_, j) => formulaAt(i, j) !== null && cells.push({ row: i, col: j, key: "f" })));
  for (const rect of groupRects(cells)) {
    const block: string[][] = [];
    for (let i = rect.top; i <= rect.bottom; i++) {
      const line: string[] = [];
      for (let j = rect.left; j <= rect.right; j++) line.push(formulaAt(i, j) as string);
      block.push(line);
    }
    ws.getRange(`${cellAddress(top + rect.top, left + rect.left)}:${cellAddress(top + rect.bottom, left + rect.right)}`).formulas = block;
  }
}
