/** Highlighting bad cells and restoring exactly the fills they had. */
import { setup } from "./helpers";
import { HIGHLIGHT_COLOR, HIGHLIGHT_SETTING } from "../../src/excel/highlight";
import { OfficeHost } from "../../src/excel/office-host";
import type { FakeWorkbook } from "../support/fake-excel";

function fills(book: FakeWorkbook, sheet: string, cells: string[]): (string | null)[] {
  return cells.map((a) => {
    const m = /^([A-Z])(\d+)$/.exec(a) as RegExpExecArray;
    return book.get(sheet).cell(Number(m[2]) - 1, m[1].charCodeAt(0) - 65)?.fmt.fill ?? null;
  });
}

async function prepare(book: FakeWorkbook, g: Record<string, unknown>): Promise<void> {
  book.addSheet("R", [[1, 2, 3]]);
  await (g.Excel as typeof Excel).run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("R");
    ws.getRange("B1").format.fill.color = "#FFFF00";
    ws.getRange("C1").format.fill.color = "#FFFFFF";
    ws.getRange("A1:C1").format.font.bold = true;
    ws.getRange("A1:C1").numberFormat = [["0.00", "0", "@"]];
    ws.getRange("A1:C1").format.borders.getItem("EdgeBottom").style = "Continuous";
    await ctx.sync();
  });
}

describe("highlight / clearHighlight", () => {
  test("marks cells, then restores no fill and colours exactly, leaving other formats alone (ExcelApi 1.9)", async () => {
    const { book, host, global, syncs } = setup({ excelApi: "1.9" });
    await prepare(book, global);
    const before = JSON.stringify([...book.get("R").cells.values()]);

    let out: unknown;
    expect(await syncs(async () => (out = await host.highlight([{ sheet: "R", cell: "A1:C1" }])))).toBe(2);
    expect(out).toEqual({ highlighted: 3, protectedSheets: [] });
    expect(fills(book, "R", ["A1", "B1", "C1"])).toEqual([HIGHLIGHT_COLOR, HIGHLIGHT_COLOR, HIGHLIGHT_COLOR]);
    // Highlighting again does not record our own colour as the "previous" fill.
    await host.highlight([{ sheet: "R", cell: "B1" }]);

    expect(await syncs(async () => (out = await host.clearHighlight()))).toBe(3);
    expect(out).toEqual({ restored: 3, changedByUser: 0, protectedSheets: [] });
    expect(JSON.stringify([...book.get("R").cells.values()])).toBe(before);
    expect(book.savedSettings[HIGHLIGHT_SETTING]).toBeUndefined();
  });

  test("the record lives in the document, so a reloaded pane can still clear", async () => {
    const { book, host, global } = setup();
    await prepare(book, global);
    await host.highlight([{ sheet: "R", cell: "B1" }]);
    expect(book.savedSettings[HIGHLIGHT_SETTING]).toEqual([{ sheet: "R", cell: "B1", prior: "#FFFF00", color: HIGHLIGHT_COLOR }]);
    const reloaded = new OfficeHost({ global });
    await reloaded.clearHighlight();
    expect(fills(book, "R", ["B1"])).toEqual(["#FFFF00"]);
  });

  test("a fill the user changed after highlighting is left as they set it", async () => {
    const { book, host, global } = setup();
    await prepare(book, global);
    await host.highlight([
      { sheet: "R", cell: "A1" },
      { sheet: "R", cell: "B1" },
    ]);
    book.get("R").touch(0, 0).fmt.fill = "#00FF00";
    const out = await host.clearHighlight();
    expect(out).toMatchObject({ restored: 1, changedByUser: 1 });
    expect(fills(book, "R", ["A1", "B1"])).toEqual(["#00FF00", "#FFFF00"]);
  });

  test("protected sheets are reported and left untouched; deleted sheets are forgotten", async () => {
    const { book, host, global } = setup();
    await prepare(book, global);
    book.addSheet("P", [[1]]).protection.protected = true;
    const out = await host.highlight([
      { sheet: "R", cell: "A1" },
      { sheet: "P", cell: "A1" },
    ]);
    expect(out).toEqual({ highlighted: 1, protectedSheets: ["P"] });
    expect(fills(book, "P", ["A1"])).toEqual([null]);
    book.sheets = book.sheets.filter((s) => s.name !== "R");
    expect(await host.clearHighlight()).toEqual({ restored: 0, changedByUser: 0, protectedSheets: [] });
    expect(book.savedSettings[HIGHLIGHT_SETTING]).toBeUndefined();
  });

  test("ExcelApi 1.7 cannot tell white from no fill: white comes back as no fill", async () => {
    const { book, host, global } = setup({ excelApi: "1.7" });
    await prepare(book, global);
    await host.highlight([{ sheet: "R", cell: "A1:C1" }]);
    await host.clearHighlight();
    expect(fills(book, "R", ["A1", "B1", "C1"])).toEqual([null, "#FFFF00", null]);
  });
});
