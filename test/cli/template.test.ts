/** `yuebao template`: a blank styled form that openpyxl (and so Excel) reads as the annex. */
import { existsSync } from "fs";
import { join } from "path";
import { ANNEX } from "../../src/form/spec";
import { dumpBooks, run, sha, sheetOf, tempDir } from "./support";

describe("yuebao template", () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir("template")));
  afterEach(() => t.remove());

  it("writes the form for the unit and month: title, merges, unit, protection, A4", async () => {
    const out = join(t.dir, "云集镇-2018-07.xlsx");
    const r = await run(["template", "--period", "2018-07", "--unit", "云集镇", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain(out);
    expect(existsSync(out)).toBe(true);

    const book = dumpBooks([out])[out];
    expect(book.sheets.map((s) => s.name)).toEqual(["2018年7月"]);
    const s = sheetOf(book, "2018年7月");
    const cells = Object.entries(s.cells);
    const find = (v: string) => cells.find(([, c]) => c.value === v)?.[0];
    // The title is there, bold, in a merged range across the form's width, the month it covers
    // on its own line under it (sheet names do not print).
    const titleAt = find(`${ANNEX.title}\n（2018年7月）`);
    expect(titleAt).toBeDefined();
    expect(s.cells[titleAt!].bold).toBe(true);
    expect(s.merges.some((m) => m.startsWith(`${titleAt}:`))).toBe(true);
    // Every item label and both figure headers.
    for (const item of ANNEX.items) expect(find(item.label)).toBeDefined();
    expect(find("本月数")).toBeDefined();
    expect(find("累计数")).toBeDefined();
    // The unit sits in an unlocked input cell right of its label, stored as text.
    const unitAt = find("云集镇");
    expect(unitAt).toBeDefined();
    expect(s.cells[unitAt!].type).toBe("s");
    expect(s.cells[unitAt!].locked).toBe(false);
    expect(s.cells[unitAt!].value).toBe("云集镇");
    // Protected sheet with unlocked figure cells; a validation per item; A4 portrait, fit to width.
    expect(s.protected).toBe(true);
    const monthHeader = find("本月数")!;
    const firstFigure = monthHeader.replace(/\d+$/, (n) => String(Number(n) + 1));
    expect(s.cells[firstFigure]?.locked).toBe(false);
    expect(s.validations).toBe(ANNEX.items.length);
    expect(s.paperSize).toBe(9); // 9 = xlPaperA4
    expect(s.orientation).toBe("portrait");
    expect(s.fitToWidth).toBe(true);
    // Our own period mark (a workbook name referring to the sheet, src/form/marks.ts), so the
    // month is known whatever the sheet is renamed to.
    expect(Object.entries(book.names).find(([k]) => /^Yuebao_\d+\.(.+\.)?period\.2018_2D07(\.|$)/.test(k))?.[1]).toBe("'2018年7月'!$A$1");
  });

  it("refuses to overwrite an existing file without --force, and replaces it with --force", async () => {
    const out = join(t.dir, "模板.xlsx");
    expect((await run(["template", "--period", "2018-07", "--unit", "云集镇", "--out", out])).code).toBe(0);
    const before = sha(out);
    const again = await run(["template", "--period", "2018-08", "--unit", "廖田镇", "--out", out]);
    expect(again.code).toBe(2);
    expect(again.err.join("\n")).toContain(`输出文件“${out}”已存在`);
    expect(again.err.join("\n")).toContain("--force");
    expect(sha(out)).toBe(before);

    const forced = await run(["template", "--period", "2018-08", "--unit", "廖田镇", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    const s = dumpBooks([out])[out].sheets;
    expect(s.map((x) => x.name)).toEqual(["2018年8月"]);
    expect(Object.values(s[0].cells).some((c) => c.value === "廖田镇")).toBe(true);
  });

  it("says in English that --period is missing, exit 2, nothing written", async () => {
    const out = join(t.dir, "x.xlsx");
    const r = await run(["template", "--unit", "云集镇", "--out", out, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/Give the report month with --period/);
    expect(existsSync(out)).toBe(false);
  });
});
