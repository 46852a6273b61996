#!/usr/bin/env node
/** `node bench/wps-run.js [--sizes 1,30,300] [--json]`: WPS ET calls per job (see wps-jobs.ts). */
"use strict";
require("./ts-require");
const { wpsFigures } = require("./wps-jobs.ts");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const sizes = option("sizes", "1,30,300").split(",").map(Number);
  const rows = await wpsFigures(sizes);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows));
    return;
  }
  console.log("WPS ET calls per job (in-memory ET, real adapter); N = months in the workbook, units for merge");
  const head = ["job", "N", "sheets before", "ET calls", "block reads/writes", "ms"];
  const body = rows.map((r) => [r.job, String(r.n), String(r.sheets), String(r.calls), String(r.blockCalls), r.ms.toFixed(0)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
  // What grows: ET has no call that lists sheets or names at once, so the listing costs a few
  // calls per sheet; nothing grows with the rows of a sheet or the number of units merged.
  const jobs = [...new Set(rows.map((r) => r.job))];
  for (const job of jobs) {
    const rs = rows.filter((r) => r.job === job).sort((a, b) => a.n - b.n);
    if (rs.length < 2) continue;
    const [a, b] = [rs[0], rs[rs.length - 1]];
    const perSheet = b.sheets > a.sheets ? (b.calls - a.calls) / (b.sheets - a.sheets) : 0;
    const note =
      job === "merge"
        ? `${a.calls === b.calls ? "constant" : "NOT constant"} in units (${a.calls} at N=${a.n}, ${b.calls} at N=${b.n})`
        : `${perSheet.toFixed(2)} calls per sheet already in the workbook; block reads/writes ${rs.map((r) => r.blockCalls).join(" / ")}`;
    console.log(`  ${job}: ${note}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
