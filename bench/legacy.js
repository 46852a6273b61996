#!/usr/bin/env node
/**
 * The legacy path's figures (part of `npm run bench`, or alone: `node bench/legacy.js`):
 * 300 .xls unit files — one report written by the project's writer, saved as Excel 97 .xls by
 * LibreOffice, copied under 300 names into bench/.tmp/legacy — read three ways:
 *   sheetjs parse-only   the parser alone (@e965/xlsx read() of each file's bytes): the yardstick
 *   yuebao parse         what the jobs call: guard (OLE2 walk, FILEPASS scan) + parser + grids
 *   yuebao merge         mergeFiles (read, locate, validate, total) + writing the county workbook
 * Target: merge ≤ 1.5 × the parser's parse-only time. Figures, not asserts.
 * Options: --legacy-count 300  --repeat 3
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIR = path.join(__dirname, ".tmp", "legacy");
const PERIOD = { year: 2018, month: 7 };
const TARGET = 1.5;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const lib = (p) => require(path.join(ROOT, "lib", p));

function ensureLib() {
  if (fs.existsSync(path.join(ROOT, "lib/files/legacy.js"))) return;
  console.log("lib/ lacks the legacy reader: npm run build:cli …");
  execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "inherit" });
}

/** One LibreOffice .xls of a generated report, copied under `count` names. */
function inputs(count) {
  const name = (i) => path.join(DIR, `${String(i + 1).padStart(4, "0")}.xls`);
  if (fs.existsSync(name(count - 1))) return Array.from({ length: count }, (_, i) => name(i));
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const { ANNEX } = lib("form/spec.js");
  const { annexPlan } = lib("form/layout.js");
  const { writeWorkbook } = lib("files/write.js");
  const month = {};
  const cumulative = {};
  ANNEX.items.forEach((item, i) => {
    month[item.id] = item.kind === "decimal" ? 1.2345 : i + 1;
    cumulative[item.id] = item.kind === "decimal" ? 6.789 : 10 * (i + 1);
  });
  month.officers = 2 * month.activities + 3;
  cumulative.officers = 2 * cumulative.activities + 3;
  const plan = annexPlan(ANNEX, PERIOD, { unit: "云集镇", date: { year: 2018, month: 8, day: 3 }, month, cumulative });
  const xlsx = path.join(DIR, "unit.xlsx");
  fs.writeFileSync(xlsx, writeWorkbook([plan], { creator: "Yuebao bench" }));
  const r = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${path.join(DIR, "lo-profile")}`, "--headless", "--convert-to", "xls", "--outdir", DIR, xlsx],
    { stdio: "ignore", timeout: 120000 },
  );
  const xls = path.join(DIR, "unit.xls");
  if (r.status !== 0 || !fs.existsSync(xls)) throw new Error("LibreOffice (soffice) could not write the .xls");
  for (let i = 0; i < count; i++) fs.copyFileSync(xls, name(i));
  return Array.from({ length: count }, (_, i) => name(i));
}

async function main() {
  ensureLib();
  const count = Number(option("legacy-count", "300"));
  const repeat = Number(option("repeat", "3"));
  const files = inputs(count);
  const X = require("@e965/xlsx");
  const { ANNEX } = lib("form/spec.js");
  const { readFileBytes, nodeSheetJs } = lib("files/node.js");
  const { readAnyWorkbook } = lib("files/read-any.js");
  const { mergeFiles } = lib("jobs/merge-files.js");
  const { totalPlan, detailPlan } = lib("form/layout.js");
  const { writeWorkbook } = lib("files/write.js");
  const OPTS = { type: "array", dense: true, cellFormula: true, cellNF: true, cellHTML: false, cellText: false, cellStyles: false };

  const sheetjsOnly = async () => {
    let n = 0;
    for (const f of files) n += X.read(await readFileBytes(f), OPTS).SheetNames.length;
    return n;
  };
  const ours = async () => {
    let n = 0;
    for (const f of files) n += readAnyWorkbook(await readFileBytes(f), path.basename(f), nodeSheetJs).sheets.length;
    return n;
  };
  let statuses = {};
  const merge = async () => {
    const sources = files.map((f) => ({ name: f, read: () => readFileBytes(f) }));
    const parse = (bytes, name) => readAnyWorkbook(bytes, name, nodeSheetJs);
    const result = await mergeFiles(sources, parse, { spec: ANNEX, period: PERIOD, startMonth: 1, deadlineDay: 10 });
    const today = { year: 2018, month: 8, day: 12 };
    writeWorkbook([totalPlan(ANNEX, result, "县安委办", today), detailPlan(ANNEX, result)], { creator: "Yuebao bench" });
    statuses = {};
    for (const f of result.files) statuses[f.status] = (statuses[f.status] || 0) + 1;
  };
  const time = async (fn) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  await sheetjsOnly();
  await ours();
  await merge();
  const runs = { sheetjs: [], ours: [], merge: [] };
  for (let k = 0; k < repeat; k++) {
    runs.sheetjs.push(await time(sheetjsOnly));
    runs.ours.push(await time(ours));
    runs.merge.push(await time(merge));
  }
  const s = median(runs.sheetjs);
  const o = median(runs.ours);
  const m = median(runs.merge);
  const size = fs.statSync(files[0]).size;
  console.log(
    `legacy .xls: ${count} copies of one LibreOffice Excel 97 unit file (${(size / 1024).toFixed(1)} KB), ${repeat} runs, median`,
  );
  console.log(`  sheetjs parse-only  ${s.toFixed(0).padStart(6)} ms   ${(count / (s / 1000)).toFixed(0)} files/s`);
  console.log(`  yuebao parse        ${o.toFixed(0).padStart(6)} ms   ${(o / s).toFixed(2)} × parse-only (guard + parser + grids)`);
  console.log(
    `  yuebao merge        ${m.toFixed(0).padStart(6)} ms   ${(m / s).toFixed(2)} × parse-only, county workbook written; ${JSON.stringify(statuses)}`,
  );
  console.log(
    `  ${m / s <= TARGET ? "PASS" : "FAIL"}  legacy merge ≤ ${TARGET} × the parser's parse-only time (${(m / s).toFixed(2)}); runs: parse-only [${runs.sheetjs.map((x) => x.toFixed(0)).join(", ")}] merge [${runs.merge.map((x) => x.toFixed(0)).join(", ")}]`,
  );
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
});
