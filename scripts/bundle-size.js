#!/usr/bin/env node
/**
 * `npm run size` (after `npm run build`): how much JavaScript the pane makes a user download
 * before it can do anything, against a bare Fluent UI v9 + React app built with the same
 * webpack settings (scripts/baseline/index.tsx, built into a temp folder).
 *
 *   initial JS   gzip sum of the bundle scripts dist/taskpane.html loads, plus the chunks the
 *                entry waits for before it renders in that mode (BEFORE_RENDER below; none
 *                today: the jobs load after the first paint). Office.js is listed apart: it
 *                is Microsoft's library, loaded the same way by any add-in.
 *   after idle   what the pane has fetched once it is idle: the panels and the jobs of that
 *                mode, which it loads right after the first paint (not the xlsx parser)
 *   xlsx chunk   gzip size of the lazily loaded parser; it must exist and must not be among
 *                the scripts the page loads at start
 *   worker       the Web Worker the pane parses files on (src/taskpane/parse-workers.ts): its
 *                chunk and the tiny one that starts it, fetched when the first file is read
 *   legacy       the SheetJS parser for .xls/.et/.ods/.xlsb and its code page tables: lazy chunks
 *                fetched only when such a file is met; never loaded at start
 *   ratio        ours (the largest of the three modes: file, Excel, WPS) / bare; target ≤ 1.3
 *
 * Which file belongs to which chunk comes from a second, identical webpack build made here
 * with stats; its files must match dist/ byte for byte (else dist/ is stale).
 *
 * Exit 1 when dist/ is stale, the parser chunk is missing or loaded at start; with --strict
 * also when the ratio misses its target. --json prints the figures as JSON as well.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const BASELINE_OUT = path.join(os.tmpdir(), "yuebao-baseline");
const STATS_OUT = path.join(os.tmpdir(), "yuebao-size-check");
const TARGET_RATIO = 1.3;

/**
 * Chunk groups (webpackChunkName) src/taskpane/index.tsx awaits before its first render, per
 * mode. Keep in step with index.tsx: a chunk awaited there is part of the initial load.
 */
const BEFORE_RENDER = { file: [], excel: [], wps: [] };
/** Chunk groups the pane loads once idle, per mode (App.tsx's panels, index.tsx's jobs). */
const AFTER_IDLE = {
  file: ["panel-validate", "panel-fill", "panel-merge", "panel-settings", "jobs"],
  excel: ["panel-validate", "panel-fill", "panel-merge", "panel-settings", "excel"],
  wps: ["panel-validate", "panel-fill", "panel-merge", "panel-settings", "wps"],
};
const MODES = ["file", "excel", "wps"];
/**
 * Chunk groups fetched only when a workbook file is first parsed (src/taskpane/parse-workers.ts):
 * the parser and the Web Worker it runs in. Measured apart, never at start.
 */
const ON_FIRST_PARSE = ["xlsx", "parse-worker-spawn", "parse-worker"];

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

/**
 * Sizes of the scripts a built page loads from its own folder; Office.js reported apart. The
 * page's small static scripts (src/taskpane/static, copied, not bundled) may be taken from
 * `staticFrom` (the baseline build copies no files but loads the same page template).
 */
function measurePage(dir, staticFrom) {
  const htmlFile = path.join(dir, "taskpane.html");
  if (!fs.existsSync(htmlFile)) throw new Error(`${path.relative(ROOT, htmlFile) || htmlFile} not found: run \`npm run build\` first`);
  const scripts = [];
  let officeJs = null;
  for (const src of scriptSources(fs.readFileSync(htmlFile, "utf8"))) {
    if (/^https?:/i.test(src)) {
      officeJs = { src, gzip: null };
      continue;
    }
    const rel = decodeURI(src.replace(/^\.\//, "").split(/[?#]/)[0]);
    let file = path.join(dir, rel);
    if (!fs.existsSync(file) && staticFrom && /^static\//.test(rel)) file = path.join(staticFrom, rel);
    if (!fs.existsSync(file)) throw new Error(`${htmlFile} loads ${src}, which is not in ${dir}`);
    if (/(^|\/)office-js\//.test(src)) officeJs = { src, gzip: gzipSize(file) };
    else scripts.push({ src, raw: fs.statSync(file).size, gzip: gzipSize(file) });
  }
  return { scripts, officeJs, gzip: scripts.reduce((s, x) => s + x.gzip, 0) };
}

function findXlsxChunk(dir) {
  const names = fs.readdirSync(dir).filter((f) => /^xlsx(\.[0-9a-f]+)?\.js$/.test(f));
  return names.length
    ? { file: names[0], raw: fs.statSync(path.join(dir, names[0])).size, gzip: gzipSize(path.join(dir, names[0])) }
    : null;
}

/** Builds `entry` with the production settings into `outDir`; resolves to webpack's stats. */
function build(entry, outDir) {
  const webpack = require("webpack");
  const { createConfig } = require(path.join(ROOT, "webpack.config.js"));
  const config = createConfig({ mode: "production", entry, outDir, officeJs: "none", copy: false });
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}

/** Chunk group name → its .js files, from a build's stats. */
function chunkGroups(stats) {
  const json = stats.toJson({ all: false, chunkGroups: true });
  const out = {};
  for (const [name, group] of Object.entries(json.namedChunkGroups))
    out[name] = group.assets.map((a) => a.name).filter((f) => f.endsWith(".js"));
  return out;
}

/** The gzip sum of a set of dist/ files, each counted once. */
function sumOf(files) {
  let sum = 0;
  for (const f of new Set(files)) sum += gzipSize(path.join(DIST, f));
  return sum;
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const ours = measurePage(DIST);
  const xlsx = findXlsxChunk(DIST);
  const loadedAtStart = ours.scripts.some((s) => /(^|\/)xlsx[.]/.test(s.src));
  const problems = [];

  process.stdout.write("Building the pane again for its chunk map… ");
  const groups = chunkGroups(await build(path.join(ROOT, "src", "taskpane", "index.tsx"), STATS_OUT));
  console.log("done");
  const stale = Object.values(groups)
    .flat()
    .filter(
      (f) => !fs.existsSync(path.join(DIST, f)) || !fs.readFileSync(path.join(DIST, f)).equals(fs.readFileSync(path.join(STATS_OUT, f))),
    );
  if (stale.length > 0) throw new Error(`dist/ does not match the sources (${stale.slice(0, 3).join(", ")}…): run \`npm run build\` first`);
  const filesOf = (names) =>
    names.flatMap((n) => {
      if (!groups[n]) problems.push(`no chunk named "${n}" in the build (scripts/bundle-size.js lists it)`);
      return groups[n] ?? [];
    });
  const initialFiles = ours.scripts.map((s) => s.src.replace(/^\.\//, ""));
  const modes = {};
  for (const mode of MODES) {
    const before = filesOf(BEFORE_RENDER[mode]);
    const idle = filesOf(AFTER_IDLE[mode]);
    modes[mode] = {
      initialGzip: sumOf([...initialFiles, ...before]),
      afterIdleGzip: sumOf([...initialFiles, ...before, ...idle]),
      beforeRender: BEFORE_RENDER[mode],
    };
  }
  const initialGzip = Math.max(...MODES.map((m) => modes[m].initialGzip));

  process.stdout.write("Building the bare Fluent UI baseline… ");
  await build(path.join(ROOT, "scripts", "baseline", "index.tsx"), BASELINE_OUT);
  // The page template links the pane's own static scripts and icon: the bare app gets the same
  // files (as the browser test's baseline does), so both pages load what their html names.
  for (const dir of ["static", "assets"]) fs.cpSync(path.join(DIST, dir), path.join(BASELINE_OUT, dir), { recursive: true });
  console.log(`done (${BASELINE_OUT})`);
  const bare = measurePage(BASELINE_OUT, DIST);
  const ratio = initialGzip / bare.gzip;

  const line = (label, size, note = "") => console.log(`  ${label.padEnd(36)} ${size.padStart(10)}${note ? `  ${note}` : ""}`);
  console.log("\nYuebao task pane, production build (gzip -9):");
  for (const s of ours.scripts) line(s.src, kb(s.gzip), `(${kb(s.raw)} raw)`);
  for (const mode of MODES) {
    const m = modes[mode];
    line(
      `initial JS, ${mode} mode`,
      kb(m.initialGzip),
      m.beforeRender.length ? `with ${m.beforeRender.join(", ")}` : "(nothing awaited before the first render)",
    );
  }
  if (ours.officeJs) line("Office.js (not counted)", ours.officeJs.gzip === null ? "CDN" : kb(ours.officeJs.gzip), ours.officeJs.src);
  console.log("\nLoaded after the first paint (gzip -9; shared chunks listed under each group):");
  for (const [name, files] of Object.entries(groups).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === "taskpane") continue;
    line(name, kb(sumOf(files)), files.join(" "));
  }
  for (const mode of MODES)
    line(`all fetched once idle, ${mode} mode`, kb(modes[mode].afterIdleGzip), "(initial + panels + jobs; not xlsx)");
  line("xlsx chunk (lazy)", xlsx ? kb(xlsx.gzip) : "MISSING", xlsx ? xlsx.file : "");
  for (const name of ON_FIRST_PARSE.filter((n) => n !== "xlsx")) {
    const files = groups[name] ?? [];
    line(`${name} chunk (on the first file)`, files.length ? kb(sumOf(files)) : "MISSING", files.join(" "));
    if (!files.length) problems.push(`no ${name} chunk: the pane parses on a Web Worker (src/taskpane/parse-workers.ts)`);
    if (files.some((f) => initialFiles.includes(f))) problems.push(`taskpane.html loads the ${name} chunk at start`);
  }
  for (const name of ["legacy", "legacy-codepages"]) {
    const files = groups[name] ?? [];
    line(`${name} chunk (on a legacy file)`, files.length ? kb(sumOf(files)) : "MISSING", files.join(" "));
    if (!files.length) problems.push(`no ${name} chunk: the legacy parser must be loaded with import() (src/jobs/files-module.ts)`);
    if (files.some((f) => initialFiles.includes(f))) problems.push(`taskpane.html loads the ${name} chunk at start`);
  }
  console.log(`\nBare Fluent UI v9 + React app:         ${kb(bare.gzip).padStart(10)}`);
  const met = ratio <= TARGET_RATIO;
  console.log(
    `Ratio initial JS / bare:               ${ratio.toFixed(2).padStart(10)}  (target ≤ ${TARGET_RATIO}: ${met ? "met" : "NOT met"})`,
  );

  if (!xlsx) problems.push('no xlsx chunk in dist/: the parser (src/files) must be loaded with import("../files")');
  if (loadedAtStart) problems.push("taskpane.html loads the xlsx chunk at start");
  if (!met && args.has("--strict")) problems.push(`initial JS is ${ratio.toFixed(2)}× the bare app (target ≤ ${TARGET_RATIO})`);
  for (const p of problems) console.error(`ERROR: ${p}`);

  if (args.has("--json")) {
    console.log(
      JSON.stringify({
        initialGzip,
        modes,
        scripts: ours.scripts,
        officeJs: ours.officeJs,
        chunkGroups: groups,
        xlsxGzip: xlsx ? xlsx.gzip : null,
        bareGzip: bare.gzip,
        ratio,
        target: TARGET_RATIO,
      }),
    );
  }
  process.exitCode = problems.length ? 1 : 0;
}

module.exports = { scriptSources, measurePage, findXlsxChunk, BEFORE_RENDER, AFTER_IDLE, ON_FIRST_PARSE };

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exitCode = 1;
  });
}
