/**
 * Marking bad cells with a fill and restoring exactly the fill they had, without touching any
 * other format.
 *
 * What we changed is kept in a document setting (Office.context.document.settings), not only
 * in memory: the task pane can be closed or reloaded, and the workbook saved and reopened,
 * between "highlight" and "clear"; a record in memory would be lost and the cells would stay
 * red for good. Where document settings are unavailable a memory store is used instead.
 */
import { cellAddress, parseRange } from "../form/grid";
import type { Capabilities } from "./capabilities";

/** Excel's "Light Red Fill" of conditional formatting. */
export const HIGHLIGHT_COLOR = "#FFC7CE";
export const HIGHLIGHT_SETTING = "yuebao.highlight";
/** Keeps the document setting small (settings are limited to about 2 MB in total). */
export const MAX_HIGHLIGHTED_CELLS = 5000;

export interface CellRef {
  sheet: string;
  /** A1 address of one cell (a range is expanded into its cells). */
  cell: string;
}

export interface HighlightRecord extends CellRef {
  /** The fill before we changed it; null = no fill. */
  prior: string | null;
  /** The fill we put there, to tell whether the user has changed it since. */
  color: string;
}

export interface HighlightStore {
  load(): Promise<HighlightRecord[]>;
  save(records: HighlightRecord[]): Promise<void>;
}

export function memoryStore(): HighlightStore {
  let records: HighlightRecord[] = [];
  return {
    load: async () => records.map((r) => ({ ...r })),
    save: async (next) => {
      records = next.map((r) => ({ ...r }));
    },
  };
}

export function settingsStore(office: typeof Office): HighlightStore {
  const settings = office.context.document.settings;
  return {
    load: async () => {
      const v = settings.get(HIGHLIGHT_SETTING) as unknown;
      return Array.isArray(v) ? (v as HighlightRecord[]) : [];
    },
    save: (records) =>
      new Promise<void>((resolve, reject) => {
        if (records.length === 0) settings.remove(HIGHLIGHT_SETTING);
        else settings.set(HIGHLIGHT_SETTING, records);
        settings.saveAsync((result) => {
          if (result.status === office.AsyncResultStatus.Failed)
            reject(new Error(`Saving document settings failed: ${result.error?.message ?? ""}`));
          else resolve();
        });
      }),
  };
}

export type Runner = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

const key = (c: CellRef): string => `${c.sheet.toUpperCase()}!${c.cell.toUpperCase()}`;

function singleCells(cells: CellRef[]): CellRef[] {
  const out = new Map<string, CellRef>();
  for (const c of cells) {
    const r = parseRange(c.cell);
    for (let i = r.top; i <= r.bottom; i++)
      for (let j = r.left; j <= r.right; j++) {
        const one = { sheet: c.sheet, cell: cellAddress(i, j) };
        out.set(key(one), one);
      }
  }
  return [...out.values()];
}

function bySheet<T extends CellRef>(cells: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const c of cells) m.set(c.sheet, [...(m.get(c.sheet) ?? []), c]);
  return m;
}

/**
 * The fill before ours. "No fill" reads as color "#FFFFFF" like a white fill (office-js
 * issues #4900, #6218); ExcelApi 1.9's tintAndShade is null only for no fill. Without 1.9
 * white is taken as no fill, so a white-filled cell comes back unfilled (looks the same).
 */
function priorFill(fill: Excel.RangeFill, caps: Capabilities): string | null {
  const color = fill.color;
  if (caps.fillTint) return fill.tintAndShade === null ? null : color;
  return color === null || color.toUpperCase() === "#FFFFFF" ? null : color;
}

export interface HighlightOutcome {
  highlighted: number;
  /** Sheets left untouched because they are protected (formats cannot change there). */
  protectedSheets: string[];
}

/** Two syncs: read protection and current fills, then fill. */
export async function highlightCells(
  run: Runner,
  caps: Capabilities,
  store: HighlightStore,
  cells: CellRef[],
  color = HIGHLIGHT_COLOR,
): Promise<HighlightOutcome> {
  const saved = await store.load();
  const have = new Set(saved.map(key));
  const todo = singleCells(cells).filter((c) => !have.has(key(c)));
  if (saved.length + todo.length > MAX_HIGHLIGHTED_CELLS) todo.length = Math.max(0, MAX_HIGHLIGHTED_CELLS - saved.length);
  if (todo.length === 0) return { highlighted: 0, protectedSheets: [] };

  return run(async (ctx) => {
    const plan = [...bySheet(todo)].map(([sheet, list]) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.protection.load("protected");
      const ranges = list.map((c) => {
        const r = ws.getRange(c.cell);
        r.format.fill.load(caps.fillTint ? "color,tintAndShade" : "color");
        return { c, r };
      });
      return { sheet, ws, ranges };
    });
    await ctx.sync();

    const records: HighlightRecord[] = [];
    const protectedSheets: string[] = [];
    for (const p of plan) {
      if (p.ws.protection.protected) {
        protectedSheets.push(p.sheet);
        continue;
      }
      for (const { c, r } of p.ranges) records.push({ ...c, prior: priorFill(r.format.fill, caps), color });
    }
    if (records.length === 0) return { highlighted: 0, protectedSheets };
    // Record first: if the write then fails, clearing finds cells that are not ours and
    // leaves them alone.
    await store.save([...saved, ...records]);
    for (const p of plan) if (!protectedSheets.includes(p.sheet)) for (const { r } of p.ranges) r.format.fill.color = color;
    await ctx.sync();
    return { highlighted: records.length, protectedSheets };
  });
}

export interface ClearOutcome {
  restored: number;
  /** Cells skipped because the user changed their fill after we highlighted them. */
  changedByUser: number;
  /** Protected sheets whose cells are kept for a later attempt. */
  protectedSheets: string[];
}

/** Three syncs: which sheets exist and are protected, current fills, restore. */
export async function clearHighlights(run: Runner, store: HighlightStore): Promise<ClearOutcome> {
  const saved = await store.load();
  if (saved.length === 0) return { restored: 0, changedByUser: 0, protectedSheets: [] };

  return run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name,items/protection/protected");
    await ctx.sync();
    const state = new Map(sheets.items.map((s) => [s.name.toUpperCase(), s.protection.protected]));

    const keep: HighlightRecord[] = [];
    const protectedSheets = new Set<string>();
    const checks: { rec: HighlightRecord; r: Excel.Range }[] = [];
    for (const rec of saved) {
      const prot = state.get(rec.sheet.toUpperCase());
      if (prot === undefined) continue; // sheet gone: nothing to restore
      if (prot) {
        keep.push(rec);
        protectedSheets.add(rec.sheet);
        continue;
      }
      const r = ctx.workbook.worksheets.getItem(rec.sheet).getRange(rec.cell);
      r.format.fill.load("color");
      checks.push({ rec, r });
    }
    let restored = 0;
    let changedByUser = 0;
    if (checks.length > 0) {
      await ctx.sync();
      for (const { rec, r } of checks) {
        if ((r.format.fill.color ?? "").toUpperCase() !== rec.color.toUpperCase()) {
          changedByUser++;
          continue;
        }
        if (rec.prior === null) r.format.fill.clear();
        else r.format.fill.color = rec.prior;
        restored++;
      }
      if (restored > 0) await ctx.sync();
    }
    await store.save(keep);
    return { restored, changedByUser, protectedSheets: [...protectedSheets] };
  });
}
