/** OfficeHost reading: listSheets, readSheets, readAll — results and sync counts. */
import { setup } from "./helpers";
import { SheetNotFoundError } from "../../src/excel/errors";
import { markName } from "../../src/form/marks";
import { installFakeOffice } from "../support/fake-excel";

let nextMark = 1;
/** Marks a sheet as the add-in does: a workbook name referring to its A1 (src/form/marks.ts). */
function markSheet(book: ReturnType<typeof setup>["book"], sheet: string, marks: Record<string, string>): void {
  const s = book.get(sheet);
  const name = markName(nextMark++, marks);
  book.names.set(name.toUpperCase(), { name, formula: "", ref: { sheet: s, rect: { top: 0, left: 0, bottom: 0, right: 0 } }, comment: "" });
  // Foreign names are not marks: a workbook constant, a range name, an old-style sheet name.
  book.names.set("OTHER", { name: "Other", formula: '="x"', comment: "" });
  book.names.set("AREA", { name: "Area", formula: "", ref: { sheet: s, rect: { top: 0, left: 0, bottom: 3, right: 3 } }, comment: "" });
  s.names.set("YUEBAO_PERIOD", { name: "Yuebao_period", formula: '="1999-01"', comment: "" });
}

describe("OfficeHost.listSheets", () => {
  test("names, visibility, marks and the active sheet; one sync the first time and after", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("封面");
    book.addSheet("2018年7月");
    book.addSheet("隐藏").visibility = "Hidden";
    markSheet(book, "2018年7月", { period: "2018-07", unit: '云集镇"一"' });
    book.activeSheetId = book.get("2018年7月").id;

    let list: Awaited<ReturnType<typeof host.listSheets>> | undefined;
    // Cold: the sheet list and the workbook's names come in one request.
    expect(await syncs(async () => (list = await host.listSheets()))).toBe(1);
    expect(list).toEqual({
      active: "2018年7月",
      sheets: [
        { name: "封面", visible: true, marks: {} },
        { name: "2018年7月", visible: true, marks: { period: "2018-07", unit: '云集镇"一"' } },
        { name: "隐藏", visible: false, marks: {} },
      ],
    });
    expect(await syncs(() => host.listSheets())).toBe(1);
    book.get("封面").name = "改名";
    expect(await syncs(async () => (list = await host.listSheets()))).toBe(1);
    expect(list?.sheets[0].name).toBe("改名");
  });

  test("marks follow a renamed or moved sheet; a deleted sheet's stale name marks nothing", async () => {
    const { book, host } = setup();
    book.addSheet("A");
    book.addSheet("2018年7月");
    markSheet(book, "2018年7月", { period: "2018-07" });
    book.get("2018年7月").name = "七月 (2)";
    book.sheets.reverse();
    expect((await host.listSheets()).sheets).toEqual([
      { name: "七月 (2)", visible: true, marks: { period: "2018-07" } },
      { name: "A", visible: true, marks: {} },
    ]);
    const gone = book.get("七月 (2)");
    book.sheets.splice(book.sheets.indexOf(gone), 1);
    gone.deleted = true;
    book.addSheet("七月 (2)");
    expect((await host.listSheets()).sheets.map((s) => s.marks)).toEqual([{}, {}]);
  });

  test("a sheet deleted since the last call costs a fresh start, not an error", async () => {
    const { book, host } = setup();
    book.addSheet("A");
    book.addSheet("B");
    await host.listSheets();
    book.sheets.splice(1, 1);
    const list = await host.listSheets();
    expect(list.sheets.map((s) => s.name)).toEqual(["A"]);
    expect(book.droppedOps).toBe(0);
  });
});

describe("OfficeHost.readSheets", () => {
  test("one sync for one sheet and for thirty", async () => {
    const { book, host, syncs } = setup();
    for (let m = 1; m <= 30; m++) book.addSheet(`S${m}`, [["项目", m]]);
    expect(await syncs(() => host.readSheets(["S1"]))).toBe(1);
    let grids: Awaited<ReturnType<typeof host.readSheets>> = [];
    expect(await syncs(async () => (grids = await host.readSheets(book.sheets.map((s) => s.name))))).toBe(1);
    expect(grids).toHaveLength(30);
    expect(grids[29].cells[0][1]).toEqual({ value: 30 });
  });

  test("grid corner, formulas, text that looks like a formula, errors, number formats and marks", async () => {
    const { book, host, global } = setup();
    book.addSheet("2018年7月");
    markSheet(book, "2018年7月", { period: "2018-07" });
    // Write through the fake's own API as a user's workbook would hold it.
    const excel = global.Excel as typeof Excel;
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("2018年7月");
      ws.getRange("B3:D3").numberFormat = [["@", "0.0000", "General"]];
      ws.getRange("B3:D3").values = [["=1+1", 1.5, "文字"]];
      ws.getRange("B4:D4").formulas = [["=C3*2", "=1/0", '="=C3"']];
      await ctx.sync();
    });
    const [g] = await host.readSheets(["2018年7月"]);
    expect(g.sheet).toBe("2018年7月");
    expect([g.top, g.left]).toEqual([2, 1]);
    expect(g.marks).toEqual({ period: "2018-07" });
    expect(g.cells[0]).toEqual([{ value: "=1+1", numberFormat: "@" }, { value: 1.5, numberFormat: "0.0000" }, { value: "文字" }]);
    expect(g.cells[1]).toEqual([
      { value: 3, formula: "=C3*2" },
      { value: null, error: "#DIV/0!", formula: "=1/0" },
      { value: "=C3", formula: '="=C3"' },
    ]);
  });

  test("an empty sheet reads as an empty grid; a missing sheet is named in the error", async () => {
    const { book, host } = setup();
    book.addSheet("Empty");
    expect(await host.readSheets(["Empty"])).toEqual([{ sheet: "Empty", top: 0, left: 0, cells: [], marks: {} }]);
    await expect(host.readSheets(["Empty", "Nope"])).rejects.toEqual(new SheetNotFoundError("Nope"));
  });
});

describe("OfficeHost.readAll", () => {
  test("every sheet's grid with marks and the list; a small workbook in one sync the first time", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("2018年6月", [[1]]);
    book.addSheet("2018年7月", [[2]], "B2");
    markSheet(book, "2018年7月", { period: "2018-07" });
    let all: Awaited<ReturnType<typeof host.readAll>> | undefined;
    expect(await syncs(async () => (all = await host.readAll()))).toBe(1);
    expect(await syncs(async () => (all = await host.readAll()))).toBe(1);
    expect(all?.active).toBe("2018年6月");
    expect(all?.infos.map((i) => [i.name, i.marks])).toEqual([
      ["2018年6月", {}],
      ["2018年7月", { period: "2018-07" }],
    ]);
    expect(all?.sheets.map((s) => [s.sheet, s.top, s.left, s.cells])).toEqual([
      ["2018年6月", 0, 0, [[{ value: 1 }]]],
      ["2018年7月", 1, 1, [[{ value: 2 }]]],
    ]);
  });

  test("a larger workbook: two syncs the first time, then one; a sheet added by the user and made active costs nothing extra", async () => {
    const { book, host, syncs } = setup();
    for (let m = 1; m <= 12; m++) book.addSheet(`2018年${m}月`, [[m]]);
    book.activeSheetId = book.get("2018年5月").id;
    let all: Awaited<ReturnType<typeof host.readAll>> | undefined;
    expect(await syncs(async () => (all = await host.readAll()))).toBe(2);
    expect(all?.sheets.map((g) => g.cells[0][0]?.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await syncs(() => host.readAll())).toBe(1);
    const added = book.addSheet("新表", [["x"]]);
    book.activeSheetId = added.id;
    expect(await syncs(async () => (all = await host.readAll()))).toBe(1);
    expect(all?.sheets.map((g) => g.sheet).slice(-2)).toEqual(["2018年12月", "新表"]);
    // A sheet the host knew is gone: a fresh start, still correct.
    const gone = book.get("2018年3月");
    book.sheets.splice(book.sheets.indexOf(gone), 1);
    gone.deleted = true;
    await host.readAll().then((r) => (all = r));
    expect(all?.sheets).toHaveLength(12);
    expect(book.droppedOps).toBe(0);
  });

  test("asks Excel to wait while the user edits a cell", async () => {
    const { book, host } = setup();
    book.addSheet("A", [[1]]);
    book.cellEditMode = true;
    await expect(host.readAll()).resolves.toBeDefined();
    expect(book.runOptions.every((o) => (o as Excel.RunOptions).delayForCellEdit === true)).toBe(true);
  });

  test("fails clearly when office.js is missing", async () => {
    const { host } = setup({}, { global: {} });
    await expect(host.listSheets()).rejects.toThrow(/Office.js is not loaded/);
    expect(typeof installFakeOffice).toBe("function");
  });
});
