/** Turns a fill plan into as few range writes as possible (one per contiguous column run). */
import { parseAddress, cellAddress } from "../form/grid";
import type { FillPlan } from "../form/cumulative";
import { fromScaled } from "../form/report";
import type { FormSpec } from "../form/spec";
import { itemFormat } from "../form/layout";
import type { RangeWrite } from "./host";

export function fillWrites(plan: FillPlan, sheet: string, spec: FormSpec): RangeWrite[] {
  const cells = plan.cells
    .map((c) => ({ ...c, pos: parseAddress(c.cell), format: itemFormat(spec.items.find((i) => i.id === c.item)!) }))
    .sort((a, b) => a.pos.col - b.pos.col || a.pos.row - b.pos.row);
  const writes: RangeWrite[] = [];
  let run: typeof cells = [];
  const flush = () => {
    if (run.length === 0) return;
    const anyFormula = run.some((c) => c.formula);
    const sameFormat = run.every((c) => c.format === run[0].format);
    writes.push({
      sheet,
      address: cellAddress(run[0].pos.row, run[0].pos.col),
      values: run.map((c) => [fromScaled(c.scaled)]),
      ...(anyFormula ? { formulas: run.map((c) => [c.formula ?? null]) } : {}),
      ...(sameFormat ? { numberFormat: run[0].format } : {}),
    });
    run = [];
  };
  for (const c of cells) {
    const last = run[run.length - 1];
    // A different number format starts a new write so that each keeps one format.
    if (last && (c.pos.col !== last.pos.col || c.pos.row !== last.pos.row + 1)) flush();
    run.push(c);
  }
  flush();
  return writes;
}
