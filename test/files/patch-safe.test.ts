/**
 * The patcher on bad input: a reference past the grid is the same typed "corrupt" the reader
 * gives (never `Error: Bad cell address`), a malformed part is refused rather than copied,
 * and every XML part it writes is well-formed by xmllint's judgement.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { RangeWrite } from "../../src/form/plan";
import { patchWorkbook, readWorkbook, WorkbookReadError } from "../../src/files";
import { wellFormedProblem } from "../../src/files/wellformed";
import { hasProgram } from "./external";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));

function edited(name: string, part: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(fixture(name));
  const before = strFromU8(parts[part]);
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${part} changed nothing`);
  parts[part] = strToU8(after);
  return zipSync(parts);
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (err) {
    return err instanceof WorkbookReadError ? err.code : `untyped: ${String(err)}`;
  }
}

const JULY_E6: RangeWrite[] = [{ sheet: "2018年7月", address: "F6", values: [[42]] }];

describe("bad references and malformed parts", () => {
  it("refuses AAAA15 in the sheet it patches as corrupt, as the reader does", () => {
    const bytes = edited("lo-unit.xlsx", "xl/worksheets/sheet2.xml", (x) => x.replace('<c r="G6"', '<c r="AAAA15"'));
    expect(codeOf(() => readWorkbook(bytes, "a.xlsx"))).toBe("corrupt");
    expect(codeOf(() => patchWorkbook(bytes, "a.xlsx", JULY_E6))).toBe("corrupt");
  });

  it("refuses a row number past the grid and a malformed one", () => {
    for (const r of ["1048577", "x", "0"]) {
      const bytes = edited("lo-unit.xlsx", "xl/worksheets/sheet2.xml", (x) => x.replace(/<row r="17"/, `<row r="${r}"`));
      expect([r, codeOf(() => patchWorkbook(bytes, "a.xlsx", JULY_E6))]).toEqual([r, "corrupt"]);
    }
  });

  it("does not copy a malformed part it would otherwise leave untouched", () => {
    const broken = edited("lo-unit.xlsx", "docProps/app.xml", (x) => x.replace("</Properties>", ""));
    expect(codeOf(() => patchWorkbook(broken, "b.xlsx", JULY_E6))).toBe("corrupt");
    const badChar = edited("lo-unit.xlsx", "xl/worksheets/sheet3.xml", (x) => x.replace("</sheetData>", "</sheetData>\u0001"));
    expect(codeOf(() => patchWorkbook(badChar, "c.xlsx", JULY_E6))).toBe("corrupt");
  });
});

describe("the well-formedness check agrees with xmllint", () => {
  const good = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a xmlns:x="u"><x:b c="1&amp;&#x4E00;"/><![CDATA[<>&]]><!-- ok --><?pi data?></a>\n',
    "\ufeff<a>text 一 😀</a>",
    "<a b='\"'></a>",
  ];
  const bad = [
    "<a><b></a></b>",
    "<a>",
    "<a/><b/>",
    '<a b="1" b="2"/>',
    "<a>&nbsp;</a>",
    "<a>&#0;</a>",
    "<a>\u0001</a>",
    "<a><x:b/></a>",
    "<a>]]></a>",
    "<a><!-- a -- b --></a>",
    "text<a/>",
    '<a b="<"/>',
    "<a b=1/>",
    "<1a/>",
    '<?xml version="1.0" encoding="UTF-16"?><a/>',
  ];
  // Well-formed, but never in an OOXML part (and the door to entity expansion): refused.
  // A lone surrogate cannot even be written as UTF-8 (it becomes U+FFFD): a string-level case.
  const stricter = ["<!DOCTYPE a><a/>", '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', "<a>\ud800</a>"];
  it.each(good)("accepts %j", (xml) => expect(wellFormedProblem(xml)).toBeUndefined());
  it.each([...bad, ...stricter])("refuses %j", (xml) => expect(wellFormedProblem(xml)).toEqual(expect.any(String)));

  const lint = hasProgram("xmllint", ["--version"]);
  (lint ? it : it.skip)("xmllint judges the samples the same way", () => {
    const dir = mkdtempSync(join(tmpdir(), "yb-wf-"));
    const verdicts = [...good, ...bad].map((xml, i) => {
      const f = join(dir, `${i}.xml`);
      writeFileSync(f, xml);
      const r = spawnSync("xmllint", ["--noout", f], { encoding: "utf8" });
      return [xml, r.status === 0 && r.stderr === "", wellFormedProblem(xml) === undefined];
    });
    for (const [xml, lintOk, ours] of verdicts) expect([xml, ours]).toEqual([xml, lintOk]);
  });
});

describe("what fill writes is well-formed", () => {
  const lint = hasProgram("xmllint", ["--version"]);
  const writes = (sheet: string): RangeWrite[] => [
    { sheet, address: "F6", values: [[1.5], ["文本 & <b>"], [null]], formulas: [["=E6+1"], [null], [null]], numberFormat: "0.0000" },
    { sheet, address: "J40", values: [[true]] },
  ];
  const cases: [string, string][] = [
    ["lo-unit.xlsx", "2018年7月"],
    ["gnumeric-unit.xlsx", "2018年7月"],
    ["openpyxl-unit.xlsx", "2018年7月"],
    ["prefixed-shared.xlsx", "2018年7月"],
  ];
  (lint ? it.each(cases) : it.skip.each(cases))("every XML part of a patched %s passes xmllint", (name, sheet) => {
    const out = unzipSync(patchWorkbook(fixture(name), name, writes(sheet)));
    const dir = mkdtempSync(join(tmpdir(), "yb-lint-"));
    const files: string[] = [];
    Object.entries(out).forEach(([part, data], i) => {
      if (!/\.(xml|rels)$/.test(part)) return;
      const f = join(dir, `${i}.xml`);
      writeFileSync(f, data);
      files.push(f);
    });
    expect(files.length).toBeGreaterThan(4);
    const r = spawnSync("xmllint", ["--noout", ...files], { encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });
});
