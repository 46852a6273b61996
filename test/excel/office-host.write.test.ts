/** OfficeHost.writeRanges, selectCell, activateSheet. */
import { annexPlan, setup } from "./helpers";
import { SheetNotFoundError, SheetProtectedError } from "../../src/excel/errors";

describe("OfficeHost.writeRanges", () => {
  test("one sync for several ranges on several sheets; text stays text, formulas live, null clears", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("A", [[null, null, "old"]]);
    book.addSheet("B");
    const n = await syncs(() =>
      host.writeRanges([
        { sheet: "A", address: "A1", values: [["=1+1", 5, null]], numberFormat: "0" },
        { sheet: "A", address: "A2", values: [[null, null]], formulas: [["=B1*2", null]] },
        {
          sheet: "B",
          address: "C3",
          values: [
            ["+86 139", "@home"],
            [-2, true],
          ],
        },
      ]),
    );
    expect(n).toBe(1);
    expect(book.view("A", "A1")).toEqual({ value: "=1+1", type: "String", formula: "=1+1" });
    expect(book.view("A", "B1").value).toBe(5);
    expect(book.get("A").cell(0, 1)?.fmt.numberFormat).toBe("0");
    expect(book.view("A", "C1").type).toBe("Empty");
    expect(book.view("A", "A2")).toEqual({ value: 10, type: "Double", formula: "=B1*2" });
    expect(book.view("B", "C3").value).toBe("+86 139");
    expect(book.view("B", "D3").value).toBe("@home");
    expect(book.view("B", "C4").value).toBe(-2);
    expect(book.view("B", "D4").value).toBe(true);
  });

  test("a formula cell previously formatted as text is given a number format so it computes", async () => {
    const { book, host } = setup();
    book.addSheet("A");
    await host.writeRanges([{ sheet: "A", address: "A1", values: [["text"]] }]);
    await host.writeRanges([{ sheet: "A", address: "B1", values: [[2]] }]);
    await host.writeRanges([{ sheet: "A", address: "A1", values: [[null]], formulas: [["=B1+1"]] }]);
    expect(book.view("A", "A1").value).toBe(3);
  });

  test("a protected sheet gives SheetProtectedError naming it", async () => {
    const { book, host } = setup();
    book.addSheet("Sheet1");
    await host.addSheets([annexPlan("2018年7月")], "fail");
    // A label cell of our protected template.
    await expect(host.writeRanges([{ sheet: "2018年7月", address: "B4", values: [["改"]] }])).rejects.toEqual(
      new SheetProtectedError("2018年7月"),
    );
    // Numbers into unlocked input cells need no format change and go through.
    await host.writeRanges([{ sheet: "2018年7月", address: "C4", values: [[12, 30]] }]);
    expect(book.view("2018年7月", "D4").value).toBe(30);
  });

  test("a missing sheet is named; a ragged write is a programming error", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("A");
    await expect(
      host.writeRanges([
        { sheet: "A", address: "A1", values: [[1]] },
        { sheet: "Gone", address: "A1", values: [[1]] },
      ]),
    ).rejects.toEqual(new SheetNotFoundError("Gone"));
    expect(book.view("A", "A1").type).toBe("Empty");
    expect(await syncs(() => host.writeRanges([{ sheet: "A", address: "A1", values: [[1, 2], [3]] }]).catch(() => undefined))).toBe(0);
    expect(await syncs(() => host.writeRanges([]))).toBe(0);
  });
});

describe("OfficeHost.selectCell / activateSheet", () => {
  test("one sync each", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("A");
    book.addSheet("B");
    expect(await syncs(() => host.selectCell("B", "C5"))).toBe(1);
    expect(book.activeSheetId).toBe(book.get("B").id);
    expect(book.selection).toEqual({ sheetId: book.get("B").id, rect: { top: 4, left: 2, bottom: 4, right: 2 } });
    expect(await syncs(() => host.activateSheet("A"))).toBe(1);
    expect(book.activeSheetId).toBe(book.get("A").id);
    await expect(host.activateSheet("Nope")).rejects.toEqual(new SheetNotFoundError("Nope"));
  });
});
