/**
 * Property (issue 8): for any chain of months of one unit, a single wrong 累计数 in any month is
 * reported by validate with last month known (another file), by fill (listed as corrected) and by
 * merge with last month's county workbook (its detail sheet). On grids, so it stays fast.
 */
import fc from "fast-check";
import { planFill } from "../../src/form/cumulative";
import { cellAddress } from "../../src/form/grid";
import { gridFromPlan, detailPlan } from "../../src/form/layout";
import { locateReport } from "../../src/form/locate";
import { Merger } from "../../src/form/merge";
import { addMonths, type Period } from "../../src/form/period";
import { detailPriors, PriorPool, reportPriors } from "../../src/form/prior-units";
import type { UnitReport } from "../../src/form/report";
import { ANNEX } from "../../src/form/spec";
import { checkReport } from "../../src/jobs/check-report";
import { annexGrid } from "./builders";

const START_MONTH = 1;
const N = ANNEX.items.length;
const opts = { spec: ANNEX, startMonth: START_MONTH, deadlineDay: 31 };

const chainArb = fc
  .record({
    first: fc.integer({ min: 2, max: 7 }), // February..July 2018: no start month inside a chain of ≤ 5
    base: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: N, maxLength: N }),
    months: fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: N, maxLength: N }), { minLength: 2, maxLength: 5 }),
    delta: fc.integer({ min: 1, max: 500 }),
    item: fc.integer({ min: 0, max: N - 1 }),
    at: fc.nat(),
  })
  .map((c) => ({ ...c, wrongMonth: 1 + (c.at % (c.months.length - 1)) }));

function reportOf(period: Period, month: number[], cum: number[]): UnitReport {
  const byId = (v: number[]) => Object.fromEntries(ANNEX.items.map((it, i) => [it.id, v[i]]));
  const grid = annexGrid({
    sheet: `${period.year}年${period.month}月`,
    date: `${period.year}年${period.month}月28日`,
    month: byId(month),
    cum: byId(cum),
  });
  const r = locateReport(grid, ANNEX);
  if (!r) throw new Error("not located");
  return r;
}

describe("a single wrong 累计数 anywhere in a chain of months", () => {
  it("is reported by validate --prior, by fill and by merge --prior", () => {
    fc.assert(
      fc.property(chainArb, ({ first, base, months, delta, item, wrongMonth }) => {
        const periods = months.map((_, k) => ({ year: 2018, month: first + k }));
        // The right chain: the first month's 累计数 carries an earlier total (base), then adds up.
        const right: number[][] = [];
        months.forEach((m, k) => right.push(m.map((v, i) => (k === 0 ? base[i] + v : right[k - 1][i] + v))));
        const typed = right.map((c, k) => (k === wrongMonth ? c.map((v, i) => (i === item ? v + delta : v)) : c));
        const reports = months.map((m, k) => reportOf(periods[k], m, typed[k]));
        const cell = reports[wrongMonth].items[item].cumulative.cell;
        expect(cell).toBe(cellAddress(3 + item, 3));

        // validate: the other months' reports (other files) are the priors.
        const pool = new PriorPool();
        reports.forEach((r, k) => pool.add(reportPriors([r], `file${k}.xlsx`)));
        const v = checkReport(reports[wrongMonth], [reports[wrongMonth]], { ...opts, priors: pool });
        expect(v.findings.filter((f) => f.code === "cumulative-mismatch").map((f) => f.cell)).toEqual([cell]);
        // The months before it are clean.
        for (let k = 1; k < wrongMonth; k++)
          expect(checkReport(reports[k], [reports[k]], { ...opts, priors: pool }).findings.filter((f) => f.severity === "error")).toEqual(
            [],
          );

        // fill: exactly that cell is corrected, from what was typed to the right figure.
        const plan = planFill(reports[wrongMonth], periods[wrongMonth], START_MONTH, { report: reports[wrongMonth - 1] }, "values", ANNEX);
        expect(plan.replaces.map((r) => [r.cell, r.current, r.scaled])).toEqual([
          [cell, (right[wrongMonth][item] + delta) * 10000, right[wrongMonth][item] * 10000],
        ]);

        // merge --prior: last month's county workbook (its detail sheet) → the unit is excluded, named.
        const last = new Merger({ ...opts, period: periods[wrongMonth - 1] });
        last.addReport("上月.xlsx", reports[wrongMonth - 1]);
        const detail = gridFromPlan(detailPlan(ANNEX, last.finish()));
        const priorUnits = detailPriors({ source: "县汇总.xlsx", sheets: [detail] }, ANNEX);
        const merger = new Merger({ ...opts, period: periods[wrongMonth], priorUnits });
        merger.addReport("本月.xlsx", reports[wrongMonth]);
        const result = merger.finish();
        expect(result.files[0].status).toBe("excluded");
        expect(result.files[0].findings.filter((f) => f.code === "unit-cumulative-mismatch")).toEqual([
          expect.objectContaining({
            cell,
            params: expect.objectContaining({
              unit: "云集镇",
              item: ANNEX.items[item].label,
              priorPeriod: `2018-${String(periods[wrongMonth - 1].month).padStart(2, "0")}`,
            }),
          }),
        ]);
        expect(addMonths(periods[wrongMonth], -1)).toEqual(periods[wrongMonth - 1]);
      }),
      { numRuns: 150 },
    );
  });
});
