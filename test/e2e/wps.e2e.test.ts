/**
 * The built task pane in real Chromium as a WPS 表格 add-in page: the ET fake (test/wps/fake-et)
 * injected as window.Application before the page's scripts run, as WPS sets it; office.js is the
 * real one (the online add-in is the same page) and must stay quiet. The four jobs through the UI,
 * what they wrote checked cell by cell in the fake, no request outside localhost, no console
 * error, no Content-Security-Policy violation (each one is logged as a console error).
 *
 *   npx jest test/e2e/wps.e2e.test.ts        (skips, with a note, when Chromium is absent; fails under CI=1)
 */
import { existsSync, mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { parseMarkName } from "../../src/form/marks";
import { addMonths, periodKey, type Period } from "../../src/form/period";
import { ANNEX } from "../../src/form/spec";
import {
  CHROMIUM,
  DIST,
  LAUNCH_ARGS,
  TMP,
  bundleFakeEt,
  choosePeriod,
  ensureBuild,
  openTab,
  waitIn,
  lastMonth,
  scaled,
  startServer,
  watchedContext,
  writeUnitBooks,
  type UnitBook,
  type Watched,
} from "./support";
import { describeWith } from "../support/needs";

const describeBrowser = describeWith({
  what: `Chromium (${CHROMIUM})`,
  install: "apt-get install -y chromium",
  available: existsSync(CHROMIUM),
});

jest.setTimeout(240_000);

const PERIOD: Period = lastMonth();
const PRIOR: Period = addMonths(PERIOD, -1);
const label = (p: Period) => `${p.year}年${p.month}月`;
const LABEL = label(PERIOD);
const FIRST_MONTH = PERIOD.month === 1;
const FIRST_ITEM_ROW = 3; // 0-based: row 4 of the annex layout
const MONTH_COL = 2; // C
const CUM_COL = 3; // D

const MONTHS: Record<string, number[]> = {
  云集镇: [3, 12, 8, 1, 1.25, 0, 0, 0, 0, 0, 0],
  廖田镇: [2, 9, 11, 0, 0.5, 1, 0, 1, 0, 0, 0],
  "=1+1镇": [5, 20, 14, 2, 2.0005, 0, 1, 0, 1, 1, 2],
};
const MISSING_UNIT = "江口镇";
const cumOf = (m: number[]) => m.map((v) => v * Math.min(PERIOD.month, 3));
const units: UnitBook[] = Object.entries(MONTHS).map(([unit, month], i) => ({
  unit,
  file: join(TMP, "wps-units", `unit${i}-${periodKey(PERIOD)}.xlsx`),
  month,
  cumulative: cumOf(month),
}));
const expected = {
  month: ANNEX.items.map((_, i) => units.reduce((s, u) => s + scaled(u.month[i]), 0)),
  cumulative: ANNEX.items.map((_, i) => units.reduce((s, u) => s + scaled(u.cumulative[i]), 0)),
};
const ROSTER = join(TMP, "wps-units", "名册.txt");

interface BookView {
  calls: number;
  sheets: { name: string }[];
  names: { name: string; refersTo: string; visible: boolean }[];
  active?: { name: string };
  selection: { sheet: string; rect: { top: number; left: number; bottom: number; right: number } } | null;
  prompts: number;
  view(s: string, a: string): { value: unknown; formula?: string; numberFormat: string; locked: boolean };
  userEdit(s: string, r: number, c: number, v: number): void;
  get(s: string): unknown;
}
type Win = { __ybEt: BookView };

describeBrowser("task pane in Chromium as a WPS 表格 add-in (ET fake as window.Application)", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let w: Watched;
  let page: Page;
  const calls: Record<string, number> = {};

  const view = (sheet: string, address: string) =>
    page.evaluate(([s, a]) => (window as unknown as Win).__ybEt.view(s, a), [sheet, address] as const);
  const callCount = () => page.evaluate(() => (window as unknown as Win).__ybEt.calls);
  const userEdit = (sheet: string, row: number, col: number, v: number) =>
    page.evaluate(([s, r, c, x]) => (window as unknown as Win).__ybEt.userEdit(s, r, c, x), [sheet, row, col, v] as const);
  const sheetNames = () => page.evaluate(() => (window as unknown as Win).__ybEt.sheets.map((s) => s.name));
  /** Waits until no ET call has happened for `quietMs` (re-checks run after edits). */
  const settle = async (quietMs = 600) => {
    let last = await callCount();
    for (;;) {
      await page.waitForTimeout(quietMs);
      const now = await callCount();
      if (now === last) return;
      last = now;
    }
  };
  const job = async (name: string, run: () => Promise<void>) => {
    await settle(300);
    const before = await callCount();
    await run();
    calls[name] = (await callCount()) - before;
  };

  beforeAll(async () => {
    mkdirSync(join(TMP, "wps-units"), { recursive: true });
    ensureBuild();
    const fake = await bundleFakeEt();
    writeUnitBooks(units, PERIOD);
    writeFileSync(ROSTER, [...units.map((u) => u.unit), MISSING_UNIT].join("\n") + "\n", "utf8");
    server = await startServer(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    w = await watchedContext(browser, { officeJs: "real" });
    page = await w.context.newPage();
    await page.addInitScript({ path: fake });
    await page.addInitScript(() => {
      type Book = { addSheet(name: string): unknown };
      type Fake = { FakeEtBook: new () => Book; installFakeEt(g: object, b: Book): void };
      const F = (window as unknown as { YuebaoFakeEt: Fake }).YuebaoFakeEt;
      const book = new F.FakeEtBook();
      book.addSheet("Sheet1"); // a new WPS 表格 workbook has one sheet
      F.installFakeEt(window, book);
      (window as unknown as { __ybEt: object }).__ybEt = book;
    });
    await page.goto(server.url + "taskpane.html");
    await page.getByRole("tab", { name: "插入模板" }).waitFor();
  });

  afterAll(async () => {
    console.log(`WPS fake: ET calls per job through the real pane ${JSON.stringify(calls)}`);
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(w.foreign.splice(0)).toEqual([]);
    expect(w.errors.splice(0)).toEqual([]);
  });

  test("runs on the live workbook (no file pickers on the template tab, no file-mode note)", async () => {
    const panel = page.getByRole("tabpanel", { name: "插入模板" });
    await waitIn(panel, panel.getByRole("button", { name: "插入月报表" }));
    expect(await page.getByText("文件仅在本机浏览器中处理，不会上传。").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  });

  test("inserts last month's and this month's templates: content, text format, locks, marks, the new sheet shown", async () => {
    const panel = await openTab(page, "插入模板");
    await panel.getByLabel("填报单位", { exact: true }).fill("云集镇");
    for (const p of [PRIOR, PERIOD]) {
      await choosePeriod(panel, p);
      await job(`insert ${label(p)}`, async () => {
        await panel.getByRole("button", { name: "插入月报表" }).click();
        await waitIn(panel, panel.getByText(`已插入工作表“${label(p)}”。`));
      });
      expect((await view(label(p), "A1")).value).toBe(`${ANNEX.title}\n（${label(p)}）`);
      expect(await view(label(p), "B2")).toMatchObject({ value: "云集镇", numberFormat: "@", locked: false });
      expect((await view(label(p), "A4")).locked).toBe(true);
      expect((await view(label(p), `C${FIRST_ITEM_ROW + 1}`)).locked).toBe(false);
      const names = await page.evaluate(() => (window as unknown as Win).__ybEt.names);
      const mine = names.filter((n) => n.refersTo === `='${label(p)}'!$A$1`);
      expect(mine.map((n) => [parseMarkName(n.name)?.marks.period, n.visible])).toEqual([[periodKey(p), false]]);
    }
    expect(await sheetNames()).toEqual(["Sheet1", label(PRIOR), LABEL]);
    expect(await page.evaluate(() => (window as unknown as Win).__ybEt.active?.name)).toBe(LABEL);
  });

  test("validates the active report, a finding's cell is selected on click, an edit re-runs the check", async () => {
    for (let i = 0; i < ANNEX.items.length; i++) {
      await userEdit(label(PRIOR), FIRST_ITEM_ROW + i, MONTH_COL, MONTHS["云集镇"][i]);
      await userEdit(label(PRIOR), FIRST_ITEM_ROW + i, CUM_COL, MONTHS["云集镇"][i] * 2);
      await userEdit(LABEL, FIRST_ITEM_ROW + i, MONTH_COL, i === 1 ? -3 : MONTHS["云集镇"][i]);
    }
    const panel = await openTab(page, "数据校验");
    await job("validate", async () => {
      await panel.getByRole("button", { name: "开始校验" }).click();
      await waitIn(panel, panel.getByRole("region", { name: /^错误 \d+$/ }));
    });
    const c5 = panel.getByRole("region", { name: /^错误 \d+$/ }).getByRole("button", { name: /^C5/ });
    expect(await c5.count()).toBe(1);
    await page.evaluate(() => {
      const b = (window as unknown as { __ybEt: { active: unknown; get(n: string): unknown } }).__ybEt;
      b.active = b.get("Sheet1"); // the clerk looks at another sheet meanwhile
    });
    await c5.click();
    await page.waitForFunction(() => (window as unknown as Win).__ybEt.selection?.rect.top === 4);
    expect(
      await page.evaluate(() => [(window as unknown as Win).__ybEt.active?.name, (window as unknown as Win).__ybEt.selection]),
    ).toEqual([LABEL, { sheet: LABEL, rect: { top: 4, left: 2, bottom: 4, right: 2 } }]);
    await page.evaluate((s) => {
      const b = (window as unknown as { __ybEt: { active: unknown; get(n: string): unknown } }).__ybEt;
      b.active = b.get(s);
    }, LABEL);
    await userEdit(LABEL, FIRST_ITEM_ROW + 1, MONTH_COL, MONTHS["云集镇"][1]);
    await c5.waitFor({ state: "detached", timeout: 10_000 });
  });

  test("fills 累计数 from last month's sheet", async () => {
    const panel = await openTab(page, "累计数");
    await job("fill", async () => {
      await panel.getByRole("button", { name: "计算累计数" }).click();
      await waitIn(panel, panel.getByText(`已在“${LABEL}”`));
    });
    const month = MONTHS["云集镇"];
    for (let i = 0; i < ANNEX.items.length; i++) {
      const want = FIRST_MONTH ? month[i] : month[i] * 2 + month[i];
      const got = (await view(LABEL, `D${FIRST_ITEM_ROW + 1 + i}`)).value;
      expect([i, typeof got === "number" ? scaled(got) : got]).toEqual([i, scaled(want)]);
    }
  });

  test("merges picked files into new sheets; a unit name from a file that looks like a formula stays text", async () => {
    const panel = await openTab(page, "汇总");
    await panel.getByLabel("选择各单位报表", { exact: true }).setInputFiles(units.map((u) => u.file));
    await panel.getByLabel("单位名册", { exact: true }).setInputFiles(ROSTER);
    await choosePeriod(panel, PERIOD);
    await job("merge", async () => {
      await panel.getByRole("button", { name: "开始汇总" }).click();
      await waitIn(panel, panel.getByRole("status").filter({ hasText: "应报" }));
    });
    await waitIn(panel, panel.getByText(`汇总结果已写入：${LABEL}汇总、${LABEL}明细`));
    expect(await panel.getByRole("region", { name: "未报单位" }).getByRole("listitem").allTextContents()).toEqual([MISSING_UNIT]);
    expect(await sheetNames()).toEqual(["Sheet1", label(PRIOR), LABEL, `${LABEL}汇总`, `${LABEL}明细`, `${LABEL}报送情况`, "单位名册"]);
    const month: number[] = [];
    const cum: number[] = [];
    for (let i = 0; i < ANNEX.items.length; i++) {
      const m = (await view(`${LABEL}汇总`, `C${FIRST_ITEM_ROW + 1 + i}`)).value;
      const c = (await view(`${LABEL}汇总`, `D${FIRST_ITEM_ROW + 1 + i}`)).value;
      month.push(typeof m === "number" ? scaled(m) : NaN);
      cum.push(typeof c === "number" ? scaled(c) : NaN);
    }
    expect(month).toEqual(expected.month);
    expect(cum).toEqual(expected.cumulative);
    // Every cell of the detail and roster sheets holding the odd name holds it as text.
    const odd = await page.evaluate(() => {
      type Cell = { value: unknown; formula?: string };
      const b = (window as unknown as { __ybEt: { sheets: { name: string; cells: Map<string, Cell> }[] } }).__ybEt;
      return b.sheets.flatMap((s) =>
        [...s.cells.values()].filter((c) => c.value === "=1+1镇" || c.formula === "=1+1镇").map((c) => ({ s: s.name, ...c })),
      );
    });
    expect(odd.length).toBeGreaterThanOrEqual(2);
    expect(odd.every((c) => c.formula === undefined)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as Win).__ybEt.prompts)).toBe(0);
  });

  test("office.js stays quiet while the pane is open (no request leaves the machine)", async () => {
    await page.waitForTimeout(4_000); // a deliberate observation window
    expect(w.foreign).toEqual([]);
    console.log(`ET calls per job: ${JSON.stringify(calls)}`);
    expect(Object.keys(calls).sort()).toEqual(["fill", `insert ${label(PERIOD)}`, `insert ${label(PRIOR)}`, "merge", "validate"].sort());
  });
});
