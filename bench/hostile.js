#!/usr/bin/env node
/**
 * `npm run bench:hostile`: each class of hostile (or merely huge) input through `yuebao validate`
 * and `yuebao fill`, one fresh process per case, and a table of the outcome, the time and the
 * peak memory. Figures, not asserts (the fuzz test and test/files assert the outcomes).
 *
 *   node bench/hostile.js              every case
 *   node bench/hostile.js --only bomb  the cases whose name contains "bomb"
 *
 * Inputs are built here (fflate, no files in the repository) into bench/.tmp/hostile.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { zipSync, Deflate, strToU8 } = require("fflate");

const ROOT = path.resolve(__dirname, "..");
const TMP = path.join(__dirname, ".tmp", "hostile");
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// ---- a minimal package around one sheet part ----

function packageParts(sheetXml, extra = {}) {
  return {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="2018年7月" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": typeof sheetXml === "string" ? strToU8(sheetXml) : sheetXml,
    ...extra,
  };
}

const sheet = (rows) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`;
const xlsx = (sheetXml, extra) => zipSync(packageParts(sheetXml, extra), { level: 6 });

/** A deflated part made chunk by chunk, so building a huge part does not hold it uncompressed. */
function deflatedPart(head, chunk, times, tail) {
  const out = [];
  const d = new Deflate({ level: 6 }, (data) => out.push(data));
  d.push(strToU8(head));
  const c = strToU8(chunk);
  for (let i = 0; i < times; i++) d.push(c);
  d.push(strToU8(tail), true);
  return Buffer.concat(out.map((u) => Buffer.from(u)));
}

/** A stored zip whose sheet entry is already deflated (method 8), with the sizes given. */
function zipWithDeflated(sheetDeflated, sheetSize) {
  const parts = packageParts("");
  delete parts["xl/worksheets/sheet1.xml"];
  // fflate's streaming zip takes already-deflated data when told its method and size.
  const { Zip, ZipPassThrough } = require("fflate");
  const chunks = [];
  const z = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(parts)) {
    const f = new ZipPassThrough(name);
    z.add(f);
    f.push(data, true);
  }
  const f = new ZipPassThrough("xl/worksheets/sheet1.xml");
  f.compression = 8;
  f.size = sheetSize;
  f.crc = 0; // the reader must not trust it anyway; a wrong CRC is one more hostile trait
  z.add(f);
  f.push(sheetDeflated, true);
  z.end();
  return Buffer.concat(chunks.map((u) => Buffer.from(u)));
}

const REPORT_ROWS =
  `<row r="1"><c r="A1" t="inlineStr"><is><t>安全监管“强执法防事故”行动情况月报表</t></is></c></row>` +
  `<row r="3"><c r="A3" t="inlineStr"><is><t>序号</t></is></c><c r="B3" t="inlineStr"><is><t>项目</t></is></c><c r="D3" t="inlineStr"><is><t>本月数</t></is></c><c r="E3" t="inlineStr"><is><t>累计数</t></is></c></row>`;

// ---- the cases ----

const CASES = [
  {
    name: "zip bomb: 1 GiB of spaces in 1 MB",
    limit: "inflation capped at 200× (parts over 1 MB) and 256 MB a part",
    build: () => {
      const head = sheet("").slice(0, -"</sheetData></worksheet>".length);
      const tail = "</sheetData></worksheet>";
      const size = head.length + (1 << 30) + tail.length;
      return zipWithDeflated(deflatedPart(head, " ".repeat(1 << 20), 1024, tail), size);
    },
  },
  {
    name: "cell reference A99999999",
    limit: "Excel's grid: 1,048,576 rows",
    build: () => xlsx(sheet(`<row r="99999999"><c r="A99999999"><v>1</v></c></row>`)),
  },
  { name: 'row r="900000000"', limit: "Excel's grid", build: () => xlsx(sheet(`<row r="900000000"><c><v>1</v></c></row>`)) },
  {
    name: "column ZZZZZ3",
    limit: "Excel's grid: 16,384 columns (XFD)",
    build: () => xlsx(sheet(`<row r="3"><c r="ZZZZZ3"><v>1</v></c></row>`)),
  },
  {
    name: "1,000,000 rows × 4 styled empty cells (104 MB part)",
    limit: "empty styled cells are skipped while scanning",
    build: () => {
      let rows = "";
      const parts = [];
      for (let r = 1; r <= 1_000_000; r++) {
        rows += `<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/><c r="C${r}" s="1"/><c r="D${r}" s="1"/></row>`;
        if (rows.length > 1 << 20) {
          parts.push(rows);
          rows = "";
        }
      }
      parts.push(rows);
      const xml = sheet(parts.join(""));
      return xlsx(xml);
    },
  },
  {
    name: "a 30,000-row ledger (台账) beside the report",
    limit: "linear in the part's size",
    build: () => {
      const rows = [];
      for (let r = 1; r <= 30_000; r++)
        rows.push(
          `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>检查记录${r}</t></is></c><c r="C${r}"><v>${r * 1.5}</v></c></row>`,
        );
      return xlsx(sheet(REPORT_ROWS), {
        "xl/worksheets/sheet1.xml": strToU8(sheet(rows.join(""))),
      });
    },
  },
  {
    name: "entity expansion (billion laughs DTD)",
    limit: "DOCTYPE refused",
    build: () => {
      let dtd = `<!DOCTYPE lolz [<!ENTITY lol "lol">`;
      for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
      dtd += "]>";
      return xlsx(
        `<?xml version="1.0"?>${dtd}<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
      );
    },
  },
  {
    name: "200,000 nested elements",
    limit: "no recursion in the scanner",
    build: () => xlsx(`<worksheet xmlns="${MAIN_NS}"><sheetData>${"<x>".repeat(200_000)}${"</x>".repeat(200_000)}</sheetData></worksheet>`),
  },
  {
    name: "one 40 MB shared string",
    limit: "100 MB a part",
    build: () =>
      xlsx(sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), {
        "xl/sharedStrings.xml": strToU8(`<sst xmlns="${MAIN_NS}"><si><t>${"字".repeat(13_000_000)}</t></si></sst>`),
      }),
  },
  {
    name: "20,000 zip entries",
    limit: "10,000 entries",
    build: () => {
      const extra = {};
      for (let i = 0; i < 20_000; i++) extra[`xl/media/x${i}.bin`] = new Uint8Array(1);
      return xlsx(sheet(REPORT_ROWS), extra);
    },
  },
  { name: "cut short (half a file)", limit: "—", build: () => xlsx(sheet(REPORT_ROWS)).slice(0, 400) },
  {
    name: "a web page renamed .xlsx",
    limit: "—",
    build: () => strToU8("<!doctype html><html><body><table><tr><td>本月数</td></tr></table></body></html>"),
  },
  { name: "random bytes", limit: "—", build: () => Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24) },
];

// ---- one case in a child process ----

async function childRun(index, job) {
  const file = path.join(TMP, `case-${index}.xlsx`);
  const { main } = require(path.join(ROOT, "lib", "cli", "main.js"));
  const lines = [];
  const io = { out: (l) => lines.push(l), err: (l) => lines.push(l), tty: false, today: () => new Date(2018, 7, 5) };
  const baseRss = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const argv =
    job === "validate"
      ? ["validate", file, "--period", "2018-07"]
      : ["fill", file, "--period", "2018-07", "--out", path.join(TMP, `out-${index}.xlsx`), "--force"];
  let code;
  try {
    code = await main(argv, io);
  } catch (err) {
    code = `threw ${err && err.name}`;
    lines.unshift(String(err && err.message));
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peakMb = (process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
  const baseMb = baseRss / 1024 / 1024;
  process.stdout.write(JSON.stringify({ code, ms, peakMb, baseMb, first: lines.find((l) => /✗|✓|错误|文件/.test(l)) ?? lines[0] ?? "" }));
}

function parentRun() {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) {
    console.log("lib/ is missing: run `npm run build:cli` first");
    process.exit(1);
  }
  fs.mkdirSync(TMP, { recursive: true });
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : "";
  const rows = [];
  CASES.forEach((c, i) => {
    if (only && !c.name.includes(only)) return;
    const bytes = c.build();
    fs.writeFileSync(path.join(TMP, `case-${i}.xlsx`), bytes);
    const results = ["validate", "fill"].map((job) => {
      const r = spawnSync(process.execPath, ["--max-old-space-size=1024", __filename, "--child", String(i), job], {
        encoding: "utf8",
        timeout: 120_000,
      });
      if (r.error || r.status !== 0)
        return { code: r.error ? "timeout" : `crashed (${r.status})`, ms: NaN, peakMb: NaN, first: (r.stderr || "").split("\n")[0] };
      return JSON.parse(r.stdout);
    });
    rows.push({ name: c.name, size: bytes.length, limit: c.limit, results });
  });
  const mb = (n) => (Number.isFinite(n) ? n.toFixed(0) : "—");
  console.log("| input | file | validate: exit, ms, peak RSS MB | fill: exit, ms, peak RSS MB | outcome (validate) | limit |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) {
    const [v, f] = r.results;
    const outcome = String(v.first).replace(/\|/g, "\\|").split(`${TMP}${path.sep}`).join("").slice(0, 90);
    console.log(
      `| ${r.name} | ${(r.size / 1024).toFixed(0)} KB | ${v.code}, ${v.ms.toFixed(0)}, ${mb(v.peakMb)} | ${f.code}, ${f.ms.toFixed(0)}, ${mb(f.peakMb)} | ${outcome} | ${r.limit} |`,
    );
  }
  const base = rows.flatMap((r) => r.results.map((x) => x.baseMb)).filter(Number.isFinite);
  if (base.length)
    console.log(
      `\npeak RSS is the whole process; it starts at ${Math.min(...base).toFixed(0)}–${Math.max(...base).toFixed(0)} MB before the file is read.`,
    );
  console.log("exit 1 = findings or a refused file named in one line; 2 = nothing could be read; 'crashed'/'threw' would be a bug.");
}

if (process.argv.includes("--child")) {
  const i = process.argv.indexOf("--child");
  childRun(Number(process.argv[i + 1]), process.argv[i + 2]).catch((e) => {
    console.error(e && e.stack);
    process.exit(3);
  });
} else {
  parentRun();
}
