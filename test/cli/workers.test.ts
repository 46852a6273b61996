/**
 * `yuebao merge` on worker threads gives exactly what it gives in one thread: the same JSON
 * report, the same lines, the same county workbook cells, whatever the number of workers —
 * from the TypeScript sources (in this process) and from the compiled lib/ (bin/yuebao.js).
 */
import { spawnSync } from "child_process";
import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { BIN, dumpBooks, ensureCliBuilt, FIXTURES, randomFigures, rng, ROOT, run, tempDir, writeBooks, type BookSpec } from "./support";

const t = tempDir("workers");
afterAll(() => t.remove());

const files: string[] = [];
beforeAll(() => {
  const next = rng(907);
  const books: BookSpec[] = Array.from({ length: 24 }, (_, i) => {
    const f = randomFigures(next);
    return {
      path: join(t.dir, `unit-${String(i + 1).padStart(2, "0")}.xlsx`),
      sheets: [
        { name: "2018年7月", unit: `测试单位${i + 1}`, date: "2018-08-0" + (1 + (i % 9)), month: f.month, cumulative: f.cumulative },
      ],
    };
  });
  writeBooks(books, t.dir);
  files.push(...books.map((b) => b.path));
  // What a county office also gets: a damaged file, a web page, a legacy .xls, a duplicate.
  copyFileSync(join(FIXTURES, "truncated.xlsx"), join(t.dir, "damaged.xlsx"));
  writeFileSync(join(t.dir, "page.xlsx"), "<html><body>not a workbook</body></html>");
  copyFileSync(join(FIXTURES, "lo-unit.xls"), join(t.dir, "legacy.xls"));
  copyFileSync(books[3].path, join(t.dir, "unit-04-again.xlsx"));
  files.push(...["damaged.xlsx", "page.xlsx", "legacy.xls", "unit-04-again.xlsx"].map((n) => join(t.dir, n)));
}, 60_000);

async function mergeWith(workers: string, tag: string) {
  const saved = process.env.YUEBAO_WORKERS;
  process.env.YUEBAO_WORKERS = workers;
  try {
    const out = join(t.dir, `county-${tag}.xlsx`);
    const json = join(t.dir, `result-${tag}.json`);
    const r = await run(["merge", ...files, "--period", "2018-07", "--out", out, "--json", json]);
    return { r, out, json: readFileSync(json, "utf8") };
  } finally {
    if (saved === undefined) delete process.env.YUEBAO_WORKERS;
    else process.env.YUEBAO_WORKERS = saved;
  }
}

const cellsOf = (path: string) => {
  const book = dumpBooks([path])[path];
  return book.sheets.map((s) => ({ name: s.name, cells: s.cells }));
};

it("one thread, two workers, three workers: the same report, lines and county workbook", async () => {
  const one = await mergeWith("0", "w0");
  const two = await mergeWith("2", "w2");
  const three = await mergeWith("3", "w3");
  expect(one.r.code).toBe(1); // some files unreadable or duplicated
  const statuses = (JSON.parse(one.json) as { files: { status: string }[] }).files.map((f) => f.status);
  expect(statuses.filter((s) => s === "unreadable").length).toBe(2);
  expect(statuses).toContain("duplicate");
  for (const other of [two, three]) {
    expect(other.r.code).toBe(one.r.code);
    expect(other.json).toBe(one.json);
    expect(other.r.out.filter((l) => !l.includes(".xlsx") || !l.startsWith("县汇总表"))).toEqual(
      one.r.out.filter((l) => !l.includes(".xlsx") || !l.startsWith("县汇总表")),
    );
  }
  const cells = cellsOf(one.out);
  expect(cellsOf(two.out)).toEqual(cells);
  expect(cellsOf(three.out)).toEqual(cells);
}, 60_000);

it("the compiled command line (lib/, bin/yuebao.js) on two workers: the same report as in one thread", () => {
  ensureCliBuilt();
  const go = (workers: string, tag: string) => {
    const json = join(t.dir, `bin-${tag}.json`);
    const r = spawnSync(
      process.execPath,
      [BIN, "merge", ...files, "--period", "2018-07", "--out", join(t.dir, `bin-${tag}.xlsx`), "--json", json],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, YUEBAO_WORKERS: workers }, timeout: 30_000 },
    );
    expect([r.status, r.stderr]).toEqual([1, expect.any(String)]);
    return readFileSync(json, "utf8");
  };
  expect(go("2", "w2")).toBe(go("0", "w0"));
}, 60_000);

it("validate on workers: the same lines and JSON as in one thread", async () => {
  const go = async (workers: string, tag: string) => {
    const saved = process.env.YUEBAO_WORKERS;
    process.env.YUEBAO_WORKERS = workers;
    try {
      const json = join(t.dir, `validate-${tag}.json`);
      const r = await run(["validate", ...files, "--period", "2018-07", "--json", json]);
      return { code: r.code, out: r.out, json: readFileSync(json, "utf8") };
    } finally {
      if (saved === undefined) delete process.env.YUEBAO_WORKERS;
      else process.env.YUEBAO_WORKERS = saved;
    }
  };
  const one = await go("0", "w0");
  expect(one.out.filter((l) => l.startsWith("✗")).length).toBeGreaterThanOrEqual(2);
  expect(await go("2", "w2")).toEqual(one);
}, 60_000);
