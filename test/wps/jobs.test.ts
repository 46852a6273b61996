/**
 * The four jobs (src/jobs/workbook-jobs.ts, unchanged) through the WPS adapter and the ET fake:
 * what they write, cell by cell; marks that follow renames; failure paths; and ET calls that do
 * not grow with the rows of a sheet or the number of units merged.
 */
import { writeWorkbook } from "../../src/files";
import { ANNEX_LAYOUT, annexPlan } from "../../src/form/layout";
import { ANNEX } from "../../src/form/spec";
import { createOfficeActions } from "../../src/jobs/office-actions";
import { fillJob, findPeriodSheet, insertTemplateJob, mergeJob, validateJob } from "../../src/jobs/workbook-jobs";
import { unmodelled } from "./fake-et";
import { column, figures, picked, typeFigures, wpsSetup } from "./helpers";

const JUNE = { year: 2018, month: 6 };
const JULY = { year: 2018, month: 7 };

afterEach(() => expect([...unmodelled]).toEqual([]));

async function juneAndJuly() {
  const s = wpsSetup();
  s.book.addSheet("Sheet1");
  await insertTemplateJob(s.ctx, { period: JUNE, unit: "云集镇", onConflict: "copy" });
  await insertTemplateJob(s.ctx, { period: JULY, unit: "云集镇", onConflict: "copy" });
  typeFigures(
    s.book,
    "2018年6月",
    figures(1),
    figures(1).map((v) => v * 2),
  );
  return s;
}

const unitBytes = (unit: string, month = 1) =>
  writeWorkbook([
    annexPlan(ANNEX, JULY, {
      unit,
      date: { year: 2018, month: 8, day: 5 },
      month: Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? 2 * month : month])),
      cumulative: Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? 4 * month : 2 * month])),
    }),
  ]);

describe("insert template", () => {
  test("the annex with unit and month, asks before adding a second copy, opens the existing one on request", async () => {
    const { book, ctx } = wpsSetup();
    book.addSheet("Sheet1");
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "ask" })).toEqual({
      status: "inserted",
      sheet: "2018年7月",
    });
    expect(book.view("2018年7月", "A1").value).toBe(`${ANNEX.title}\n（2018年7月）`);
    expect(book.view("2018年7月", "B2")).toMatchObject({ value: "云集镇", numberFormat: "@", locked: false });
    expect(book.get("2018年7月").protected).toBe(true);
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "ask" })).toEqual({
      status: "exists",
      sheet: "2018年7月",
    });
    book.active = book.get("Sheet1");
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "open" })).toEqual({
      status: "exists",
      sheet: "2018年7月",
    });
    expect(book.active?.name).toBe("2018年7月");
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" })).toEqual({
      status: "inserted",
      sheet: "2018年7月 (2)",
    });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "2018年7月", "2018年7月 (2)"]);
  });

  test("a unit name that looks like a formula stays text", async () => {
    const { book, ctx } = wpsSetup();
    book.addSheet("Sheet1");
    await insertTemplateJob(ctx, { period: JULY, unit: '=HYPERLINK("http://x")', onConflict: "copy" });
    expect(book.view("2018年7月", "B2")).toMatchObject({ value: '=HYPERLINK("http://x")', formula: undefined });
  });
});

describe("marks follow renames", () => {
  test("the user renames both months: insert, validate and fill still find them", async () => {
    const { book, ctx, host } = await juneAndJuly();
    book.rename(book.get("2018年6月"), "上月");
    book.rename(book.get("2018年7月"), "本月报表");
    const { sheets } = await host.listSheets();
    expect(findPeriodSheet(sheets, JULY)?.name).toBe("本月报表");
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "ask" })).toEqual({
      status: "exists",
      sheet: "本月报表",
    });
    typeFigures(book, "本月报表", figures(10));
    book.active = book.get("本月报表");
    const [check] = await validateJob(ctx, { scope: "active" });
    expect([check.sheet, check.period]).toEqual(["本月报表", JULY]);
    const filled = await fillJob(ctx, { mode: "values" });
    expect([filled.sheet, filled.priorSource, filled.written]).toEqual(["本月报表", "上月", ANNEX.items.length]);
    expect(column(book, "本月报表", "D")).toEqual(figures(1).map((v, i) => v * 2 + figures(10)[i]));
  });
});

describe("validate", () => {
  test("findings by cell, a click selects the cell on its sheet, an edit re-runs the check", async () => {
    const { book, ctx, host } = await juneAndJuly();
    const month = figures(1);
    month[1] = -3;
    typeFigures(
      book,
      "2018年7月",
      month,
      figures(1).map((v) => v * 3),
    );
    book.active = book.get("Sheet1");
    const checks = await validateJob(ctx, { scope: "all" });
    const july = checks.find((c) => c.sheet === "2018年7月");
    const negative = july?.findings.find((f) => f.code === "negative");
    expect(negative?.cell).toBe("C5");

    const actions = createOfficeActions(ctx, {
      store: { get: () => null, set: () => undefined },
      onChanged: async (sheets, cb) => host.onReportChanged(sheets, cb),
    });
    await actions.selectCell?.("2018年7月", "C5");
    expect([book.active?.name, book.selection?.rect]).toEqual(["2018年7月", { top: 4, left: 2, bottom: 4, right: 2 }]);
    await actions.validate({ scope: "active" });
    let rechecks = 0;
    const off = await actions.onSheetChanged?.(() => rechecks++);
    book.userEdit("2018年7月", 4, 2, 2);
    book.userEdit("Sheet1", 0, 0, 2); // another sheet: no re-check
    expect(rechecks).toBe(1);
    off?.();
    expect(book.listeners.size).toBe(0);
  });

  test("a sheet that is not a report says so", async () => {
    const { book, ctx } = wpsSetup();
    book.addSheet("随便", [["x"]]);
    await expect(validateJob(ctx, { scope: "active" })).rejects.toMatchObject({ code: "not-a-report", params: { sheet: "随便" } });
  });
});

describe("fill", () => {
  test("values into the protected template's unlocked 累计数 cells; formulas mode writes live formulas", async () => {
    const { book, ctx } = await juneAndJuly();
    typeFigures(book, "2018年7月", figures(10));
    const out = await fillJob(ctx, { mode: "values" });
    expect(out.written).toBe(ANNEX.items.length);
    expect(column(book, "2018年7月", "D")).toEqual(figures(1).map((v, i) => v * 2 + figures(10)[i]));
    const again = await fillJob(ctx, { mode: "formulas" });
    expect(again.written).toBe(ANNEX.items.length);
    const d4 = book.view("2018年7月", `D${ANNEX_LAYOUT.firstItemRow + 1}`);
    expect(d4.formula).toMatch(/^=/);
    expect(d4.value).toBe(2 + 10);
  });

  test("never writes over typed 累计数 without asking; with overwrite it does", async () => {
    const { book, ctx } = await juneAndJuly();
    typeFigures(book, "2018年7月", figures(10), [12, 999]);
    const before = book.snapshot();
    const out = await fillJob(ctx, { mode: "values" });
    expect(out.written).toBe(0);
    expect(out.confirm?.map((c) => [c.cell, c.current, c.computed])).toEqual([["D5", 999, 2 * 2 + 11]]);
    expect(book.snapshot()).toEqual(before);
    const forced = await fillJob(ctx, { mode: "values", overwrite: true });
    expect(forced.written).toBe(ANNEX.items.length);
    expect(book.view("2018年7月", "D5").value).toBe(15);
  });

  test("a sheet the user protected with the 累计数 cells locked: a clear error, nothing written", async () => {
    const { book, ctx } = await juneAndJuly();
    typeFigures(book, "2018年7月", figures(10));
    const s = book.get("2018年7月");
    for (let i = 0; i < ANNEX.items.length; i++) s.ensure(ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.cumCol).locked = true;
    const before = book.snapshot();
    await expect(fillJob(ctx, { mode: "values" })).rejects.toMatchObject({ code: "sheet-protected", params: { sheet: "2018年7月" } });
    expect(book.snapshot()).toEqual(before);
  });
});

describe("merge", () => {
  test("picked files become a total, a detail and a roster sheet; text from the files stays text", async () => {
    const { book, ctx } = wpsSetup();
    book.addSheet("Sheet1");
    const roster = picked("名册.txt", new TextEncoder().encode("云集镇\n=1+1镇\n泉湖镇\n"));
    const files = [picked("云集镇.xlsx", unitBytes("云集镇")), picked("怪名.xlsx", unitBytes("=1+1镇", 2))];
    const out = await mergeJob(ctx, { files, roster, period: JULY });
    expect(out.written).toEqual(["2018年7月汇总", "2018年7月明细", "2018年7月报送情况", "单位名册"]);
    expect(out.result.missing).toEqual(["泉湖镇"]);
    expect(column(book, "2018年7月汇总", "C")).toEqual(ANNEX.items.map((it) => (it.id === "officers" ? 6 : 3)));
    // The odd unit name is text wherever it was written.
    const texts: { sheet: string; value: unknown; formula?: string }[] = [];
    for (const s of book.sheets)
      for (const [key, c] of s.cells)
        if (c.value === "=1+1镇" || c.formula?.startsWith("=1+1"))
          texts.push({ sheet: s.name, value: c.value, formula: c.formula, ...{ key } });
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.formula === undefined)).toBe(true);
    expect(book.active?.name).toBe("2018年7月汇总");
    // The roster sheet is read back next month.
    const again = await mergeJob(ctx, { files: files.slice(0, 1), period: JULY });
    expect(again.result.missing).toEqual(["=1+1镇", "泉湖镇"]);
  });

  test("a failure while writing the county sheets leaves the workbook as it was", async () => {
    const { book, ctx } = wpsSetup();
    book.addSheet("Sheet1");
    const before = book.snapshot();
    book.failAfter(200);
    await expect(mergeJob(ctx, { files: [picked("云集镇.xlsx", unitBytes("云集镇"))], period: JULY })).rejects.toMatchObject({
      code: "add-sheets-failed",
      params: { rolledBack: true },
    });
    expect(book.snapshot()).toEqual(before);
  });
});

describe("ET calls do not grow with rows or units", () => {
  test("merge: the same number of calls for 1, 30 and 120 units", async () => {
    const counts: number[] = [];
    const bytes = unitBytes("x");
    for (const n of [1, 30, 120]) {
      const { book, ctx, calls } = wpsSetup();
      book.addSheet("Sheet1");
      const files = Array.from({ length: n }, (_, i) => picked(`${i}.xlsx`, i === 0 ? bytes : unitBytes(`单位${i}`)));
      counts.push(await calls(() => mergeJob(ctx, { files, period: JULY })));
    }
    expect(new Set(counts).size).toBe(1);
  });

  test("validate and fill: the same calls whatever the figures; a few per sheet for the listing", async () => {
    const { book, ctx, calls } = await juneAndJuly();
    typeFigures(book, "2018年7月", figures(10));
    book.active = book.get("2018年7月");
    const a = await calls(() => validateJob(ctx, { scope: "active" }));
    typeFigures(book, "2018年7月", figures(1000));
    expect(await calls(() => validateJob(ctx, { scope: "active" }))).toBe(a);
    const f = await calls(() => fillJob(ctx, { mode: "values" }));
    expect(await calls(() => fillJob(ctx, { mode: "values" }))).toBe(f);
  });
});
