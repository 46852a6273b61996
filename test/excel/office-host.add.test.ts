/** OfficeHost.addSheets: rendering a plan, conflicts, rollback, degraded hosts, large plans. */
import { annexPlan, setup } from "./helpers";
import { AddSheetsFailedError, InvalidSheetNameError, SheetExistsError } from "../../src/excel/errors";
import type { SheetPlan } from "../../src/form/plan";
import type { FakeWorkbook } from "../support/fake-excel";
import { nameFormula } from "../support/fake-excel/model";

/** Everything visible about a workbook, to compare before/after. */
function snapshot(book: FakeWorkbook): unknown {
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula, c.fmt]),
      names: [...s.names.values()],
      merges: s.merges,
      protected: s.protection.protected,
    })),
    names: [...book.names.values()].map((n) => [n.name, nameFormula(n), n.visible]),
  };
}

/** The workbook's names as [name, formula]. */
function names(book: FakeWorkbook): [string, string][] {
  return [...book.names.values()].map((n) => [n.name, nameFormula(n)]);
}

describe("OfficeHost.addSheets renders a plan", () => {
  test("content, text kept as text, formulas, styles, sizes, print, validation, marks, protection — in 2 syncs", async () => {
    const { book, host, syncs } = setup({ excelApi: "1.9" });
    book.addSheet("Sheet1");
    let result: Awaited<ReturnType<typeof host.addSheets>> | undefined;
    expect(await syncs(async () => (result = await host.addSheets([annexPlan()], "fail")))).toBe(2);
    expect(result).toEqual({ names: ["2018年7月"], skipped: [] });
    expect(book.droppedOps).toBe(0);

    const s = book.get("2018年7月");
    const v = (a: string): unknown => book.view("2018年7月", a);
    // Strings stay text, whatever they start with.
    expect(v("B2")).toEqual({ value: "=1+1", type: "String", formula: "=1+1" });
    expect(v("D2")).toEqual({ value: "2018-07", type: "String", formula: "2018-07" });
    expect(v("B5")).toMatchObject({ value: "+罚款金额（万元）", type: "String" });
    expect(v("A6")).toMatchObject({ value: "-注：本表每月10日前报送。", type: "String" });
    // Numbers stay numbers, formulas are live.
    expect(v("A4")).toEqual({ value: 1, type: "Double", formula: 1 });
    expect(v("D5")).toEqual({ value: 7, type: "Double", formula: "=C5*2" });
    const cell = (r: number, c: number) => s.cell(r, c)?.fmt;
    expect(cell(4, 3)?.numberFormat).toBe("0.0000");
    expect(cell(3, 2)?.numberFormat).toBe("0");
    // Styles: bold title, font, borders inside the header block, alignment, wrap.
    expect(cell(0, 0)).toMatchObject({ bold: true, fontSize: 16, hAlign: "Center", fontName: "宋体" });
    expect(cell(2, 1)?.borders).toEqual({
      EdgeTop: "Continuous",
      EdgeBottom: "Continuous",
      EdgeLeft: "Continuous",
      EdgeRight: "Continuous",
    });
    expect(cell(2, 2)).toMatchObject({ vAlign: "Center", wrap: true, bold: true });
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 5, left: 0, bottom: 5, right: 3 },
    ]);
    // The title's style spreads over its merged area.
    expect(cell(0, 3)?.bold).toBe(true);
    // Widths in points: 30 chars → trunc(30×7+5) = 215 px = 161.25 pt.
    expect(s.colWidths.get(1)).toBe(161.25);
    expect(s.colWidths.get(0)).toBe(35.25);
    expect(s.rowHeights.get(0)).toBe(30);
    expect(s.rowHeights.has(1)).toBe(false);
    expect([s.rowHeights.get(2), s.rowHeights.get(4)]).toEqual([20, 20]);
    // Inputs unlocked, labels locked, sheet protected.
    expect(cell(3, 2)?.locked).toBe(false);
    expect(cell(4, 3)?.locked).toBe(false);
    expect(cell(3, 1)?.locked).toBe(true);
    expect(s.protection.protected).toBe(true);
    expect(s.freezeRows).toBe(3);
    expect(s.pageLayout).toEqual({
      paperSize: "A4",
      orientation: "Portrait",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      printArea: "A1:D6",
      printTitleRows: "$1:$3",
    });
    expect(s.validations.map((x) => x.rule)).toEqual([
      { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
    ]);
    expect(s.validations[1].prompt).toEqual({ showPrompt: true, title: "", message: "单位：万元，最多4位小数" });
    // Marks: one hidden workbook name referring to the new sheet's A1; they come back through listSheets.
    expect(names(book)).toEqual([["Yuebao_1.period.2018_2D07.kind.template", "='2018年7月'!$A$1"]]);
    expect([...book.names.values()][0].visible).toBe(false);
    expect(s.names.size).toBe(0);
    const list = await host.listSheets();
    expect(list.sheets.find((x) => x.name === "2018年7月")?.marks).toEqual({ period: "2018-07", kind: "template" });
  });

  test("with the listing of a listSheets: no read, one write sync (insert = 2 syncs, the first time too)", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    let listing: Awaited<ReturnType<typeof host.listSheets>> | undefined;
    expect(await syncs(async () => (listing = await host.listSheets()))).toBe(1);
    const known = listing?.sheets;
    expect(await syncs(() => host.addSheets([annexPlan()], "copy", known))).toBe(1);
    // A listing is good for one write: used again, the host reads afresh.
    let r: Awaited<ReturnType<typeof host.addSheets>> | undefined;
    expect(await syncs(async () => (r = await host.addSheets([annexPlan()], "copy", known)))).toBe(2);
    expect(r?.names).toEqual(["2018年7月 (2)"]);
    // After an insert the host knows the sheets: the next readAll is one sync.
    for (let m = 1; m <= 6; m++) book.addSheet(`x${m}`);
    await host.listSheets();
    await host.addSheets([annexPlan("2018年8月")], "copy");
    expect(await syncs(() => host.readAll())).toBe(1);
  });

  test("copies of one month get their own mark names; stale #REF! mark names go in the same write", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const old = book.addSheet("旧表");
    book.names.set("YUEBAO_4.PERIOD.2018_2D06", {
      name: "Yuebao_4.period.2018_2D06",
      formula: "",
      ref: { sheet: old, rect: { top: 0, left: 0, bottom: 0, right: 0 } },
      comment: "",
    });
    book.sheets.splice(book.sheets.indexOf(old), 1);
    old.deleted = true;
    const listing = await host.listSheets();
    expect(await syncs(() => host.addSheets([annexPlan(), annexPlan()], "copy", listing.sheets))).toBe(1);
    expect(names(book)).toEqual([
      ["Yuebao_5.period.2018_2D07.kind.template", "='2018年7月'!$A$1"],
      ["Yuebao_6.period.2018_2D07.kind.template", "='2018年7月 (2)'!$A$1"],
    ]);
    const marks = (await host.listSheets()).sheets.map((x) => [x.name, x.marks.period]);
    expect(marks).toEqual([
      ["Sheet1", undefined],
      ["2018年7月", "2018-07"],
      ["2018年7月 (2)", "2018-07"],
    ]);
  });

  test("several plans in one request are still two syncs", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const plans = Array.from({ length: 12 }, (_, i) => annexPlan(`2018年${i + 1}月`));
    expect(await syncs(() => host.addSheets(plans, "fail"))).toBe(2);
    expect(book.sheets.map((s) => s.name)).toHaveLength(13);
  });

  test("a bad plan name is refused before anything is sent", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    for (const bad of ["2018/07", "x".repeat(32), "", "'quoted'", "History"]) {
      let err: unknown;
      expect(await syncs(() => host.addSheets([annexPlan(bad)], "copy").catch((e) => (err = e)))).toBe(0);
      expect(err).toBeInstanceOf(InvalidSheetNameError);
    }
  });
});

describe("OfficeHost.addSheets on conflict", () => {
  test("fail: SheetExistsError (names compared ignoring case), nothing written, one sync", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Report", [["old"]]);
    const before = snapshot(book);
    let err: unknown;
    expect(await syncs(() => host.addSheets([annexPlan("REPORT")], "fail").catch((e) => (err = e)))).toBe(1);
    expect(err).toEqual(new SheetExistsError("Report"));
    expect(snapshot(book)).toEqual(before);
  });

  test("copy: numbered names, trimmed to 31 characters", async () => {
    const { book, host } = setup();
    book.addSheet("2018年7月");
    book.addSheet("2018年7月 (2)");
    const long = "很长的名称".repeat(6) + "X"; // 31 characters
    book.addSheet(long);
    const r = await host.addSheets([annexPlan("2018年7月"), annexPlan(long), annexPlan("2018年7月")], "copy");
    expect(r.names).toEqual(["2018年7月 (3)", "很长的名称".repeat(5) + "很长 (2)", "2018年7月 (4)"]);
    expect(r.names.every((n) => n.length <= 31)).toBe(true);
    expect(book.view("2018年7月 (3)", "B2").value).toBe("=1+1");
  });

  test("replace: the old sheet goes only after the new one is written; position and name kept", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("First");
    await host.addSheets([annexPlan("2018年7月", { period: "2018-07", v: "1" })], "fail");
    book.get("2018年7月").cells.clear();
    book.addSheet("Last");
    const listing = await host.listSheets();
    expect(await syncs(() => host.addSheets([annexPlan("2018年7月", { period: "2018-07", v: "2" })], "replace", listing.sheets))).toBe(1);
    expect(book.sheets.map((s) => s.name)).toEqual(["First", "2018年7月", "Last"]);
    // The old sheet's mark went with it; the new one refers to the sheet under its final name.
    expect(names(book)).toEqual([["Yuebao_2.period.2018_2D07.v.2", "='2018年7月'!$A$1"]]);
    expect(book.view("2018年7月", "B2").value).toBe("=1+1");
    expect(book.view("2018年7月", "A1").value).toContain("月报表");
  });
});

describe("OfficeHost.addSheets is all or nothing", () => {
  test("a failed write removes what was added and throws a typed error", async () => {
    const { book, host } = setup();
    book.addSheet("Sheet1", [["keep"]]);
    const before = snapshot(book);
    // Fail the write sync part-way, after the new sheets exist and hold some content.
    book.failSync({ at: book.syncCount + 2, afterOps: 25, code: "GeneralException" });
    let err: unknown;
    await host.addSheets([annexPlan("A"), annexPlan("B")], "fail").catch((e) => (err = e));
    expect(err).toBeInstanceOf(AddSheetsFailedError);
    expect((err as AddSheetsFailedError).rolledBack).toBe(true);
    expect((err as AddSheetsFailedError).cause).toMatchObject({ code: "host-failed", hostCode: "GeneralException" });
    expect(snapshot(book)).toEqual(before);
  });

  test("a failure after the mark was added removes the mark too", async () => {
    const { book, host } = setup();
    book.addSheet("Sheet1", [["keep"]]);
    const before = snapshot(book);
    book.failSync({ at: book.syncCount + 2, atStatement: "NamedItem.visible" });
    const err = await host.addSheets([annexPlan()], "fail").catch((e) => e);
    expect(err).toMatchObject({ rolledBack: true });
    expect(snapshot(book)).toEqual(before);
  });

  test("the workbook changed since the listing (a sheet or a mark name taken): undone, then done again with a fresh read", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    let listing = await host.listSheets();
    book.addSheet("2018年7月"); // the user, meanwhile
    let r: Awaited<ReturnType<typeof host.addSheets>> | undefined;
    // failed write (the clash shows at the final rename) + rollback (read, delete) + fresh read + write
    expect(await syncs(async () => (r = await host.addSheets([annexPlan()], "copy", listing.sheets)))).toBe(5);
    expect(r?.names).toEqual(["2018年7月 (2)"]);
    expect(names(book)).toEqual([["Yuebao_1.period.2018_2D07.kind.template", "='2018年7月 (2)'!$A$1"]]);

    // The mark's name is taken meanwhile (another copy of the add-in): the written sheet is
    // removed again and the retry picks a free name.
    listing = await host.listSheets();
    const taken = "Yuebao_2.period.2018_2D07.kind.template";
    book.names.set(taken.toUpperCase(), {
      name: taken,
      formula: "",
      ref: { sheet: book.get("Sheet1"), rect: { top: 0, left: 0, bottom: 0, right: 0 } },
      comment: "",
    });
    r = await host.addSheets([annexPlan("2018年8月")], "copy", listing.sheets);
    expect(r.names).toEqual(["2018年8月"]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月", "2018年7月 (2)", "2018年8月"]);
    expect(names(book)).toEqual([
      ["Yuebao_1.period.2018_2D07.kind.template", "='2018年7月 (2)'!$A$1"],
      [taken, "=Sheet1!$A$1"],
      ["Yuebao_3.period.2018_2D07.kind.template", "='2018年8月'!$A$1"],
    ]);

    // "fail" with a listing that missed the clash: SheetExistsError, nothing written.
    listing = await host.listSheets();
    book.addSheet("2018年9月");
    const before = snapshot(book);
    await expect(host.addSheets([annexPlan("2018年9月")], "fail", listing.sheets)).rejects.toEqual(new SheetExistsError("2018年9月"));
    expect(snapshot(book)).toEqual(before);
  });

  test("replace failing before the old sheet is deleted leaves the old sheet untouched", async () => {
    const { book, host } = setup();
    book.addSheet("2018年7月", [["old content"]]);
    book.addSheet("Other");
    const before = snapshot(book);
    book.failSync({ at: book.syncCount + 2, atStatement: "Worksheet.delete" });
    await expect(host.addSheets([annexPlan("2018年7月")], "replace")).rejects.toBeInstanceOf(AddSheetsFailedError);
    expect(snapshot(book)).toEqual(before);
  });

  test("replace failing after the old sheet is gone keeps the new sheet under the final name", async () => {
    const { book, host } = setup();
    book.addSheet("2018年7月", [["old content"]]);
    book.addSheet("Other");
    book.failSync({ at: book.syncCount + 2, atStatement: "Worksheet.name" });
    let err: unknown;
    await host.addSheets([annexPlan("2018年7月")], "replace").catch((e) => (err = e));
    expect(err).toBeInstanceOf(AddSheetsFailedError);
    expect(err).toMatchObject({ rolledBack: false, leftovers: ["2018年7月"] });
    expect(book.sheets.map((s) => s.name)).toEqual(["Other", "2018年7月"]);
    expect(book.view("2018年7月", "B2").value).toBe("=1+1");
  });
});

describe("OfficeHost.addSheets on an older Excel", () => {
  test("ExcelApi 1.7: no page layout, no data validation, no ApiNotFound; the skipped features are reported", async () => {
    const { book, host, syncs } = setup({ excelApi: "1.7" });
    book.addSheet("Sheet1");
    expect(host.degraded).toEqual(["dataValidation", "pageLayout", "fillTint"]);
    let r: Awaited<ReturnType<typeof host.addSheets>> | undefined;
    expect(await syncs(async () => (r = await host.addSheets([annexPlan()], "fail")))).toBe(2);
    expect(r?.skipped.sort()).toEqual(["dataValidation", "pageLayout"]);
    const s = book.get("2018年7月");
    expect(s.pageLayout).toEqual({});
    expect(s.validations).toEqual([]);
    expect(s.protection.protected).toBe(true);
    expect(book.view("2018年7月", "B2").value).toBe("=1+1");
  });

  test("a plan without print set-up or validation skips nothing", async () => {
    const { book, host } = setup({ excelApi: "1.7" });
    book.addSheet("Sheet1");
    const plan: SheetPlan = { ...annexPlan(), print: undefined, validations: [] };
    expect((await host.addSheets([plan], "fail")).skipped).toEqual([]);
  });
});

describe("OfficeHost.addSheets with large plans", () => {
  function bigPlan(rows: number): SheetPlan {
    return {
      name: "明细",
      rows: Array.from({ length: rows }, (_, i) => [
        { value: `单位${i}`, style: "t" },
        { value: i },
        { value: null, formula: `=B${i + 1}*2` },
        { value: "=text" },
      ]),
      styles: { t: { border: true } },
      merges: [],
      columnWidths: [20, 10, 10, 10],
    };
  }

  test("content above the request budget is split into several syncs and still arrives whole", async () => {
    // A small request limit stands in for Excel on the web's 5 MB.
    const { book, host, syncs } = setup({ payloadLimitBytes: 60_000 }, { maxRequestBytes: 50_000 });
    book.addSheet("Sheet1");
    const n = await syncs(() => host.addSheets([bigPlan(2000)], "fail"));
    expect(n).toBeGreaterThan(2);
    expect(book.maxPayloadBytes).toBeLessThanOrEqual(60_000);
    expect(book.view("明细", "A2000").value).toBe("单位1999");
    expect(book.view("明细", "C2000").value).toBe(3998);
    expect(book.view("明细", "D1").value).toBe("=text");
    // A small plan under the same budget is still one read and one write.
    expect(await syncs(() => host.addSheets([annexPlan()], "fail"))).toBe(2);
  });

  test("a split write that fails part-way is rolled back too", async () => {
    const { book, host } = setup({ payloadLimitBytes: 60_000 }, { maxRequestBytes: 50_000 });
    book.addSheet("Sheet1", [[1]]);
    const before = snapshot(book);
    book.failSync({ at: book.syncCount + 3 });
    await expect(host.addSheets([bigPlan(2000)], "fail")).rejects.toBeInstanceOf(AddSheetsFailedError);
    expect(snapshot(book)).toEqual(before);
  });
});
