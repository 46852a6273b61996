/**
 * WpsHost against the ET fake: what a plan looks like once written (layout, formats, print,
 * protection, validation, marks), and the failure paths: a failure at any call of an insert
 * leaves the workbook as it was, a replaced sheet goes only after its successor is complete,
 * protected sheets and cell-edit mode say so before anything is written.
 */
import { annexPlan } from "../excel/helpers";
import { parseMarkName } from "../../src/form/marks";
import type { SheetPlan } from "../../src/form/plan";
import {
  AddSheetsFailedError,
  CellEditModeError,
  HostApiError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
} from "../../src/jobs/host-errors";
import { describeError } from "../../src/form/problem-messages";
import { unmodelled } from "./fake-et";
import { wpsSetup } from "./helpers";

afterEach(() => expect([...unmodelled]).toEqual([]));

describe("a plan written as a new sheet", () => {
  test("values, text kept as text, formulas, number formats, layout, print, protection, validation, a hidden workbook mark", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    const out = await host.addSheets([annexPlan()], "fail");
    expect(out).toEqual({ names: ["2018年7月"], skipped: [] });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月"]);
    const v = (a: string) => book.view("2018年7月", a);
    expect(v("A1").value).toBe('安全监管"强执法防事故"行动情况月报表');
    // Text that looks like a formula, a sign or a date stays text, formatted "@".
    expect(v("B2")).toMatchObject({ value: "=1+1", formula: undefined, numberFormat: "@" });
    expect(v("B5")).toMatchObject({ value: "+罚款金额（万元）", numberFormat: "@" });
    expect(v("A6")).toMatchObject({ value: "-注：本表每月10日前报送。", numberFormat: "@" });
    expect(v("C5")).toMatchObject({ value: 3.5, numberFormat: "0.0000" });
    expect(v("D5")).toMatchObject({ value: 7, formula: "=C5*2", numberFormat: "0.0000" });
    const s = book.get("2018年7月");
    expect(s.merges.map((m) => [m.top, m.left, m.bottom, m.right])).toEqual([
      [0, 0, 0, 3],
      [5, 0, 5, 3],
    ]);
    expect([...s.columnWidths]).toEqual([
      [0, 6],
      [1, 30],
      [2, 12],
      [3, 12],
    ]);
    expect(s.rowHeights.get(0)).toBe(30);
    expect(s.cell(0, 0)?.style).toMatchObject({ bold: true, size: 16, hAlign: -4108, font: "宋体" });
    expect(s.cell(2, 1)?.style).toMatchObject({ border: 1, borderWeight: 2, wrap: true });
    expect(s.pageSetup).toEqual({
      PaperSize: 9,
      Orientation: 1,
      Zoom: false,
      FitToPagesWide: 1,
      FitToPagesTall: false,
      CenterHorizontally: true,
      PrintArea: "$A$1:$D$6",
      PrintTitleRows: "$1:$3",
    });
    // Labels locked, inputs unlocked, the sheet protected last.
    expect([v("A1").locked, v("B4").locked, v("C4").locked, v("D5").locked, s.protected]).toEqual([true, true, false, false, true]);
    expect(s.validations.map((x) => [x.type, x.operator, x.formula1, x.inputMessage])).toEqual([
      [1, 7, "0", "请填写非负整数"],
      [2, 7, "0", "单位：万元，最多4位小数"],
    ]);
    expect(book.names).toHaveLength(1);
    expect(book.names[0]).toMatchObject({ refersTo: "='2018年7月'!$A$1", visible: false });
    expect(parseMarkName(book.names[0].name)?.marks).toEqual({ period: "2018-07", kind: "template" });
    expect(book.active?.name).toBe("2018年7月");
    expect(book.freezeRows).toBe(3);
    expect(book.prompts).toBe(0);
  });

  test("without a printer or data validation the sheet is still written, and the pane is told what was left out", async () => {
    const { book, host } = wpsSetup({ noPrinter: true, noValidation: true });
    book.addSheet("Sheet1");
    const out = await host.addSheets([annexPlan()], "fail");
    expect(out.skipped.sort()).toEqual(["dataValidation", "pageLayout"]);
    expect(book.get("2018年7月").protected).toBe(true);
  });

  test("the listing reports marks, visibility and follows renames", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    await host.addSheets([annexPlan()], "fail");
    book.rename(book.get("2018年7月"), "七月");
    book.get("Sheet1").visible = 0;
    const { sheets, active } = await host.listSheets();
    expect(sheets).toEqual([
      { name: "Sheet1", visible: false, marks: {} },
      { name: "七月", visible: true, marks: { period: "2018-07", kind: "template" } },
    ]);
    expect(active).toBe("七月");
  });
});

describe("conflicts", () => {
  test("fail / copy / replace: replace keeps the position and the old mark goes", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    book.addSheet("2018年7月", [["用户的数据"]]);
    book.addSheet("Last");
    await expect(host.addSheets([annexPlan()], "fail")).rejects.toBeInstanceOf(SheetExistsError);
    expect((await host.addSheets([annexPlan()], "copy")).names).toEqual(["2018年7月 (2)"]);
    expect(book.view("2018年7月", "A1").value).toBe("用户的数据");
    await host.addSheets([annexPlan("2018年7月 (2)", { period: "2018-07", kind: "v2" })], "replace");
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月", "Last", "2018年7月 (2)"]);
    expect(book.names.map((n) => parseMarkName(n.name)?.marks.kind)).toEqual(["v2"]);
    await host.addSheets([annexPlan("2018年7月", { period: "2018-07" })], "replace");
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月", "Last", "2018年7月 (2)"]);
    expect(book.view("2018年7月", "A1").value).toBe('安全监管"强执法防事故"行动情况月报表');
    expect(book.prompts).toBe(0);
  });

  test("a name taken since the listing was read: tried once more on a fresh listing, nothing overwritten", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    const { sheets } = await host.listSheets();
    book.addSheet("2018年7月", [["别人刚建的"]]);
    const out = await host.addSheets([annexPlan()], "copy", sheets);
    expect(out.names).toEqual(["2018年7月 (2)"]);
    expect(book.view("2018年7月", "A1").value).toBe("别人刚建的");
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月", "2018年7月 (2)"]);
  });
});

describe("a failure part-way removes what was added", () => {
  const plans = (): SheetPlan[] => [
    annexPlan("2018年7月汇总", { period: "2018-07", kind: "county-total" }),
    annexPlan("2018年7月明细", { kind: "county-detail" }),
  ];

  test("at every single ET call of a two-sheet insert, the workbook is left exactly as it was", async () => {
    const probe = wpsSetup();
    probe.book.addSheet("Sheet1", [["原有", 1]]);
    const total = await probe.calls(() => probe.host.addSheets(plans(), "copy"));
    expect(total).toBeGreaterThan(50);
    for (let k = 1; k <= total; k++) {
      const { book, host } = wpsSetup();
      book.addSheet("Sheet1", [["原有", 1]]);
      book.names.push({ name: "Yuebao_7.kind.old", refersTo: "=#REF!$A$1", visible: false });
      const before = book.snapshot();
      book.failAfter(k);
      const err = await host.addSheets(plans(), "copy").then(
        () => undefined,
        (e: unknown) => e,
      );
      book.cancelFailure();
      if (err === undefined) {
        // The last calls (stale-name tidying, activation, panes) are not needed for the result.
        expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月汇总", "2018年7月明细"]);
        continue;
      }
      expect([k, book.snapshot()]).toEqual([k, before]);
      expect([k, book.prompts]).toEqual([k, 0]);
      if (err instanceof AddSheetsFailedError) expect([k, err.rolledBack]).toEqual([k, true]);
      else expect([k, err instanceof HostApiError || err instanceof SheetExistsError]).toEqual([k, true]); // failed while listing, before any change
    }
  });

  test("replace: a failure before the old sheet is deleted keeps it; after, the new sheet is kept and reported", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    book.addSheet("2018年7月", [["旧的"]]);
    const before = book.snapshot();
    book.failAfter(120);
    await expect(host.addSheets([annexPlan()], "replace")).rejects.toMatchObject({ rolledBack: true });
    expect(book.snapshot()).toEqual(before);
  });

  test("replace, failing at every call: always exactly one sheet of that name; before the deletion nothing changed", async () => {
    const fresh = () => {
      const x = wpsSetup();
      x.book.addSheet("Sheet1");
      x.book.addSheet("2018年7月", [["旧的"]]);
      return x;
    };
    const probe = fresh();
    const total = await probe.calls(() => probe.host.addSheets([annexPlan()], "replace"));
    for (let k = 1; k <= total; k++) {
      const { book, host } = fresh();
      const before = book.snapshot();
      book.failAfter(k);
      const err = await host.addSheets([annexPlan()], "replace").then(
        () => undefined,
        (e: unknown) => e,
      );
      book.cancelFailure();
      const named = book.sheets.filter((x) => x.name === "2018年7月");
      expect([k, named.length]).toEqual([k, 1]);
      if (err instanceof AddSheetsFailedError && err.rolledBack) expect([k, book.snapshot()]).toEqual([k, before]);
      else if (err instanceof AddSheetsFailedError) {
        // The old sheet was already deleted: the new one is kept under the final name and reported.
        expect([k, err.leftovers, book.view("2018年7月", "A1").value]).toEqual([k, ["2018年7月"], '安全监管"强执法防事故"行动情况月报表']);
      }
      expect([k, book.sheets.some((x) => x.name.startsWith("Yuebao~"))]).toEqual([k, false]);
    }
  });

  test("the text of a failure names what happened (zh)", () => {
    const err = new AddSheetsFailedError(new SheetProtectedError("2018年7月"), true, []);
    expect(describeError(err, "zh")).toContain("已撤销本次添加的内容");
  });
});

describe("writing into existing sheets", () => {
  test("a protected sheet with locked target cells: SheetProtectedError before anything is written", async () => {
    const { book, host, calls } = wpsSetup();
    book.addSheet("表", [[1, 2]]);
    book.get("表").protected = true;
    const before = book.snapshot();
    await expect(host.writeRanges([{ sheet: "表", address: "A1", values: [[5, 6]] }])).rejects.toBeInstanceOf(SheetProtectedError);
    expect(book.snapshot()).toEqual(before);
    expect(describeError(new SheetProtectedError("表"), "zh")).toBe("工作表“表”受保护，无法写入。请在“审阅”选项卡中撤销工作表保护后再试。");
    // A missing sheet: nothing written to the sheets before it either.
    book.get("表").protected = false;
    const unprotected = book.snapshot();
    await expect(
      host.writeRanges([
        { sheet: "表", address: "C1", values: [[1]] },
        { sheet: "没有", address: "A1", values: [[1]] },
      ]),
    ).rejects.toBeInstanceOf(SheetNotFoundError);
    expect(book.snapshot()).toEqual(unprotected);
    void calls;
  });

  test("text from a file is written as text; formulas get a non-text format; unlocked cells of a protected sheet take text with the prefix", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("表");
    await host.writeRanges([
      {
        sheet: "表",
        address: "B2",
        values: [
          ['=HYPERLINK("x")', 3],
          ["2018-07", 4],
        ],
        formulas: [
          [null, "=1+2"],
          [null, null],
        ],
      },
    ]);
    expect(book.view("表", "B2")).toMatchObject({ value: '=HYPERLINK("x")', formula: undefined, numberFormat: "@" });
    expect(book.view("表", "B3")).toMatchObject({ value: "2018-07", numberFormat: "@" });
    expect(book.view("表", "C2")).toMatchObject({ value: 3, formula: "=1+2", numberFormat: "General" });
    expect(book.view("表", "C3").value).toBe(4);
    const s = book.get("表");
    s.ensure(5, 0).locked = false;
    s.protected = true;
    await host.writeRanges([{ sheet: "表", address: "A6", values: [["=1+1"]] }]);
    expect(book.view("表", "A6")).toMatchObject({ value: "=1+1", formula: undefined });
  });

  test("cell-edit mode: a clear message and no change", async () => {
    const { book, host, ctx } = wpsSetup();
    book.addSheet("Sheet1");
    book.editMode = true;
    await expect(host.writeRanges([{ sheet: "Sheet1", address: "A1", values: [[1]] }])).rejects.toBeInstanceOf(CellEditModeError);
    await expect(host.addSheets([annexPlan()], "copy")).rejects.toBeInstanceOf(CellEditModeError);
    await expect(host.readAll()).rejects.toBeInstanceOf(CellEditModeError);
    expect(describeError(new CellEditModeError(), "zh")).toBe("表格正处于单元格编辑状态。请按回车键或 Esc 键结束编辑后再试。");
    book.editMode = false;
    expect(book.sheets).toHaveLength(1);
    void ctx;
  });

  test("a workbook whose structure is protected: nothing added", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("Sheet1");
    book.protectStructure = true;
    await expect(host.addSheets([annexPlan()], "copy")).rejects.toMatchObject({
      code: "host-failed",
      params: { code: "WorkbookStructureProtected" },
    });
    expect(book.sheets).toHaveLength(1);
  });
});

describe("reading", () => {
  test("values, formulas, error values and the used range's corner; a one-cell sheet too", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("数", [
      [null, null],
      [null, 5, "=B2*2", "=1/0", "文字"],
    ]);
    book.addSheet("空");
    const [grid, empty] = await host.readSheets(["数", "空"]);
    expect([grid.top, grid.left]).toEqual([1, 1]);
    expect(grid.cells).toEqual([
      [{ value: 5 }, { value: 10, formula: "=B2*2" }, { value: null, error: "#DIV/0!", formula: "=1/0" }, { value: "文字" }],
    ]);
    expect(empty.cells).toEqual([[null]]);
    await expect(host.readSheets(["无"])).rejects.toBeInstanceOf(SheetNotFoundError);
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("一");
    book.addSheet("二");
    await host.selectCell("二", "C5");
    expect([book.active?.name, book.selection]).toEqual(["二", { sheet: "二", rect: { top: 4, left: 2, bottom: 4, right: 2 } }]);
    await expect(host.selectCell("三", "A1")).rejects.toBeInstanceOf(SheetNotFoundError);
  });

  test("SheetChange: the user's edits on watched sheets call back, the host's own writes do not", async () => {
    const { book, host } = wpsSetup();
    book.addSheet("一");
    book.addSheet("二");
    const seen: string[] = [];
    const off = host.onReportChanged(["一"], (s) => seen.push(s));
    book.userEdit("一", 0, 0, 1);
    book.userEdit("二", 0, 0, 1);
    await host.writeRanges([{ sheet: "一", address: "B1", values: [[2]] }]);
    expect(seen).toEqual(["一"]);
    off();
    book.userEdit("一", 0, 0, 2);
    expect(seen).toEqual(["一"]);
    expect(book.listeners.size).toBe(0);
  });
});
