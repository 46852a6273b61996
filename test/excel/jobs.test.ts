/**
 * The four jobs through the real Office.js adapter and the fake: context.sync() budgets on a
 * freshly opened workbook (the first call, nothing known yet) and after, and marks that keep
 * finding a sheet after the user renames it.
 */
import { setup } from "./helpers";
import { DEFAULT_SETTINGS } from "../../src/jobs/actions";
import { ANNEX_LAYOUT } from "../../src/form/layout";
import { ANNEX } from "../../src/form/spec";
import type { OfficeHost } from "../../src/excel/office-host";
import { fillJob, findPeriodSheet, insertTemplateJob, mergeJob, validateJob, type JobContext } from "../../src/jobs/workbook-jobs";
import { annexPlan } from "../../src/form/layout";
import { readWorkbook, writeWorkbook } from "../../src/files";
import type { FakeWorkbook } from "../support/fake-excel";

const JUNE = { year: 2018, month: 6 };
const JULY = { year: 2018, month: 7 };

function jobs(host: OfficeHost): JobContext {
  return {
    host,
    spec: ANNEX,
    settings: { ...DEFAULT_SETTINGS },
    lang: "zh",
    parser: async () => {
      throw new Error("no file is parsed in these tests");
    },
    today: () => ({ year: 2018, month: 8, day: 5 }),
    office: "县安委办",
  };
}

/** Types figures into a report the way a clerk does (this month, and 累计数 when given). */
function type(book: FakeWorkbook, sheet: string, month: number[], cumulative?: number[]): void {
  month.forEach((v, i) => book.userEdit(sheet, ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.monthCol, v));
  cumulative?.forEach((v, i) => book.userEdit(sheet, ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.cumCol, v));
}

const figures = (base: number): number[] => ANNEX.items.map((_, i) => base + i);

/** June and July inserted through the adapter; June filled in (本月数 1, 2, … and 累计数 twice that). */
async function juneAndJuly() {
  const { book, host, syncs } = setup();
  book.addSheet("Sheet1");
  const ctx = jobs(host);
  await insertTemplateJob(ctx, { period: JUNE, unit: "云集镇", onConflict: "copy" });
  await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" });
  type(
    book,
    "2018年6月",
    figures(1),
    figures(1).map((v) => v * 2),
  );
  return { book, ctx, syncs };
}

describe("sync budgets per job", () => {
  test("insert: 2 syncs on a freshly opened workbook (1 read, 1 write), and again for a copy", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const ctx = jobs(host);
    let out: Awaited<ReturnType<typeof insertTemplateJob>> | undefined;
    expect(await syncs(async () => (out = await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" })))).toBe(2);
    expect(out).toEqual({ status: "inserted", sheet: "2018年7月" });
    expect(await syncs(async () => (out = await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "ask" })))).toBe(1);
    expect(out).toEqual({ status: "exists", sheet: "2018年7月" });
    expect(await syncs(async () => (out = await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" })))).toBe(2);
    expect(out).toEqual({ status: "inserted", sheet: "2018年7月 (2)" });
  });

  test("validate: one read sync, the first call on a fresh workbook too (small workbook) and after an insert", async () => {
    const first = setup();
    first.book.addSheet("2018年6月");
    first.book.addSheet("2018年7月");
    first.book.activeSheetId = first.book.get("2018年7月").id;
    // Not reports yet: the job says so, after its single read.
    expect(await first.syncs(() => validateJob(jobs(first.host), { scope: "active" }).catch(() => undefined))).toBe(1);

    const { book, ctx, syncs } = await juneAndJuly();
    type(book, "2018年7月", figures(1));
    let checks: Awaited<ReturnType<typeof validateJob>> = [];
    expect(await syncs(async () => (checks = await validateJob(ctx, { scope: "active" })))).toBe(1);
    expect(checks.map((c) => [c.sheet, c.period])).toEqual([["2018年7月", JULY]]);
    expect(await syncs(() => validateJob(ctx, { scope: "all" }))).toBe(1);
  });

  test("fill: one read and one write", async () => {
    const { book, ctx, syncs } = await juneAndJuly();
    type(book, "2018年7月", figures(10));
    expect(await syncs(() => fillJob(ctx, { mode: "values" }))).toBe(2);
  });
});

describe("marks survive a rename", () => {
  test("insert → the user renames both months → the month is still found; validate and fill use the marks", async () => {
    const { book, host } = setup();
    book.addSheet("Sheet1");
    const ctx = jobs(host);
    await insertTemplateJob(ctx, { period: JUNE, unit: "云集镇", onConflict: "copy" });
    await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" });
    // Names that no longer say the month: only the marks know it.
    book.get("2018年6月").name = "上月";
    book.get("2018年7月").name = "本月报表";
    book.sheets.reverse();

    const { sheets } = await host.listSheets();
    expect(findPeriodSheet(sheets, JULY)?.name).toBe("本月报表");
    expect(findPeriodSheet(sheets, JUNE)?.name).toBe("上月");
    expect(await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "ask" })).toEqual({
      status: "exists",
      sheet: "本月报表",
    });

    type(
      book,
      "上月",
      figures(1),
      figures(1).map((v) => v * 2),
    );
    type(book, "本月报表", figures(10));
    book.activeSheetId = book.get("本月报表").id;
    const [check] = await validateJob(ctx, { scope: "active" });
    expect([check.sheet, check.period]).toEqual(["本月报表", JULY]);

    const filled = await fillJob(ctx, { mode: "values" });
    expect([filled.sheet, filled.period, filled.priorSource, filled.written]).toEqual(["本月报表", JULY, "上月", ANNEX.items.length]);
    const d = (i: number): unknown => book.view("本月报表", `D${ANNEX_LAYOUT.firstItemRow + 1 + i}`).value;
    expect(ANNEX.items.map((_, i) => d(i))).toEqual(figures(1).map((v, i) => v * 2 + figures(10)[i]));
  });
});

describe("merge keeps the roster in the county workbook", () => {
  const unitBytes = (unit: string) =>
    writeWorkbook([
      annexPlan(ANNEX, JULY, {
        unit,
        date: { year: 2018, month: 8, day: 5 },
        month: Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? 2 : 1])),
        cumulative: Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? 2 : 1])),
      }),
    ]);
  const picked = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
  const withParser = (host: OfficeHost): JobContext => ({
    ...jobs(host),
    parser: async () => (b: Uint8Array, n: string) => readWorkbook(b, n),
  });

  test("a roster file becomes a 单位名册 sheet in the same write; next month it is read from there", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const ctx = withParser(host);
    const roster = picked("名册.txt", new TextEncoder().encode("云集镇\n泉湖镇\n"));
    let out: Awaited<ReturnType<typeof mergeJob>> | undefined;
    const n = await syncs(
      async () => (out = await mergeJob(ctx, { files: [picked("云集镇.xlsx", unitBytes("云集镇"))], roster, period: JULY })),
    );
    expect(n).toBe(2);
    expect(out?.written).toEqual(["2018年7月汇总", "2018年7月明细", "2018年7月报送情况", "单位名册"]);
    expect(book.view("2018年7月报送情况", "C3").value).toBe("未报");
    expect(out?.result.missing).toEqual(["泉湖镇"]);
    expect(book.view("单位名册", "B3").value).toBe("泉湖镇");

    // Without a roster file, the sheet is used and not written again.
    const again = await mergeJob(ctx, { files: [picked("云集镇.xlsx", unitBytes("云集镇"))], period: JULY });
    expect(again.result.missing).toEqual(["泉湖镇"]);
    expect(again.written).toEqual(["2018年7月汇总 (2)", "2018年7月明细 (2)", "2018年7月报送情况 (2)"]);
  });
});

describe("fill never writes over typed 累计数 without asking", () => {
  test("different typed figures → nothing written, the cells listed; with overwrite → written", async () => {
    const { book, ctx, syncs } = await juneAndJuly();
    // July's 累计数 typed by hand: the first right (2 + 10 = 12), the second wrong, the third text.
    type(book, "2018年7月", figures(10), [12, 999]);
    const row = (i: number) => ANNEX_LAYOUT.firstItemRow + i;
    book.userEdit("2018年7月", row(2), ANNEX_LAYOUT.cumCol, "见附表");
    const d = (i: number): unknown => book.view("2018年7月", `D${row(i) + 1}`).value;

    let out: Awaited<ReturnType<typeof fillJob>> | undefined;
    expect(await syncs(async () => (out = await fillJob(ctx, { mode: "values" })))).toBe(1);
    expect(out?.written).toBe(0);
    expect(out?.confirm).toEqual([
      { item: ANNEX.items[1].id, cell: `D${row(1) + 1}`, current: 999, computed: 2 * 2 + 11 },
      { item: ANNEX.items[2].id, cell: `D${row(2) + 1}`, current: undefined, computed: 3 * 2 + 12 },
    ]);
    expect([d(0), d(1), d(2)]).toEqual([12, 999, "见附表"]);

    expect(await syncs(async () => (out = await fillJob(ctx, { mode: "values", overwrite: true })))).toBe(2);
    expect(out?.written).toBe(ANNEX.items.length);
    expect(out?.confirm).toBeUndefined();
    expect([d(0), d(1), d(2)]).toEqual([12, 15, 18]);
    // What was written over is listed: cell, was, now.
    expect(out?.changed).toEqual([
      { item: ANNEX.items[1].id, cell: `D${row(1) + 1}`, current: 999, computed: 2 * 2 + 11 },
      { item: ANNEX.items[2].id, cell: `D${row(2) + 1}`, current: undefined, computed: 3 * 2 + 12 },
    ]);
    // Filling again changes nothing, so it does not ask.
    out = await fillJob(ctx, { mode: "values" });
    expect([out.written, out.confirm, out.changed]).toEqual([ANNEX.items.length, undefined, []]);
  });
});

describe("validate and last month", () => {
  const picked = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

  test("without last month in the workbook one warning says 累计数 were not checked; a picked last-month file checks them", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const ctx: JobContext = { ...jobs(host), parser: async () => (b: Uint8Array, n: string) => readWorkbook(b, n) };
    await insertTemplateJob(ctx, { period: JULY, unit: "云集镇", onConflict: "copy" });
    book.activeSheetId = book.get("2018年7月").id;
    // 本月 1, 2, …; 累计 typed as 本月 + 100, while June's 累计 is 本月 + 50 … (wrong by 50).
    type(book, "2018年7月", figures(1), figures(101));

    const [alone] = await validateJob(ctx, { scope: "active" });
    expect(alone.findings.filter((f) => f.code === "prior-not-given")).toHaveLength(1);
    expect(alone.findings.filter((f) => f.severity === "error")).toEqual([]);

    const june = writeWorkbook([
      annexPlan(ANNEX, JUNE, {
        unit: "云集镇",
        date: { year: 2018, month: 7, day: 5 },
        month: Object.fromEntries(ANNEX.items.map((it, i) => [it.id, i + 1])),
        cumulative: Object.fromEntries(ANNEX.items.map((it, i) => [it.id, i + 50])),
      }),
    ]);
    let checks: Awaited<ReturnType<typeof validateJob>> = [];
    // Reading the picked file costs no sync: still the single read of the workbook.
    expect(await syncs(async () => (checks = await validateJob(ctx, { scope: "active", prior: picked("云集镇6月.xlsx", june) })))).toBe(1);
    const errors = checks[0].findings.filter((f) => f.severity === "error");
    expect(errors).toHaveLength(ANNEX.items.length);
    expect(errors[0]).toMatchObject({ sheet: "2018年7月", cell: `D${ANNEX_LAYOUT.firstItemRow + 1}` });
    expect(checks[0].findings.map((f) => f.code)).not.toContain("prior-not-given");

    // The pane checks again on every edit: the same picked file is read once, a failed read again.
    let reads = 0;
    let fail = true;
    const counted = {
      name: "云集镇6月.xlsx",
      arrayBuffer: async () => {
        reads++;
        if (fail) throw new Error("NotReadableError");
        return june.slice().buffer as ArrayBuffer;
      },
    };
    await expect(validateJob(ctx, { scope: "active", prior: counted })).rejects.toThrow("NotReadableError");
    fail = false;
    for (let k = 0; k < 3; k++) {
      const [again] = await validateJob(ctx, { scope: "active", prior: counted });
      expect(again.findings.filter((f) => f.severity === "error")).toHaveLength(ANNEX.items.length);
    }
    expect(reads).toBe(2);
  });
});

describe("merge in the county workbook that holds last month's detail", () => {
  const picked = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
  const all = (n: number) => Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? n * 2 : n]));
  const unitFile = (unit: string, month: number, cum: number, period: { year: number; month: number }) =>
    picked(
      `${unit}.xlsx`,
      writeWorkbook([
        annexPlan(ANNEX, period, {
          unit,
          date: { year: period.year, month: period.month + 1, day: 5 },
          month: all(month),
          cumulative: all(cum),
        }),
      ]),
    );

  test("each unit is checked against its own row of last month's 明细 sheet; a unit that stopped reporting is listed", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("Sheet1");
    const ctx: JobContext = { ...jobs(host), parser: async () => (b: Uint8Array, n: string) => readWorkbook(b, n) };
    await mergeJob(ctx, { files: [unitFile("云集镇", 1, 5, JUNE), unitFile("泉湖镇", 1, 5, JUNE)], period: JUNE });
    expect(book.sheets.map((s) => s.name)).toContain("2018年6月明细");

    // July, no file picked for last month: 云集镇 5 + 2 should be 7, typed 9; 泉湖镇 sent nothing.
    let out: Awaited<ReturnType<typeof mergeJob>> | undefined;
    const n = await syncs(async () => (out = await mergeJob(ctx, { files: [unitFile("云集镇", 2, 9, JULY)], period: JULY })));
    expect(n).toBe(2); // still one read and one write
    expect(out?.result.files[0].status).toBe("excluded");
    expect(out?.result.files[0].findings).toContainEqual(
      expect.objectContaining({
        code: "unit-cumulative-mismatch",
        params: expect.objectContaining({ unit: "云集镇", prior: "5", month: "2", actual: "9" }),
      }),
    );
    expect(out?.result.findings).toContainEqual(
      expect.objectContaining({ code: "prior-unit-not-reported", params: { unit: "泉湖镇", priorPeriod: "2018-06" } }),
    );
  });
});
