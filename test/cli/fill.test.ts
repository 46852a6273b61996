/** `yuebao fill`: 累计数 written into a copy; the original and everything else left as it was. */
import { copyFileSync, existsSync, readFileSync } from "fs";
import { join } from "path";
import { readWorkbook } from "../../src/files/read";
import { cellAt, parseAddress, type WorkbookGrids } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";
import { cumCell, dumpBooks, FIXTURES, run, sha, sheetOf, tempDir, writeBooks, type DumpSheet } from "./support";

const JUNE_M = [4, 9, 30, 2, 1.25, 1, 0, 0, 0, 0, 0];
const JUNE_C = [10, 25, 70, 3, 3.5, 1, 0, 1, 0, 0, 0];
const JULY_M = [5, 12, 35, 3, 0.5678, 0, 1, 0, 0, 1, 0];
const EXPECTED = JUNE_C.map((c, i) => Math.round((c + JULY_M[i]) * 10000) / 10000);
const EXTRA = { H2: "联系人:张三 13800000000", G6: "详见通报", B20: "=SUM(1,2)" };

const read = (path: string): WorkbookGrids => readWorkbook(new Uint8Array(readFileSync(path)), path);
const valueAt = (wb: WorkbookGrids, sheet: string, a1: string) => {
  const s = wb.sheets.find((x) => x.sheet === sheet);
  const { row, col } = parseAddress(a1);
  return s ? cellAt(s, row, col)?.value : undefined;
};
const column = (wb: WorkbookGrids, sheet: string) => ANNEX.items.map((_, i) => valueAt(wb, sheet, cumCell(i)));

/** Every cell outside the 累计数 column, as openpyxl sees it (value and style). */
function outsideFilled(s: DumpSheet) {
  const filled = new Set(ANNEX.items.map((_, i) => cumCell(i)));
  return Object.fromEntries(Object.entries(s.cells).filter(([a]) => !filled.has(a)));
}

describe("yuebao fill", () => {
  let t: ReturnType<typeof tempDir>;
  const p = (name: string) => join(t.dir, name);
  beforeEach(() => {
    t = tempDir("fill");
    writeBooks(
      [
        {
          path: p("七月.xlsx"),
          sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: null, cells: EXTRA }],
        },
        { path: p("六月.xlsx"), sheets: [{ name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }] },
        { path: p("五月.xlsx"), sheets: [{ name: "2018年5月", unit: "云集镇", date: "2018-06-05", month: JUNE_M, cumulative: JUNE_C }] },
        {
          path: p("两个月.xlsx"),
          sheets: [
            { name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C },
            { name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: null, cells: EXTRA },
          ],
        },
      ],
      t.dir,
    );
  });
  afterEach(() => t.remove());

  it("with --prior writes last month's 累计 + this month into a copy, keeping the rest", async () => {
    const original = p("七月.xlsx");
    const before = sha(original);
    const out = p("七月-累计.xlsx");
    const r = await run(["fill", original, "--period", "2018-07", "--prior", p("六月.xlsx"), "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain(`已在“2018年7月”填入11个累计数，上月数据取自“${p("六月.xlsx")} › 2018年6月”，已写入：${out}`);
    expect(sha(original)).toBe(before);

    expect(column(read(out), "2018年7月")).toEqual(EXPECTED);
    expect(column(read(original), "2018年7月")).toEqual(ANNEX.items.map(() => undefined));

    const books = dumpBooks([original, out]);
    const a = sheetOf(books[original], "2018年7月");
    const b = sheetOf(books[out], "2018年7月");
    expect(outsideFilled(b)).toEqual(outsideFilled(a));
    expect(b.merges).toEqual(a.merges);
    expect(b.columnWidths).toEqual(a.columnWidths);
    // The filled cells keep their own fill colour and hold plain numbers.
    for (let i = 0; i < ANNEX.items.length; i++) {
      expect(b.cells[cumCell(i)].value).toBe(EXPECTED[i]);
      expect(b.cells[cumCell(i)].type).toBe("n");
      expect(b.cells[cumCell(i)].fill).toBe(a.cells[cumCell(i)].fill);
    }
  });

  it("takes last month from the same workbook when it is there", async () => {
    const out = p("两个月-累计.xlsx");
    const r = await run(["fill", p("两个月.xlsx"), "--period", "2018-07", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain(`上月数据取自“${p("两个月.xlsx")} › 2018年6月”`);
    const wb = read(out);
    expect(column(wb, "2018年7月")).toEqual(EXPECTED);
    expect(column(wb, "2018年6月")).toEqual(JUNE_C);
    const books = dumpBooks([p("两个月.xlsx"), out]);
    expect(outsideFilled(sheetOf(books[out], "2018年7月"))).toEqual(outsideFilled(sheetOf(books[p("两个月.xlsx")], "2018年7月")));
    expect(sheetOf(books[out], "2018年6月").cells).toEqual(sheetOf(books[p("两个月.xlsx")], "2018年6月").cells);
  });

  // Fails today: src/files/patch.ts valueXml drops the value it is handed next to a formula,
  // so our own validate/merge then reads "formula without a cached value" (an error).
  it("in formulas mode writes live formulas to last month's sheet, with cached values", async () => {
    const out = p("公式.xlsx");
    const r = await run(["fill", p("两个月.xlsx"), "--period", "2018-07", "--mode", "formulas", "--out", out]);
    expect(r.code).toBe(0);
    const s = sheetOf(dumpBooks([out])[out], "2018年7月");
    ANNEX.items.forEach((_, i) => expect(s.cells[cumCell(i)].value).toBe(`='2018年6月'!${cumCell(i)}+E${6 + i}`));
    // Our own validate (and Excel before recalculating) must see the cached results.
    expect((await run(["validate", out, "--period", "2018-07"])).out[0]).toMatch(/^✓ .*错误0项/);
    expect(column(read(out), "2018年7月")).toEqual(EXPECTED);
  });

  it("fills a LibreOffice-written workbook (June and July sheets), replacing its formulas by values", async () => {
    const src = p("lo-unit.xlsx");
    copyFileSync(join(FIXTURES, "lo-unit.xlsx"), src);
    const before = read(src);
    const out = p("lo-累计.xlsx");
    const r = await run(["fill", src, "--period", "2018-07", "--out", out]);
    expect(r.code).toBe(0);
    const june = ANNEX.items.map((_, i) => valueAt(before, "2018年6月", cumCell(i)) as number);
    const july = [5, 12, 35, 3, 0.5, 0, 1, 0, 0, 1, 0]; // its 本月数, text ones included
    const after = read(out);
    expect(column(after, "2018年7月")).toEqual(june.map((v, i) => Math.round((v + july[i]) * 10000) / 10000));
    // The hidden sheet and the June sheet survive.
    expect(after.sheets.map((x) => [x.sheet, x.hidden === true])).toEqual(before.sheets.map((x) => [x.sheet, x.hidden === true]));
    expect(dumpBooks([out])[out].sheets.map((x) => x.name)).toEqual(["2018年6月", "2018年7月", "填表说明"]);
  });

  it("exits 2 with a message and writes nothing when last month is missing", async () => {
    const out = p("不应存在.xlsx");
    const none = await run(["fill", p("七月.xlsx"), "--period", "2018-07", "--out", out]);
    expect(none.code).toBe(2);
    expect(none.out.join("\n")).toContain("未找到2018年6月的月报表，无法核对或计算累计数。");
    expect(none.err.join("\n")).toContain("累计数无法计算，未写出文件。");
    expect(existsSync(out)).toBe(false);

    const wrongMonth = await run(["fill", p("七月.xlsx"), "--period", "2018-07", "--prior", p("五月.xlsx"), "--out", out, "--lang", "en"]);
    expect(wrongMonth.code).toBe(2);
    expect(wrongMonth.out.join("\n")).toContain("No report for 2018-06 was found");
    expect(wrongMonth.err.join("\n")).toContain("Nothing written: the cumulative figures could not be computed.");
    expect(existsSync(out)).toBe(false);
  });

  it("in January (the start month) needs no prior: 累计 = 本月", async () => {
    writeBooks(
      [{ path: p("一月.xlsx"), sheets: [{ name: "2019年1月", unit: "云集镇", date: "2019-02-05", month: JULY_M, cumulative: null }] }],
      t.dir,
    );
    const out = p("一月-累计.xlsx");
    const r = await run(["fill", p("一月.xlsx"), "--period", "2019-01", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain("（本月为累计起始月）");
    expect(column(read(out), "2019年1月")).toEqual(JULY_M);
  });
});
