/**
 * The live workbook as a Host: the only place in the project that calls Excel.run. Each
 * method is a fixed number of context.sync() calls whatever the number of sheets, rows or
 * units; statements are never synced inside a loop over data.
 */
import { cellAddress, parseRange } from "../form/grid";
import type { CellValue, SheetGrid } from "../form/grid";
import type { SheetPlan } from "../form/plan";
import type { AddSheetsResult, ConflictChoice, Host, RangeWrite, SheetInfo } from "../jobs/host";
import { Capabilities, DegradedFeature, degradedFeatures, detectCapabilities } from "./capabilities";
import {
  AddSheetsFailedError,
  InvalidSheetNameError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
  officeErrorCode,
  translateOfficeError,
} from "./errors";
import {
  CellRef,
  ClearOutcome,
  HighlightOutcome,
  HighlightStore,
  clearHighlights,
  highlightCells,
  memoryStore,
  settingsStore,
} from "./highlight";
import { marksOf } from "./marks";
import { OfficeEnv, officeEnv } from "./office-env";
import { contentBands, layoutBytes, queueContent, queueLayout } from "./plan-render";
import { groupRects, KeyedCell } from "./rects";
import { gridFromRange } from "./read-grid";
import { copyName, sameSheetName, sheetNameProblem } from "./sheet-names";

/** Excel on the web refuses requests above 5 MB; we pack statements below this. */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

const NAME_PROPS = "items/name,items/type,items/value,items/formula,items/scope";

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

interface NameTarget {
  plan: SheetPlan;
  /** The name the sheet is added under (a temporary one when replacing). */
  addAs: string;
  /** The name it ends with. */
  final: string;
  /** The sheet it replaces. */
  replaces?: { id: string; name: string; position: number };
}

export class OfficeHost implements Host {
  private readonly globalObj: object;
  private readonly maxRequestBytes: number;
  private readonly store?: HighlightStore;
  private caps?: Capabilities;
  /** Sheet ids seen by the last listSheets, so the next one loads their names in one sync. */
  private knownIds: string[] = [];

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
   * Sheet-scoped names (and used ranges) cannot be loaded through the worksheet collection
   * (WorksheetLoadOptions has no `names`), so they are loaded per sheet via getItem(id).
   * Sheets seen last time are loaded in the same sync as the list: one sync while the set of
   * sheets is unchanged, a second one for sheets not seen before, and a fresh start if a
   * known sheet was deleted meanwhile.
   */
  async listSheets(): Promise<{ sheets: SheetInfo[]; active: string }> {
    const snap = await this.snapshot(false);
    return { sheets: snap.infos, active: snap.active };
  }

  /** listSheets plus every sheet's grid, in the same sync(s). */
  async readAll(): Promise<{ sheets: SheetGrid[]; infos: SheetInfo[]; active: string }> {
    const snap = await this.snapshot(true);
    return { sheets: snap.grids, infos: snap.infos, active: snap.active };
  }

  private async snapshot(withGrids: boolean): Promise<{ infos: SheetInfo[]; grids: SheetGrid[]; active: string }> {
    try {
      return await this.run((ctx) => this.snapshotIn(ctx, this.knownIds, withGrids));
    } catch (e) {
      if (officeErrorCode(e) !== "ItemNotFound" || this.knownIds.length === 0) throw translateOfficeError(e);
      this.knownIds = [];
      try {
        return await this.run((ctx) => this.snapshotIn(ctx, [], withGrids));
      } catch (e2) {
        throw translateOfficeError(e2);
      }
    }
  }

  private async snapshotIn(
    ctx: Excel.RequestContext,
    guessIds: string[],
    withGrids: boolean,
  ): Promise<{ infos: SheetInfo[]; grids: SheetGrid[]; active: string }> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/id,items/name,items/visibility");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    const parts = new Map<string, SheetLoads>();
    for (const id of guessIds) parts.set(id, queueSheetLoads(sheets.getItem(id), withGrids));
    await ctx.sync();
    const unseen = sheets.items.filter((s) => !parts.has(s.id));
    for (const s of unseen) parts.set(s.id, queueSheetLoads(s, withGrids));
    if (unseen.length > 0) await ctx.sync();
    this.knownIds = sheets.items.map((s) => s.id);
    const infos: SheetInfo[] = [];
    const grids: SheetGrid[] = [];
    for (const s of sheets.items) {
      const loads = parts.get(s.id) as SheetLoads;
      const marks = marksOf(loads.names.items);
      infos.push({ name: s.name, visible: s.visibility === "Visible", marks });
      if (loads.used) grids.push(gridOf(s.name, loads.used, marks));
    }
    return { infos, grids, active: active.name };
  }

  /** One sync for any number of sheets: used ranges (values only), formulas, formats, marks. */
  async readSheets(names: string[]): Promise<SheetGrid[]> {
    if (names.length === 0) return [];
    return this.run(async (ctx) => {
      const parts = names.map((name) => {
        const ws = ctx.workbook.worksheets.getItem(name);
        ws.load("name");
        return { ws, loads: queueSheetLoads(ws, true) };
      });
      try {
        await ctx.sync();
      } catch (e) {
        if (officeErrorCode(e) === "ItemNotFound") throw await this.missingSheet(ctx, names, e);
        throw translateOfficeError(e);
      }
      return parts.map(({ ws, loads }) => gridOf(ws.name, loads.used as Excel.Range, marksOf(loads.names.items)));
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
   * One sync to read the existing names, then the writes: one sync for ordinary plans, more
   * only when the content would exceed the request budget. "replace" adds the new sheet under
   * a temporary name and, after everything is written, deletes the old sheet and renames.
   * A failed write removes what this run added and throws AddSheetsFailedError.
   */
  async addSheets(plans: SheetPlan[], onConflict: ConflictChoice): Promise<OfficeAddSheetsResult> {
    for (const p of plans) {
      const problem = sheetNameProblem(p.name);
      if (problem) throw new InvalidSheetNameError(p.name, problem);
    }
    if (plans.length === 0) return { names: [], skipped: [] };
    const caps = this.capabilities;

    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/id,items/name,items/position");
      try {
        await ctx.sync();
      } catch (e) {
        throw translateOfficeError(e);
      }
      const targets = this.resolveNames(plans, onConflict, sheets.items);

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
      // Replacing comes last, once every new sheet is fully written.
      steps.push({
        bytes: 300 * targets.length,
        queue: () => {
          for (const a of added) {
            const old = a.target.replaces;
            if (!old || !a.ws) continue;
            sheets.getItem(old.id).delete();
            a.ws.name = a.target.final;
            a.ws.position = old.position;
          }
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
        // Only "already exists" can be pinned on a sheet; AccessDenied here is more likely the
        // workbook's structure protection than a sheet's.
        const cause =
          officeErrorCode(e) === "ItemAlreadyExists" && plans.length === 1 ? new SheetExistsError(targets[0].final) : translateOfficeError(e);
        const leftovers = await this.rollback(ctx, targets);
        throw new AddSheetsFailedError(cause, leftovers.length === 0, leftovers);
      }
      this.knownIds = [];
      return { names: targets.map((t) => t.final), skipped: [...skipped] };
    });
  }

  private resolveNames(plans: SheetPlan[], onConflict: ConflictChoice, existing: Excel.Worksheet[]): NameTarget[] {
    const taken = existing.map((s) => s.name);
    const targets: NameTarget[] = [];
    for (const plan of plans) {
      const clash = existing.find((s) => sameSheetName(s.name, plan.name));
      const clashInRun = targets.some((t) => sameSheetName(t.final, plan.name));
      if (!clash && !clashInRun) {
        targets.push({ plan, addAs: plan.name, final: plan.name });
      } else if (onConflict === "fail" || (onConflict === "replace" && clashInRun)) {
        throw new SheetExistsError(clash ? clash.name : plan.name);
      } else if (onConflict === "copy") {
        const name = copyName(plan.name, taken);
        targets.push({ plan, addAs: name, final: name });
      } else {
        const old = clash as Excel.Worksheet;
        targets.push({ plan, addAs: copyName(plan.name, taken), final: old.name, replaces: { id: old.id, name: old.name, position: old.position } });
      }
      taken.push(targets[targets.length - 1].addAs);
    }
    return targets;
  }

  /**
   * Removes the sheets this run added. A replaced sheet that is already gone means the new
   * sheet is now the only copy: it is kept (renamed if possible) and reported.
   */
  private async rollback(ctx: Excel.RequestContext, targets: NameTarget[]): Promise<string[]> {
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/id,items/name");
      await ctx.sync();
      const present = sheets.items;
      const leftovers: string[] = [];
      let queued = false;
      for (const t of targets) {
        const oldGone = t.replaces !== undefined && !present.some((s) => s.id === t.replaces?.id);
        if (oldGone) {
          // The new sheet is the only copy now: keep it under the final name.
          const mine = present.find((s) => sameSheetName(s.name, t.addAs) || sameSheetName(s.name, t.final));
          if (mine && !sameSheetName(mine.name, t.final)) {
            mine.name = t.final;
            queued = true;
          }
          if (mine) leftovers.push(t.final);
          continue;
        }
        const mine = present.find((s) => sameSheetName(s.name, t.addAs));
        if (mine) {
          mine.delete();
          queued = true;
        }
      }
      if (queued) await ctx.sync();
      return leftovers;
    } catch {
      return targets.map((t) => t.addAs);
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
    for (const w of real) checkShape(w);
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

interface SheetLoads {
  names: Excel.NamedItemCollection;
  used?: Excel.Range;
}

/** Queues the loads of one sheet: its names and, for grids, its used range (values only). */
function queueSheetLoads(ws: Excel.Worksheet, withGrid: boolean): SheetLoads {
  const names = ws.names.load(NAME_PROPS);
  if (!withGrid) return { names };
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address,values,formulas,numberFormat,valueTypes");
  return { names, used };
}

function gridOf(sheet: string, used: Excel.Range, marks: Record<string, string>): SheetGrid {
  return gridFromRange(
    sheet,
    used.isNullObject
      ? null
      : { address: used.address, values: used.values, formulas: used.formulas, numberFormat: used.numberFormat, valueTypes: used.valueTypes },
    marks,
  );
}

function checkShape(w: RangeWrite): void {
  const width = w.values[0].length;
  const bad = (g: unknown[][] | undefined): boolean => g !== undefined && (g.length !== w.values.length || g.some((r) => r.length !== width));
  if (w.values.some((r) => r.length !== width) || bad(w.formulas)) throw new Error(`RangeWrite for ${w.sheet}!${w.address} is not rectangular`);
  parseRange(w.address);
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
