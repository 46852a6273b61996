/**
 * What every live-workbook adapter (Office.js, WPS) decides before it writes new sheets: the
 * plans' names are legal, which name each sheet ends with on a conflict, and the temporary name
 * it is written under (unique to the run, so a rollback never mistakes a user's sheet for
 * ours). Also the shape check of range writes. Pure: no host calls.
 */
import type { RangeWrite, SheetPlan } from "../form/plan";
import { parseRange } from "../form/grid";
import { copyName, sameSheetName, sheetNameProblem } from "../form/sheet-names";
import type { ConflictChoice } from "./host";
import { InvalidSheetNameError, SheetExistsError } from "./host-errors";

export interface SheetTarget<S> {
  plan: SheetPlan;
  /** The temporary name the sheet is added under; it gets its final name once complete. */
  addAs: string;
  /** The name it ends with. */
  final: string;
  /** The existing sheet it replaces ("replace"). */
  replaces?: S;
  /** The defined name carrying the plan's marks (marks.ts), if it has any. */
  mark?: string;
}

/** Throws InvalidSheetNameError for the first plan whose name Excel and WPS would refuse. */
export function checkPlanNames(plans: readonly SheetPlan[]): void {
  for (const p of plans) {
    const problem = sheetNameProblem(p.name);
    if (problem) throw new InvalidSheetNameError(p.name, problem);
  }
}

/**
 * Final names: "fail" throws SheetExistsError on a clash; "copy" picks " (2)", " (3)" ...;
 * "replace" takes the clashing sheet's own name and records it in `replaces`.
 */
export function resolveTargets<S extends { name: string }>(
  plans: readonly SheetPlan[],
  onConflict: ConflictChoice,
  existing: readonly S[],
): SheetTarget<S>[] {
  const taken = existing.map((s) => s.name);
  const targets: SheetTarget<S>[] = [];
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  const temp = (): string => `Yuebao~${run}~${targets.length}`;
  for (const plan of plans) {
    const clash = existing.find((s) => sameSheetName(s.name, plan.name));
    const clashInRun = targets.some((t) => sameSheetName(t.final, plan.name));
    if (!clash && !clashInRun) targets.push({ plan, addAs: temp(), final: plan.name });
    else if (onConflict === "fail" || (onConflict === "replace" && clashInRun)) throw new SheetExistsError(clash ? clash.name : plan.name);
    else if (onConflict === "copy") targets.push({ plan, addAs: temp(), final: copyName(plan.name, taken) });
    else targets.push({ plan, addAs: temp(), final: (clash as S).name, replaces: clash });
    taken.push(targets[targets.length - 1].final);
  }
  return targets;
}

/** A range write must be rectangular, its formulas the same shape; a programming error otherwise. */
export function checkRangeWrite(w: RangeWrite): void {
  const width = w.values[0].length;
  const bad = (g: unknown[][] | undefined): boolean =>
    g !== undefined && (g.length !== w.values.length || g.some((r) => r.length !== width));
  if (w.values.some((r) => r.length !== width) || bad(w.formulas))
    throw new Error(`RangeWrite for ${w.sheet}!${w.address} is not rectangular`);
  parseRange(w.address);
}
