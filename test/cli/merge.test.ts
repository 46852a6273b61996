/**
 * `yuebao merge` end to end: 30 units written by openpyxl plus the files a county office
 * really receives (a duplicate, one with errors, a damaged one, an .xls, last month's file),
 * a roster with units that did not report, the county check against last month, re-merging.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ANNEX } from "../../src/form/spec";
import {
  dumpBooks,
  FIXTURES,
  randomFigures,
  rng,
  run,
  scaled,
  sha,
  sheetOf,
  sumScaled,
  tempDir,
  writeBooks,
  type BookSpec,
  type Figures,
} from "./support";

const UNITS = [
  "云集镇",
  "廖田镇",
  "茶市镇",
  "冠市镇",
  "江口镇",
  "宝盖镇",
  "花桥镇",
  "铁丝塘镇",
  "泉溪镇",
  "洪山镇",
  "三塘镇",
  "谭子山镇",
  "鸡笼镇",
  "泉湖镇",
  "柞市镇",
  "茅市镇",
  "硫市镇",
  "栗江镇",
  "近尾洲镇",
  "咸塘镇",
  "松江镇",
  "相市乡",
  "岐山办事处",
  "车江片区服务中心",
  "县应急管理局",
  "县市场监督管理局",
  "县交通运输局",
  "县住房和城乡建设局",
  "县自然资源局",
  "县消防救援大队",
];
const WITH_ERRORS = "县林业局";
const SENT_XLS = "县水利局";
const NOT_SENT = "县农业农村局";
const STATUSES = ["included", "excluded", "skipped", "unreadable", "duplicate"];

interface JsonFinding {
  severity: string;
  code: string;
  sheet: string;
  cell: string | null;
  message: string;
}
interface JsonReport {
  period: string;
  files: Array<{ file: string; unit: string | null; rosterUnit: string | null; status: string; findings: JsonFinding[] }>;
  missing: string[];
  totals: Array<{ label: string; month: number; cumulative: number }>;
  findings: JsonFinding[];
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonReport;
const totalsScaled = (r: JsonReport) => ({
  month: r.totals.map((t) => scaled(t.month)),
  cumulative: r.totals.map((t) => scaled(t.cumulative)),
});
const expectedScaled = (list: Figures[]) => ({ month: sumScaled(list, "month"), cumulative: sumScaled(list, "cumulative") });

describe("yuebao merge", () => {
  const t = tempDir("merge");
  const dir = (...p: string[]) => join(t.dir, ...p);
  const unitFile = (i: number) => dir("units", `${String(i + 1).padStart(2, "0")}-${UNITS[i]}.xlsx`);
  const figures: Figures[] = [];
  const extra = {
    duplicate: dir("units", "泉湖镇人民政府-重报.xlsx"),
    withErrors: dir("units", `${WITH_ERRORS}.xlsx`),
    june: dir("units", "云集镇-2018-06.xlsx"),
    damaged: dir("units", "损坏.xlsx"),
    xls: dir("units", `${SENT_XLS}.xls`),
  };
  const roster = dir("名册.txt");
  const clean = () => UNITS.map((_, i) => unitFile(i));
  const all = () => [...clean(), ...Object.values(extra)];
  // Last month's county total as a clerk would keep it: 累计 = Σ(this 累计 − this 本月).
  const priorTotal = () => {
    const e = expectedScaled(figures);
    return e.cumulative.map((c, i) => (c - e.month[i]) / 10000);
  };

  beforeAll(() => {
    mkdirSync(dir("units"));
    const next = rng(20180807);
    const books: BookSpec[] = UNITS.map((unit, i) => {
      const f = randomFigures(next);
      figures.push(f);
      const date = unit === "泉湖镇" ? "2018-08-06" : `2018-08-0${1 + (i % 9)}`;
      return { path: unitFile(i), sheets: [{ name: "2018年7月", unit, date, ...f }] };
    });
    const dup = randomFigures(next);
    const bad = randomFigures(next);
    bad.month[3] = -1;
    const prior = priorTotal();
    const priorOff = [...prior];
    priorOff[2] += 1;
    books.push(
      // Sent earlier than 泉湖镇's own file, so that one counts.
      { path: extra.duplicate, sheets: [{ name: "2018年7月", unit: "泉湖镇人民政府", date: "2018-08-03", ...dup }] },
      { path: extra.withErrors, sheets: [{ name: "2018年7月", unit: WITH_ERRORS, date: "2018-08-05", ...bad }] },
      { path: extra.june, sheets: [{ name: "2018年6月", unit: "云集镇", date: "2018-07-05", ...randomFigures(next) }] },
      {
        path: dir("县汇总-2018-06.xlsx"),
        sheets: [{ name: "2018年6月", unit: "县安委办", date: "2018-07-12", month: prior, cumulative: prior }],
      },
      {
        path: dir("县汇总-2018-06-有误.xlsx"),
        sheets: [{ name: "2018年6月", unit: "县安委办", date: "2018-07-12", month: priorOff, cumulative: priorOff }],
      },
    );
    writeBooks(books, t.dir);
    copyFileSync(join(FIXTURES, "truncated.xlsx"), extra.damaged);
    // The .xls has an opening password (saved so by LibreOffice): read in place it cannot be.
    // (.xls files without one are merged like any other: test/cli/legacy.test.ts.)
    copyFileSync(join(FIXTURES, "encrypted.xls"), extra.xls);
    writeFileSync(roster, ["# 衡南县 应报单位", ...UNITS, WITH_ERRORS, SENT_XLS, NOT_SENT, ""].join("\n"), "utf8");
  }, 120000);
  afterAll(() => t.remove());

  it("merges 30 units with a roster: exact totals, every file's status in --json, exit 1", async () => {
    const out = dir("县汇总-2018-07.xlsx");
    const json = dir("结果.json");
    const r = await run(["merge", ...all(), "--period", "2018-07", "--roster", roster, "--out", out, "--json", json]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);

    const report = readJson(json);
    // The schema: { period, files:[{file, unit, rosterUnit, status, findings:[...]}], missing, totals:[{label, month, cumulative}] }
    expect(report.period).toBe("2018-07");
    for (const f of report.files) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["file", "unit", "rosterUnit", "status", "findings"]));
      expect(STATUSES).toContain(f.status);
      for (const x of f.findings) {
        expect(Object.keys(x)).toEqual(expect.arrayContaining(["severity", "code", "sheet", "cell", "message"]));
        expect(["error", "warning"]).toContain(x.severity);
        expect(typeof x.message).toBe("string");
        expect(x.message.length).toBeGreaterThan(0);
      }
    }
    const status = Object.fromEntries(report.files.map((f) => [f.file, f.status]));
    const expected: Record<string, string> = Object.fromEntries(clean().map((f) => [f, "included"]));
    Object.assign(expected, {
      [extra.duplicate]: "duplicate",
      [extra.withErrors]: "excluded",
      [extra.june]: "skipped",
      [extra.damaged]: "unreadable",
      [extra.xls]: "unreadable",
    });
    expect(status).toEqual(expected);
    expect(report.files).toHaveLength(35);

    const byFile = (f: string) => report.files.find((x) => x.file === f)!;
    expect(byFile(unitFile(UNITS.indexOf("泉湖镇")))).toMatchObject({ unit: "泉湖镇", rosterUnit: "泉湖镇" });
    expect(byFile(extra.duplicate)).toMatchObject({ unit: "泉湖镇人民政府", rosterUnit: "泉湖镇" });
    expect(byFile(extra.duplicate).findings[0]).toMatchObject({ severity: "warning", code: "duplicate" });
    expect(byFile(extra.duplicate).findings[0].message).toContain(unitFile(UNITS.indexOf("泉湖镇")));
    expect(
      byFile(extra.withErrors)
        .findings.filter((x) => x.severity === "error")
        .map((x) => [x.code, x.sheet, x.cell]),
    ).toEqual([["negative", "2018年7月", "E9"]]);
    expect(byFile(extra.june).findings.map((x) => x.code)).toEqual(["no-report-for-period"]);
    expect(byFile(extra.xls).findings[0].code).toBe("unreadable");
    expect(byFile(extra.xls).findings[0].message).toMatch(/设有打开密码.*取消密码/);
    expect(byFile(extra.damaged).findings[0].message).toContain("损坏.xlsx");
    for (const f of clean()) expect(byFile(f).rosterUnit).toBe(UNITS[clean().indexOf(f)]);

    expect(report.missing).toEqual([SENT_XLS, NOT_SENT]);
    expect(report.totals.map((x) => x.label)).toEqual(ANNEX.items.map((i) => i.label));
    expect(totalsScaled(report)).toEqual(expectedScaled(figures));

    // The summary a clerk reads, and the county workbook as openpyxl sees it.
    const text = r.out.join("\n");
    expect(text).toContain("2018年7月：共35个文件，已汇总30个单位；有误未汇总1个，重复1个，无本月报表1个，无法读取2个；未报2个，迟报0个。");
    expect(text).toContain(`未报：${SENT_XLS}、${NOT_SENT}`);
    expect(r.err.join("\n")).toContain("正在读取 35/35");
    const book = dumpBooks([out])[out];
    // The roster is kept in the county workbook (单位名册).
    expect(book.sheets.map((s) => s.name)).toEqual(["2018年7月汇总", "2018年7月明细", "2018年7月报送情况", "单位名册"]);
    // 报送情况: every file and every roster unit, with status, file, 填报时间 and findings, all as text.
    const record = sheetOf(book, "2018年7月报送情况");
    const rowsOf = (col: string) =>
      Object.entries(record.cells)
        .filter(([ref]) => ref.startsWith(col) && ref !== `${col}1`)
        .map(([, c]) => c.value);
    expect(["A1", "B1", "C1", "D1", "E1", "F1"].map((r) => record.cells[r].value)).toEqual([
      "序号",
      "单位",
      "状态",
      "文件",
      "填报时间",
      "问题",
    ]);
    expect(rowsOf("B")).toHaveLength(35 + 2);
    const statuses = rowsOf("C");
    for (const s of ["已汇总", "有误", "重复", "无本月报表", "无法读取", "未报"]) expect(statuses).toContain(s);
    expect(statuses.filter((s) => s === "未报")).toHaveLength(2);
    const wrongRow = Object.entries(record.cells)
      .find(([ref, c]) => ref.startsWith("B") && c.value === WITH_ERRORS)![0]
      .slice(1);
    expect(record.cells[`C${wrongRow}`].value).toBe("有误");
    expect(record.cells[`E${wrongRow}`].value).toBe("2018年8月5日");
    expect(String(record.cells[`F${wrongRow}`].value)).toContain("不能为负数");
    expect(record.cells[`F${wrongRow}`].type).not.toBe("f");
    const total = sheetOf(book, "2018年7月汇总");
    expect(String(total.cells["A1"].value).split("\n")[1]).toBe("（2018年7月）");
    const e = expectedScaled(figures);
    ANNEX.items.forEach((_, i) => {
      expect(scaled(total.cells[`C${4 + i}`].value as number)).toBe(e.month[i]);
      expect(scaled(total.cells[`D${4 + i}`].value as number)).toBe(e.cumulative[i]);
    });
    expect(sheetOf(book, "单位名册").cells["B2"].value).toBe(UNITS[0]);

    // Next time, the county workbook given as --prior brings its roster: no --roster needed.
    const carry = await run([
      "merge",
      ...clean(),
      "--period",
      "2018-07",
      "--prior",
      out,
      "--out",
      dir("carry.xlsx"),
      "--json",
      dir("carry.json"),
    ]);
    // 县林业局 sent only the file with errors, left out of this run.
    expect(readJson(dir("carry.json")).missing).toEqual(["县林业局", SENT_XLS, NOT_SENT]);
    expect(carry.code).toBe(0);
    expect(carry.out.join("\n")).toContain("未报：县林业局、");
  });

  it("exits 0 on a clean merge, LibreOffice-written file included", async () => {
    const lo = join(FIXTURES, "lo-unit.xlsx");
    const five = clean().slice(1, 6); // not 云集镇: lo-unit.xlsx is 云集镇人民政府
    const json = dir("clean.json");
    const r = await run(["merge", ...five, lo, "--period", "2018-07", "--out", dir("clean.xlsx"), "--json", json]);
    expect(r.code).toBe(0);
    const report = readJson(json);
    expect(report.files.map((f) => f.status)).toEqual(Array(6).fill("included"));
    expect(report.missing).toEqual([]);
    // lo-unit.xlsx's July as openpyxl reads LibreOffice's cached values (text digits counted).
    const s = sheetOf(dumpBooks([lo], true)[lo], "2018年7月");
    const num = (v: unknown) => Number(String(v).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
    const loFig: Figures = {
      month: ANNEX.items.map((_, i) => num(s.cells[`E${6 + i}`].value)),
      cumulative: ANNEX.items.map((_, i) => num(s.cells[`F${6 + i}`].value)),
    };
    expect(totalsScaled(report)).toEqual(expectedScaled([...figures.slice(1, 6), loFig]));
  });

  it("with --prior checks county 累计 = last month's 累计 + this month", async () => {
    const ok = await run([
      "merge",
      ...clean(),
      "--period",
      "2018-07",
      "--prior",
      dir("县汇总-2018-06.xlsx"),
      "--out",
      dir("p1.xlsx"),
      "--json",
      dir("p1.json"),
    ]);
    expect(ok.code).toBe(0);
    expect(readJson(dir("p1.json")).findings).toEqual([]);

    const off = await run([
      "merge",
      ...clean(),
      "--period",
      "2018-07",
      "--prior",
      dir("县汇总-2018-06-有误.xlsx"),
      "--out",
      dir("p2.xlsx"),
      "--json",
      dir("p2.json"),
    ]);
    const findings = readJson(dir("p2.json")).findings;
    expect(findings.map((f) => [f.severity, f.code])).toEqual([["warning", "county-cumulative-mismatch"]]);
    expect(findings[0].message).toContain("汇总“检查生产经营单位”累计数");
    expect(off.out.join("\n")).toContain(findings[0].message);

    // A --prior file without last month's total: said on stderr, the merge still runs.
    const noPrior = await run(["merge", ...clean(), "--period", "2018-07", "--prior", unitFile(0), "--out", dir("p3.xlsx")]);
    expect(noPrior.code).toBe(0);
    expect(noPrior.err.join("\n")).toContain(`注意：“${unitFile(0)}”中没有上月汇总表，未核对累计数。`);
  });

  it("gives the same totals when the county workbook is merged again (re-merge)", async () => {
    const county = dir("re-1.xlsx");
    await run(["merge", ...clean(), "--period", "2018-07", "--out", county, "--json", dir("re-1.json")]);
    const again = await run(["merge", county, "--period", "2018-07", "--out", dir("re-2.xlsx"), "--json", dir("re-2.json")]);
    expect(again.code).toBe(0);
    const r2 = readJson(dir("re-2.json"));
    expect(r2.files.map((f) => [f.status, f.unit])).toEqual([["included", "县安委办"]]);
    expect(r2.totals).toEqual(readJson(dir("re-1.json")).totals);
    expect(totalsScaled(r2)).toEqual(expectedScaled(figures));
  });

  it("speaks English with --lang en", async () => {
    const r = await run(["merge", ...all(), "--period", "2018-07", "--roster", roster, "--out", dir("en.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(1);
    const text = r.all;
    expect(text).toContain(
      "2018-07: 35 file(s), 30 unit(s) merged; excluded 1, duplicate 1, no report for the month 1, unreadable 2; missing 2, late 0.",
    );
    expect(text).toContain(`Missing: ${SENT_XLS}, ${NOT_SENT}`);
    expect(text).toContain(`County workbook written: ${dir("en.xlsx")}`);
    expect(text).toMatch(/password-protected/);
    // No Chinese wording of ours: what Chinese is left comes from names in the files.
    for (const zh of ["已汇总", "未报", "正在读取", "重复", "错误", "警告", "无法读取", "县汇总表"]) expect(text).not.toContain(zh);
  });

  it("does not overwrite an existing county workbook without --force (exit 2)", async () => {
    const out = dir("已有.xlsx");
    expect((await run(["merge", ...clean().slice(0, 2), "--period", "2018-07", "--out", out])).code).toBe(0);
    const before = sha(out);
    const r = await run(["merge", ...clean().slice(0, 3), "--period", "2018-07", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("已存在");
    expect(sha(out)).toBe(before);
  });

  // Both outputs are checked before any input is read: exit 2 and no county workbook.
  it("checks that --json can be written before writing anything", async () => {
    const out = dir("json-exists.xlsx");
    const json = dir("json-exists.json");
    writeFileSync(json, "{}\n");
    const r = await run(["merge", ...clean().slice(0, 2), "--period", "2018-07", "--out", out, "--json", json]);
    expect(r.err.join("\n")).toContain(`输出文件“${json}”已存在`);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(r.out).toEqual([]);
  });

  it("writes unit names that look like formulas as text in the county workbook", async () => {
    const evil = '=HYPERLINK("http://example.org","点我")';
    const f = dir("公式单位.xlsx");
    writeBooks([{ path: f, sheets: [{ name: "2018年7月", unit: evil, date: "2018-08-05", ...figures[0] }] }], t.dir);
    const out = dir("公式单位-汇总.xlsx");
    const r = await run(["merge", f, "--period", "2018-07", "--out", out]);
    expect(r.code).toBe(0);
    const detail = sheetOf(dumpBooks([out])[out], "2018年7月明细");
    const cells = Object.values(detail.cells).filter((c) => typeof c.value === "string" && c.value.includes("HYPERLINK"));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.type).toBe("s");
  });

  it.each([
    [["merge", "a.xlsx", "--period", "2018-07"], /--out/],
    [["merge", "--period", "2018-07", "--out", "x.xlsx"], /各单位文件/],
    [["merge", "a.xlsx", "--period", "2018-13", "--out", "x.xlsx"], /无法识别报表月份“2018-13”。.*--period 2018-07/],
    [["merge", "a.xlsx", "--out", "x.xlsx", "--deadline-day", "40", "--period", "2018-07"], /--deadline-day 应为1至31的整数/],
    [["mergee", "a.xlsx"], /未知命令“mergee”/],
  ])("usage error %j exits 2 with a message", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(message);
    expect(r.out).toEqual([]);
  });

  it("says what is wrong when an option has no value", async () => {
    const r = await run(["merge", "a.xlsx", "--out", "x.xlsx", "--period"]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("--period");
    expect(r.err.join("\n").length).toBeGreaterThan("--period".length + 4);
  });
});
