/**
 * Parsing on worker_threads (the command line's pool, src/files/node-pool.ts, run here from
 * its TypeScript sources): the same grids and the same typed errors as reading in this thread,
 * answers in the order asked, a per-file time limit that ends and replaces a stuck worker, and
 * a worker that dies failing only its own file.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { Worker } from "worker_threads";
import { WorkbookReadError } from "../../src/files/errors";
import { nodeSheetJs } from "../../src/files/node";
import { asParseWorker, nodeParsePool, workerCount } from "../../src/files/node-pool";
import { errorFromWire, errorToWire, ParsePool, READY, type SpawnWorker } from "../../src/files/pool";
import { readAnyWorkbook } from "../../src/files/read-any";
import { ProblemError } from "../../src/form/problems";
import { describeError } from "../../src/form/problem-messages";
import { unreadableProblem } from "../../src/jobs/sources";

const FIXTURES = join(__dirname, "../fixtures");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function inThread(bytes: Uint8Array, name: string) {
  try {
    return { ok: true as const, value: readAnyWorkbook(bytes, name, nodeSheetJs) };
  } catch (error) {
    return { ok: false as const, error };
  }
}

describe("the worker pool reads like this thread does", () => {
  const files = [
    "openpyxl-unit.xlsx",
    "lo-unit.xlsx",
    "prefixed-shared.xlsx",
    "lo-unit.xls", // the legacy parser, required lazily inside the worker
    "lo-unit.ods",
    "sheetjs-unit.xlsb",
    "truncated.xlsx",
    "encrypted.xls",
    "html-as.xls",
    "text-renamed.xlsx",
  ];
  let pool: ParsePool;
  beforeAll(() => {
    pool = nodeParsePool(2);
  });
  afterAll(() => pool.close());

  it("the same grids, and the same typed errors made again as WorkbookReadError, in the order asked", async () => {
    const got = await Promise.all(files.map((f) => settle(pool.parse(fixture(f), f))));
    files.forEach((f, i) => {
      const want = inThread(fixture(f), f);
      const r = got[i];
      expect([f, r.ok]).toEqual([f, want.ok]);
      if (r.ok && want.ok) expect(r.value).toEqual(want.value);
      if (!r.ok && !want.ok) {
        expect(r.error).toBeInstanceOf(WorkbookReadError);
        expect((r.error as WorkbookReadError).problem).toEqual((want.error as WorkbookReadError).problem);
        expect(describeError(r.error, "zh")).toBe(describeError(want.error, "zh"));
      }
    });
    expect(got.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(3);
  });

  it("reads a file from disk itself (parseFile), with a missing file the typed error readFileBytes gives", async () => {
    const grids = await pool.parseFile(join(FIXTURES, "openpyxl-unit.xlsx"), "a.xlsx");
    expect(grids).toEqual(readAnyWorkbook(fixture("openpyxl-unit.xlsx"), "a.xlsx", nodeSheetJs));
    const missing = await settle(pool.parseFile(join(FIXTURES, "no-such.xlsx"), "no-such.xlsx"));
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(unreadableProblem(missing.error, "x")).toEqual({
        code: "not-a-workbook",
        params: { file: "no-such.xlsx", detail: "file not found" },
      });
    const folder = await settle(pool.parseFile(FIXTURES, "fixtures"));
    if (!folder.ok) expect((folder.error as WorkbookReadError).params.detail).toBe("not a file");
    else throw new Error("a folder was read as a workbook");
  });

  it("many files through two workers, each answer its own file's", async () => {
    const names = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0 ? "lo-unit.xlsx" : i % 3 === 1 ? "openpyxl-unit.xlsx" : "truncated.xlsx",
    );
    const got = await Promise.all(names.map((f, i) => settle(pool.parse(fixture(f), `${i}-${f}`))));
    got.forEach((r, i) => {
      if (names[i] === "truncated.xlsx") expect(r.ok).toBe(false);
      else if (r.ok) expect(r.value.source).toBe(`${i}-${names[i]}`);
      else throw r.error;
    });
    expect(pool.spawned).toBe(2);
  });
});

describe("errors cross the thread boundary as what they were", () => {
  it("a WorkbookReadError, another ProblemError, a plain Error, a thrown string", () => {
    const read = errorFromWire(errorToWire(new WorkbookReadError("not-a-workbook", "a.xls", "", "html")));
    expect(read).toBeInstanceOf(WorkbookReadError);
    expect((read as WorkbookReadError).problem).toEqual({ code: "not-a-workbook", params: { file: "a.xls", detail: "", kind: "html" } });
    const timeout = errorFromWire(errorToWire(WorkbookReadError.timeout("b.xlsx", 30)));
    expect((timeout as WorkbookReadError).problem).toEqual({ code: "timeout", params: { file: "b.xlsx", detail: "30 s", seconds: 30 } });
    const other = errorFromWire(errorToWire(new ProblemError("read-failed", { file: "c", detail: "d" })));
    expect(other).toBeInstanceOf(ProblemError);
    expect(other).not.toBeInstanceOf(WorkbookReadError);
    const plain = errorFromWire(errorToWire(new TypeError("x is not a function")));
    expect([plain.name, plain.message]).toEqual(["TypeError", "x is not a function"]);
    expect(unreadableProblem(plain, "f.xlsx")).toEqual({ code: "read-failed", params: { file: "f.xlsx", detail: "x is not a function" } });
    expect(errorFromWire(errorToWire("boom")).message).toBe("boom");
  });
});

/**
 * A stand-in worker speaking the pool's messages: a file named "hang…" loops forever, "die…"
 * ends the thread, anything else answers with a grid naming the file and the worker's number.
 */
let started = 0;
const stubSpawn: SpawnWorker = (events) => {
  const n = ++started;
  const w = new Worker(
    `const { parentPort, workerData } = require("worker_threads");
     parentPort.on("message", (req) => {
       if (req.name.startsWith("hang")) for (;;) {}
       if (req.name.startsWith("die")) process.exit(3);
       parentPort.postMessage({ id: req.id, grids: { source: req.name + "@" + workerData, sheets: [] } });
     });
     parentPort.postMessage(${JSON.stringify(READY)});`,
    { eval: true, workerData: n },
  );
  return asParseWorker(w, events);
};

describe("time limit and dying workers", () => {
  it("a file over the time limit is a typed timeout; its worker is replaced; files queued behind it are read", async () => {
    const pool = new ParsePool({ size: 1, spawn: stubSpawn, timeoutMs: 300, depth: 3 });
    try {
      const t0 = Date.now();
      const names = ["a", "hang.xlsx", "b", "c", "d"];
      const got = await Promise.all(names.map((n) => settle(pool.parse(new Uint8Array([1]), n))));
      const ms = Date.now() - t0;
      expect(got[0]).toMatchObject({ ok: true });
      const hung = got[1];
      expect(hung.ok).toBe(false);
      if (!hung.ok) {
        expect(hung.error).toBeInstanceOf(WorkbookReadError);
        expect((hung.error as WorkbookReadError).problem).toEqual({
          code: "timeout",
          params: { file: "hang.xlsx", detail: "0.3 s", seconds: 0.3 },
        });
        expect(describeError(hung.error, "zh")).toContain("读取时间过长");
        expect(describeError(hung.error, "en")).toContain("took too long to read");
      }
      // b, c, d waited behind the stuck file on the same worker: they went to its replacement.
      for (const r of got.slice(2)) expect(r.ok).toBe(true);
      expect(pool.spawned).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(5000);
    } finally {
      pool.close();
    }
  });

  it("the clock of a file starts when the file before it on the worker is done, not when it was queued", async () => {
    // Two workers, depth 2, limit 400 ms; every real file answers at once, so nothing but the hang times out.
    const pool = new ParsePool({ size: 2, spawn: stubSpawn, timeoutMs: 400, depth: 2 });
    try {
      const names = ["hang1", "x1", "x2", "hang2", "x3", "x4", "x5", "x6"];
      const got = await Promise.all(names.map((n) => settle(pool.parse(new Uint8Array([1]), n))));
      const failed = names.filter((_, i) => !got[i].ok);
      expect(failed).toEqual(["hang1", "hang2"]);
    } finally {
      pool.close();
    }
  });

  it("a worker's start is not charged to its first file: the clock starts at READY", async () => {
    // This worker takes 600 ms to load (a cold start from sources, a busy machine); the limit is 300 ms.
    const slowStart: SpawnWorker = (events) =>
      asParseWorker(
        new Worker(
          `const { parentPort } = require("worker_threads");
           const until = Date.now() + 600; while (Date.now() < until) {}
           parentPort.on("message", (req) => parentPort.postMessage({ id: req.id, grids: { source: req.name, sheets: [] } }));
           parentPort.postMessage(${JSON.stringify(READY)});`,
          { eval: true },
        ),
        events,
      );
    const pool = new ParsePool({ size: 1, spawn: slowStart, timeoutMs: 300 });
    try {
      const got = await settle(pool.parse(new Uint8Array([1]), "first.xlsx"));
      expect(got.ok).toBe(true);
      expect(pool.spawned).toBe(1);
    } finally {
      pool.close();
    }
  });

  it("a worker that dies fails its own file as read-failed; the rest are read by a new worker", async () => {
    const pool = new ParsePool({ size: 1, spawn: stubSpawn, depth: 2 });
    try {
      const got = await Promise.all(["p", "die.xlsx", "q", "r"].map((n) => settle(pool.parse(new Uint8Array([1]), n))));
      expect(got.map((r) => r.ok)).toEqual([true, false, true, true]);
      const d = got[1];
      if (!d.ok) expect(unreadableProblem(d.error, "die.xlsx")).toMatchObject({ code: "read-failed", params: { file: "die.xlsx" } });
      expect(pool.spawned).toBe(2);
    } finally {
      pool.close();
    }
  });

  it("close() ends the workers and fails what is still waiting", async () => {
    const pool = new ParsePool({ size: 1, spawn: stubSpawn });
    const p = settle(pool.parse(new Uint8Array([1]), "hang-forever"));
    const q = settle(pool.parse(new Uint8Array([1]), "later"));
    await new Promise((r) => setTimeout(r, 50));
    pool.close();
    expect((await p).ok).toBe(false);
    expect((await q).ok).toBe(false);
    await expect(pool.parse(new Uint8Array([1]), "after")).rejects.toThrow("closed");
  });
});

describe("how many workers", () => {
  it("none for a handful of files or when told 0; YUEBAO_WORKERS sets the count", () => {
    expect(workerCount(3, {})).toBe(0);
    expect(workerCount(1000, {}, 2)).toBe(0); // two cores: one thread is faster (bench/cli.js)
    expect(workerCount(1000, {}, 4)).toBe(3);
    expect(workerCount(1000, {}, 16)).toBe(4);
    expect(workerCount(1000, { YUEBAO_WORKERS: "0" })).toBe(0);
    expect(workerCount(2, { YUEBAO_WORKERS: "3" })).toBe(3);
    expect(workerCount(1000, { YUEBAO_WORKERS: "lots" })).toBe(workerCount(1000, {}));
  });
});
