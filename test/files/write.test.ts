import { execFileSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { unzipSync, strFromU8 } from "fflate";
import * as zlib from "zlib";
import { deflateRawSync } from "zlib";
import { zlibCrc32 } from "../../src/files/node";
import { cellAt, parseAddress, type SheetGrid, type SourceCell } from "../../src/form/grid";
import type { SheetPlan } from "../../src/form/plan";
import { ANNEX } from "../../src/form/spec";
import { readWorkbook, WorkbookPlanError, writeWorkbook } from "../../src/files";
import { annexPlan } from "./plans";
import { pythonWithOpenpyxl } from "./external";
import { describeWith } from "../support/needs";

const JUNE = [4, 9, 30, 2, 1.25, 1, 0, 0, 0, 0, 0];
const JULY = [5, 12, 35, 3, 0.5, 0, 1, 0, 0, 1, 0];
const at = (s: SheetGrid, a1: string): SourceCell | undefined => {
  const { row, col } = parseAddress(a1);
  return cellAt(s, row, col);
};

function plainPlan(name: string, values: SheetPlan["rows"]): SheetPlan {
  return { name, rows: values, styles: {}, merges: [], columnWidths: [] };
}

describe("writeWorkbook → readWorkbook round trip", () => {
  const bytes = writeWorkbook([annexPlan("2018年6月", JUNE), annexPlan("2018年7月", JULY, { prior: "2018年6月" })], { creator: "测试" });
  const g = readWorkbook(bytes, "ours.xlsx");

  it("gives back values, formulas (uncached), number formats and marks", () => {
    expect(g.sheets.map((s) => s.sheet)).toEqual(["2018年6月", "2018年7月"]);
    const july = g.sheets[1];
    expect([july.top, july.left]).toEqual([0, 0]);
    expect(at(july, "A1")?.value).toBe(ANNEX.title);
    expect(ANNEX.items.map((_, i) => at(july, `A${4 + i}`)?.value)).toEqual(ANNEX.items.map((i) => i.label));
    expect(ANNEX.items.map((_, i) => at(july, `C${4 + i}`)?.value)).toEqual(JULY);
    expect(at(july, "C4")?.numberFormat).toBe("0");
    expect(at(july, "C8")).toEqual({ value: 0.5, numberFormat: "0.0000" });
    expect(at(july, "D4")).toEqual({ value: null, formula: "=C4+'2018年6月'!D4", uncached: true, numberFormat: "0" });
    expect(at(july, "D2")?.value).toBe(43317);
    expect(at(july, "D2")?.numberFormat).toBe('yyyy"年"m"月"d"日"');
    expect(july.marks).toEqual({ period: "2018-07", form: ANNEX.id });
    expect(g.sheets[0].marks).toEqual({ period: "2018-07", form: ANNEX.id });
  });

  it("keeps hostile text as text, booleans as booleans", () => {
    const texts = ["=1+1", "+1", "-2", "@SUM(A1)", '=HYPERLINK("http://x","y")', "  padded  ", "a&b<c>\"'", "line1\nline2"];
    const b = writeWorkbook([plainPlan("S", [texts.map((value) => ({ value })), [{ value: true }, { value: false }, { value: 0 }]])]);
    const s = readWorkbook(b, "t.xlsx").sheets[0];
    expect(s.cells[0].map((c) => c)).toEqual(texts.map((value) => ({ value })));
    expect(s.cells[1]).toEqual([{ value: true }, { value: false }, { value: 0 }]);
  });

  it("writes fullCalcOnLoad, print names, A4 set-up, protection and validation into the parts", () => {
    const parts = unzipSync(bytes);
    const wb = strFromU8(parts["xl/workbook.xml"]);
    expect(wb).toContain('fullCalcOnLoad="1"');
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;2018年7月&apos;!$A$1:$D$15</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;2018年7月&apos;!$1:$3</definedName>`);
    // Marks: a hidden workbook-scoped name per sheet referring to its A1 (src/form/marks.ts).
    expect(wb).toContain(
      `<definedName name="Yuebao_2.period.2018_2D07.form.qiangzhifa_2Dfangshigu_2Dmonthly" hidden="1">&apos;2018年7月&apos;!$A$1</definedName>`,
    );
    const sheet = strFromU8(parts["xl/worksheets/sheet2.xml"]);
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).toContain('<printOptions horizontalCentered="1"/>');
    expect(sheet).toContain('<sheetProtection sheet="1" objects="1" scenarios="1"/>');
    expect(sheet).toMatch(/<dataValidation type="decimal" operator="greaterThanOrEqual"[^>]*sqref="C8:D8"><formula1>0<\/formula1>/);
    expect(sheet).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    const styles = strFromU8(parts["xl/styles.xml"]);
    expect(styles).toMatch(/<numFmt numFmtId="16[4-9]" formatCode="0.0000"\/>/);
    expect(styles).toContain('<name val="宋体"/>');
    expect(styles).not.toMatch(/<name val="(?!宋体)/);
  });

  it("refuses plans Excel could not open, with a typed error", () => {
    const bad = (names: string[]): string => {
      try {
        writeWorkbook(names.map((n) => plainPlan(n, [[{ value: 1 }]])));
      } catch (e) {
        return e instanceof WorkbookPlanError ? e.code : "other";
      }
      return "none";
    };
    expect(bad(["2018/07"])).toBe("bad-sheet-name");
    expect(bad(["a".repeat(32)])).toBe("bad-sheet-name");
    expect(bad(["[x]"])).toBe("bad-sheet-name");
    expect(bad(["'x"])).toBe("bad-sheet-name");
    expect(bad([""])).toBe("bad-sheet-name");
    expect(bad(["Sheet", "SHEET"])).toBe("duplicate-sheet-name");
    expect(bad(["a".repeat(31), "2018年7月"])).toBe("none");
    const badMark = { ...plainPlan("S", []), marks: { "no space": "x" } };
    expect(() => writeWorkbook([badMark])).toThrow(WorkbookPlanError);
    const badStyle = plainPlan("S", [[{ value: 1, style: "missing" }]]);
    expect(() => writeWorkbook([badStyle])).toThrow(/unknown style/);
  });
});

const py = pythonWithOpenpyxl();
const describeOpenpyxl = describeWith({ what: "openpyxl", install: "apt-get install -y python3-openpyxl", available: Boolean(py) });

describeOpenpyxl("openpyxl reads what we write", () => {
  it("sees values, text as text, merges, formats, protection, print set-up, names and validation", () => {
    const dir = mkdtempSync(join(tmpdir(), "yb-write-"));
    const file = join(dir, "ours.xlsx");
    const plan = annexPlan("2018年7月", JULY, { prior: "2018年6月" });
    plan.rows[1][4] = { value: "=1+1" }; // text from someone's file: must stay text
    writeFileSync(file, writeWorkbook([plan, annexPlan("2018年6月", JUNE)]));
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["2018年7月"]
c = lambda a: ws[a]
out = {
  "sheets": wb.sheetnames,
  "text": [c("E2").value, c("E2").data_type],
  "label": c("A4").value, "c4": c("C4").value, "c8": c("C8").value,
  "d4": [c("D4").value, c("D4").data_type],
  "merges": [str(m) for m in ws.merged_cells.ranges],
  "fmt": [c("C4").number_format, c("C8").number_format, c("D2").number_format],
  "font": [c("A1").font.name, c("A1").font.b, c("A1").font.sz, c("A4").font.name],
  "align": [c("A1").alignment.horizontal, c("A4").alignment.wrap_text],
  "border": c("A4").border.left.style,
  "fill": c("A3").fill.fgColor.rgb,
  "locked": [c("A4").protection.locked, c("C4").protection.locked, c("B2").protection.locked],
  "protected": ws.protection.sheet,
  "paper": [ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage],
  "center": ws.print_options.horizontalCentered,
  "area": (lambda pa: (pa if isinstance(pa, str) else ",".join(pa)).split("!")[-1])(ws.print_area), "titles": ws.print_title_rows,
  "widths": [ws.column_dimensions["A"].width, ws.column_dimensions["C"].width],
  "height": ws.row_dimensions[1].height,
  "freeze": ws.freeze_panes,
  "dv": sorted([[d.type, d.operator, d.formula1, str(d.sqref), d.prompt] for d in ws.data_validations.dataValidation]),
  "names": sorted([[d.name, d.localSheetId, d.attr_text] for d in wb.defined_names.definedName]),
}
print(json.dumps(out, ensure_ascii=False))
`;
    const res = JSON.parse(execFileSync(py as string, ["-c", script, file], { encoding: "utf8" }));
    expect(res.sheets).toEqual(["2018年7月", "2018年6月"]);
    expect(res.text).toEqual(["=1+1", "s"]);
    expect(res.label).toBe(ANNEX.items[0].label);
    expect([res.c4, res.c8]).toEqual([5, 0.5]);
    expect(res.d4).toEqual(["=C4+'2018年6月'!D4", "f"]);
    expect(res.merges).toEqual(["A1:D1"]);
    expect(res.fmt).toEqual(["0", "0.0000", 'yyyy"年"m"月"d"日"']);
    expect(res.font).toEqual(["宋体", true, 16, "宋体"]);
    expect(res.align).toEqual(["center", true]);
    expect(res.border).toBe("thin");
    expect(res.fill).toBe("FFD9E1F2");
    expect(res.locked).toEqual([true, false, false]);
    expect(res.protected).toBe(true);
    expect(res.paper).toEqual([9, "portrait", 1, 0, true]);
    expect(res.center).toBe(true);
    expect(res.area).toBe("$A$1:$D$15");
    expect(res.titles).toBe("$1:$3");
    expect(res.widths).toEqual([40, 12]);
    expect(res.height).toBe(30);
    expect(res.freeze).toBe("A4");
    expect(res.dv).toEqual([
      ["decimal", "greaterThanOrEqual", "0", "C8:D8", "单位:万元,最多 4 位小数"],
      ["whole", "greaterThanOrEqual", "0", "C4:D7", "请填写不小于 0 的整数"],
    ]);
    // Workbook-scoped (no localSheetId), referring to each sheet's A1.
    expect(res.names).toEqual(
      expect.arrayContaining([
        ["Yuebao_1.period.2018_2D07.form.qiangzhifa_2Dfangshigu_2Dmonthly", null, "'2018年7月'!$A$1"],
        ["Yuebao_2.period.2018_2D07.form.qiangzhifa_2Dfangshigu_2Dmonthly", null, "'2018年6月'!$A$1"],
      ]),
    );
  });
});

describe("a host's own deflate (Node's zlib on the command line)", () => {
  const plans = [annexPlan("2018年6月", JUNE), annexPlan("2018年7月", JULY, { prior: "2018年6月" })];
  const created = new Date(2018, 7, 12, 9, 30, 14);
  const ours = writeWorkbook(plans, { creator: "测试", created });
  const native = writeWorkbook(plans, { creator: "测试", created, deflateRaw: (d) => deflateRawSync(d, { level: 1 }), crc32: zlibCrc32 });
  // Our own CRC-32 with the host's deflate: the same bytes again.
  const ownCrc = writeWorkbook(plans, { creator: "测试", created, deflateRaw: (d) => deflateRawSync(d, { level: 1 }) });

  it("the same parts, names, order, times and CRCs as fflate's zip; only the deflated bytes differ", () => {
    const a = unzipSync(ours);
    const b = unzipSync(native);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expect(strFromU8(b[k])).toBe(strFromU8(a[k]));
    const entries = (z: Uint8Array) => {
      const v = new DataView(z.buffer, z.byteOffset, z.byteLength);
      const end = z.length - 22;
      const count = v.getUint16(end + 10, true);
      let p = v.getUint32(end + 16, true);
      const out: number[][] = [];
      for (let i = 0; i < count; i++) {
        // version made by/needed, flags, method, DOS time, CRC, uncompressed size, name length
        out.push(
          [4, 6, 8, 10]
            .map((o) => v.getUint16(p + o, true))
            .concat([v.getUint32(p + 12, true), v.getUint32(p + 16, true), v.getUint32(p + 24, true)]),
        );
        p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
      }
      return out;
    };
    expect(entries(native)).toEqual(entries(ours));
    // zlib.crc32 came in Node 20.15: older ones use our own, which the line above checks.
    if (typeof (zlib as { crc32?: unknown }).crc32 === "function") expect(zlibCrc32).toBeDefined();
    expect(Buffer.from(ownCrc).equals(Buffer.from(native))).toBe(true);
    expect(readWorkbook(native, "native.xlsx")).toEqual(readWorkbook(ours, "native.xlsx"));
  });

  describeOpenpyxl("read by Python's zipfile and openpyxl", () => {
    it("passes zipfile's CRC check and opens in openpyxl", () => {
      const dir = mkdtempSync(join(tmpdir(), "yuebao-zip-"));
      const file = join(dir, "native.xlsx");
      writeFileSync(file, native);
      const out = execFileSync(
        py as string,
        [
          "-c",
          "import sys, zipfile, openpyxl; print(zipfile.ZipFile(sys.argv[1]).testzip()); print(openpyxl.load_workbook(sys.argv[1]).sheetnames)",
          file,
        ],
        { encoding: "utf8" },
      );
      expect(out.trim().split("\n")).toEqual(["None", "['2018年6月', '2018年7月']"]);
    });
  });
});
