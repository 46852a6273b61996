#!/usr/bin/env node
/** `node bench/office-run.js [--sizes 1,30,300] [--json]`: Office.js round trips per job (see office-jobs.ts). */
"use strict";
require("./ts-require");
const { officeFigures } = require("./office-jobs.ts");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const sizes = option("sizes", "1,30,300").split(",").map(Number);
  const rows = await officeFigures(sizes);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows));
    return;
  }
  console.log("Office.js round trips per job (in-memory Excel, real adapter); N = months in the workbook, units for merge");
  // The issue's goals: insert ≤ 2, validate 1 read, fill ≤ 2, merge write ≤ 3 (a read and a write here).
  const goal = { insert: 2, "validate (first)": 1, "validate (again)": 1, "fill (first)": 2, merge: 3 };
  const head = ["job", "N", "context.sync()", "goal", "cells changed", "largest request", "ms"];
  const body = rows.map((r) => [
    r.job,
    String(r.n),
    String(r.syncs),
    r.syncs <= goal[r.job] ? `≤ ${goal[r.job]} met` : `≤ ${goal[r.job]} MISSED`,
    String(r.cells),
    `${r.maxPayloadKB.toFixed(0)} KB`,
    r.ms.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
  const over = rows.filter((r) => r.syncs > goal[r.job]);
  console.log(
    over.length === 0
      ? "every job within its sync goal at every N"
      : `over the goal: ${over.map((r) => `${r.job} N=${r.n}: ${r.syncs}`).join(", ")}\n` +
          "(first = the pane's first read of this workbook: it cannot name sheets it has not listed, so a workbook of more\n" +
          " than three sheets takes a second read; see README, Known gaps)",
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
