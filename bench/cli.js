#!/usr/bin/env node
/**
 * Whole process, as an office runs it: `yuebao merge` on 1,000 .xlsx unit files (the inputs
 * bench/run.js writes into bench/.tmp/units), county workbook written, timed from spawn to
 * exit — against a process that only parses the same files, with the project's reader and
 * with the legacy parser (SheetJS, @e965/xlsx). Target: ≥ 1,500 files/s end to end.
 *
 * Each figure is the median of --repeat runs (default 3); the runs of the different commands
 * alternate so none always meets a warmer disk cache. Figures, not asserts: exit 0 whatever
 * they are. Run by `npm run bench` after the in-process figures, or alone:
 *
 *   node bench/cli.js [--files 1000] [--repeat 3]
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const UNITS_DIR = path.join(__dirname, ".tmp", "units");
const OUT = path.join(__dirname, ".tmp", "cli-county.xlsx");
const TARGET_FILES_PER_SECOND = 1500;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** A child that parses every file named on its command line and prints how many sheets it saw. */
const PARSE_ONLY = {
  ours: `const { readFileSync } = require("fs"); const { readWorkbook } = require(${JSON.stringify(path.join(ROOT, "lib/files/read.js"))});
    let n = 0; for (const f of process.argv.slice(1)) n += readWorkbook(new Uint8Array(readFileSync(f)), f).sheets.length; console.log(n);`,
  sheetjs: `const { readFileSync } = require("fs"); const XLSX = require(${JSON.stringify(require.resolve("@e965/xlsx", { paths: [ROOT] }))});
    let n = 0; for (const f of process.argv.slice(1)) n += XLSX.read(readFileSync(f), { type: "buffer", cellNF: true }).SheetNames.length; console.log(n);`,
};

/**
 * Variables of this build machine that an office PC does not have and that cost every Node
 * process time before any of our code runs: NODE_EXTRA_CA_CERTS makes Node read and parse a
 * bundle of CA certificates at start-up (about 50 ms here; yuebao makes no network request).
 * The children run without them, as on a county office's PC; the merge is also timed with
 * this machine's environment as it is, and both are printed.
 */
const STARTUP_TAX = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"];
const officeEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !STARTUP_TAX.includes(k)));

function run(label, args, env = {}, base = officeEnv()) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...base, ...env }, maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - t0;
  // merge exits 0 when every file merged cleanly; anything else spoils the figure.
  if (r.status !== 0) throw new Error(`${label} exited ${r.status}:\n${(r.stderr || r.stdout).slice(0, 2000)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  const count = Number(option("files", "1000"));
  const repeat = Number(option("repeat", "3"));
  if (!fs.existsSync(path.join(ROOT, "bin/yuebao.js")) || !fs.existsSync(path.join(ROOT, "lib/files/read.js"))) {
    console.log("cli bench: lib/ is missing (npm run build:cli)");
    return;
  }
  const files = Array.from({ length: count }, (_, i) => path.join(UNITS_DIR, `${String(i + 1).padStart(4, "0")}.xlsx`));
  if (!files.every((f) => fs.existsSync(f))) {
    console.log(`cli bench: ${count} inputs missing in ${path.relative(ROOT, UNITS_DIR)} (npm run bench writes them)`);
    return;
  }
  const merge = ["bin/yuebao.js", "merge", ...files, "--period", "2018-07", "--out", OUT, "--force"];
  const commands = [
    ["yuebao merge (workers: default)", merge, {}],
    ["yuebao merge (YUEBAO_WORKERS=0)", merge, { YUEBAO_WORKERS: "0" }],
    ["parse only, our reader", ["-e", PARSE_ONLY.ours, ...files], {}],
    ["parse only, SheetJS", ["-e", PARSE_ONLY.sheetjs, ...files], {}],
  ];
  const taxed = STARTUP_TAX.filter((k) => process.env[k] !== undefined);
  if (taxed.length) commands.push([`yuebao merge (with ${taxed.join(", ")})`, merge, {}, process.env]);
  const times = commands.map(() => []);
  run("warm-up", merge); // the disk cache holds the inputs for every command alike
  for (let k = 0; k < repeat; k++) commands.forEach(([label, args, env, base], i) => times[i].push(run(label, args, env, base)));
  const ms = times.map(median);

  console.log(
    `whole process, ${count} .xlsx unit files (spawn to exit, median of ${repeat}; ${os.cpus().length} CPU(s), load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(
        " ",
      )}; children run without ${STARTUP_TAX.join(" or ")}${taxed.length ? `; ${taxed.join(", ")} is set here and kept on the last merge line` : ""})`,
  );
  commands.forEach(([label], i) =>
    console.log(
      `  ${label.padEnd(44)} ${ms[i].toFixed(0).padStart(6)} ms  ${((count / ms[i]) * 1000).toFixed(0).padStart(5)} files/s   runs [${times[i].map((x) => x.toFixed(0)).join(", ")}]`,
    ),
  );
  const best = Math.min(ms[0], ms[1]);
  console.log(
    `  merge ÷ parse-only: ${(ms[0] / ms[2]).toFixed(2)} (our reader), ${(ms[0] / ms[3]).toFixed(2)} (SheetJS); workers ÷ none ${(ms[0] / ms[1]).toFixed(2)}`,
  );
  // Where the default starts no workers (fewer than 4 cores), the first two lines run the same
  // code: the figure judged is the median of all their runs.
  const workers = require(path.join(ROOT, "lib/files/node-pool.js")).workerCount(count, officeEnv());
  const judged = workers === 0 ? median([...times[0], ...times[1]]) : ms[0];
  const how =
    workers === 0
      ? `the default here is no workers: median of both lines' ${times[0].length + times[1].length} runs`
      : `${workers} workers`;
  const met = (count / judged) * 1000 >= TARGET_FILES_PER_SECOND;
  console.log(
    `  ${met ? "PASS" : "FAIL"}  yuebao merge ≥ ${TARGET_FILES_PER_SECOND} files/s end to end with the default settings (${((count / judged) * 1000).toFixed(0)}, ${how}; best line ${((count / best) * 1000).toFixed(0)})`,
  );
}

main();
