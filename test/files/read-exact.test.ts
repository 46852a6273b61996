/**
 * What real Excel writes, read exactly (namespaces, line ends, _xHHHH_ escapes, shared
 * strings that are not there), and references past Excel's grid refused as corrupt.
 * Inputs are fixtures written by openpyxl and LibreOffice, edited here the way Excel or a
 * damaged file differs from them.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { cellAt, parseAddress, type SheetGrid, type SourceCell } from "../../src/form/grid";
import { locateReports } from "../../src/form/locate";
import { ANNEX } from "../../src/form/spec";
import { checkReport } from "../../src/jobs/check-report";
import { readWorkbook, WorkbookReadError } from "../../src/files";
import { buildZip, workbookEntries } from "./zip-builders";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
const at = (s: SheetGrid, a1: string): SourceCell | undefined => {
  const { row, col } = parseAddress(a1);
  return cellAt(s, row, col);
};

/** The fixture with some parts rewritten (text in, text out). */
function edited(name: string, edits: Record<string, (xml: string) => string>): Uint8Array {
  const parts = unzipSync(fixture(name));
  for (const [part, edit] of Object.entries(edits)) {
    if (!parts[part]) throw new Error(`${name} has no ${part}`);
    const before = strFromU8(parts[part]);
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${part} changed nothing`);
    parts[part] = strToU8(after);
  }
  return zipSync(parts);
}

/** A one-sheet workbook whose sheet part is `sheetData` inside a worksheet element. */
const oneSheet = (sheetData: string): Uint8Array =>
  buildZip(workbookEntries(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData}</worksheet>`));

function errorOf(fn: () => unknown): WorkbookReadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorkbookReadError) return err;
    throw err;
  }
  throw new Error("no error");
}

describe("elements are matched by namespace", () => {
  it("keeps a 1904 workbook in 1904 when Excel's x15:workbookPr follows the main one", () => {
    const x15 =
      '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
      '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>';
    const bytes = edited("openpyxl-1904.xlsx", { "xl/workbook.xml": (x) => x.replace("</workbook>", x15) });
    expect(strFromU8(unzipSync(bytes)["xl/workbook.xml"])).toMatch(/date1904="1".*x15:workbookPr/s);
    const s = readWorkbook(bytes, "x15.xlsx").sheets[0];
    expect(at(s, "B1")?.value).toBe(43318); // 2018-08-06, as without the extension
    expect(at(s, "B2")?.value).toBe(1462);
  });

  it("reads ISO strict files (the purl.oclc.org namespace) like transitional ones", () => {
    const strict = (x: string): string =>
      x.replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, "http://purl.oclc.org/ooxml/spreadsheetml/main");
    const parts = unzipSync(fixture("lo-unit.xlsx"));
    const edits: Record<string, (x: string) => string> = {};
    for (const p of Object.keys(parts)) if (p.startsWith("xl/") && p.endsWith(".xml")) edits[p] = strict;
    const a = readWorkbook(fixture("lo-unit.xlsx"), "t.xlsx");
    const b = readWorkbook(edited("lo-unit.xlsx", edits), "s.xlsx");
    expect(b.sheets).toEqual(a.sheets);
  });

  it("ignores elements of other namespaces that share a local name with a cell", () => {
    const bytes = oneSheet(
      '<sheetData><row r="1"><c r="A1"><v>1</v></c><o:c xmlns:o="urn:other" r="B1"><o:v>2</o:v></o:c><c r="C1" xmlns="urn:other"><v>3</v></c></row></sheetData>',
    );
    const s = readWorkbook(bytes, "ns.xlsx").sheets[0];
    expect([at(s, "A1")?.value, at(s, "B1"), at(s, "C1")]).toEqual([1, undefined, undefined]);
  });

  it("honours a prefix bound to the main namespace on any element, as the OpenXML SDK writes", () => {
    const bytes = oneSheet(
      '<sheetData><s:row xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="2"><s:c r="B2" t="inlineStr"><s:is><s:t>甲</s:t></s:is></s:c></s:row></sheetData>',
    );
    expect(at(readWorkbook(bytes, "p.xlsx").sheets[0], "B2")?.value).toBe("甲");
  });
});

describe("line ends and Excel's _xHHHH_ escapes", () => {
  const sst = (items: string[]): string =>
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items
      .map((t) => `<si><t xml:space="preserve">${t}</t></si>`)
      .join("")}</sst>`;

  it("reads CR LF and a lone CR as LF, _x000D_ as CR, _x005F_x000D_ as the literal text", () => {
    const texts = ["ABC_x000D_\r\nDEF", "一\r二\r\n三", "_x005F_x000D_", "tab_x0009_end", "&#13;kept"];
    const bytes = edited("lo-unit.xlsx", {
      "xl/sharedStrings.xml": () => sst(texts),
      "xl/worksheets/sheet3.xml": (x) => x.replace(/<sheetData>.*<\/sheetData>/s, sheetWithStrings(texts.length)),
    });
    const s = readWorkbook(bytes, "eol.xlsx").sheets.find((g) => g.sheet === "填表说明") as SheetGrid;
    expect(texts.map((_, i) => at(s, `A${i + 1}`)?.value)).toEqual(["ABC\r\nDEF", "一\n二\n三", "_x000D_", "tab\tend", "\rkept"]);
  });

  it("normalises inline strings and cached formula text the same way", () => {
    const bytes = oneSheet(
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c><c r="B1" t="str"><f>"x"</f><v>p\r\nq_x000D_</v></c></row></sheetData>',
    );
    const s = readWorkbook(bytes, "eol.xlsx").sheets[0];
    expect([at(s, "A1")?.value, at(s, "B1")?.value]).toEqual(["a\nb\nc", "p\nq\r"]);
  });
});

function sheetWithStrings(n: number): string {
  let rows = "";
  for (let i = 0; i < n; i++) rows += `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`;
  return `<sheetData>${rows}</sheetData>`;
}

describe("a cell whose text is not in the file is a finding on that cell", () => {
  /** lo-unit.xlsx's July sheet with 本月数 of the first item (E6) pointing at shared string `index`. */
  const withE6 = (index: string, sstEdit?: (x: string) => string): Uint8Array =>
    edited("lo-unit.xlsx", {
      "xl/worksheets/sheet2.xml": (x) => x.replace(/<c r="E6"[^>]*>.*?<\/c>/, `<c r="E6" s="0" t="s"><v>${index}</v></c>`),
      ...(sstEdit ? { "xl/sharedStrings.xml": sstEdit } : {}),
    });

  const findingsAtE6 = (bytes: Uint8Array): unknown[] => {
    const reports = locateReports(readWorkbook(bytes, "bad.xlsx"), ANNEX, { fileName: "bad.xlsx" });
    const july = reports.find((r) => r.sheet === "2018年7月");
    if (!july) throw new Error("no July report");
    const { findings } = checkReport(july, reports, { spec: ANNEX, startMonth: 1, deadlineDay: 10 });
    return findings.filter((f) => f.cell === "E6").map((f) => [f.severity, f.code, "reason" in f.params ? f.params.reason : undefined]);
  };

  it("reads an index past the shared strings as unreadable, and validate says so at E6", () => {
    const bytes = withE6("99999");
    const july = readWorkbook(bytes, "bad.xlsx").sheets.find((s) => s.sheet === "2018年7月") as SheetGrid;
    expect(at(july, "E6")).toEqual({ value: null, unreadable: "shared-string-index" });
    expect(findingsAtE6(bytes)).toEqual([["error", "cell-unreadable", "shared-string-index"]]);
    expect(findingsAtE6(withE6("-1"))).toEqual([["error", "cell-unreadable", "shared-string-index"]]);
  });

  it("reads a shared-strings part in another vocabulary as unreadable, not as empty cells", () => {
    const bytes = withE6("0", (x) => x.replace(/<sst xmlns="[^"]*"/, '<sst xmlns="urn:some-other-dialect"'));
    const july = readWorkbook(bytes, "bad.xlsx").sheets.find((s) => s.sheet === "2018年7月") as SheetGrid;
    // Every shared-string cell, the labels (C6) with them: no report can be found on such a
    // sheet, and none is silently read as blank figures.
    expect([at(july, "E6"), at(july, "C6")]).toEqual([
      { value: null, unreadable: "shared-strings-dialect" },
      { value: null, unreadable: "shared-strings-dialect" },
    ]);
  });
});

describe("references past Excel's grid are a corrupt sheet, at once", () => {
  const cases: [string, string][] = [
    ["cell row past 1,048,576", '<sheetData><row r="1"><c r="A99999999"><v>1</v></c></row></sheetData>'],
    ["cell column past XFD", '<sheetData><row r="3"><c r="ZZZZZ3"><v>1</v></c></row></sheetData>'],
    ["four-letter column", '<sheetData><row r="15"><c r="AAAA15"><v>1</v></c></row></sheetData>'],
    ["XFE", '<sheetData><row r="1"><c r="XFE1"/></row></sheetData>'],
    ["row number", '<sheetData><row r="900000000"><c><v>1</v></c></row></sheetData>'],
    ["row zero", '<sheetData><row r="0"/></sheetData>'],
    ["malformed reference", '<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>'],
    ["dimension", '<dimension ref="A1:A99999999"/><sheetData/>'],
    ["merge", '<sheetData/><mergeCells count="1"><mergeCell ref="A1:XFE2"/></mergeCells>'],
  ];
  it.each(cases)("%s", (_what, xml) => {
    const err = errorOf(() => readWorkbook(oneSheet(xml), "far.xlsx"));
    expect([err.code, err.file]).toEqual(["corrupt", "far.xlsx"]);
  });

  it("reads the grid's last row and column, and holds only the cells present", () => {
    const s = readWorkbook(
      oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>'),
      "edge.xlsx",
    ).sheets[0];
    expect([at(s, "A1")?.value, at(s, "XFD1048576")?.value]).toEqual([1, 2]);
    // Two rows and two cells, not a million rows of sixteen thousand columns.
    expect(Object.keys(s.cells)).toEqual(["0", "1048575"]);
    expect(Object.keys(s.cells[1048575])).toEqual(["16383"]);
  });
});

describe("empty cells and the cell limit", () => {
  it("keeps nothing for empty styled cells, however many", () => {
    let rows = "";
    for (let r = 1; r <= 5000; r++)
      rows += `<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/><c r="C${r}" s="1"/><c r="D${r}" s="1"/></row>`;
    const s = readWorkbook(oneSheet(`<sheetData>${rows}<row r="5001"><c r="B5001"><v>7</v></c></row></sheetData>`), "styled.xlsx")
      .sheets[0];
    expect([s.top, s.left, s.cells.length, at(s, "B5001")?.value]).toEqual([5000, 1, 1, 7]);
  });

  it("refuses a workbook with more cells with content than the limit, as too large", () => {
    expect(errorOf(() => readWorkbook(fixture("lo-unit.xlsx"), "lo.xlsx", { maxCells: 50 })).code).toBe("too-large");
    expect(readWorkbook(fixture("lo-unit.xlsx"), "lo.xlsx", { maxCells: 1000 }).sheets.length).toBe(3);
  });
});
