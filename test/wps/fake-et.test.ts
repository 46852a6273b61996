/**
 * The ET fake behaves like WPS where the adapter depends on it (so the adapter tests mean
 * something): array sizes, 1-based collections, sheet names, formulas from "=" text, text
 * format, protection, the call count.
 */
import { FakeEtBook, installFakeEt } from "./fake-et";
import type { EtWorksheet } from "../../src/wps/et";

function app() {
  const book = new FakeEtBook();
  book.addSheet("Sheet1");
  const g: Record<string, unknown> = {};
  const application = installFakeEt(g, book);
  return { book, application, g };
}

test("installs window.Application and its alias wps", () => {
  const { application, g } = app();
  expect(g.Application).toBe(application);
  expect(g.wps).toBe(application);
});

test("Value2 arrays must match the range's size; a one-cell range takes and gives a scalar", () => {
  const { book, application } = app();
  const ws = application.ActiveWorkbook.ActiveSheet;
  expect(() => (ws.Range("A1:B2").Value2 = [[1, 2]])).toThrow(/数组大小/);
  expect(() => (ws.Range("A1:B2").Value2 = [[1], [2]])).toThrow(/数组大小/);
  expect(() => (ws.Range("A1:B1").Value2 = "x")).toThrow(/数组大小/);
  ws.Range("A1:B2").Value2 = [
    [1, "a"],
    [true, null],
  ];
  ws.Range("C3").Value2 = 7;
  expect(ws.Range("C3").Value2).toBe(7);
  expect(ws.Range("A1:B2").Value2).toEqual([
    [1, "a"],
    [true, undefined],
  ]);
  expect(book.view("Sheet1", "B1").value).toBe("a");
});

test("collections are 1-based and refuse other indexes", () => {
  const { book, application } = app();
  book.addSheet("二");
  const sheets = application.ActiveWorkbook.Worksheets;
  expect((sheets.Item(1) as EtWorksheet).Name).toBe("Sheet1");
  expect((sheets.Item(2) as EtWorksheet).Name).toBe("二");
  expect(() => sheets.Item(0)).toThrow();
  expect(() => sheets.Item(3)).toThrow();
  expect(() => sheets.Item("三")).toThrow();
  expect(() => application.ActiveWorkbook.Names.Item(1)).toThrow();
});

test("duplicate (ignoring case) and illegal sheet names fail", () => {
  const { book, application } = app();
  const ws = application.ActiveWorkbook.Worksheets.Add();
  expect(() => (ws.Name = "sheet1")).toThrow(/重名/);
  for (const bad of ["a/b", "[x]", "'q", "", "x".repeat(32)]) expect(() => (ws.Name = bad)).toThrow();
  ws.Name = "2018年7月";
  expect(book.sheets.map((s) => s.name)).toEqual(["2018年7月", "Sheet1"]); // Add goes before the active sheet
});

test('a string starting with "=" becomes a formula unless the cell is text-formatted', () => {
  const { book, application } = app();
  const ws = application.ActiveWorkbook.ActiveSheet;
  ws.Range("A1:B1").Value2 = [[2, "=A1*3"]];
  expect(book.view("Sheet1", "B1")).toMatchObject({ value: 6, formula: "=A1*3" });
  ws.Range("C1").NumberFormat = "@";
  ws.Range("C1").Value2 = "=A1*3";
  expect(book.view("Sheet1", "C1")).toMatchObject({ value: "=A1*3", formula: undefined });
  ws.Range("D1").Value2 = "'=A1";
  expect(book.view("Sheet1", "D1")).toMatchObject({ value: "=A1", formula: undefined });
  expect(ws.Range("A1:D1").Formula).toEqual([["2", "=A1*3", "=A1*3", "=A1"]]);
});

test("a protected sheet refuses writes to locked cells and every format change", () => {
  const { book, application } = app();
  const ws = application.ActiveWorkbook.ActiveSheet;
  ws.Range("B2").Locked = false;
  ws.Protect();
  expect(() => (ws.Range("A1").Value2 = 1)).toThrow(/受保护/);
  expect(() => (ws.Range("B2").NumberFormat = "0")).toThrow(/受保护/);
  ws.Range("B2").Value2 = 5;
  expect(book.view("Sheet1", "B2").value).toBe(5);
  expect(
    () =>
      (ws.Range("A1:B2").Value2 = [
        [1, 2],
        [3, 4],
      ]),
  ).toThrow(/受保护/);
  expect(book.view("Sheet1", "A1").value).toBeNull();
});

test("every member read, write and call counts as one ET call; names follow a rename and break on delete", () => {
  const { book, application } = app();
  const before = book.calls;
  const wb = application.ActiveWorkbook; // 1
  const ws = wb.ActiveSheet; // 2
  void ws.Name; // 3
  ws.Range("A1").Value2 = 1; // 4 Range, 5 Value2
  expect(book.calls - before).toBe(5);
  wb.Names.Add("Yuebao_1.k.v", "='Sheet1'!$A$1", false);
  ws.Name = "改名";
  expect(book.names[0].refersTo).toBe("='改名'!$A$1");
  const other = wb.Worksheets.Add();
  book.displayAlerts = false;
  ws.Delete();
  expect(book.names[0].refersTo).toBe("=#REF!$A$1");
  expect(() => other.Delete()).toThrow(/至少/);
});

test("Range.Select needs its sheet active; cell-edit mode refuses every call but Ready", () => {
  const { book, application } = app();
  book.addSheet("二");
  const two = application.ActiveWorkbook.Worksheets.Item("二") as EtWorksheet;
  expect(() => two.Range("B3").Select()).toThrow(/未激活/);
  two.Activate();
  two.Range("B3").Select();
  expect(book.selection).toEqual({ sheet: "二", rect: { top: 2, left: 1, bottom: 2, right: 1 } });
  book.editMode = true;
  expect(application.Ready).toBe(false);
  expect(() => application.ActiveWorkbook).toThrow(/编辑/);
});
