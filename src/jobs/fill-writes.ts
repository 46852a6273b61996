/**
 * Turns a fill plan into as few range writes as possible (one per contiguous column run).
 * Values only, no number formats: the 累计数 cells keep the format they have (our template
 * sets one; a clerk's own file keeps its own), and Excel refuses format changes on a
 * protected sheet even in unlocked cells.
 */
import { parseAddress, cellAddress } from "../form/grid";
import type { FillPlan, FillReplace } from "../form/cumulative";
import { fromScaled } from "../form/report";
import type { RangeWrite } from "../form/plan";
import type { FillConflict } from "./actions";

/** The 累计数 cells a fill changes over what the clerk typed, in plain numbers (for asking and for listing). */
export function fillConflicts(replaces: readonly FillReplace[]): FillConflict[] {
  return replaces.map((r) => ({
    item: r.item,
    cell: r.cell,
    current: r.current === undefined ? undefined : fromScaled(r.current),
    computed: fromScaled(r.scaled),
  }));
}

export function fillWrites(plan: FillPlan, sheet: string): RangeWrite[] {
  const cells = plan.cells.map((c) => ({ ...c, pos: parseAddress(c.cell) })).sort((a, b) => a.pos.col - b.pos.col || a.pos.row - b.pos.row);
  const writes: RangeWrite[] = [];
  let run: typeof cells = [];
  const flush = () => {
    if (run.length === 0) return;
    const anyFormula = run.some((c) => c.formula);
    writes.push({
      sheet,
      address: cellAddress(run[0].pos.row, run[0].pos.col),
      values: run.map((c) => [fromScaled(c.scaled)]),
      ...(anyFormula ? { formulas: run.map((c) => [c.formula ?? null]) } : {}),
    });
    run = [];
  };
  for (const c of cells) {
    const last = run[run.length - 1];
    if (last && (c.pos.col !== last.pos.col || c.pos.row !== last.pos.row + 1)) flush();
    run.push(c);
  }
  flush();
  return writes;
}
