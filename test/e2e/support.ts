/**
 * Set-up for the real-browser tests: a fresh production bundle, a loopback static server,
 * the Excel fake bundled for the browser, unit workbooks written by openpyxl, and a browser
 * context that refuses (and records) every request leaving localhost.
 */
import { execFileSync } from "child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import { join, resolve } from "path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import webpack from "webpack";
import { addMonths, periodKey, type Period } from "../../src/form/period";

export const ROOT = resolve(__dirname, "../..");
export const DIST = join(ROOT, "dist");
export const TMP = join(ROOT, "test/.tmp/e2e");
export const CHROMIUM = "/usr/bin/chromium";
const XLSX_TOOL = join(ROOT, "test/cli/xlsx_tool.py");

// ---- build ----

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * `npm run build` (about 40 s) only when dist/ is missing or older than some file in src/:
 * the test must exercise the bundle of the current sources, but should not pay for a
 * rebuild on every run. Returns whether it built.
 */
export function ensureBuild(): boolean {
  const page = join(DIST, "taskpane.html");
  if (existsSync(page) && statSync(page).mtimeMs >= newestMtime(join(ROOT, "src"))) return false;
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe", timeout: 180_000 });
  return true;
}

function runWebpack(config: webpack.Configuration): Promise<void> {
  return new Promise((res, rej) => {
    webpack(config, (err, stats) => {
      if (err) return rej(err);
      if (!stats) return rej(new Error("webpack returned no stats"));
      if (stats.hasErrors()) return rej(new Error(stats.toString({ all: false, errors: true })));
      res();
    });
  });
}

/** A test fake as one browser script defining window[library]. */
async function bundleForBrowser(entry: string, file: string, library: string): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  await runWebpack({
    mode: "development",
    devtool: false,
    target: "web",
    context: ROOT,
    entry,
    output: { path: TMP, filename: file, library: { name: library, type: "window" } },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: "ts-loader",
          options: {
            transpileOnly: true,
            configFile: join(ROOT, "tsconfig.json"),
            compilerOptions: { module: "esnext", sourceMap: false },
          },
        },
      ],
    },
  });
  return join(TMP, file);
}

/** test/support/fake-excel as one browser script defining window.YuebaoFake. */
export function bundleFake(): Promise<string> {
  return bundleForBrowser(join(ROOT, "test/support/fake-excel/index.ts"), "fake-office.js", "YuebaoFake");
}

/** test/wps/fake-et (the in-memory WPS 表格) as one browser script defining window.YuebaoFakeEt. */
export function bundleFakeEt(): Promise<string> {
  return bundleForBrowser(join(ROOT, "test/wps/fake-et/index.ts"), "fake-et.js", "YuebaoFakeEt");
}

interface ConfigModule {
  createConfig(o: {
    mode: "production";
    entry: string;
    outDir: string;
    baseUrl?: string;
    officeJs: "none";
    copy: boolean;
  }): webpack.Configuration;
}

/** The bare Fluent UI + React app of scripts/baseline, built with our webpack settings; undefined when absent. */
export async function buildBaseline(): Promise<string | undefined> {
  const entry = join(ROOT, "scripts/baseline/index.tsx");
  if (!existsSync(entry)) return undefined;
  // webpack.config.js is plain CommonJS: typed at this boundary.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConfig } = require(join(ROOT, "webpack.config.js")) as ConfigModule;
  const outDir = join(TMP, "baseline");
  await runWebpack(createConfig({ mode: "production", entry, outDir, officeJs: "none", copy: false }));
  // The page template links the pane's icon, styles and engine check; without them the bare app would log 404s.
  for (const dir of ["assets", "static"]) cpSync(join(DIST, dir), join(outDir, dir), { recursive: true });
  return outDir;
}

// ---- server ----

interface ServeModule {
  serve(dir: string, o: { port: number; host?: string }): Promise<Server>;
}

export async function startServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  // scripts/serve.js is plain CommonJS: typed at this boundary.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serve } = require(join(ROOT, "scripts/serve.js")) as ServeModule;
  const server = await serve(dir, { port: 0 }); // port 0: the OS picks a free one
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---- browser ----

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--lang=zh-CN",
];

export interface Watched {
  context: BrowserContext;
  /** Requests to any host but localhost / 127.0.0.1 (aborted). */
  foreign: string[];
  /** console.error messages and uncaught page errors. */
  errors: string[];
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A context at the task pane's width that aborts and records non-local requests and collects
 * console errors. `officeJs: "empty"` answers office.js with an empty script so an injected fake
 * Office stays in place.
 */
export async function watchedContext(browser: Browser, opts: { officeJs: "real" | "empty" }): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 380, height: 800 }, locale: "zh-CN", acceptDownloads: true });
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname)) {
      foreign.push(url.href);
      await route.abort("blockedbyclient");
      return;
    }
    if (opts.officeJs === "empty" && /\/office-js\/office\.js$/.test(url.pathname)) {
      await route.fulfill({ status: 200, contentType: "text/javascript", body: "/* office.js replaced by the test's fake */" });
      return;
    }
    await route.continue();
  });
  // Every Content-Security-Policy violation becomes a console error, which the tests forbid.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  context.on("page", (page) => watchPage(page, errors));
  return { context, foreign, errors };
}

function watchPage(page: Page, errors: string[]): void {
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
}

// ---- unit workbooks (openpyxl, a clerk's layout with the form at B3) ----

export type Figures = number[];

export interface UnitBook {
  unit: string;
  file: string;
  month: Figures;
  cumulative: Figures;
}

/** The report month the pane offers by default: last calendar month. */
export function lastMonth(today = new Date()): Period {
  return addMonths({ year: today.getFullYear(), month: today.getMonth() + 1 }, -1);
}

/** A cell as a clerk types it: a number, text (even in a number cell) or blank. */
export type Typed = number | string | null;

/** One annex sheet in xlsx_tool.py's layout: form at B3, items from row 6, 本月数 in E, 累计数 in F. */
export interface SheetSpec {
  name: string;
  unit?: string | null;
  date?: string | null;
  month: Typed[];
  cumulative?: Typed[] | null;
  /** Other cells, e.g. { H2: "联系人：张三" } (a string starting with "=" is a formula). */
  cells?: Record<string, Typed>;
}

/** Writes workbooks with openpyxl in one python process (test/cli/xlsx_tool.py). */
export function writeBooks(files: { path: string; sheets: SheetSpec[] }[], tag: string): void {
  const specFile = join(TMP, `books-${tag}.json`);
  writeFileSync(specFile, JSON.stringify({ files }), "utf8");
  execFileSync("/usr/bin/python3", [XLSX_TOOL, "write", specFile], { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
}

/** The 填报时间 of an on-time report: the 5th of the month after (the deadline is the 10th). */
export function onTime(period: Period): string {
  const next = addMonths(period, 1);
  return `${next.year}-${String(next.month).padStart(2, "0")}-05`;
}

/** Writes the books with one python process (test/cli/xlsx_tool.py). */
export function writeUnitBooks(books: UnitBook[], period: Period): void {
  const name = `${period.year}年${period.month}月`;
  writeBooks(
    books.map((b) => ({ path: b.file, sheets: [{ name, unit: b.unit, date: onTime(period), month: b.month, cumulative: b.cumulative }] })),
    `units-${periodKey(period)}`,
  );
}

/** Exact decimal sums: every figure has at most 4 decimals (the form's 万元 precision). */
export const scaled = (v: number): number => Math.round(v * 10000);

// ---- the pane's UI ----

/** The visible panel of a tab (hidden panels have no role in the accessibility tree). */
export async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole("tab", { name }).click();
  const panel = page.getByRole("tabpanel", { name });
  await panel.waitFor();
  return panel;
}

/** Waits for a locator; on a timeout the error says what the panel shows instead (e.g. an error bar). */
export async function waitIn(panel: Locator, target: Locator, timeout = 15_000): Promise<void> {
  try {
    await target.waitFor({ timeout });
  } catch (err) {
    const shown = (await panel.innerText().catch(() => "(panel gone)")).replace(/\s+/g, " ");
    throw new Error(`${(err as Error).message.split("\n")[0]}\nThe panel shows: ${shown}`);
  }
}

export async function choosePeriod(panel: Locator, p: Period): Promise<void> {
  await panel.getByLabel("年份", { exact: true }).selectOption(String(p.year));
  await panel.getByLabel("月份", { exact: true }).selectOption(String(p.month));
}
