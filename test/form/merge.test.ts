import fc from "fast-check";
import { Merger, mergeWorkbooks } from "../../src/form/merge";
import { ANNEX } from "../../src/form/spec";
import { parseRosterText, matchUnit } from "../../src/form/roster";
import { gridFromPlan, totalPlan, detailPlan } from "../../src/form/layout";
import { locateReport } from "../../src/form/locate";
import { runningTotals } from "../../src/form/cumulative";
import { buildReminder } from "../../src/form/reminder";
import { SCALE } from "../../src/form/spec";
import { annexGrid, figures } from "./builders";

const period = { year: 2018, month: 7 };
const base = { spec: ANNEX, period, startMonth: 1, deadlineDay: 10 };
const wb = (file: string, o: Parameters<typeof annexGrid>[0] = {}) => ({ file, workbook: { source: file, sheets: [annexGrid(o)] } });
const total = (r: ReturnType<typeof mergeWorkbooks>, id: string) => r.totals.find((t) => t.item === id)!;

describe("roster", () => {
  const roster = parseRosterText("# 乡镇\n泉湖镇\n泉溪镇\n车江片区服务中心,车江片区\n县应急管理局\n");
  it.each([
    ["泉湖镇人民政府", "泉湖镇"],
    ["衡南县泉湖镇人民政府(盖章)", "泉湖镇"],
    ["泉 湖 镇", "泉湖镇"],
    ["车江片区", "车江片区服务中心"],
    ["衡南县应急管理局", "县应急管理局"],
  ])("%s is %s", (written, want) => expect(matchUnit(written, roster)?.name).toBe(want));
  it("does not match an unrelated unit", () => expect(matchUnit("云集镇", roster)).toBeUndefined());
});

describe("merge", () => {
  it("totals included units and lists missing, wrong, duplicate, late and skipped ones", () => {
    const roster = parseRosterText("云集镇\n泉湖镇\n茶市镇\n江口镇\n");
    const r = mergeWorkbooks(
      [
        wb("a.xlsx", { unit: "云集镇", month: figures(2), cum: figures(10) }),
        wb("b.xlsx", { unit: "泉湖镇人民政府", month: figures(1), cum: figures(5), date: "2018年8月15日" }),
        wb("c.xlsx", { unit: "茶市镇", month: figures(2, { cases: -1 }) }),
        wb("d.xlsx", { unit: "云集镇", month: figures(2), cum: figures(10), date: "2018年8月1日" }),
        wb("e.xlsx", { unit: "江口镇", sheet: "2018年6月", date: null }),
      ],
      { ...base, roster },
    );
    const status = Object.fromEntries(r.files.map((f) => [f.file, f.status]));
    expect(status).toEqual({
      "a.xlsx": "included",
      "b.xlsx": "included",
      "c.xlsx": "excluded",
      "d.xlsx": "duplicate",
      "e.xlsx": "skipped",
    });
    expect(r.files.find((f) => f.file === "d.xlsx")?.duplicateOf).toBe("a.xlsx");
    expect(r.missing).toEqual(["江口镇"]);
    expect(r.late).toEqual(["泉湖镇"]);
    expect(r.includedCount).toBe(2);
    expect(total(r, "activities")).toMatchObject({ month: 3, cumulative: 15 });
    expect(total(r, "fines")).toMatchObject({ month: 3.5, cumulative: 15.5 });
    const text = buildReminder(r, { spec: ANNEX, office: "县安委办", today: { year: 2018, month: 8, day: 12 }, lang: "zh", roster: true });
    expect(text).toContain("截至2018年8月12日，以下1个单位尚未报送：江口镇。");
    expect(text).toContain("1.茶市镇：C7单元格“立案调查”本月数不能为负数（现为-1）。");
  });

  it("reports unreadable files and merges the rest", () => {
    const m = new Merger(base);
    m.addUnreadable("bad.xlsx", { code: "corrupt", params: { file: "bad.xlsx", detail: "" } });
    m.addWorkbook("a.xlsx", wb("a.xlsx").workbook);
    const r = m.finish();
    expect(r.files.map((f) => f.status)).toEqual(["included", "unreadable"]);
    expect(r.includedCount).toBe(1);
  });

  it("checks the county 累计 against last month's county total", () => {
    const all = (n: number, over: Record<string, number> = {}) => ({ ...Object.fromEntries(ANNEX.items.map((i) => [i.id, n])), ...over });
    const june = mergeWorkbooks([wb("a.xlsx", { sheet: "2018年6月", month: all(1), cum: all(8) })], {
      ...base,
      period: { year: 2018, month: 6 },
    });
    const priorCounty = locateReport(gridFromPlan(totalPlan(ANNEX, june, "衡南县", { year: 2018, month: 7, day: 1 })), ANNEX)!;
    const ok = mergeWorkbooks([wb("a.xlsx", { month: all(2), cum: all(10) })], { ...base, priorCounty });
    expect(ok.findings).toEqual([]);
    const bad = mergeWorkbooks([wb("a.xlsx", { month: all(2), cum: all(10, { cases: 11 }) })], { ...base, priorCounty });
    expect(bad.findings).toEqual([
      expect.objectContaining({
        code: "county-cumulative-mismatch",
        params: expect.objectContaining({ itemId: "cases", expected: "10", actual: "11" }),
      }),
    ]);
  });

  it("writes a detail sheet with provenance for every file", () => {
    const r = mergeWorkbooks([wb("乡镇/a.xlsx"), wb("b.xlsx", { unit: '=HYPERLINK("x")' })], base);
    const plan = detailPlan(ANNEX, r);
    const flat = plan.rows.flat().map((c) => c?.value);
    expect(flat).toContain("乡镇/a.xlsx");
    expect(flat).toContain('=HYPERLINK("x")');
    expect(plan.rows.flat().some((c) => c?.formula)).toBe(false);
  });
});

// ---- properties ----
const itemFigures = fc.record(
  Object.fromEntries(
    ANNEX.items.map((it) => [
      it.id,
      it.kind === "whole" ? fc.integer({ min: 0, max: 500 }) : fc.integer({ min: 0, max: 999999 }).map((n) => n / SCALE),
    ]),
  ),
) as fc.Arbitrary<Record<string, number>>;

const unitArb = fc.record({
  unit: fc.constantFrom("云集镇", "泉湖镇", "茶市镇", "江口镇", "宝盖镇", "花桥镇"),
  month: itemFigures,
  extra: itemFigures,
  day: fc.integer({ min: 1, max: 28 }),
});

type Unit = typeof unitArb extends fc.Arbitrary<infer T> ? T : never;

function unitWorkbooks(units: Unit[]) {
  return units.map((u, i) => {
    const cum: Record<string, number> = {};
    for (const id of Object.keys(u.month)) cum[id] = Math.round((u.month[id] + u.extra[id]) * SCALE) / SCALE;
    const month = { ...u.month, officers: Math.max(u.month.officers, 2 * u.month.activities) };
    const cumFixed = { ...cum, officers: Math.max(cum.officers, month.officers) };
    return wb(`${i}.xlsx`, { unit: u.unit, month, cum: cumFixed, date: `2018-08-${String(u.day).padStart(2, "0")}` });
  });
}

describe("merge properties", () => {
  it("the order of files never changes the result", () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 1, maxLength: 8 }), fc.integer(), (units, seed) => {
        const files = unitWorkbooks(units);
        const shuffled = [...files].sort(
          (a, b) => ((a.file.length * 31 + seed) % 7) - ((b.file.length * 17 + seed) % 5) || (seed % 2 ? 1 : -1),
        );
        const a = mergeWorkbooks(files, base);
        const b = mergeWorkbooks(shuffled.reverse(), base);
        expect(b.totals).toEqual(a.totals);
        expect(b.files).toEqual(a.files);
      }),
      { numRuns: 40 },
    );
  });

  it("merging a merged total gives the same total", () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 1, maxLength: 6 }), (units) => {
        const first = mergeWorkbooks(unitWorkbooks(units), base);
        const plan = totalPlan(ANNEX, first, "衡南县", { year: 2018, month: 8, day: 5 });
        const again = mergeWorkbooks([{ file: "county.xlsx", workbook: { source: "county.xlsx", sheets: [gridFromPlan(plan)] } }], base);
        expect(again.files[0].status).not.toBe("excluded");
        expect(again.totals).toEqual(first.totals);
      }),
      { numRuns: 30 },
    );
  });

  it("cumulative chains add up: cum(m) = cum(m-1) + month(m), restarting at the start month", () => {
    fc.assert(
      fc.property(fc.array(itemFigures, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 12 }), (months, startMonth) => {
        const scaled = months.map((m, i) => ({
          period: { year: 2018 + Math.floor((5 + i) / 12), month: ((5 + i) % 12) + 1 },
          month: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * SCALE)])),
        }));
        const chain = runningTotals(scaled, startMonth);
        chain.forEach((c, i) => {
          if (scaled[i].period.month === startMonth) expect(c.cumulative).toEqual(scaled[i].month);
          else if (i > 0 && chain[i - 1].cumulative && c.cumulative)
            for (const id of Object.keys(scaled[i].month))
              expect(c.cumulative[id]).toBe(chain[i - 1].cumulative![id]! + scaled[i].month[id]);
          else if (i === 0) expect(c.cumulative).toBeUndefined();
        });
      }),
      { numRuns: 50 },
    );
  });
});
