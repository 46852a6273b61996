/**
 * The fake itself: it must behave like Excel where the adapter depends on it, or the adapter
 * tests prove nothing.
 */
import { FakeWorkbook, installFakeOffice } from "../support/fake-excel";

function excel(book: FakeWorkbook): { Excel: typeof Excel; Office: typeof Office } {
  const g: Record<string, unknown> = {};
  installFakeOffice(g, book);
  return g as unknown as { Excel: typeof Excel; Office: typeof Office };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
}

describe("fake Excel: proxies and sync", () => {
  test("values are readable only after load + sync; unloaded properties throw PropertyNotLoaded", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S", [[1, "a"]]);
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
      r.load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[1, "a"]]);
      expect(() => r.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
    expect(book.syncCount).toBe(1);
  });

  test("a set is applied only at sync, in statement order", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      r.values = [[5]];
      expect(book.view("S", "A1").type).toBe("Empty");
      await ctx.sync();
    });
    expect(book.view("S", "A1").value).toBe(5);
  });

  test("values of the wrong dimensions fail with InvalidArgument; earlier statements stay applied", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S");
    const { Excel } = excel(book);
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("S");
        ws.getRange("A1").values = [["first"]];
        ws.getRange("A2:B2").values = [[1, 2, 3]];
        ws.getRange("A3").values = [["never"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
    expect(book.view("S", "A1").value).toBe("first");
    expect(book.view("S", "A3").type).toBe("Empty");
  });

  test("adding a sheet whose name exists ignoring case fails with ItemAlreadyExists; bad names with InvalidArgument", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Report");
    const { Excel } = excel(book);
    const add = (name: string): Promise<string> =>
      codeOf(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.add(name);
          await ctx.sync();
        }),
      );
    expect(await add("REPORT")).toBe("ItemAlreadyExists");
    for (const bad of ["a:b", "a/b", "a?b", "a*b", "[x]", "x".repeat(32), "'x", "history", ""])
      expect(await add(bad)).toBe("InvalidArgument");
    expect(await add("x".repeat(31))).toBe("no error");
  });

  test("getUsedRange on a blank sheet gives A1 (as documented); the OrNullObject variant gives a null object", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Blank");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      const used = ws.getUsedRange().load("address");
      const maybe = ws.getUsedRangeOrNullObject(true).load("address");
      expect(() => maybe.isNullObject).toThrow();
      await ctx.sync();
      expect(used.address).toBe("Blank!A1");
      expect(maybe.isNullObject).toBe(true);
    });
  });

  test("a string starting with = or + becomes a formula unless the cell is formatted as text", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1:D1").values = [["=1+1", "+2+3", "2018-07", "001"]];
      ws.getRange("A2:D2").numberFormat = [["@", "@", "@", "@"]];
      ws.getRange("A2:D2").values = [["=1+1", "+2+3", "2018-07", "001"]];
      await ctx.sync();
    });
    expect(book.view("S", "A1")).toEqual({ value: 2, type: "Double", formula: "=1+1" });
    expect(book.view("S", "B1").value).toBe(5);
    expect(book.view("S", "C1").type).toBe("Double"); // became a date serial
    expect(book.view("S", "D1").value).toBe(1);
    expect(book.view("S", "A2")).toEqual({ value: "=1+1", type: "String", formula: "=1+1" });
    expect(book.view("S", "B2").value).toBe("+2+3");
    expect(book.view("S", "C2").value).toBe("2018-07");
    expect(book.view("S", "D2").value).toBe("001");
  });

  test("formulas evaluate across sheets; errors read as error values", async () => {
    const book = new FakeWorkbook();
    book.addSheet("2018年6月", [[10]]);
    book.addSheet("S", [[1, 2]]);
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("C1:E1").formulas = [["=A1+B1*2+'2018年6月'!A1", "=SUM(A1:C1)", "=1/0"]];
      const r = ws.getRange("C1:E1").load("values,valueTypes,formulas");
      await ctx.sync();
      expect(r.values).toEqual([[15, 18, "#DIV/0!"]]);
      expect(r.valueTypes).toEqual([["Double", "Double", "Error"]]);
      expect(r.formulas[0][2]).toBe("=1/0");
    });
  });

  test("a protected sheet refuses writes to locked cells and formats, accepts unlocked cells", async () => {
    const book = new FakeWorkbook();
    book.addSheet("P");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("P");
      ws.getRange("B2").format.protection.locked = false;
      ws.protection.protect();
      await ctx.sync();
    });
    const write = (addr: string, set: (r: Excel.Range) => void): Promise<string> =>
      codeOf(
        Excel.run(async (ctx) => {
          set(ctx.workbook.worksheets.getItem("P").getRange(addr));
          await ctx.sync();
        }),
      );
    expect(await write("A1", (r) => (r.values = [[1]]))).toBe("AccessDenied");
    expect(await write("B2", (r) => (r.values = [[1]]))).toBe("no error");
    expect(await write("B2", (r) => (r.numberFormat = [["0"]]))).toBe("AccessDenied");
    expect(book.view("P", "B2").value).toBe(1);
  });

  test("sheet-scoped names hold string constants", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const names = ctx.workbook.worksheets.getItem("S").names;
      names.add("Yuebao_period", '="2018-07"');
      names.add("Yuebao_q", '="say ""hi"""');
      names.load("items/name,items/type,items/value,items/formula,items/scope");
      await ctx.sync();
      expect(names.items.map((n) => [n.name, n.type, n.value, n.formula, n.scope])).toEqual([
        ["Yuebao_period", "String", "2018-07", '="2018-07"', "Worksheet"],
        ["Yuebao_q", "String", 'say "hi"', '="say ""hi"""', "Worksheet"],
      ]);
    });
    const dup = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").names.add("YUEBAO_PERIOD", '="x"');
        await ctx.sync();
      }),
    );
    expect(dup).toBe("ItemAlreadyExists");
  });

  test("workbook names: workbook scope only; a reference follows its sheet's renames and becomes #REF! when it is deleted", async () => {
    const book = new FakeWorkbook();
    book.addSheet("S");
    book.addSheet("2018年7月");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const names = ctx.workbook.names;
      names.add("ByRange", ctx.workbook.worksheets.getItem("2018年7月").getRange("A1"));
      names.add("ByFormula", "=S!$B$2");
      names.add("Const", '="x"').visible = false;
      ctx.workbook.worksheets.getItem("S").names.add("Local", '="y"');
      await ctx.sync();
    });
    const list = async (): Promise<unknown[]> =>
      Excel.run(async (ctx) => {
        const names = ctx.workbook.names.load("items/name,items/type,items/value,items/formula,items/scope,items/visible");
        expect(() => names.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
        await ctx.sync();
        return names.items.map((n) => [n.name, n.type, n.value, n.formula, n.scope, n.visible]);
      });
    expect(await list()).toEqual([
      ["ByRange", "Range", "'2018年7月'!$A$1", "='2018年7月'!$A$1", "Workbook", true],
      ["ByFormula", "Range", "S!$B$2", "=S!$B$2", "Workbook", true],
      ["Const", "String", "x", '="x"', "Workbook", false],
    ]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("2018年7月").name = "七月 (2)";
      ctx.workbook.worksheets.getItem("S").delete();
      await ctx.sync();
    });
    expect((await list()).slice(0, 2)).toEqual([
      ["ByRange", "Range", "'七月 (2)'!$A$1", "='七月 (2)'!$A$1", "Workbook", true],
      ["ByFormula", "Error", "#REF!", "=#REF!$B$2", "Workbook", true],
    ]);
    const dup = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.names.add("BYRANGE", '="z"');
        await ctx.sync();
      }),
    );
    expect(dup).toBe("ItemAlreadyExists");
    const bad = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.names.add("A1", '="z"');
        await ctx.sync();
      }),
    );
    expect(bad).toBe("InvalidArgument");
    await Excel.run(async (ctx) => {
      ctx.workbook.names.getItem("byformula").delete();
      await ctx.sync();
    });
    expect(book.namesReferringTo("七月 (2)")).toEqual([{ name: "ByRange", formula: "='七月 (2)'!$A$1" }]);
    expect([...book.names.keys()]).toEqual(["BYRANGE", "CONST"]);
  });

  test("getFirst / getLast (ExcelApi 1.5), hidden sheets included unless visibleOnly", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Hidden").visibility = "Hidden";
    book.addSheet("A");
    book.addSheet("B");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      const [first, firstVisible, last] = [ws.getFirst(), ws.getFirst(true), ws.getLast()].map((w) => w.load("name"));
      await ctx.sync();
      expect([first.name, firstVisible.name, last.name]).toEqual(["Hidden", "A", "B"]);
    });
  });

  test("requirement sets: a 1.7 host fails 1.8/1.9 statements with ApiNotFound and says so in isSetSupported", async () => {
    const book = new FakeWorkbook({ excelApi: "1.7" });
    book.addSheet("S");
    const { Excel, Office } = excel(book);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(false);
    const pl = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").pageLayout.orientation = "Landscape";
        await ctx.sync();
      }),
    );
    const dv = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").dataValidation.rule = {
          wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" },
        };
        await ctx.sync();
      }),
    );
    expect([pl, dv]).toEqual(["ApiNotFound", "ApiNotFound"]);
    expect(new FakeWorkbook({ excelApi: "1.10" }).supports("1.9")).toBe(true);
  });

  test("failSync, payload limit and cell-edit mode", async () => {
    const book = new FakeWorkbook({ payloadLimitBytes: 1000 });
    book.addSheet("S");
    const { Excel } = excel(book);
    book.failSync({ at: 1, code: "GeneralException" });
    expect(
      await codeOf(
        Excel.run(async (ctx) => {
          await ctx.sync();
        }),
      ),
    ).toBe("GeneralException");
    expect(
      await codeOf(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["0123456789abcdef"]);
          await ctx.sync();
        }),
      ),
    ).toBe("RequestPayloadSizeLimitExceeded");
    book.cellEditMode = true;
    const touch = (opts: Excel.RunOptions): Promise<string> =>
      codeOf(
        Excel.run(opts, async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
          await ctx.sync();
        }),
      );
    expect(await touch({})).toBe("InvalidOperationInCellEditMode");
    expect(await touch({ delayForCellEdit: true })).toBe("no error");
    expect(book.syncCount).toBe(4);
  });

  test("Office globals: onReady, displayLanguage, document settings survive only after saveAsync", async () => {
    const book = new FakeWorkbook({ displayLanguage: "en-US" });
    const { Office } = excel(book);
    const info = await Office.onReady();
    expect(info.host).toBe("Excel");
    expect(Office.context.displayLanguage).toBe("en-US");
    const settings = Office.context.document.settings;
    expect(settings.get("k")).toBeNull();
    settings.set("k", { a: 1 });
    expect(settings.get("k")).toEqual({ a: 1 });
    expect(book.savedSettings).toEqual({});
    await new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
    expect(book.savedSettings).toEqual({ k: { a: 1 } });
  });

  test("cells are stored sparsely", async () => {
    const book = new FakeWorkbook();
    const s = book.addSheet("S");
    const { Excel } = excel(book);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1").values = [[1]];
      ws.getRange("XFD1048576").values = [[2]];
      const used = ws.getUsedRange(true).load("address,rowCount,columnCount");
      await ctx.sync();
      expect(used.address).toBe("S!A1:XFD1048576");
      expect(used.columnCount).toBe(16384);
    });
    expect(s.cells.size).toBe(2);
  });
});
