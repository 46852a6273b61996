#!/usr/bin/env node
/**
 * `npm run bench`: merge 30, 300 and 1,000 generated unit workbooks and print
 *   files/s of the merge (target ≥ 200), merge time ÷ just parsing the same files (≤ 1.2),
 *   peak memory per N (flat in N: the merge streams files, it does not hold them).
 * Figures, not asserts: the exit code is 0 whatever they are.
 *
 * Each N runs in its own `node --expose-gc` child so that one N's garbage and JIT state
 * do not colour the next one's memory. Inputs are written once into bench/.tmp (gitignored)
 * with the project's own writer, a few of them re-saved by LibreOffice when it is installed.
 *
 * Then the whole `yuebao merge` process on 1,000 files against parse-only processes (bench/cli.js:
 * ≥ 1,500 files/s end to end), the legacy path on 300 .xls files (bench/legacy.js: merge ÷ the parser's parse-only, ≤ 1.5),
 * and the add-in's Office.js round trips per job for 1, 30 and 300 months or units
 * (bench/office-run.js: context.sync() calls, cells written, largest request), and the WPS add-in's
 * ET calls per job for the same sizes (bench/wps-run.js).
 *
 * Options: --sizes 30,300,1000   --repeat 3   --regen (rewrite the inputs)   --office-sizes 1,30,300
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TMP = path.join(__dirname, ".tmp");
const UNITS_DIR = path.join(TMP, "units");
const STAMP = path.join(UNITS_DIR, "inputs.json");
const INPUTS_VERSION = 1;
const PERIOD = { year: 2018, month: 7 };
const TARGET = { filesPerSecond: 200, ratio: 1.2, growthKBPerFile: 10 };
const LIBREOFFICE_COPIES = 5;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** lib/ is the compiled command line; build it when it is missing (fresh clone). */
function ensureLib() {
  if (fs.existsSync(path.join(ROOT, "lib/jobs/merge-files.js"))) return;
  console.log("lib/ is missing: npm run build:cli …");
  execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "inherit" });
}

function lib(p) {
  return require(path.join(ROOT, "lib", p));
}

/** Deterministic PRNG (mulberry32): the same inputs on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fileName = (i) => path.join(UNITS_DIR, `${String(i + 1).padStart(4, "0")}.xlsx`);

// ---------------------------------------------------------------- inputs

function generate(count) {
  const { ANNEX } = lib("form/spec.js");
  const { annexPlan } = lib("form/layout.js");
  const { writeWorkbook } = lib("files/write.js");
  fs.rmSync(UNITS_DIR, { recursive: true, force: true });
  fs.mkdirSync(UNITS_DIR, { recursive: true });
  const next = rng(20180807);
  const int = (n) => Math.floor(next() * n);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const month = {};
    const cumulative = {};
    for (const item of ANNEX.items) {
      const m = item.kind === "decimal" ? int(200000) / 10000 : int(40);
      month[item.id] = m;
      cumulative[item.id] = item.kind === "decimal" ? (Math.round(m * 10000) + int(500000)) / 10000 : m + int(200);
    }
    // Clean reports: at least two officers per action, so no warning skews the work.
    month.officers = 2 * month.activities + int(10);
    cumulative.officers = month.officers + int(200);
    const unit = `测试单位${String(i + 1).padStart(4, "0")}`;
    const plan = annexPlan(ANNEX, PERIOD, { unit, date: { year: 2018, month: 8, day: 1 + (i % 9) }, month, cumulative });
    fs.writeFileSync(fileName(i), writeWorkbook([plan], { creator: "Yuebao bench" }));
  }
  const ms = performance.now() - t0;
  const lo = libreOfficeCopies();
  fs.writeFileSync(STAMP, JSON.stringify({ version: INPUTS_VERSION, count, libreOffice: lo }));
  console.log(
    `Wrote ${count} unit workbooks in ${(ms / 1000).toFixed(1)} s (${lo} re-saved by LibreOffice) → ${path.relative(ROOT, UNITS_DIR)}`,
  );
}

/** Re-saves the first few inputs with LibreOffice (one start), so the parser also meets its output. */
function libreOfficeCopies() {
  const out = path.join(TMP, "lo-out");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const names = Array.from({ length: LIBREOFFICE_COPIES }, (_, i) => fileName(i));
  const r = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(TMP, "lo-profile")}`,
      "--headless",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      out,
      ...names,
    ],
    { stdio: "ignore", timeout: 120000 },
  );
  let n = 0;
  for (const f of names) {
    const converted = path.join(out, path.basename(f));
    if (r.status === 0 && fs.existsSync(converted)) {
      fs.copyFileSync(converted, f);
      n++;
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  return n;
}

function inputsReady(count) {
  try {
    const s = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    return s.version === INPUTS_VERSION && s.count >= count && fs.existsSync(fileName(count - 1));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- one N (child process)

async function child(n, repeat) {
  const { ANNEX } = lib("form/spec.js");
  const { readFileBytes } = lib("files/node.js");
  const { readWorkbook } = lib("files/read.js");
  const { mergeFiles } = lib("jobs/merge-files.js");
  const { totalPlan, detailPlan } = lib("form/layout.js");
  const { writeWorkbook } = lib("files/write.js");
  const files = Array.from({ length: n }, (_, i) => fileName(i));
  const out = path.join(TMP, `county-${n}.xlsx`);
  const parse = (bytes, name) => readWorkbook(bytes, name);

  /** Just loading the files with our parser: the yardstick of the ratio. */
  async function parseOnly(list) {
    let sheets = 0;
    for (const f of list) sheets += readWorkbook(await readFileBytes(f), path.basename(f)).sheets.length;
    return sheets;
  }

  /**
   * The full merge as `yuebao merge` does it: read + locate + validate + total (mergeFiles),
   * then write the county workbook. Hooks let the memory run sample at the phase ends.
   */
  async function merge(list, hooks = {}) {
    const t0 = performance.now();
    const sources = list.map((f) => ({ name: f, read: () => readFileBytes(f) }));
    const result = await mergeFiles(sources, parse, { spec: ANNEX, period: PERIOD, startMonth: 1, deadlineDay: 10 });
    const t1 = performance.now();
    if (hooks.afterRead) hooks.afterRead();
    const today = { year: 2018, month: 8, day: 12 };
    const bytes = writeWorkbook([totalPlan(ANNEX, result, "县安委办", today), detailPlan(ANNEX, result)], { creator: "Yuebao bench" });
    if (hooks.afterWrite) hooks.afterWrite();
    fs.writeFileSync(out, bytes);
    return { result, readMs: t1 - t0, writeMs: performance.now() - t1 };
  }

  /** Wall time and CPU time (user + system): CPU time stays honest when the machine is busy. */
  async function time(fn) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = await fn();
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, v };
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // Warm-up: the JIT sees both paths before anything is timed or measured.
  const warm = files.slice(0, Math.min(30, n));
  await parseOnly(warm);
  await merge(warm);

  // Memory first, while the process is fresh (later runs leave the heap grown, hiding RSS).
  // Sampled every 2 ms; each file read yields to the timer. "read" = peak while mergeFiles
  // runs (must be flat in N); "retained" = heap still held when it returns, after a full gc
  // (the per-file outcomes); "all" adds building the county workbook, whose detail sheet
  // has a row per file and so grows with N by design.
  global.gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const u = process.memoryUsage();
    if (u.rss > peakRss) peakRss = u.rss;
    if (u.heapUsed > peakHeap) peakHeap = u.heapUsed;
  };
  const timer = setInterval(sample, 2);
  const mem = { readRss: 0, readHeap: 0, retained: 0 };
  await merge(files, {
    afterRead: () => {
      sample();
      mem.readRss = peakRss;
      mem.readHeap = peakHeap;
      global.gc();
      mem.retained = process.memoryUsage().heapUsed;
    },
    afterWrite: sample,
  });
  sample();
  clearInterval(timer);

  const runs = { parse: [], parseCpu: [], merge: [], mergeCpu: [], read: [], write: [] };
  let result;
  for (let k = 0; k < repeat; k++) {
    // Alternate the two so that neither always runs with a warmer disk cache or heap.
    global.gc();
    const p = await time(() => parseOnly(files));
    runs.parse.push(p.ms);
    runs.parseCpu.push(p.cpuMs);
    global.gc();
    const m = await time(() => merge(files));
    runs.merge.push(m.ms);
    runs.mergeCpu.push(m.cpuMs);
    runs.read.push(m.v.readMs);
    runs.write.push(m.v.writeMs);
    result = m.v.result;
  }

  const statuses = {};
  for (const f of result.files) statuses[f.status] = (statuses[f.status] || 0) + 1;
  const MB = 2 ** 20;
  return {
    n,
    parseMs: median(runs.parse),
    mergeMs: median(runs.merge),
    parseCpuMs: median(runs.parseCpu),
    mergeCpuMs: median(runs.mergeCpu),
    readMs: median(runs.read),
    writeMs: median(runs.write),
    parseRuns: runs.parse,
    mergeRuns: runs.merge,
    included: result.includedCount,
    statuses,
    baseRssMB: base.rss / MB,
    readRssMB: (mem.readRss - base.rss) / MB,
    readHeapMB: (mem.readHeap - base.heapUsed) / MB,
    retainedMB: (mem.retained - base.heapUsed) / MB,
    allRssMB: (peakRss - base.rss) / MB,
    allHeapMB: (peakHeap - base.heapUsed) / MB,
  };
}

// ---------------------------------------------------------------- parent

function runChild(n, repeat) {
  const r = spawnSync(process.execPath, ["--expose-gc", __filename, "--child", String(n), "--repeat", String(repeat)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench child for N=${n} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const pad = (s, w) => String(s).padStart(w);
const mb = (x) => `${x.toFixed(1)}`;

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(head.map((h, i) => pad(h, widths[i])).join("  "));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(r.map((c, i) => pad(c, widths[i])).join("  "));
}

async function runParent() {
  const sizes = option("sizes", "30,300,1000").split(",").map(Number);
  const repeat = Number(option("repeat", "3"));
  ensureLib();
  const max = Math.max(...sizes);
  if (process.argv.includes("--regen") || !inputsReady(max)) generate(Math.max(max, 1000));
  const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
  const bytes = Array.from({ length: max }, (_, i) => fs.statSync(fileName(i)).size).reduce((a, b) => a + b, 0);

  console.log(
    `\nyuebao merge benchmark — node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0].model}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `inputs: ${max} unit workbooks, ${(bytes / max / 1024).toFixed(1)} KB each on average; the first ${stamp.libreOffice} re-saved by LibreOffice`,
  );
  console.log(`each N in its own node --expose-gc process; warm-up on 30 files, then ${repeat} runs each, median shown\n`);

  const rows = [];
  for (const n of sizes) {
    if (process.stderr.isTTY) process.stderr.write(`  N=${n} …\r`);
    rows.push(runChild(n, repeat));
  }

  console.log("time (ms; wall clock unless marked cpu)");
  table(
    [
      "N",
      "parse",
      "merge",
      "= read",
      "+ write",
      "files/s",
      "merge/parse",
      "read/parse",
      "parse cpu",
      "merge cpu",
      "merge/parse cpu",
      "included",
    ],
    rows.map((r) => [
      r.n,
      r.parseMs.toFixed(0),
      r.mergeMs.toFixed(0),
      r.readMs.toFixed(0),
      r.writeMs.toFixed(0),
      (r.n / (r.mergeMs / 1000)).toFixed(0),
      (r.mergeMs / r.parseMs).toFixed(2),
      (r.readMs / r.parseMs).toFixed(2),
      r.parseCpuMs.toFixed(0),
      r.mergeCpuMs.toFixed(0),
      (r.mergeCpuMs / r.parseCpuMs).toFixed(2),
      `${r.included}/${r.n}`,
    ]),
  );
  console.log("\nmemory (MB above the process after gc(); one merge in a fresh process)");
  table(
    ["N", "heap peak read", "heap retained", "heap peak all", "RSS peak read", "RSS peak all", "base RSS"],
    rows.map((r) => [r.n, mb(r.readHeapMB), mb(r.retainedMB), mb(r.allHeapMB), mb(r.readRssMB), mb(r.allRssMB), mb(r.baseRssMB)]),
  );
  console.log(
    "\nparse = readFileBytes + readWorkbook of every file. merge = read (mergeFiles: read, locate, validate, total)\n" +
      "+ write (the county workbook: total and per-unit detail sheet). read = while mergeFiles runs; retained =\n" +
      "what it still holds when done, after gc; all = up to the built county workbook (grows with N by design).",
  );
  console.log(
    `runs: ${rows.map((r) => `N=${r.n} parse [${r.parseRuns.map((x) => x.toFixed(0)).join(", ")}] merge [${r.mergeRuns.map((x) => x.toFixed(0)).join(", ")}]`).join("; ")}`,
  );

  const mark = (ok) => (ok ? "PASS" : "FAIL");
  const slowest = Math.min(...rows.map((r) => r.n / (r.mergeMs / 1000)));
  const worstRatio = Math.max(...rows.map((r) => r.mergeMs / r.parseMs));
  const worstCpuRatio = Math.max(...rows.map((r) => r.mergeCpuMs / r.parseCpuMs));
  const worstReadRatio = Math.max(...rows.map((r) => r.readMs / r.parseMs));
  const small = rows.reduce((a, b) => (a.n < b.n ? a : b));
  const big = rows.reduce((a, b) => (a.n > b.n ? a : b));
  const perFile = (key) => (big.n > small.n ? ((big[key] - small[key]) * 1024) / (big.n - small.n) : 0);
  const heapGrowth = perFile("readHeapMB");
  const rssGrowth = perFile("readRssMB");
  console.log("\ntargets:");
  console.log(`  ${mark(slowest >= TARGET.filesPerSecond)}  files/s ≥ ${TARGET.filesPerSecond} at every N (lowest: ${slowest.toFixed(0)})`);
  console.log(
    `  ${mark(worstRatio <= TARGET.ratio)}  merge/parse ≤ ${TARGET.ratio} at every N (highest: ${worstRatio.toFixed(2)} wall, ${worstCpuRatio.toFixed(2)} cpu; ` +
      `without writing the county workbook ${worstReadRatio.toFixed(2)})`,
  );
  console.log(
    `  ${mark(heapGrowth <= TARGET.growthKBPerFile && rssGrowth <= TARGET.growthKBPerFile)}  memory flat in N while reading: peak growth N=${small.n}→${big.n} ≤ ${TARGET.growthKBPerFile} KB per extra file ` +
      `(heap ${heapGrowth.toFixed(1)} KB/file, RSS ${rssGrowth.toFixed(1)} KB/file; retained ${perFile("retainedMB").toFixed(1)} KB/file)`,
  );
  console.log(`        heap peak while reading: ${rows.map((r) => `N=${r.n} ${mb(r.readHeapMB)} MB`).join(" | ")}`);
  const bad = rows.filter((r) => r.included !== r.n);
  if (bad.length)
    console.log(`  note: not every file was included: ${bad.map((r) => `N=${r.n} ${JSON.stringify(r.statuses)}`).join("; ")}`);

  // The whole `yuebao merge` process on 1,000 files against parse-only processes.
  console.log("");
  const cli = spawnSync(
    process.execPath,
    // Five runs at least: a whole process on this kind of machine varies by ±10 % run to run.
    [path.join(__dirname, "cli.js"), "--files", String(Math.min(1000, max)), "--repeat", String(Math.max(5, repeat))],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  process.stdout.write(cli.stdout);
  if (cli.status !== 0) console.error(cli.stderr);

  // The legacy formats' path (.xls through the lazily loaded parser), in its own process.
  console.log("");
  const legacy = spawnSync(process.execPath, [path.join(__dirname, "legacy.js"), "--repeat", String(repeat)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  process.stdout.write(legacy.stdout);
  if (legacy.status !== 0) console.error(legacy.stderr);

  // The add-in's round trips per job (Office.js syncs, then WPS ET calls), each in its own
  // process (they load TypeScript sources).
  for (const script of ["office-run.js", "wps-run.js"]) {
    console.log("");
    const part = spawnSync(process.execPath, [path.join(__dirname, script), "--sizes", option("office-sizes", "1,30,300")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    process.stdout.write(part.stdout);
    if (part.status !== 0) console.error(part.stderr);
  }
}

if (process.argv.includes("--child")) {
  child(Number(option("child", "30")), Number(option("repeat", "3"))).then(
    (r) => process.stdout.write(JSON.stringify(r) + "\n"),
    (e) => {
      console.error(e && e.stack ? e.stack : String(e));
      process.exit(1);
    },
  );
} else {
  runParent().catch((e) => {
    // Figures, not asserts: report the failure, but do not fail the calling script.
    console.error(e && e.stack ? e.stack : String(e));
  });
}
