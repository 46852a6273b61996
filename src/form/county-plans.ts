/**
 * The sheets a county merge writes, the same in Excel, in the browser and on the command
 * line: the county total (annex layout), the per-unit detail with provenance, the 报送情况 record
 * of every unit and file and, when asked
 * (Excel, when the workbook has none yet; the command line), the roster as a 单位名册 sheet.
 */
import { detailPlan, totalPlan } from "./layout";
import type { MergeResult } from "./merge-types";
import type { Ymd } from "./period";
import type { SheetPlan } from "./plan";
import type { Roster } from "./roster";
import { rosterPlan } from "./roster-plan";
import { statusPlan } from "./status-plan";
import type { FormSpec } from "./spec";

export interface CountyPlanOptions {
  /** Whose name heads the total (e.g. 县安委办). */
  county: string;
  date: Ymd;
  /** A roster to keep in the workbook (omit when the workbook already has its 单位名册). */
  keepRoster?: Roster;
}

export function countyPlans(spec: FormSpec, result: MergeResult, opts: CountyPlanOptions): SheetPlan[] {
  const plans = [totalPlan(spec, result, opts.county, opts.date), detailPlan(spec, result), statusPlan(result)];
  if (opts.keepRoster && opts.keepRoster.units.length > 0) plans.push(rosterPlan(opts.keepRoster));
  return plans;
}
