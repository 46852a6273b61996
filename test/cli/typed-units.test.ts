/**
 * Figures typed with their unit, in workbooks written by openpyxl: `validate` reads "3次",
 * "12人次", "2.5万", "25000元" (in the 万元 row: 2.5) as numbers with a warning naming the
 * conversion, keeps "3人" in a 家 row an error, and `merge` sums the converted figures exactly.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { cumCell, dumpBooks, monthCell, run, sheetOf, tempDir, writeBooks, type Value } from "./support";

// activities 次, officers 人（次）, inspected 家（次）, cases 起, fines 万元, suspended 家, …
const MONTH: Value[] = ["3次", "12人次", "5家", 1, "25000元", 0, 0, 0, 0, 0, 0];
const CUM: Value[] = [10, 30, "20家次", "3起", "2.5万", 1, 0, 0, 0, 0, 0];
const FIGS_M = [3, 12, 5, 1, 2.5, 0, 0, 0, 0, 0, 0];
const FIGS_C = [10, 30, 20, 3, 2.5, 1, 0, 0, 0, 0, 0];

interface JsonEntry {
  findings: Array<{ severity: string; code: string; cell: string | null; message: string }>;
}

describe("numbers typed with their unit", () => {
  const t = tempDir("typed-units");
  const p = (name: string) => join(t.dir, name);
  afterAll(() => t.remove());

  beforeAll(() => {
    const wrong = [...MONTH];
    wrong[5] = "3人"; // 家 row
    writeBooks(
      [
        { path: p("云集镇.xlsx"), sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: MONTH, cumulative: CUM }] },
        { path: p("泉湖镇.xlsx"), sheets: [{ name: "2018年7月", unit: "泉湖镇", date: "2018-08-05", month: FIGS_M, cumulative: FIGS_C }] },
        { path: p("茶市镇.xlsx"), sheets: [{ name: "2018年7月", unit: "茶市镇", date: "2018-08-05", month: wrong, cumulative: CUM }] },
      ],
      t.dir,
    );
  }, 60000);

  it("validate: a warning naming each conversion, no error", async () => {
    const json = p("ok.json");
    const r = await run(["validate", p("云集镇.xlsx"), "--period", "2018-07", "--json", json]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/错误0项，警告8项$/); // 7 conversions + 未提供上月报表
    const text = r.out.join("\n");
    expect(text).toContain(
      `【警告】2018年7月 › ${monthCell(4)}：“经济处罚”本月数填写为“25000元”，已由元换算为万元，按2.5万元计，请改为只填数字。`,
    );
    expect(text).toContain(`${monthCell(1)}：“出动执法人员”本月数填写为“12人次”，按12计，单位不必填写。`);
    const found = (JSON.parse(readFileSync(json, "utf8")) as JsonEntry[])[0].findings;
    const cells = [monthCell(0), monthCell(1), monthCell(2), monthCell(4), cumCell(2), cumCell(3), cumCell(4)];
    expect(
      found
        .filter((f) => f.code !== "prior-not-given")
        .map((f) => [f.severity, f.code, f.cell])
        .sort(),
    ).toEqual(cells.map((c) => ["warning", "number-with-unit", c]).sort());
  });

  it("validate: a unit that is not the row's stays an error", async () => {
    const r = await run(["validate", p("茶市镇.xlsx"), "--period", "2018-07", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.out.join("\n")).toMatch(
      new RegExp(`\\[Error\\] 2018年7月 › ${monthCell(5)}: .*reads "3人": the unit 人 is not this row's unit 家`),
    );
  });

  it("merge: the typed figures are summed as numbers, exactly; the wrong unit's file is excluded", async () => {
    const json = p("merge.json");
    const r = await run([
      "merge",
      p("云集镇.xlsx"),
      p("泉湖镇.xlsx"),
      p("茶市镇.xlsx"),
      "--period",
      "2018-07",
      "--out",
      p("县.xlsx"),
      "--json",
      json,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8")) as {
      files: Array<{ unit: string; status: string }>;
      totals: Array<{ month: number; cumulative: number }>;
    };
    expect(report.files.map((f) => [f.unit, f.status])).toEqual([
      ["云集镇", "included"],
      ["泉湖镇", "included"],
      ["茶市镇", "excluded"],
    ]);
    expect(report.totals.map((x) => x.month)).toEqual(FIGS_M.map((v) => Math.round(v * 2 * 1e4) / 1e4));
    expect(report.totals.map((x) => x.cumulative)).toEqual(FIGS_C.map((v) => Math.round(v * 2 * 1e4) / 1e4));
  });

  it("the detail sheet shows the excluded unit's cell as typed, as text and marked, not 0", async () => {
    const out = p("明细.xlsx");
    await run(["merge", p("云集镇.xlsx"), p("茶市镇.xlsx"), "--period", "2018-07", "--out", out]);
    const detail = sheetOf(dumpBooks([out])[out], "2018年7月明细");
    const row = Object.entries(detail.cells)
      .find(([ref, c]) => ref.startsWith("B") && c.value === "茶市镇")![0]
      .slice(1);
    // 序号, 单位, 原文, 状态, 填报时间, then 本月/累计 per item: suspended (6th item) 本月 is column P.
    const cell = detail.cells[`P${row}`];
    expect(cell).toMatchObject({ value: "3人", type: "s" });
    expect(cell.fill).toBeTruthy();
    const clean = Object.entries(detail.cells)
      .find(([ref, c]) => ref.startsWith("B") && c.value === "云集镇")![0]
      .slice(1);
    expect(detail.cells[`P${clean}`]).toMatchObject({ value: 0, type: "n" });
    expect(detail.cells[`F${row}`]).toMatchObject({ value: 3, type: "n" }); // readable figures stay numbers
  });
});
