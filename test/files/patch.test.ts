import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { cellAt, parseAddress, type SheetGrid, type SourceCell } from "../../src/form/grid";
import { patchWorkbook, readWorkbook, WorkbookPlanError, writeWorkbook } from "../../src/files";
import { annexPlan } from "./plans";
import { hasProgram, sofficeToCsv } from "./external";
import { describeWith } from "../support/needs";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
const at = (s: SheetGrid, a1: string): SourceCell | undefined => {
  const { row, col } = parseAddress(a1);
  return cellAt(s, row, col);
};
const sheetOf = (bytes: Uint8Array, name: string): SheetGrid => {
  const s = readWorkbook(bytes, "x.xlsx").sheets.find((g) => g.sheet === name);
  if (!s) throw new Error(name);
  return s;
};

/** Every cell of a grid as "A1" → cell, to compare what a patch must not touch. */
function cellMap(s: SheetGrid): Map<string, SourceCell> {
  const out = new Map<string, SourceCell>();
  s.cells.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c) out.set(`${String.fromCharCode(65 + s.left + k)}${s.top + r + 1}`, c);
    }),
  );
  return out;
}

describe("patchWorkbook on a LibreOffice file", () => {
  const original = fixture("lo-unit.xlsx");
  const patched = patchWorkbook(original, "lo-unit.xlsx", [
    { sheet: "2018年7月", address: "F6", values: [[100], [200]] },
    { sheet: "2018年7月", address: "H6", values: [[null]], formulas: [["=F6*2"]] },
    { sheet: "2018年7月", address: "F4", values: [[43318]] },
    { sheet: "2018年7月", address: "A20", values: [["=1+1", 3.25, true]], numberFormat: "0.00" },
    { sheet: "2018年7月", address: "A1", values: [["最上"]] },
  ]);

  it("writes the new values and formulas, text stays text", () => {
    const s = sheetOf(patched, "2018年7月");
    expect(at(s, "F6")).toEqual({ value: 100 });
    expect(at(s, "F7")).toEqual({ value: 200 });
    expect(at(s, "H6")).toEqual({ value: null, formula: "=F6*2", uncached: true });
    expect(at(s, "A20")).toEqual({ value: "=1+1", numberFormat: "0.00" });
    expect(at(s, "B20")).toEqual({ value: 3.25, numberFormat: "0.00" });
    expect(at(s, "C20")).toEqual({ value: true, numberFormat: "0.00" });
    expect(at(s, "A1")?.value).toBe("最上");
  });

  it("keeps every other cell, the date style of a patched cell, and other sheets as they were", () => {
    const before = cellMap(sheetOf(original, "2018年7月"));
    const after = cellMap(sheetOf(patched, "2018年7月"));
    for (const k of ["F6", "F7", "H6", "A20", "B20", "C20", "A1", "F4"]) {
      before.delete(k);
      after.delete(k);
    }
    expect(after).toEqual(before);
    const f4 = at(sheetOf(patched, "2018年7月"), "F4");
    expect(f4?.value).toBe(43318);
    expect(f4?.numberFormat).toBe(at(sheetOf(original, "2018年7月"), "F4")?.numberFormat);
    expect(sheetOf(patched, "2018年6月")).toEqual(sheetOf(original, "2018年6月"));
    expect(readWorkbook(patched, "p.xlsx").sheets.map((s) => [s.sheet, s.hidden === true])).toEqual([
      ["2018年6月", false],
      ["2018年7月", false],
      ["填表说明", true],
    ]);
  });

  it("keeps parts it did not need to touch and sets fullCalcOnLoad", () => {
    const a = unzipSync(original);
    const b = unzipSync(patched);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(strFromU8(b["xl/worksheets/sheet1.xml"])).toBe(strFromU8(a["xl/worksheets/sheet1.xml"]));
    expect(strFromU8(b["xl/sharedStrings.xml"])).toBe(strFromU8(a["xl/sharedStrings.xml"]));
    expect(strFromU8(b["xl/workbook.xml"])).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(strFromU8(b["xl/worksheets/sheet2.xml"])).toContain('<dimension ref="A1:H20"/>');
  });

  it("refuses writes to a sheet that does not exist or of the wrong shape", () => {
    expect(() => patchWorkbook(original, "x.xlsx", [{ sheet: "2018年8月", address: "A1", values: [[1]] }])).toThrow(WorkbookPlanError);
    expect(() => patchWorkbook(original, "x.xlsx", [{ sheet: "2018年7月", address: "A1", values: [[1, 2]], formulas: [["=1"]] }])).toThrow(
      /shape/,
    );
  });
});

describe("patchWorkbook on Excel-style parts", () => {
  it("removes calcChain.xml with its relationship and content type", () => {
    const parts = unzipSync(fixture("lo-unit.xlsx"));
    parts["xl/calcChain.xml"] = strToU8(
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="F6" i="2"/></calcChain>',
    );
    const rels = "xl/_rels/workbook.xml.rels";
    parts[rels] = strToU8(
      strFromU8(parts[rels]).replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    parts["[Content_Types].xml"] = strToU8(
      strFromU8(parts["[Content_Types].xml"]).replace(
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const out = unzipSync(patchWorkbook(zipSync(parts), "c.xlsx", [{ sheet: "2018年7月", address: "F6", values: [[1]] }]));
    expect(out["xl/calcChain.xml"]).toBeUndefined();
    expect(strFromU8(out[rels])).not.toContain("calcChain");
    expect(strFromU8(out["[Content_Types].xml"])).not.toContain("calcChain");
  });

  it("overwriting a shared formula's master gives the rest of the group their own formulas (x: prefixes kept)", () => {
    const original = fixture("prefixed-shared.xlsx");
    const patched = patchWorkbook(original, "s.xlsx", [
      { sheet: "2018年7月", address: "F6", values: [[99]] },
      { sheet: "2018年7月", address: "I30", values: [["新"]] },
    ]);
    const s = sheetOf(patched, "2018年7月");
    expect(at(s, "F6")).toEqual({ value: 99 });
    expect(at(s, "F7")).toEqual({ value: 8, formula: "=E7*1" });
    expect(at(s, "F16")).toEqual({ value: 0, formula: "=E16*1" });
    expect(at(s, "I30")?.value).toBe("新");
    const xml = strFromU8(unzipSync(patched)["xl/worksheets/sheet1.xml"]);
    expect(xml).not.toContain('t="shared"');
    expect(xml).toContain('<x:c r="I30" t="inlineStr"><x:is><x:t xml:space="preserve">新</x:t></x:is></x:c>');
  });
});

const soffice = hasProgram("soffice");
describeWith({ what: "LibreOffice (soffice)", install: "apt-get install -y libreoffice-calc-nogui", available: soffice })(
  "LibreOffice opens what we write and patch",
  () => {
    it("computes our formulas and shows patched values (one soffice run)", () => {
      const dir = mkdtempSync(join(tmpdir(), "yb-lo-"));
      const ours = join(dir, "ours.xlsx");
      const patchedFile = join(dir, "patched.xlsx");
      const july = [5, 12, 35, 3, 0.5, 0, 1, 0, 0, 1, 0];
      const june = [4, 9, 30, 2, 1.25, 1, 0, 0, 0, 0, 0];
      const plan = annexPlan("2018年7月", july, { prior: "2018年6月" });
      plan.rows[1][4] = { value: "=1+1" };
      writeFileSync(ours, writeWorkbook([plan, annexPlan("2018年6月", june)]));
      writeFileSync(
        patchedFile,
        patchWorkbook(fixture("lo-unit.xlsx"), "lo-unit.xlsx", [
          { sheet: "2018年6月", address: "F6", values: [[null], [null]], formulas: [["=E6*10"], ["=E7*10"]] },
          { sheet: "2018年6月", address: "H6", values: [["已核"]] },
        ]),
      );
      const csv = sofficeToCsv([ours, patchedFile]);
      const oursRows = (csv.get("ours.xlsx") ?? "").replace(/"/g, "").split("\n");
      const lo = (csv.get("patched.xlsx") ?? "").replace(/"/g, "").split("\n");
      expect(oursRows[1]).toBe("填报单位(盖章):,云集镇,填报时间:,2018年8月5日,=1+1");
      // 累计数 = 本月数 + June's figure, computed by LibreOffice on open.
      expect(oursRows[3]).toBe("组织（包括日常、集中、联合、专项等）执法活动,次,5,9,");
      expect(oursRows[7]).toBe("经济处罚,万元,0.5000,1.7500,");
      expect(lo[5]).toBe(",1,组织(包括日常、集中、联合、专项等)执法活动,次,4,40,详见通报,已核");
      expect(lo[6]).toBe(",2,出动执法人员,人(次),9,90,#DIV/0!,");
      expect(lo[7]).toBe(",3,检查生产经营单位,家(次),30,30,,");
    });
  },
);
