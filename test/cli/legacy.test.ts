/**
 * `yuebao validate | merge | fill` on unit files in the legacy formats, written by LibreOffice,
 * Gnumeric and SheetJS (test/fixtures): validate and merge read them in place and agree with
 * the same reports as .xlsx; fill writes its result as a new .xlsx and says so.
 */
import { copyFileSync, existsSync, readFileSync } from "fs";
import { join } from "path";
import { readWorkbook } from "../../src/files/read";
import { cellAt, parseAddress, type WorkbookGrids } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";
import { dumpBooks, FIXTURES, run, scaled, sha, sheetOf, tempDir } from "./support";

const fx = (name: string) => join(FIXTURES, name);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
interface Finding {
  severity: string;
  code: string;
  sheet: string;
  cell: string | null;
}
const findingKeys = (list: { findings: Finding[] }[]) => list.map((r) => r.findings.map((f) => [f.severity, f.code, f.sheet, f.cell]));
interface MergeJson {
  files: { file: string; unit: string; status: string }[];
  totals: { month: number; cumulative: number }[];
}
const totals = (r: MergeJson) => r.totals.map((t) => [scaled(t.month), scaled(t.cumulative)]);

describe("legacy unit files on the command line", () => {
  const t = tempDir("legacy");
  const p = (name: string) => join(t.dir, name);
  afterAll(() => t.remove());

  it.each([
    // lo-unit has warnings to compare (numbers stored as text, full-width digits); prefixed-shared only
    // that no June report was given (累计数 not checked).
    ["lo-unit.xlsx", 2, ["lo-unit.xls", "lo-unit.et", "lo-unit.ods", "gnumeric-unit.xls", "sheetjs-unit.xlsb"]],
    ["prefixed-shared.xlsx", 1, ["lo-prefixed-shared.xls", "lo-prefixed-shared.ods"]],
  ] as const)("validate gives the findings of %s for its legacy copies", async (xlsx, count, copies) => {
    await run(["validate", fx(xlsx), "--period", "2018-07", "--json", p(`${xlsx}.json`)]);
    const want = findingKeys(readJson(p(`${xlsx}.json`)));
    expect(want.flat().length).toBe(count);
    for (const name of copies) {
      const r = await run(["validate", fx(name), "--period", "2018-07", "--json", p(`${name}.json`)]);
      expect({ name, unreadable: readJson(p(`${name}.json`))[0].unreadable }).toEqual({ name, unreadable: null });
      expect({ name, findings: findingKeys(readJson(p(`${name}.json`))) }).toEqual({ name, findings: want });
      expect(r.out.join("\n")).toContain(`${fx(name)} › 2018年7月`);
    }
  });

  it("validate reads openpyxl's report after LibreOffice calculated it: no formula without a value", async () => {
    await run(["validate", fx("openpyxl-unit.xlsx"), fx("lo-openpyxl-unit.xls"), "--period", "2018-07", "--json", p("op.json")]);
    const [xlsx, xls] = readJson(p("op.json")) as { findings: Finding[] }[];
    expect(xlsx.findings.filter((f) => f.code === "formula-no-value").length).toBe(11);
    expect(xls.findings.filter((f) => f.code === "formula-no-value")).toEqual([]);
  });

  it("merge: legacy files give the totals their .xlsx originals give, whatever the mix", async () => {
    const merge = async (label: string, files: string[], code = 0): Promise<MergeJson> => {
      const r = await run(["merge", ...files.map(fx), "--period", "2018-07", "--out", p(`${label}.xlsx`), "--json", p(`${label}.json`)]);
      expect({ label, code: r.code }).toEqual({ label, code });
      return readJson(p(`${label}.json`));
    };
    const base = await merge("xlsx", ["lo-unit.xlsx", "prefixed-shared.xlsx"]);
    expect(base.files.map((f) => f.status)).toEqual(["included", "included"]);
    for (const [label, files] of [
      ["xls-ods", ["lo-unit.xls", "lo-prefixed-shared.ods"]],
      ["et-xls", ["lo-unit.et", "lo-prefixed-shared.xls"]],
      ["ods-ods", ["lo-unit.ods", "lo-prefixed-shared.ods"]],
      ["xlsb-xls", ["sheetjs-unit.xlsb", "lo-prefixed-shared.xls"]],
      ["gnumeric", ["gnumeric-unit.xls", "prefixed-shared.xlsx"]],
    ] as const) {
      const r = await merge(label, [...files]);
      expect({ label, status: r.files.map((f) => f.status) }).toEqual({ label, status: ["included", "included"] });
      expect({ label, totals: totals(r) }).toEqual({ label, totals: totals(base) });
    }
    // The same unit sent as .ods and as .xls is a duplicate, not counted twice.
    const dup = await merge("dup", ["lo-unit.ods", "gnumeric-unit.xls", "prefixed-shared.xlsx"], 1);
    expect(dup.files.map((f) => f.status).sort()).toEqual(["duplicate", "included", "included"]);
    expect(totals(dup)).toEqual(totals(base));
    // openpyxl's 廖田镇 (excluded as .xlsx for its uncached formulas) counts once LibreOffice saved it as .xls.
    const more = await merge("more", ["lo-unit.xls", "lo-prefixed-shared.ods", "lo-openpyxl-unit.xls"]);
    const liaotian = [
      [6, 16],
      [14, 39],
      [40, 110],
      [1, 4],
      [0.3, 1.85],
      [0, 1],
      [0, 0],
      [1, 2],
      [0, 0],
      [0, 0],
      [0, 0],
    ].map(([m, c]) => [scaled(m), scaled(c)]);
    expect(totals(more)).toEqual(totals(base).map(([m, c], i) => [m + liaotian[i][0], c + liaotian[i][1]]));
  });

  it("fill on a .xls writes a new .xlsx (named so), says so, and leaves the .xls as it was", async () => {
    const original = p("云集镇.xls");
    copyFileSync(fx("lo-unit.xls"), original);
    const before = sha(original);
    const r = await run(["fill", original, "--period", "2018-07", "--out", p("云集镇-累计.xls")]);
    expect(r.code).toBe(0);
    const out = p("云集镇-累计.xlsx");
    expect(existsSync(out)).toBe(true);
    expect(existsSync(p("云集镇-累计.xls"))).toBe(false);
    expect(r.out.join("\n")).toContain(`原文件为Excel 97-2003 或 WPS 格式（.xls/.et），结果已另存为 .xlsx 文件“${out}”，原文件未改动。`);
    expect(r.out.join("\n")).toContain(`已写入：${out}`);
    expect(sha(original)).toBe(before);

    // 累计数 = June's 累计数 (same workbook) + July's 本月数, text digits included.
    const wb: WorkbookGrids = readWorkbook(new Uint8Array(readFileSync(out)), out);
    const july = wb.sheets.find((s) => s.sheet === "2018年7月")!;
    const at = (a1: string) => {
      const { row, col } = parseAddress(a1);
      return cellAt(july, row, col);
    };
    const cum = ANNEX.items.map((_, i) => at(`F${6 + i}`)?.value);
    expect(cum).toEqual([9, 21, 65, 5, 1.75, 1, 1, 0, 0, 1, 0]);
    expect(wb.sheets.map((s) => s.sheet)).toEqual(["2018年6月", "2018年7月", "填表说明"]);
    expect(at("B3")?.value).toBe("安全监管“强执法防事故”行动情况月报表");
    expect(at("E7")?.value).toBe("12"); // text stays text
    expect(at("G7")?.value).toBe("#DIV/0!");

    // As openpyxl sees the new file: the merged title, the date with its format.
    const book = dumpBooks([out])[out];
    const s = sheetOf(book, "2018年7月");
    expect(s.merges).toContain("B3:G3");
    expect(s.cells["F4"].numberFormat).toMatch(/yyyy/);

    // And it validates like the original.
    const v = await run(["validate", out, "--period", "2018-07"]);
    expect(v.code).toBe(0);
  });

  it("fill on an .ods and on an .xlsb, English output", async () => {
    for (const [name, words] of [
      ["lo-openpyxl-unit.ods", "OpenDocument format (.ods)"],
      ["sheetjs-unit.xlsb", "Excel binary format (.xlsb)"],
    ]) {
      const out = p(`${name}-filled.xlsx`);
      const r = await run(["fill", fx(name), "--period", "2018-07", "--start-month", "7", "--out", out, "--lang", "en"]);
      expect({ name, code: r.code }).toEqual({ name, code: 0 });
      expect(r.out.join("\n")).toContain(`The original is in ${words}; the result is saved as the .xlsx file "${out}"`);
      expect(existsSync(out)).toBe(true);
    }
  });
});
