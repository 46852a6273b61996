#!/usr/bin/env node
/**
 * `npm run size` (after `npm run build`): how much JavaScript the pane makes a user download
 * before it can do anything, against a bare Fluent UI v9 + React app built with the same
 * webpack settings (scripts/baseline/index.tsx, built into a temp folder).
 *
 *   initial JS   gzip sum of the bundle scripts dist/taskpane.html loads (Office.js is
 *                listed apart: it is Microsoft's library, loaded the same way by any add-in)
 *   xlsx chunk   gzip size of the lazily loaded parser; it must exist and must not be among
 *                the scripts the page loads at start
 *   ratio        ours / bare; target ≤ 1.3
 *
 * Exit 1 when the parser chunk is missing or loaded at start; with --strict also when the
 * ratio misses its target. --json prints the figures as JSON as well.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const BASELINE_OUT = path.join(os.tmpdir(), "yuebao-baseline");
const TARGET_RATIO = 1.3;

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The script URLs of an html page, in document order. */
function scriptSources(html) {
  const out = [];
  // Quoted or not: the production html is minified and drops the quotes.
  const re = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  let m;
  while ((m = re.exec(html))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Sizes of the scripts a built page loads from its own folder; Office.js reported apart. */
function measurePage(dir) {
  const htmlFile = path.join(dir, "taskpane.html");
  if (!fs.existsSync(htmlFile)) throw new Error(`${path.relative(ROOT, htmlFile) || htmlFile} not found: run \`npm run build\` first`);
  const scripts = [];
  let officeJs = null;
  for (const src of scriptSources(fs.readFileSync(htmlFile, "utf8"))) {
    if (/^https?:/i.test(src)) {
      officeJs = { src, gzip: null };
      continue;
    }
    const file = path.join(dir, decodeURI(src.replace(/^\.\//, "").split(/[?#]/)[0]));
    if (!fs.existsSync(file)) throw new Error(`${htmlFile} loads ${src}, which is not in ${dir}`);
    if (/(^|\/)office-js\//.test(src)) officeJs = { src, gzip: gzipSize(file) };
    else scripts.push({ src, raw: fs.statSync(file).size, gzip: gzipSize(file) });
  }
  return { scripts, officeJs, gzip: scripts.reduce((s, x) => s + x.gzip, 0) };
}

function findXlsxChunk(dir) {
  const names = fs.readdirSync(dir).filter((f) => /^xlsx(\.[0-9a-f]+)?\.js$/.test(f));
  return names.length ? { file: names[0], raw: fs.statSync(path.join(dir, names[0])).size, gzip: gzipSize(path.join(dir, names[0])) } : null;
}

function buildBaseline() {
  const webpack = require("webpack");
  const { createConfig } = require(path.join(ROOT, "webpack.config.js"));
  const config = createConfig({
    mode: "production",
    entry: path.join(ROOT, "scripts", "baseline", "index.tsx"),
    outDir: BASELINE_OUT,
    officeJs: "none",
    copy: false,
  });
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const ours = measurePage(DIST);
  const xlsx = findXlsxChunk(DIST);
  const loadedAtStart = ours.scripts.some((s) => /(^|\/)xlsx[.]/.test(s.src));

  process.stdout.write("Building the bare Fluent UI baseline… ");
  await buildBaseline();
  console.log(`done (${BASELINE_OUT})`);
  const bare = measurePage(BASELINE_OUT);
  const ratio = ours.gzip / bare.gzip;

  console.log("\nYuebao task pane, production build (gzip -9):");
  for (const s of ours.scripts) console.log(`  ${s.src.padEnd(34)} ${kb(s.gzip).padStart(10)}  (${kb(s.raw)} raw)`);
  console.log(`  initial JS total                   ${kb(ours.gzip).padStart(10)}`);
  if (ours.officeJs) {
    const size = ours.officeJs.gzip === null ? "CDN" : kb(ours.officeJs.gzip);
    console.log(`  Office.js (not counted)            ${size.padStart(10)}  ${ours.officeJs.src}`);
  }
  console.log(`  xlsx chunk (lazy)                  ${xlsx ? `${kb(xlsx.gzip).padStart(10)}  ${xlsx.file}` : "MISSING"}`);
  console.log(`\nBare Fluent UI v9 + React app:      ${kb(bare.gzip).padStart(10)}`);
  const met = ratio <= TARGET_RATIO;
  console.log(`Ratio initial JS / bare:            ${ratio.toFixed(2).padStart(10)}  (target ≤ ${TARGET_RATIO}: ${met ? "met" : "NOT met"})`);

  const problems = [];
  if (!xlsx) problems.push("no xlsx chunk in dist/: the parser (src/files) must be loaded with import(\"../files\")");
  if (loadedAtStart) problems.push("taskpane.html loads the xlsx chunk at start");
  if (!met && args.has("--strict")) problems.push(`initial JS is ${ratio.toFixed(2)}× the bare app (target ≤ ${TARGET_RATIO})`);
  for (const p of problems) console.error(`ERROR: ${p}`);

  if (args.has("--json")) {
    console.log(JSON.stringify({ initialGzip: ours.gzip, scripts: ours.scripts, officeJs: ours.officeJs, xlsxGzip: xlsx ? xlsx.gzip : null, bareGzip: bare.gzip, ratio, target: TARGET_RATIO }));
  }
  process.exitCode = problems.length ? 1 : 0;
}

module.exports = { scriptSources, measurePage, findXlsxChunk };

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exitCode = 1;
  });
}
