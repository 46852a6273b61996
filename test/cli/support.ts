/**
 * Shared by the command-line tests: a capturing io, a temp folder per test file, unit
 * workbooks written by openpyxl (one python process per batch) and read back by openpyxl.
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import type { Io } from "../../src/cli/common";
import { main } from "../../src/cli/main";
import { ANNEX } from "../../src/form/spec";

export const ROOT = resolve(__dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures");
export const CLI_FIXTURES = join(ROOT, "test/fixtures/cli");
const TOOL = join(__dirname, "xlsx_tool.py");
const PYTHON = "/usr/bin/python3";

/** A fixed "today" after the July 2018 deadline (10 August), so dates in the files are on time. */
export const TODAY = new Date(2018, 7, 12);

export interface Run {
  code: number;
  out: string[];
  err: string[];
  /** stdout and stderr together, for "does the message say ..." checks. */
  all: string;
}

export async function run(argv: string[], today = TODAY): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), tty: false, today: () => today };
  const code = await main(argv, io);
  return { code, out, err, all: [...out, ...err].join("\n") };
}

// ---- the built command line (lib/), for the tests that start node ----

const SOURCES = ["src/form", "src/files", "src/jobs", "src/cli"].map((d) => join(ROOT, d));
export const BUILT = join(ROOT, "lib/cli/main.js");
export const BIN = join(ROOT, "bin/yuebao.js");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith(".ts") ? statSync(p).mtimeMs : 0);
  }
  return t;
}

/** Compiles lib/ when it is missing or older than the sources it is compiled from. */
export function ensureCliBuilt(): void {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  if (built && !SOURCES.some((d) => existsSync(d) && newest(d) > built)) return;
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
}

/** A fresh folder under test/.tmp (gitignored); remove() deletes it. */
export function tempDir(label: string): { dir: string; remove: () => void } {
  const base = join(ROOT, "test/.tmp");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---- workbooks written by openpyxl ----

export type Value = number | string | null;

export interface SheetSpec {
  name: string;
  unit?: string | null;
  date?: string | null;
  month: Value[];
  cumulative?: Value[] | null;
  cells?: Record<string, Value>;
}

export interface BookSpec {
  path: string;
  sheets: SheetSpec[];
}

/** Writes every workbook in one python process. */
export function writeBooks(books: BookSpec[], workDir: string): void {
  const spec = join(workDir, `spec-${process.pid}-${Date.now()}.json`);
  writeFileSync(spec, JSON.stringify({ files: books }), "utf8");
  execFileSync(PYTHON, [TOOL, "write", spec], { stdio: ["ignore", "ignore", "pipe"] });
  rmSync(spec);
}

export interface DumpCell {
  value: string | number | boolean | null;
  type: string;
  numberFormat: string;
  bold: boolean;
  fill: string | null;
  locked: boolean;
}

export interface DumpSheet {
  name: string;
  cells: Record<string, DumpCell>;
  merges: string[];
  protected: boolean;
  paperSize: number | null;
  orientation: string | null;
  fitToWidth: boolean | null;
  validations: number;
  columnWidths: Record<string, number>;
}

export interface DumpBook {
  sheets: DumpSheet[];
  names: Record<string, string>;
}

/** What openpyxl sees in each file: formulas as written, or with `values` their cached results. */
export function dumpBooks(paths: string[], values = false): Record<string, DumpBook> {
  const out = execFileSync(PYTHON, [TOOL, values ? "dump-values" : "dump", ...paths], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as Record<string, DumpBook>;
}

export function sheetOf(book: DumpBook, name: string): DumpSheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${book.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

export function sha(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

// ---- figures ----

/** Where the python tool puts the figures: 本月数 in E, 累计数 in F, from row 6. */
export const monthCell = (i: number): string => `E${6 + i}`;
export const cumCell = (i: number): string => `F${6 + i}`;
export const FINES = ANNEX.items.findIndex((i) => i.kind === "decimal");

export interface Figures {
  month: number[];
  cumulative: number[];
}

/** Small deterministic PRNG (mulberry32) so a failing run can be repeated. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A clean unit's July: whole numbers, fines with up to 4 decimals, officers at least twice
 * the actions, 累计数 = an earlier running total + this month.
 */
export function randomFigures(next: () => number): Figures {
  const int = (n: number) => Math.floor(next() * n);
  const month = ANNEX.items.map((item, i) => (item.kind === "decimal" ? int(200000) / 10000 : i === 1 ? 0 : int(i < 3 ? 40 : 5)));
  month[1] = 2 * month[0] + int(10);
  const cumulative = month.map((m, i) => (i === FINES ? (Math.round(m * 10000) + int(500000)) / 10000 : m + int(100)));
  return { month, cumulative };
}

/** Σ over units, exact: figures are summed as integers ×10000. */
export function sumScaled(list: Figures[], key: keyof Figures): number[] {
  return ANNEX.items.map((_, i) => list.reduce((s, f) => s + Math.round(f[key][i] * 10000), 0));
}

export const scaled = (v: number): number => Math.round(v * 10000);

/** LibreOffice conversion with a private profile (never the user's), one start per batch. */
export function soffice(args: string[], workDir: string): void {
  const profile = join(workDir, "lo-profile");
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", ...args], { stdio: "ignore", timeout: 120000 });
}
