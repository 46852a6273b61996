/** The adapter's small pure helpers. */
import { degradedFeatures, detectCapabilities } from "../../src/excel/capabilities";
import {
  ApiNotSupportedError,
  CellEditModeError,
  HostApiError,
  PayloadTooLargeError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
  translateOfficeError,
} from "../../src/excel/errors";
import {
  decodeMarkToken,
  encodeMarkToken,
  indexMarks,
  markName,
  markReference,
  marksOfSheet,
  parseMarkName,
  referencedSheet,
} from "../../src/form/marks";
import { addressCorner, sourceCell } from "../../src/excel/read-grid";
import { groupRects } from "../../src/excel/rects";
import { copyName, sheetNameProblem } from "../../src/form/sheet-names";
import { columnWidthPoints } from "../../src/excel/units";
import fc from "fast-check";

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

describe("marks as workbook names", () => {
  test("a readable, lossless spelling in Excel's name alphabet", () => {
    const name = markName(1, { form: "annex", period: "2018-07" });
    expect(name).toBe("Yuebao_1.form.annex.period.2018_2D07");
    expect(parseMarkName(name)).toEqual({ id: 1, marks: { form: "annex", period: "2018-07" } });
    expect(markName(12, { kind: "county-total" })).toBe("Yuebao_12.kind.county_2Dtotal");
    // Anything round-trips: upper case, ".", "_", quotes, Chinese, the empty string.
    const odd = { Unit: "云集镇 A.b_c\"'", e: "" };
    const n = markName(3, odd);
    expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
    expect(parseMarkName(n)).toEqual({ id: 3, marks: odd });
  });

  test("decoding ignores case (names compare ignoring case) and refuses what is not ours", () => {
    const name = markName(7, { Period: "2018-07", unit: "Ab" });
    expect(parseMarkName(name.toUpperCase())).toEqual({ id: 7, marks: { Period: "2018-07", unit: "Ab" } });
    expect(parseMarkName(name.toLowerCase())).toEqual({ id: 7, marks: { Period: "2018-07", unit: "Ab" } });
    for (const other of [
      "Yuebao_period",
      "Yuebao_1.period",
      "Yuebao_x.a.b",
      "Other_1.a.b",
      "Yuebao_1.a.b_Z1",
      "Yuebao_1.a.b-c",
      "Yuebao_1.a.",
      "Yuebao_1.a._FF",
    ])
      expect([other, parseMarkName(other)]).toEqual([other, undefined]);
    expect(encodeMarkToken("")).toBe("_");
    expect(decodeMarkToken("_")).toBe("");
    expect(decodeMarkToken("_e4_b8_80")).toBe("一");
  });

  test("a token decodes as the plain reading of the grammar does (any text, any case, any damage)", () => {
    // The grammar read the slow, obvious way: the hand-written decoder must agree with it.
    const reference = (t: string): string | undefined => {
      if (t === "_") return "";
      if (t === "") return undefined;
      const bytes: number[] = [];
      for (let i = 0; i < t.length; i++) {
        if (t[i] === "_") {
          const h = t.slice(i + 1, i + 3);
          if (!/^[0-9A-Fa-f]{2}$/.test(h)) return undefined;
          bytes.push(parseInt(h, 16));
          i += 2;
        } else if (/^[A-Za-z0-9]$/.test(t[i])) bytes.push(t[i].toLowerCase().charCodeAt(0));
        else return undefined;
      }
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
      } catch {
        return undefined;
      }
    };
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const t = encodeMarkToken(s);
        expect(decodeMarkToken(t)).toBe(s);
        expect(decodeMarkToken(t.toUpperCase())).toBe(reference(t.toUpperCase()));
      }),
    );
    const pieces = fc.constantFrom("_", "a", "Z", "0", "9", "_2D", "_e4", "_b8", "_80", "_FF", "_C0", "_7", "_g1", "-", ".", "一");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (ps) => {
        const t = ps.join("");
        expect(decodeMarkToken(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
  });

  test("too long for Excel's 255 characters is refused", () => {
    expect(() => markName(1, { note: "长".repeat(30) })).toThrow(/255/);
    expect(() => markName(0, { a: "b" })).toThrow();
  });

  test("the sheet a reference points at", () => {
    expect(markReference("2018年7月 (2)")).toBe("'2018年7月 (2)'!$A$1");
    expect(referencedSheet("='2018年7月 (2)'!$A$1")).toBe("2018年7月 (2)");
    expect(referencedSheet("='it''s'!$A$1")).toBe("it's");
    expect(referencedSheet("='a!b'!A1:B2")).toBe("a!b");
    expect(referencedSheet("=Sheet1!$A$1")).toBe("Sheet1");
    expect(referencedSheet("七月报表!$A$1")).toBe("七月报表");
    for (const not of ["=#REF!$A$1", "#REF!", '="2018-07"', "=Sheet1!", "=[1]Sheet1!$A$1", "='open!$A$1", "=SUM(A1)"])
      expect([not, referencedSheet(not)]).toEqual([not, undefined]);
  });

  test("indexing: marks by the sheet referred to now, stale #REF! names, next free id", () => {
    const index = indexMarks([
      { name: "Yuebao_2.period.2018_2D07", formula: "='2018年7月'!$A$1" },
      { name: "Yuebao_5.period.2018_2D06", formula: "=#REF!$A$1" },
      { name: "Yuebao_3.kind.template", type: "Range", value: "'2018年7月'!$A$1" },
      { name: "Yuebao_1.period.2018_2D05", type: "Error", value: "#REF!" },
      { name: "Yuebao_9.period.2018_2D01", formula: '="not a reference"' },
      { name: "Print_Area", formula: "=S!$A$1" },
      { name: "Yuebao_period", formula: '="2018-07"' },
    ]);
    expect(marksOfSheet(index, "2018年7月")).toEqual({ period: "2018-07", kind: "template" });
    expect(marksOfSheet(index, "2018年7月")).not.toBe(marksOfSheet(index, "2018年7月"));
    expect(marksOfSheet(index, "S")).toEqual({});
    expect(index.namesBySheet.get("2018年7月")).toEqual(["Yuebao_2.period.2018_2D07", "Yuebao_3.kind.template"]);
    expect(index.stale).toEqual(["Yuebao_1.period.2018_2D05", "Yuebao_5.period.2018_2D06"]);
    expect(index.nextId).toBe(10);
    // Two names on one sheet (Excel copies a workbook name with a copied sheet): the higher id wins.
    const two = indexMarks([
      { name: "Yuebao_4.period.2018_2D08", formula: "=S!$A$1" },
      { name: "Yuebao_2.period.2018_2D07", formula: "=s!$A$1" },
    ]);
    expect(marksOfSheet(two, "S")).toEqual({ period: "2018-08" });
    expect(indexMarks([]).nextId).toBe(1);
  });
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
  expect(other).toBeInstanceOf(HostApiError);
  expect(other).toMatchObject({ code: "host-failed", hostCode: "InvalidArgument", location: "Range.values" });
  const plain = new TypeError("x");
  expect(translateOfficeError(plain)).toBe(plain);
});
