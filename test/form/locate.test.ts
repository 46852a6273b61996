import { locateReport, locateReports, pickReport } from "../../src/form/locate";
import { ANNEX } from "../../src/form/spec";
import { gridFromPlan, templatePlan, annexPlan } from "../../src/form/layout";
import { annexGrid, figures } from "./builders";

const fig = (r: ReturnType<typeof locateReport>, id: string) => r!.items.find((i) => i.item === id)!;

describe("locateReport", () => {
  it("reads a plain annex at A1", () => {
    const r = locateReport(annexGrid(), ANNEX)!;
    expect(r.unit).toEqual({ name: "云集镇", cell: "B2" });
    expect(r.submitted?.date).toEqual({ year: 2018, month: 8, day: 3 });
    expect(r.period).toEqual({ year: 2018, month: 7 });
    expect(r.periodSource).toBe("sheet-name");
    expect(r.items).toHaveLength(11);
    expect(fig(r, "activities").month).toMatchObject({ cell: "C4", scaled: 20000 });
    expect(fig(r, "fines").cumulative).toMatchObject({ cell: "D8", scaled: 102500 });
  });

  it("finds a form that starts at C5 with 序号 and 备注 columns", () => {
    const r = locateReport(annexGrid({ top: 4, left: 2, extraColumns: true }), ANNEX)!;
    expect(fig(r, "activities").month.cell).toBe("F8");
    expect(fig(r, "arrested").cumulative.cell).toBe("G18");
    expect(r.unit?.name).toBe("云集镇");
  });

  it("matches labels despite spacing, full-width punctuation and 或 for 或者", () => {
    const r = locateReport(
      annexGrid({
        labels: {
          activities: "组织（包括日常、集中、联合、专项等） 执法活动",
          licences: "暂扣或吊销许可证照",
          officers: "出 动 执 法 人 员",
          fines: "5.经济处罚（万元）",
        },
      }),
      ANNEX,
    )!;
    expect(r.items.map((i) => i.item)).toEqual(ANNEX.items.map((i) => i.id));
    expect(r.findings.filter((f) => f.code === "item-missing")).toEqual([]);
  });

  it("reads the unit written inside the label cell", () => {
    const r = locateReport(annexGrid({ unitInLabelCell: true, unit: "泉湖镇人民政府" }), ANNEX)!;
    expect(r.unit?.name).toBe("泉湖镇人民政府");
  });

  it("reports a missing item as an error, not a crash", () => {
    const g = annexGrid();
    g.cells[3 + 6] = [{ value: "其他" }];
    const r = locateReport(g, ANNEX)!;
    expect(r.findings).toContainEqual(expect.objectContaining({ code: "item-missing", severity: "error" }));
  });

  it("ignores sheets that are not the form", () => {
    expect(locateReport({ sheet: "Sheet1", top: 0, left: 0, cells: [[{ value: "本月数" }, { value: "累计数" }]] }, ANNEX)).toBeUndefined();
  });

  it("reads our own template back", () => {
    const plan = templatePlan(ANNEX, { year: 2019, month: 3 }, "茶市镇", "随便改的名字");
    const r = locateReport(gridFromPlan(plan), ANNEX)!;
    expect(r.period).toEqual({ year: 2019, month: 3 });
    expect(r.periodSource).toBe("mark");
    expect(r.unit?.name).toBe("茶市镇");
    expect(r.items.every((i) => i.month.blank)).toBe(true);
  });
});

describe("period of a sheet", () => {
  const period = (o: Parameters<typeof annexGrid>[0], hints = {}) => locateReport(annexGrid(o), ANNEX, hints)?.period;
  it.each([
    ["2018年7月", { year: 2018, month: 7 }],
    ["2018-07", { year: 2018, month: 7 }],
    ["2018.7", { year: 2018, month: 7 }],
    ["2018_07月报", { year: 2018, month: 7 }],
    ["衡南县2018年11月汇总", { year: 2018, month: 11 }],
  ])("sheet name %s", (sheet, want) => expect(period({ sheet, date: null })).toEqual(want));

  it("takes the year of a bare 7月 from the title", () => {
    expect(period({ sheet: "7月", title: "2017年安全监管“强执法防事故”行动情况月报表", date: null })).toEqual({ year: 2017, month: 7 });
  });
  it("takes the year of 12月 from a January 填报时间 as the year before", () => {
    expect(period({ sheet: "12月", date: "2019年1月4日" })).toEqual({ year: 2018, month: 12 });
  });
  it("takes the period from the title when the sheet name says nothing", () => {
    expect(period({ sheet: "Sheet1", title: "安全监管“强执法防事故”行动情况月报表(2018年9月)" })).toEqual({ year: 2018, month: 9 });
  });
  it("falls back to the month before 填报时间 (text or date serial)", () => {
    expect(period({ sheet: "Sheet1", date: "2018.10.5" })).toEqual({ year: 2018, month: 9 });
    expect(period({ sheet: "Sheet1", date: 43405 })).toEqual({ year: 2018, month: 10 }); // 2018-11-01
  });
  it("prefers our mark over everything", () => {
    expect(period({ sheet: "2018年7月", marks: { period: "2018-05" } })).toEqual({ year: 2018, month: 5 });
  });
});

describe("pickReport", () => {
  const wb = {
    source: "云集镇.xlsx",
    sheets: [annexGrid({ sheet: "2018年6月", month: figures(1), cum: figures(5) }), annexGrid({ sheet: "2018年7月" })],
  };
  it("picks the month asked for from a workbook holding several", () => {
    const reports = locateReports(wb, ANNEX);
    expect(reports).toHaveLength(2);
    expect(pickReport(reports, { year: 2018, month: 6 })?.sheet).toBe("2018年6月");
    expect(pickReport(reports, { year: 2018, month: 7 })?.sheet).toBe("2018年7月");
    expect(pickReport(reports, { year: 2018, month: 8 })).toBeUndefined();
  });
  it("takes a lone report of unknown month as the month asked for, with a warning", () => {
    const r = pickReport(locateReports({ source: "x.xlsx", sheets: [annexGrid({ sheet: "Sheet1", date: null })] }, ANNEX), {
      year: 2018,
      month: 7,
    });
    expect(r?.periodSource).toBe("requested");
    expect(r?.findings).toContainEqual(expect.objectContaining({ code: "period-unknown" }));
  });
  it("county totals written in the annex layout are read as reports", () => {
    const plan = annexPlan(
      ANNEX,
      { year: 2018, month: 7 },
      { unit: "衡南县", month: { activities: 5 }, cumulative: { activities: 9 } },
      "2018年7月汇总",
    );
    const r = locateReport(gridFromPlan(plan), ANNEX)!;
    expect(fig(r, "activities").cumulative.scaled).toBe(90000);
  });
});
