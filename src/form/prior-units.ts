/**
 * Last month's 累计数 per unit, wherever last month is known: a unit's own report of the month
 * before (in the same file or another file given), or the per-unit detail sheet of last month's
 * county workbook. The pool answers "what was this unit's 累计数 in that month".
 */
import { cumulativeFigures, type Figures } from "./cumulative";
import { cellAt, gridBounds, type SheetGrid, type WorkbookGrids } from "./grid";
import { readPeriodFromName } from "./period-text";
import { periodKey, parsePeriod, type Period } from "./period";
import type { UnitReport } from "./report";
import { unitKey } from "./roster";
import { SCALE, type FormSpec } from "./spec";
import { cellText, matchKey } from "./text";

export interface PriorUnit {
  unit: string;
  period: Period;
  cumulative: Figures;
  /** Where it came from: file name (and sheet). */
  source: string;
}

const INCLUDED = matchKey("已汇总");
const DETAIL_FIXED = 5;

function detailPeriod(grid: SheetGrid): Period | undefined {
  if (grid.marks?.kind === "county-detail") return grid.marks.period ? parsePeriod(grid.marks.period) : undefined;
  if (!/明细$/u.test(grid.sheet.trim())) return undefined;
  return readPeriodFromName(grid.sheet)?.full;
}

/** The included units of a county workbook's detail sheet(s) (layout.ts detailPlan), by roster unit. */
export function detailPriors(wb: WorkbookGrids, spec: FormSpec): PriorUnit[] {
  const out: PriorUnit[] = [];
  for (const grid of wb.sheets) {
    const period = detailPeriod(grid);
    if (!period) continue;
    const b = gridBounds(grid);
    for (let row = b.top + 3; row <= b.bottom; row++) {
      const text = (col: number) => cellText(cellAt(grid, row, b.left + col)?.value ?? null).trim();
      const unit = text(1) || text(2);
      if (!unit || matchKey(text(3)) !== INCLUDED) continue;
      const cumulative: Figures = {};
      spec.items.forEach((item, i) => {
        const v = cellAt(grid, row, b.left + DETAIL_FIXED + i * 2 + 1)?.value;
        cumulative[item.id] = typeof v === "number" && Number.isFinite(v) ? Math.round(v * SCALE) : undefined;
      });
      out.push({ unit, period, cumulative, source: wb.source ? `${wb.source} › ${grid.sheet}` : grid.sheet });
    }
  }
  return out;
}

export function reportPriors(reports: readonly UnitReport[], source: string): PriorUnit[] {
  return reports.flatMap((r) =>
    r.unit && r.period ? [{ unit: r.unit.name, period: r.period, cumulative: cumulativeFigures(r), source: `${source} › ${r.sheet}` }] : [],
  );
}

/** Priors by unit and month; a later addition for the same unit and month wins. */
export class PriorPool {
  private readonly byKey = new Map<string, PriorUnit>();
  add(units: readonly PriorUnit[]): this {
    for (const u of units) this.byKey.set(`${unitKey(u.unit)}|${periodKey(u.period)}`, u);
    return this;
  }
  find(unit: string | undefined, period: Period): PriorUnit | undefined {
    return unit ? this.byKey.get(`${unitKey(unit)}|${periodKey(period)}`) : undefined;
  }
  all(): PriorUnit[] {
    return [...this.byKey.values()];
  }
  get size(): number {
    return this.byKey.size;
  }
}
