import { readFileSync } from "fs";
import { join } from "path";
import { cellAt, type SheetGrid, type SourceCell, type WorkbookGrids } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";
import { isDateFormat, listSheetNames, readWorkbook } from "../../src/files";
import { parseAddress } from "../../src/form/grid";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
const read = (name: string): WorkbookGrids => readWorkbook(fixture(name), name);
const sheet = (g: WorkbookGrids, name: string): SheetGrid => {
  const s = g.sheets.find((x) => x.sheet === name);
  if (!s) throw new Error(`no sheet ${name}`);
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
// The fixtures were typed from the notice as published, with half-width brackets.
const labels = ANNEX.items.map((i) => i.label.replace(/（/g, "(").replace(/）/g, ")"));

describe("LibreOffice 7.4 .xlsx (lo-unit.xlsx)", () => {
  const g = read("lo-unit.xlsx");

  it("lists every sheet, the hidden one included and flagged", () => {
    expect(g.source).toBe("lo-unit.xlsx");
    expect(g.sheets.map((s) => [s.sheet, s.hidden === true])).toEqual([
      ["2018年6月", false],
      ["2018年7月", false],
      ["填表说明", true],
    ]);
    expect(at(sheet(g, "填表说明"), "A1")?.value).toBe("本表每月10日前报送");
  });

  it("starts the used area at B3 and keeps the merged title in its top-left cell", () => {
    const s = sheet(g, "2018年7月");
    expect([s.top, s.left]).toEqual([2, 1]);
    expect(at(s, "B3")?.value).toBe("安全监管“强执法防事故”行动情况月报表");
    expect(at(s, "C3")).toBeUndefined();
  });

  it("reads labels, numbers, numbers stored as text and full-width digits as they are", () => {
    const s = sheet(g, "2018年7月");
    expect(column(s, "B", 5, 16)).toEqual(["序号", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "E", 6, 16)).toEqual([5, "12", "３５", 3, 0.5, 0, 1, 0, 0, 1, 0]);
    expect(at(s, "G5")?.value).toBe("备注");
  });

  it("gives formulas with their cached values and formula text", () => {
    const s = sheet(g, "2018年7月");
    expect(column(s, "F", 6, 16)).toEqual([9, 21, 65, 5, 1.75, 1, 1, 0, 0, 1, 0]);
    expect(at(s, "F6")).toEqual({ value: 9, formula: "=E6+2018年6月!F6" });
    expect(at(s, "F7")?.formula).toBe("=VALUE(E7)+2018年6月!F7");
    expect(at(s, "F8")).toEqual({ value: 65 }); // typed by hand
  });

  it("reads rich text as plain text, hyperlinks as their text, errors as errors", () => {
    const s = sheet(g, "2018年7月");
    expect(at(s, "B4")?.value).toBe("填报单位(盖章):");
    expect(at(s, "C4")?.value).toBe("云集镇人民政府");
    expect(at(s, "G6")?.value).toBe("详见通报");
    expect(at(s, "G7")).toEqual({ value: null, formula: "=1/0", error: "#DIV/0!" });
  });

  it("gives the 填报时间 date as a serial with a date format", () => {
    const june = sheet(g, "2018年6月");
    const july = sheet(g, "2018年7月");
    expect(at(june, "F4")?.value).toBe(43287); // 2018-07-06
    expect(at(july, "F4")?.value).toBe(43317); // 2018-08-05
    expect(isDateFormat(at(july, "F4")?.numberFormat ?? "")).toBe(true);
    expect(at(july, "E6")?.numberFormat).toBeUndefined();
  });

  it("reads only the sheets the filter accepts", () => {
    const only = readWorkbook(fixture("lo-unit.xlsx"), "x.xlsx", { sheets: (n) => n === "2018年6月" });
    expect(only.sheets.map((s) => s.sheet)).toEqual(["2018年6月"]);
    expect(listSheetNames(fixture("lo-unit.xlsx"))).toEqual(["2018年6月", "2018年7月", "填表说明"]);
  });
});

describe("Gnumeric 1.12 .xlsx (gnumeric-unit.xlsx)", () => {
  const g = read("gnumeric-unit.xlsx");
  it("reads the same figures from Gnumeric's pretty-printed parts", () => {
    expect(g.sheets.map((s) => s.sheet)).toEqual(["2018年6月", "2018年7月", "填表说明"]);
    const s = sheet(g, "2018年7月");
    expect([s.top, s.left]).toEqual([2, 1]);
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "E", 6, 16)).toEqual([5, "12", "３５", 3, 0.5, 0, 1, 0, 0, 1, 0]);
    expect(column(s, "F", 6, 16)).toEqual([9, 21, 65, 5, 1.75, 1, 1, 0, 0, 1, 0]);
    expect(at(s, "F6")).toEqual({ value: 9, formula: "=E6+'2018年6月'!F6" });
    expect(at(s, "C4")?.value).toBe("云集镇人民政府");
    expect(at(s, "G7")?.error).toBe("#DIV/0!");
    expect(at(s, "F4")?.value).toBe(43317);
    expect(isDateFormat(at(s, "F4")?.numberFormat ?? "")).toBe(true);
  });
});

describe("openpyxl 3.0 .xlsx (openpyxl-unit.xlsx)", () => {
  const g = read("openpyxl-unit.xlsx");
  const s = sheet(g, "2018年7月");

  it("flags formulas without cached values instead of reading them as 0", () => {
    expect(at(s, "F6")).toEqual({ value: null, formula: "=E6+10", uncached: true });
    expect(at(s, "F10")).toEqual({ value: null, formula: "=E10+1.55", uncached: true });
  });

  it("reads inline strings with character references, text numbers and errors", () => {
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "E", 6, 16)).toEqual([6, 14, "40", 1, 0.3, 0, 0, 1, 0, 0, 0]);
    expect(at(s, "C4")?.value).toBe("廖田镇");
    expect(at(s, "G7")).toEqual({ value: null, error: "#N/A" });
    expect(at(s, "G6")?.value).toBe("详见通报");
  });

  it("turns sheet-scoped Yuebao_ names into marks (and nothing else)", () => {
    expect(s.marks).toEqual({ period: "2018-07", unit: "廖田镇" });
    expect(sheet(g, "旧表").marks).toBeUndefined();
    expect(sheet(g, "旧表").hidden).toBe(true);
  });

  it("keeps the date format code of 填报时间", () => {
    expect(at(s, "F4")).toEqual({ value: 43318, numberFormat: 'yyyy"年"m"月"d"日"' });
  });
});

describe("1904 date system and hand-edited Excel-style parts", () => {
  it("moves date-formatted serials of a 1904 workbook to the 1900 system, not plain numbers", () => {
    const s = read("openpyxl-1904.xlsx").sheets[0];
    expect(at(s, "B1")).toEqual({ value: 43318, numberFormat: "yyyy-mm-dd" }); // 2018-08-06
    expect(at(s, "B2")).toEqual({ value: 1462 });
  });

  it("reads x:-prefixed parts and gives every cell of a shared formula its own text", () => {
    const s = read("prefixed-shared.xlsx").sheets[0];
    expect(column(s, "C", 6, 16)).toEqual(labels);
    expect(column(s, "F", 6, 16)).toEqual([3, 8, 21, 0, 0.12, 0, 0, 0, 0, 0, 0]);
    expect(at(s, "F6")?.formula).toBe("=E6*1");
    expect(at(s, "F7")?.formula).toBe("=E7*1");
    expect(at(s, "F16")?.formula).toBe("=E16*1");
    expect(at(s, "F4")?.value).toBe(43315);
  });
});
