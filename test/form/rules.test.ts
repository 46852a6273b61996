import { locateReport } from "../../src/form/locate";
import { readFigure } from "../../src/form/numbers";
import { ANNEX } from "../../src/form/spec";
import { validateReport, deadlineFor } from "../../src/form/validate";
import { cumulativeFigures, planFill } from "../../src/form/cumulative";
import { findingMessage } from "../../src/form/messages";
import { parseRosterText } from "../../src/form/roster";
import { fold } from "../../src/form/text";
import type { SourceCell } from "../../src/form/grid";
import { annexGrid, figures } from "./builders";

const whole = ANNEX.items[0];
const fines = ANNEX.items.find((i) => i.id === "fines")!;
const read = (cell: SourceCell | undefined, item = whole) => readFigure(cell, { sheet: "S", cell: "C4", item, column: "month" });
const codes = (r: ReturnType<typeof read>) => r.findings.map((f) => `${f.severity}:${f.code}`);

describe("readFigure", () => {
  it("reads numbers exactly, scaled by 10000", () => {
    expect(read({ value: 12 }).figure.scaled).toBe(120000);
    expect(read({ value: 1.2345 }, fines).figure.scaled).toBe(12345);
    expect(read({ value: 0.1 + 0.2 }, fines).figure.scaled).toBe(3000);
  });
  it("counts a blank as 0 with a warning", () => {
    const r = read(undefined);
    expect(r.figure).toMatchObject({ scaled: 0, blank: true });
    expect(codes(r)).toEqual(["warning:blank"]);
  });
  it.each([
    ["12", 120000],
    [" 12 ", 120000],
    ["１２", 120000],
    ["1,234", 12340000],
  ])("counts text %p as its value with a warning", (text, scaled) => {
    const r = read({ value: text });
    expect(r.figure.scaled).toBe(scaled);
    expect(codes(r)).toEqual(["warning:text-number"]);
  });
  const item = (id: string) => ANNEX.items.find((i) => i.id === id)!;
  it.each([
    ["activities", "3次", 30000, false],
    ["activities", " ３ 次 ", 30000, false],
    ["officers", "12人次", 120000, false],
    ["officers", "12人", 120000, false],
    ["inspected", "5家", 50000, false],
    ["suspended", "5家", 50000, false],
    ["fines", "2万元", 20000, false],
    ["fines", "2.5万", 25000, false],
    ["fines", "25000元", 25000, true],
    ["fines", "25,000元", 25000, true],
    ["fines", "1元", 1, true],
    ["fines", "123456789元", 123456789, true],
  ])("reads %s %p as its number with a warning naming the unit", (id, text, scaled, converted) => {
    const r = read({ value: text }, item(id));
    expect(r.figure.scaled).toBe(scaled);
    expect(codes(r)).toEqual(["warning:number-with-unit"]);
    expect(r.findings[0].params).toMatchObject({
      unit: fold(text)
        .trim()
        .replace(/[\d,.\s]/g, ""),
      rowUnit: item(id).unit,
      converted,
    });
  });
  it("names the 元 → 万元 conversion, exactly", () => {
    const r = read({ value: "25000元" }, fines);
    expect(findingMessage(r.findings[0], "zh")).toBe("“经济处罚”本月数填写为“25000元”，已由元换算为万元，按2.5万元计，请改为只填数字。");
    expect(read({ value: "0.3元" }, fines).figure.scaled).toBeUndefined(); // 0.00003 万元: too many decimals
    expect(codes(read({ value: "0.3元" }, fines))).toEqual(["error:too-many-decimals"]);
    expect(findingMessage(read({ value: "3次" }, whole).findings[0], "zh")).toBe(
      `“${whole.label}”本月数填写为“3次”，按3计，单位不必填写。`,
    );
  });
  it.each([
    ["suspended", "3人"],
    ["activities", "3家"],
    ["officials", "3人次"],
    ["cases", "2万元"],
    ["fines", "3次"],
  ])("keeps %s %p (a unit not the row's) an error", (id, text) => {
    const r = read({ value: text }, item(id));
    expect(r.figure.scaled).toBeUndefined();
    expect(codes(r)).toEqual(["error:unit-mismatch"]);
  });
  it.each(["/", "—", "无"])("counts the placeholder %p as 0 with a warning", (t) => {
    expect(read({ value: t }).figure.scaled).toBe(0);
    expect(codes(read({ value: t }))).toEqual(["warning:placeholder-zero"]);
  });
  it.each([
    [{ value: -1 }, "error:negative"],
    [{ value: "12人" }, "error:unit-mismatch"],
    [{ value: "12次左右" }, "error:not-a-number"],
    [{ value: true }, "error:not-a-number"],
    [{ value: 1.5 }, "error:not-whole"],
    [{ value: null, formula: "=A1", uncached: true }, "error:formula-no-value"],
    [{ value: null, error: "#REF!" }, "error:cell-error"],
    [{ value: "#DIV/0!" }, "error:cell-error"],
  ])("rejects %p", (cell, code) => {
    const r = read(cell as SourceCell);
    expect(r.figure.scaled).toBeUndefined();
    expect(codes(r)).toEqual([code]);
  });
  it("allows 4 decimals in 万元 but not 5", () => {
    expect(codes(read({ value: 0.0001 }, fines))).toEqual([]);
    expect(codes(read({ value: 0.00015 }, fines))).toEqual(["error:too-many-decimals"]);
  });
  it("counts a formula by its cached value", () => {
    expect(read({ value: 7, formula: "=3+4" }).figure).toMatchObject({ scaled: 70000, formula: true });
  });
});

const period = { year: 2018, month: 7 };
const opts = { period, startMonth: 1, deadlineDay: 10 };
const check = (o: Parameters<typeof annexGrid>[0], extra: Partial<Parameters<typeof validateReport>[2]> = {}) =>
  validateReport(locateReport(annexGrid(o), ANNEX)!, ANNEX, { ...opts, ...extra });

describe("validateReport", () => {
  it("passes a clean report", () => {
    expect(check({})).toEqual([]);
  });
  it("flags 累计数 below 本月数 at the cumulative cell", () => {
    const f = check({ cum: figures(10, { cases: 1 }), month: figures(2, { cases: 3 }) });
    expect(f).toContainEqual(expect.objectContaining({ severity: "error", code: "cumulative-below-month", cell: "D7" }));
    expect(findingMessage(f[0], "zh")).toBe("“立案调查”累计数（1）小于本月数（3）。");
  });
  it("checks 累计 = prior 累计 + 本月 when the prior month is known", () => {
    const prior = cumulativeFigures(locateReport(annexGrid({ cum: figures(8) }), ANNEX)!);
    const sum = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, Math.round((Number(a[k]) + Number(b[k])) * 1e4) / 1e4]));
    const good = check({ month: figures(2), cum: sum(figures(8), figures(2)) }, { priorCumulative: prior });
    expect(good).toEqual([]);
    const bad = check({ month: figures(2), cum: { ...sum(figures(8), figures(2)), closed: 99 } }, { priorCumulative: prior });
    expect(bad).toEqual([expect.objectContaining({ code: "cumulative-mismatch", cell: "D11" })]);
    expect(findingMessage(bad[0], "zh")).toBe("“取缔关闭”累计数应为12（上月累计数9加本月数3），现为99。");
  });
  it("at the start month 累计 must equal 本月", () => {
    const f = check({ sheet: "2018年1月", month: figures(2), cum: figures(10) }, { period: { year: 2018, month: 1 } });
    expect(f.filter((x) => x.code === "cumulative-mismatch")).toHaveLength(11);
  });
  it("requires a unit name", () => {
    expect(check({ unit: null })).toContainEqual(expect.objectContaining({ severity: "error", code: "unit-missing", cell: "B2" }));
  });
  it("warns when officers are fewer than twice the actions", () => {
    const f = check({ month: figures(2, { activities: 5, officers: 9 }), cum: figures(20) });
    expect(f).toContainEqual(expect.objectContaining({ severity: "warning", code: "officers-below-twice-activities", cell: "C5" }));
  });
  it("warns about a unit not on the roster and a late report", () => {
    const roster = parseRosterText("泉湖镇\n茶市镇\n");
    const f = check({ date: "2018-08-11" }, { roster });
    expect(f.map((x) => x.code)).toEqual(["unit-not-on-roster", "late"]);
    expect(check({ date: "2018-08-10" }, { roster: parseRosterText("云集镇") })).toEqual([]);
  });
  it("computes the deadline in the month after, clamped to month end", () => {
    expect(deadlineFor({ year: 2018, month: 1 }, 31)).toEqual({ year: 2018, month: 2, day: 28 });
    expect(deadlineFor({ year: 2018, month: 12 }, 10)).toEqual({ year: 2019, month: 1, day: 10 });
  });
  it("sorts errors before warnings", () => {
    const f = check({ month: figures(2, { activities: "", cases: -1 }) });
    expect(f[0].severity).toBe("error");
    expect(f.at(-1)!.severity).toBe("warning");
  });
});

describe("planFill", () => {
  const cur = locateReport(annexGrid({ month: figures(2), cum: {} }), ANNEX)!;
  const prior = locateReport(annexGrid({ sheet: "2018年6月", cum: figures(8) }), ANNEX)!;
  it("adds last month's 累计 to this month's 本月", () => {
    const p = planFill(cur, period, 1, { report: prior }, "values", ANNEX);
    expect(p.findings).toEqual([]);
    expect(p.cells).toHaveLength(11);
    expect(p.cells[0]).toEqual({ item: "activities", cell: "D4", scaled: 100000 });
  });
  it("writes live formulas that point at last month's sheet", () => {
    const p = planFill(cur, period, 1, { report: prior, sameWorkbookSheet: "2018年6月" }, "formulas", ANNEX);
    expect(p.cells[0].formula).toBe("='2018年6月'!D4+C4");
  });
  it("reports a missing prior month instead of guessing", () => {
    const p = planFill(cur, period, 1, undefined, "values", ANNEX);
    expect(p.cells).toEqual([]);
    expect(p.findings).toEqual([expect.objectContaining({ code: "prior-missing", params: expect.objectContaining({ prior: "2018-06" }) })]);
  });
  it("lists 累计数 cells that hold something else, so nothing typed is replaced unasked", () => {
    const typed = locateReport(annexGrid({ month: figures(2), cum: { activities: 10, officers: 1, cases: "见附表" } }), ANNEX)!;
    const p = planFill(typed, period, 1, { report: prior }, "values", ANNEX);
    // activities: 8 + 2 = 10 already there (no conflict); officers and cases differ.
    expect(p.replaces).toEqual([
      { item: "officers", cell: "D5", current: 10000, scaled: (24 + 6) * 10000 },
      { item: "cases", cell: "D7", current: undefined, scaled: (8 + 2) * 10000 },
    ]);
    expect(planFill(cur, period, 1, { report: prior }, "values", ANNEX).replaces).toEqual([]);
  });
  it("needs no prior at the start month", () => {
    const p = planFill(cur, { year: 2018, month: 6 }, 6, undefined, "formulas", ANNEX);
    expect(p.cells[0]).toEqual({ item: "activities", cell: "D4", scaled: 20000, formula: "=C4" });
  });
});
