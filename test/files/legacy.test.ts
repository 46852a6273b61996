/**
 * .xls / WPS .et / .ods / .xlsb read into the same grids the .xlsx reader gives, on files
 * written by LibreOffice, Gnumeric and SheetJS's own writer (test/fixtures/make-fixtures.sh),
 * for each annex layout the .xlsx tests use: LibreOffice's (lo-unit), openpyxl's (uncached
 * formulas, marks, hidden sheet), the Excel-style shared-formula one and the 1904 date system.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { cellAt, parseAddress, type SheetGrid, type SourceCell, type WorkbookGrids } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";
import { locateReports } from "../../src/form/locate";
import { isDateFormat, readAnyWorkbook, readWorkbook, workbookFormat, type FormatInfo, type SheetJs } from "../../src/files";
import { nodeSheetJs, readWorkbookFile } from "../../src/files/node";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
const read = (name: string, as = name): WorkbookGrids => readAnyWorkbook(fixture(name), as, nodeSheetJs);
const sheet = (g: WorkbookGrids, name: string): SheetGrid => {
  const s = g.sheets.find((x) => x.sheet === name);
  if (!s) throw new Error(`no sheet ${name} in ${g.sheets.map((x) => x.sheet).join(", ")}`);
  return s;
};
const at = (s: SheetGrid, a1: string): SourceCell | undefined => {
  const { row, col } = parseAddress(a1);
  return cellAt(s, row, col);
};
const column = (s: SheetGrid, col: string, from: number, to: number): unknown[] => {
  const out: unknown[] = [];
  for (let r = from; r <= to; r++) out.push(at(s, `${col}${r}`)?.value ?? null);
  return out;
};
const labels = ANNEX.items.map((i) => i.label.replace(/（/g, "(").replace(/）/g, ")"));

/** Everything of a sheet the jobs look at: values, errors, dates, flags; formula texts apart. */
const essentials = (s: SheetGrid) => ({
  origin: [s.top, s.left],
  hidden: s.hidden === true,
  labels: column(s, "C", 6, 16),
  month: column(s, "E", 6, 16),
  cumulative: column(s, "F", 6, 16),
  unit: at(s, "C4")?.value,
  title: at(s, "B3")?.value,
  afterTitle: at(s, "C3"),
  date: at(s, "F4")?.value,
  dateIsDate: isDateFormat(at(s, "F4")?.numberFormat ?? ""),
  error: at(s, "G7")?.error,
  link: at(s, "G6")?.value,
});

describe("LibreOffice's annex (lo-unit) in every format reads as the .xlsx does", () => {
  const xlsx = readWorkbook(fixture("lo-unit.xlsx"), "lo-unit.xlsx");
  const cases: [string, FormatInfo["format"]][] = [
    ["lo-unit.xls", "xls"],
    ["lo-unit.et", "xls"],
    ["lo-unit.ods", "ods"],
    ["gnumeric-unit.xls", "xls"],
    ["sheetjs-unit.xlsb", "xlsb"],
  ];
  it.each(cases)("%s", (name, format) => {
    expect(workbookFormat(fixture(name), name).format).toBe(format);
    const g = read(name);
    expect(g.source).toBe(name);
    expect(g.sheets.map((s) => [s.sheet, s.hidden === true])).toEqual(xlsx.sheets.map((s) => [s.sheet, s.hidden === true]));
    for (const month of ["2018年6月", "2018年7月"]) expect(essentials(sheet(g, month))).toEqual(essentials(sheet(xlsx, month)));
    const july = sheet(g, "2018年7月");
    expect(column(july, "C", 6, 16)).toEqual(labels);
    expect(column(july, "E", 6, 16)).toEqual([5, "12", "３５", 3, 0.5, 0, 1, 0, 0, 1, 0]);
    expect(at(july, "F4")?.value).toBe(43317); // 2018-08-05
    // The merged title: its value in the top-left cell only, the range kept for a rebuild.
    expect(july.merges).toEqual(["B3:G3"]);
    expect(at(sheet(g, "填表说明"), "A1")?.value).toBe("本表每月10日前报送");
  });

  it("keeps cached formula values with the formula text, spelt the Excel way (ODS too)", () => {
    for (const name of ["lo-unit.xls", "lo-unit.ods", "gnumeric-unit.xls"]) {
      const july = sheet(read(name), "2018年7月");
      expect(at(july, "F6")?.value).toBe(9);
      expect(at(july, "F6")?.formula).toMatch(/^=E6\+'?2018年6月'?!F6$/);
      expect(at(july, "F8")).toEqual({ value: 65 }); // typed by hand
      expect(at(july, "G7")).toMatchObject({ value: null, formula: "=1/0", error: "#DIV/0!" });
    }
  });

  it("finds the same two reports as in the .xlsx", () => {
    const want = locateReports(xlsx, ANNEX, { fileName: "lo-unit.xlsx" }).map((r) => [r.sheet, r.unit?.name, r.items.length]);
    for (const name of ["lo-unit.xls", "lo-unit.ods", "sheetjs-unit.xlsb", "gnumeric-unit.xls"]) {
      expect(locateReports(read(name), ANNEX, { fileName: name }).map((r) => [r.sheet, r.unit?.name, r.items.length])).toEqual(want);
    }
  });
});

describe("openpyxl's annex (uncached formulas, sheet-scoped marks, hidden sheet) after LibreOffice and Gnumeric", () => {
  it.each(["lo-openpyxl-unit.xls", "lo-openpyxl-unit.ods", "gnumeric-openpyxl-unit.xls"])("%s", (name) => {
    const g = read(name);
    expect(g.sheets.map((s) => [s.sheet, s.hidden === true])).toEqual([
      ["2018年7月", false],
      ["旧表", true],
    ]);
    const s = sheet(g, "2018年7月");
    // The marks survive the conversion (BIFF NAME records, ODF named expressions).
    expect(s.marks).toEqual({ period: "2018-07", unit: "廖田镇" });
    expect(sheet(g, "旧表").marks).toBeUndefined();
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "E", 6, 16)).toEqual([6, 14, "40", 1, 0.3, 0, 0, 1, 0, 0, 0]);
    // openpyxl left no cached values; the converters calculated them (40 as text counts).
    expect(column(s, "F", 6, 16)).toEqual([16, 39, 110, 4, 1.85, 1, 0, 2, 0, 0, 0]);
    expect(at(s, "F6")?.formula).toBe("=E6+10");
    expect(at(s, "G7")?.error).toBe("#N/A");
    expect(at(s, "F4")).toMatchObject({ value: 43318 });
    expect(isDateFormat(at(s, "F4")?.numberFormat ?? "")).toBe(true);
  });
});

describe("the Excel-style layout and the 1904 date system, converted by LibreOffice", () => {
  it.each(["lo-prefixed-shared.xls", "lo-prefixed-shared.ods"])("%s: the filled-down 累计数 column", (name) => {
    const s = read(name).sheets[0];
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "F", 6, 16)).toEqual([3, 8, 21, 0, 0.12, 0, 0, 0, 0, 0, 0]);
    expect(at(s, "F16")?.formula).toBe("=E16*1");
    expect(at(s, "F4")?.value).toBe(43315);
  });

  it.each(["lo-openpyxl-1904.xls", "lo-openpyxl-1904.ods"])("%s: dates in the 1900 system, plain numbers untouched", (name) => {
    const s = read(name).sheets[0];
    expect(at(s, "B1")?.value).toBe(43318); // 2018-08-06
    expect(isDateFormat(at(s, "B1")?.numberFormat ?? "")).toBe(true);
    expect(at(s, "B2")).toEqual({ value: 1462 });
  });
});

describe("Excel 95 (BIFF7) from Gnumeric", () => {
  it("is read with the code page tables (text is not Unicode before BIFF8)", () => {
    expect(workbookFormat(fixture("gnumeric-biff7.xls"), "x.xls")).toEqual({ format: "xls", biff: 5 });
    const g = read("gnumeric-biff7.xls");
    // Gnumeric writes Excel 95 text in a Western code page (the Chinese becomes "?"): the
    // figures, dates, formulas and the hidden sheet are what can be checked.
    expect(g.sheets.map((s) => s.hidden === true)).toEqual([false, false, true]);
    const july = g.sheets[1];
    expect(column(july, "E", 6, 16)).toEqual([5, "12", "??", 3, 0.5, 0, 1, 0, 0, 1, 0]);
    expect(column(july, "F", 6, 16)).toEqual([9, 21, 65, 5, 1.75, 1, 1, 0, 0, 1, 0]);
    expect(at(july, "F4")?.value).toBe(43317);
    expect(at(july, "G7")?.error).toBe("#DIV/0!");
  });
});

describe("a Chinese Excel 95 workbook (BIFF5, code page 936), built record by record", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the parser's CFB writer wraps the stream
  const X = require("@e965/xlsx") as SheetJs;
  const rec = (id: number, data: number[]) => [id & 0xff, id >> 8, data.length & 0xff, data.length >> 8, ...data];
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const GBK = { 月报: [212, 194, 177, 168], 云集镇: [212, 198, 188, 175, 213, 242] };

  it("decodes its GBK text with the code page tables", () => {
    const bof = (type: number) => rec(0x0809, [...u16(0x0500), ...u16(type), ...u16(0), ...u16(0)]);
    const head = [...bof(0x0005), ...rec(0x0042, u16(936))];
    const sheetRecord = (pos: number) => rec(0x0085, [...u32(pos), ...u16(0), GBK.月报.length, ...GBK.月报]);
    const eof = rec(0x000a, []);
    const sheetData = [
      ...bof(0x0010),
      ...rec(0x0204, [...u16(0), ...u16(0), ...u16(15), ...u16(GBK.云集镇.length), ...GBK.云集镇]),
      ...rec(0x0203, [...u16(0), ...u16(1), ...u16(15), ...new Uint8Array(new Float64Array([42.5]).buffer)]),
      ...eof,
    ];
    const stream = [...head, ...sheetRecord(head.length + sheetRecord(0).length + eof.length), ...eof, ...sheetData];
    const cfb = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(cfb, "/Book", Buffer.from(stream));
    const bytes = new Uint8Array(X.CFB.write(cfb, { type: "buffer" }) as Buffer);
    expect(workbookFormat(bytes, "excel95.xls")).toEqual({ format: "xls", biff: 5 });
    const g = readAnyWorkbook(bytes, "excel95.xls", nodeSheetJs);
    expect(g.sheets.map((s) => [s.sheet, s.cells])).toEqual([["月报", [[{ value: "云集镇" }, { value: 42.5 }]]]]);
  });
});

describe("sniffed by content, not by name", () => {
  it("reads a .xls named .xlsx, and an .xlsx named .et, with the right reader", () => {
    expect(essentials(sheet(read("lo-unit.xls", "改名.xlsx"), "2018年7月"))).toEqual(essentials(sheet(read("lo-unit.xls"), "2018年7月")));
    expect(workbookFormat(fixture("xlsx-in-disguise.et"), "x.et").format).toBe("xlsx");
  });

  it("never loads the legacy parser for .xlsx", () => {
    const refuse = (): never => {
      throw new Error("legacy parser asked for an .xlsx");
    };
    expect(readAnyWorkbook(fixture("lo-unit.xlsx"), "lo-unit.xlsx", refuse).sheets).toHaveLength(3);
  });

  it("reads legacy files from disk with only the wanted sheets", async () => {
    const g = await readWorkbookFile(join(__dirname, "../fixtures/lo-unit.ods"), { sheets: (n) => n === "2018年7月" });
    expect(g.sheets.map((s) => s.sheet)).toEqual(["2018年7月"]);
  });
});
