/** `yuebao validate`: the month asked for, and errors that say which file, sheet and cell. */
import { readFileSync } from "fs";
import { join } from "path";
import { cumCell, FIXTURES, monthCell, run, tempDir, writeBooks, type Value } from "./support";

const JUNE_M = [4, 9, 30, 2, 1.25, 1, 0, 0, 0, 0, 0];
const JUNE_C = [10, 25, 70, 3, 3.5, 1, 0, 1, 0, 0, 0];
const JULY_M = [5, 12, 35, 3, 0.5, 0, 1, 0, 0, 1, 0];
const add = (a: number[], b: number[]) => a.map((x, i) => Math.round((x + b[i]) * 10000) / 10000);

interface JsonEntry {
  file: string;
  sheet: string | null;
  unit: string | null;
  period: string | null;
  unreadable: string | null;
  findings: Array<{ severity: string; code: string; sheet: string; cell: string | null; message: string }>;
}

describe("yuebao validate", () => {
  const t = tempDir("validate");
  const p = (name: string) => join(t.dir, name);
  afterAll(() => t.remove());

  beforeAll(() => {
    // June has an error (negative 立案调查), July is clean and continues June's running total.
    const juneBad: Value[] = [...JUNE_M];
    juneBad[3] = -2;
    const bad: Value[] = [...JULY_M];
    bad[0] = -1; // negative
    bad[2] = "三十"; // text in a number cell
    const badCum: Value[] = add(JUNE_C, JULY_M);
    badCum[3] = 1; // 累计 (1) < 本月 (3)
    const broken = add(JUNE_C, JULY_M);
    broken[4] = Math.round((broken[4] + 0.0001) * 10000) / 10000; // one 元 off the chain
    writeBooks(
      [
        {
          path: p("两个月.xlsx"),
          sheets: [
            { name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: juneBad, cumulative: JUNE_C },
            { name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: add(JUNE_C, JULY_M) },
          ],
        },
        { path: p("有误.xlsx"), sheets: [{ name: "2018年7月", unit: "廖田镇", date: "2018-08-06", month: bad, cumulative: badCum }] },
        {
          path: p("断链.xlsx"),
          sheets: [
            { name: "2018年6月", unit: "茶市镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C },
            { name: "2018年7月", unit: "茶市镇", date: "2018-08-05", month: JULY_M, cumulative: broken },
          ],
        },
        {
          path: p("只有六月.xlsx"),
          sheets: [{ name: "2018年6月", unit: "冠市镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }],
        },
      ],
      t.dir,
    );
  });

  it("with --period picks that month from a workbook holding two", async () => {
    const july = await run(["validate", p("两个月.xlsx"), "--period", "2018-07"]);
    expect(july.code).toBe(0);
    const heads = july.out.filter((l) => /^[✓✗]/.test(l));
    expect(heads).toEqual([`✓ ${p("两个月.xlsx")} › 2018年7月 › 云集镇 › 2018-07：错误0项，警告0项`]);

    const june = await run(["validate", p("两个月.xlsx"), "--period", "2018-06"]);
    expect(june.code).toBe(1);
    expect(june.out[0]).toBe(`✗ ${p("两个月.xlsx")} › 2018年6月 › 云集镇 › 2018-06：错误1项，警告1项`);
    expect(june.out[1]).toMatch(/^ {2}【错误】2018年6月 › E9：“立案调查”本月数不能为负数/);
  });

  it.each(["lo-unit.xlsx", "gnumeric-unit.xlsx"])("picks the month in %s (LibreOffice / Gnumeric output) too", async (name) => {
    const f = join(FIXTURES, name);
    const june = await run(["validate", f, "--period", "2018-06"]);
    expect(june.code).toBe(0);
    // No May report given: said once, never a silent pass.
    expect(june.out).toEqual([
      `✓ ${f} › 2018年6月 › 云集镇人民政府 › 2018-06：错误0项，警告1项`,
      "  【警告】2018年6月：未提供上月报表，累计数未核对。",
    ]);
    // July holds 本月数 typed as text ("12", full-width "３５"): warnings with their cells, no error.
    const july = await run(["validate", f, "--period", "2018-07"]);
    expect(july.code).toBe(0);
    expect(july.out[0]).toBe(`✓ ${f} › 2018年7月 › 云集镇人民政府 › 2018-07：错误0项，警告2项`);
    expect(july.out.slice(1).map((l) => /› ([A-Z]+\d+)：/.exec(l)?.[1])).toEqual(["E7", "E8"]);
  });

  it("reports file, sheet and cell of each error and exits 1", async () => {
    const json = p("有误.json");
    const r = await run(["validate", p("有误.xlsx"), "--period", "2018-07", "--json", json]);
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(new RegExp(`^✗ ${p("有误.xlsx")} › 2018年7月 › 廖田镇 › 2018-07：错误3项`));
    const text = r.out.join("\n");
    expect(text).toContain(
      `【错误】2018年7月 › ${monthCell(0)}：“组织（包括日常、集中、联合、专项等）执法活动”本月数不能为负数（现为-1）。`,
    );
    expect(text).toContain(`【错误】2018年7月 › ${monthCell(2)}：“检查生产经营单位”本月数应填写数字，现为“三十”。`);
    expect(text).toContain(`【错误】2018年7月 › ${cumCell(3)}：“立案调查”累计数（1）小于本月数（3）。`);

    const report = JSON.parse(readFileSync(json, "utf8")) as JsonEntry[];
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ file: p("有误.xlsx"), sheet: "2018年7月", unit: "廖田镇", period: "2018-07", unreadable: null });
    const errors = report[0].findings.filter((f) => f.severity === "error").map((f) => [f.code, f.sheet, f.cell]);
    expect(errors).toEqual([
      ["negative", "2018年7月", monthCell(0)],
      ["not-a-number", "2018年7月", monthCell(2)],
      ["cumulative-below-month", "2018年7月", cumCell(3)],
    ]);
  });

  it("checks 累计数 against last month's sheet in the same workbook", async () => {
    const r = await run(["validate", p("断链.xlsx"), "--period", "2018-07", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.out.join("\n")).toContain(
      `[Error] 2018年7月 › ${cumCell(4)}: "Fines imposed": cumulative should be 4 (last month's 3.5 + this month's 0.5); it is 4.0001.`,
    );
  });

  it("says a file has no report for the month asked for", async () => {
    const r = await run(["validate", p("只有六月.xlsx"), p("两个月.xlsx"), "--period", "2018-07"]);
    expect(r.code).toBe(1);
    expect(r.out.join("\n")).toContain(`✗ ${p("只有六月.xlsx")}：错误1项`);
    expect(r.out.join("\n")).toContain("文件中没有2018年7月的月报表（只有2018年6月）。");
    expect(r.out.join("\n")).toContain(`✓ ${p("两个月.xlsx")} › 2018年7月`);
  });

  it("exits 2 when no file could be read, naming the file and what to do", async () => {
    const f = join(FIXTURES, "text-renamed.xlsx");
    const r = await run(["validate", f, "--period", "2018-07"]);
    expect(r.code).toBe(2);
    // A CSV named .xlsx is named for what it is (src/files/file-kind.ts).
    expect(r.out[0]).toMatch(/^✗ .*text-renamed\.xlsx：文件“[^”]*text-renamed\.xlsx”是CSV 文本文件，不是工作簿.*另存为 \.xlsx/);
  });

  it("with --json written, no file readable is exit 1 (2 means nothing was written)", async () => {
    const json = p("结果.json");
    const r = await run(["validate", join(FIXTURES, "text-renamed.xlsx"), "--period", "2018-07", "--json", json]);
    expect(r.code).toBe(1);
    const written = JSON.parse(readFileSync(json, "utf8")) as { unreadable: string | null }[];
    expect(written).toHaveLength(1);
    expect(written[0].unreadable).toMatch(/是CSV 文本文件，不是工作簿/);
  });
});
