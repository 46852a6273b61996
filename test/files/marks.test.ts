/**
 * Marks in .xlsx files: what our writer puts there (a hidden workbook-scoped name per marked
 * sheet, referring to its A1), what the reader makes of it after other programs renamed,
 * moved or deleted sheets (LibreOffice through UNO, openpyxl), the earlier sheet-scoped form,
 * and that fill's patch keeps them.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { patchWorkbook, readWorkbook, writeWorkbook } from "../../src/files";
import { templatePlan } from "../../src/form/layout";
import { ANNEX } from "../../src/form/spec";
import { pythonWithOpenpyxl } from "./external";
import { testWith } from "../support/needs";

const JUNE = { year: 2018, month: 6 };
const JULY = { year: 2018, month: 7 };
const FORM = "qiangzhifa_2Dfangshigu_2Dmonthly";

/** Two months, the second one with an apostrophe and a space in its name. */
function twoMonths(): Uint8Array {
  return writeWorkbook([templatePlan(ANNEX, JUNE, "云集镇"), templatePlan(ANNEX, JULY, "云集镇", "7月 'b' 表")], {
    created: new Date(Date.UTC(2018, 7, 1)),
  });
}

function marksOf(bytes: Uint8Array): [string, Record<string, string> | undefined][] {
  return readWorkbook(bytes, "x.xlsx").sheets.map((s) => [s.sheet, s.marks]);
}

/** Rewrites xl/workbook.xml (to build files other programs would write). */
function editWorkbookXml(bytes: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  parts["xl/workbook.xml"] = strToU8(edit(strFromU8(parts["xl/workbook.xml"])));
  return zipSync(parts);
}

describe("our writer", () => {
  test("one hidden workbook name per marked sheet, spelling its marks and referring to its A1", () => {
    const xml = strFromU8(unzipSync(twoMonths())["xl/workbook.xml"]);
    const names = [...xml.matchAll(/<definedName [^>]*>[^<]*<\/definedName>/g)].map((m) => m[0]).filter((n) => n.includes("Yuebao"));
    expect(names).toEqual([
      `<definedName name="Yuebao_1.form.${FORM}.period.2018_2D06" hidden="1">&apos;2018年6月&apos;!$A$1</definedName>`,
      `<definedName name="Yuebao_2.form.${FORM}.period.2018_2D07" hidden="1">&apos;7月 &apos;&apos;b&apos;&apos; 表&apos;!$A$1</definedName>`,
    ]);
    expect(marksOf(twoMonths())).toEqual([
      ["2018年6月", { form: ANNEX.id, period: "2018-06" }],
      ["7月 'b' 表", { form: ANNEX.id, period: "2018-07" }],
    ]);
  });
});

describe("our reader", () => {
  test("maps a mark to the sheet its reference names now, ignores #REF! and reads the earlier sheet-scoped form", () => {
    const bytes = editWorkbookXml(twoMonths(), (xml) =>
      xml
        // As if another program renamed June to 上月 (references rewritten, unquoted).
        .replace(/<sheet name="2018年6月"/, '<sheet name="上月"')
        .split("&apos;2018年6月&apos;!")
        .join("上月!")
        // A stale name left by a deleted sheet, and the earlier form on the second sheet.
        .replace(
          "</definedNames>",
          `<definedName name="Yuebao_7.period.2018_2D05">#REF!$A$1</definedName>` +
            `<definedName name="Yuebao_unit" localSheetId="1">"云集镇"</definedName>` +
            `<definedName name="Yuebao_period" localSheetId="1">"1999-01"</definedName></definedNames>`,
        ),
    );
    expect(marksOf(bytes)).toEqual([
      ["上月", { form: ANNEX.id, period: "2018-06" }],
      // The newer form wins over the earlier one where both mark a sheet.
      ["7月 'b' 表", { unit: "云集镇", period: "2018-07", form: ANNEX.id }],
    ]);
  });

  test("fill's patch keeps the marks", () => {
    const patched = patchWorkbook(twoMonths(), "x.xlsx", [{ sheet: "7月 'b' 表", address: "D4", values: [[5]] }]);
    expect(marksOf(patched)).toEqual(marksOf(twoMonths()));
  });
});

const py = pythonWithOpenpyxl();
testWith({ what: "openpyxl", install: "apt-get install -y python3-openpyxl", available: Boolean(py) })(
  "openpyxl loads and saves our file: the marks are still there",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "yb-marks-"));
    const file = join(dir, "ours.xlsx");
    writeFileSync(file, twoMonths());
    const out = join(dir, "openpyxl.xlsx");
    const r = spawnSync(
      py as string,
      ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])", file, out],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(marksOf(new Uint8Array(readFileSync(out)))).toEqual(marksOf(twoMonths()));
  },
);

/** Debian's python3 with python3-uno, which drives LibreOffice. */
function pythonWithUno(): string | undefined {
  for (const p of ["/usr/bin/python3", "python3"]) if (spawnSync(p, ["-c", "import uno"], { stdio: "ignore" }).status === 0) return p;
  return undefined;
}
const uno = pythonWithUno();

testWith({
  what: "LibreOffice with python3-uno",
  install: "apt-get install -y libreoffice-calc-nogui python3-uno",
  available: Boolean(uno),
})(
  "LibreOffice renames and deletes sheets and saves as .xlsx: the marks follow the renamed sheet, the deleted one's marks nothing",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "yb-lo-marks-"));
    const file = join(dir, "ours.xlsx");
    const out = join(dir, "lo.xlsx");
    const three = writeWorkbook([
      templatePlan(ANNEX, JUNE, "云集镇"),
      templatePlan(ANNEX, JULY, "云集镇"),
      templatePlan(ANNEX, { year: 2018, month: 8 }, "云集镇"),
    ]);
    writeFileSync(file, three);
    const r = spawnSync(
      uno as string,
      [
        join(__dirname, "../fixtures/lo_rename.py"),
        file,
        out,
        join(dir, "profile"),
        "2018年7月=本月 (2)",
        "2018年6月=June's",
        "-2018年8月",
      ],
      { encoding: "utf8", timeout: 120000 },
    );
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const bytes = new Uint8Array(readFileSync(out));
    expect(marksOf(bytes)).toEqual([
      ["June's", { form: ANNEX.id, period: "2018-06" }],
      ["本月 (2)", { form: ANNEX.id, period: "2018-07" }],
    ]);
    // LibreOffice rewrote the references itself (and left a #REF! for the deleted sheet).
    const xml = strFromU8(unzipSync(bytes)["xl/workbook.xml"]);
    expect(xml).toContain(`name="Yuebao_2.form.${FORM}.period.2018_2D07"`);
    expect(xml).toMatch(/Yuebao_3\.[^>]*>[^<]*#REF!/);
  },
  180000,
);
