/** The adapter's small pure helpers. */
import { degradedFeatures, detectCapabilities } from "../../src/excel/capabilities";
import {
  ApiNotSupportedError,
  CellEditModeError,
  OfficeApiError,
  PayloadTooLargeError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
  translateOfficeError,
} from "../../src/excel/errors";
import { markFormula, markName, marksOf, parseMark } from "../../src/excel/marks";
import { addressCorner, sourceCell } from "../../src/excel/read-grid";
import { groupRects } from "../../src/excel/rects";
import { copyName, sheetNameProblem } from "../../src/excel/sheet-names";
import { columnWidthPoints } from "../../src/excel/units";

test("sheet-name rules", () => {
  expect(sheetNameProblem("2018年7月")).toBeNull();
  expect(sheetNameProblem("")).toBe("empty");
  expect(sheetNameProblem("x".repeat(32))).toBe("tooLong");
  for (const c of [":", "\\", "/", "?", "*", "[", "]"]) expect(sheetNameProblem(`a${c}b`)).toBe("badCharacter");
  expect(sheetNameProblem("'a")).toBe("apostrophe");
  expect(sheetNameProblem("history")).toBe("reserved");
  expect(copyName("A", ["a", "A (2)"])).toBe("A (3)");
  const long = "x".repeat(31);
  expect(copyName(long, [long])).toBe("x".repeat(27) + " (2)");
  expect(copyName("abcdefghijklmnopqrstuvwxyz'1234", [])).toBe("abcdefghijklmnopqrstuvwxyz (2)");
});

test("groupRects makes few rectangles and covers every cell once", () => {
  const cells = [
    ...[0, 1, 2].flatMap((r) => [0, 1, 2, 3].map((c) => ({ row: r, col: c, key: "a" }))),
    { row: 3, col: 0, key: "b" },
    { row: 3, col: 1, key: "a" },
    { row: 4, col: 1, key: "a" },
  ];
  const rects = groupRects(cells);
  expect(rects).toEqual([
    { key: "a", top: 0, left: 0, bottom: 2, right: 3 },
    { key: "b", top: 3, left: 0, bottom: 3, right: 0 },
    { key: "a", top: 3, left: 1, bottom: 4, right: 1 },
  ]);
  const area = rects.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
  expect(area).toBe(cells.length);
});

test("column widths: characters → points", () => {
  expect(columnWidthPoints(8.43)).toBe(48); // Excel's default: 64 px
  expect(columnWidthPoints(10)).toBe(56.25);
  expect(columnWidthPoints(0)).toBe(0);
});

test("marks: names, string constants, foreign and workbook-scoped names ignored", () => {
  expect(markName("period")).toBe("Yuebao_period");
  expect(() => markName("bad key")).toThrow();
  expect(markFormula('a"b')).toBe('="a""b"');
  expect(parseMark({ name: "Yuebao_period", formula: '="2018-07"', scope: "Worksheet" })).toEqual(["period", "2018-07"]);
  expect(parseMark({ name: "Yuebao_period", formula: '="2018-07"', scope: "Workbook" })).toBeNull();
  expect(parseMark({ name: "Yuebao_unit", type: "String", value: "云集镇" })).toEqual(["unit", "云集镇"]);
  expect(marksOf([{ name: "Print_Area", formula: "=S!$A$1" }, { name: "Yuebao_q", formula: '="say ""hi"""' }])).toEqual({ q: 'say "hi"' });
});

test("reading cells: formulas, text that looks like one, errors", () => {
  expect(addressCorner("'a!b'!C3:D9")).toEqual({ top: 2, left: 2 });
  expect(sourceCell("", "", "General", "Empty")).toBeNull();
  expect(sourceCell("=1+1", "=1+1", "@", "String")).toEqual({ value: "=1+1", numberFormat: "@" });
  expect(sourceCell(2, "=1+1", "General", "Double")).toEqual({ value: 2, formula: "=1+1" });
  expect(sourceCell("#REF!", "=A0", "General", "Error")).toEqual({ value: null, error: "#REF!", formula: "=A0" });
  expect(sourceCell(true, true, "General", "Boolean")).toEqual({ value: true });
});

test("capabilities by requirement set", () => {
  const only = (max: number) => ({ isSetSupported: (_: string, v?: string) => Number(v?.split(".")[1]) <= max });
  expect(detectCapabilities(only(7))).toMatchObject({ baseline: true, dataValidation: false, pageLayout: false, delayForCellEdit: true });
  expect(degradedFeatures(detectCapabilities(only(8)))).toEqual(["pageLayout", "fillTint"]);
  expect(degradedFeatures(detectCapabilities(only(9)))).toEqual([]);
  expect(detectCapabilities(undefined).baseline).toBe(false);
});

test("Office errors become typed errors", () => {
  const e = (code: string) => ({ code, message: "m", debugInfo: { errorLocation: "Range.values" } });
  expect(translateOfficeError(e("ItemAlreadyExists"), { sheet: "S" })).toEqual(new SheetExistsError("S"));
  expect(translateOfficeError(e("AccessDenied"), { sheet: "S" })).toEqual(new SheetProtectedError("S"));
  expect(translateOfficeError(e("ItemNotFound"), { sheet: "S" })).toEqual(new SheetNotFoundError("S"));
  expect(translateOfficeError(e("InvalidOperationInCellEditMode"))).toBeInstanceOf(CellEditModeError);
  expect(translateOfficeError(e("RequestPayloadSizeLimitExceeded"))).toBeInstanceOf(PayloadTooLargeError);
  expect(translateOfficeError(e("ApiNotFound"))).toBeInstanceOf(ApiNotSupportedError);
  const other = translateOfficeError(e("InvalidArgument"));
  expect(other).toBeInstanceOf(OfficeApiError);
  expect(other).toMatchObject({ code: "InvalidArgument", location: "Range.values" });
  const plain = new TypeError("x");
  expect(translateOfficeError(plain)).toBe(plain);
});
