/**
 * The real webpack configuration (createConfig from webpack.config.js), the real page template
 * and the real manifest, built around a tiny fixture entry so the test stays quick: what a
 * production dist/ must look like, with either Office.js option.
 */
import * as fs from "fs";
import * as path from "path";
import { JSDOM } from "jsdom";
import webpack from "webpack";
import { validateManifest } from "../manifest/xmllint";

interface ConfigModule {
  createConfig(options: {
    mode: "production" | "development";
    entry: string;
    outDir: string;
    baseUrl: string;
    officeJs: "local" | "cdn" | "none";
    copy?: boolean;
  }): webpack.Configuration;
  normaliseBaseUrl(raw: string): string;
  rewriteManifest(xml: string, baseUrl: string): string;
  OFFICE_JS: { cdn: string; local: string };
}
// webpack.config.js is plain CommonJS: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ConfigModule;

const REPO = path.resolve(__dirname, "..", "..");
const TMP = path.join(REPO, "test", ".tmp", `webpack-${process.pid}`);
const ENTRY = path.join(__dirname, "fixtures", "app", "index.ts");
const BASE = "https://reports.county.example/yuebao/";

function build(officeJs: "local" | "cdn", outDir: string): Promise<webpack.Stats> {
  const c = config.createConfig({ mode: "production", entry: ENTRY, outDir, baseUrl: BASE, officeJs });
  return new Promise((resolve, reject) => {
    webpack(c, (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error("webpack returned no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}

// A live collection: jsdom's query cache can miss tags inserted by insertAdjacentHTML.
const scriptSrcs = (doc: Document): string[] =>
  Array.from(doc.getElementsByTagName("script"))
    .map((s) => s.getAttribute("src") ?? "")
    .filter(Boolean);

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("production build, Office.js self-hosted (default)", () => {
  const out = path.join(TMP, "local");
  let html = "";
  beforeAll(async () => {
    await build("local", out);
    html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
  }, 120_000);

  it("emits the parser as a separate, hashed chunk named xlsx that the page does not load at start", () => {
    const files = fs.readdirSync(out);
    const xlsx = files.filter((f) => /^xlsx\.[0-9a-f]{8}\.js$/.test(f));
    expect(xlsx).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, xlsx[0]), "utf8")).toContain("XLSX_FIXTURE_MARKER");
    const initial = files.filter((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f));
    expect(initial).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, initial[0]), "utf8")).not.toContain("XLSX_FIXTURE_MARKER");
    expect(html).not.toMatch(/xlsx\./);
  });

  it("references its own files relatively, so dist/ works from any folder and from disk", () => {
    const doc = new JSDOM(html).window.document;
    for (const src of scriptSrcs(doc)) expect(src).not.toMatch(/^(\/|[a-z]+:)/i);
    expect(html).not.toContain("localhost");
  });

  /**
   * The page in jsdom with its own static scripts run in order, as a browser runs blocking
   * scripts while parsing (`skip`: files that fail to parse there). A document.write'd tag is
   * inserted after the writing script and not run: only which tags end up where is checked.
   */
  function page(url: string, skip: string[] = []): Document {
    const dom = new JSDOM(html, { url, runScripts: "outside-only" });
    const doc = dom.window.document;
    const all = Array.from(doc.querySelectorAll("script"));
    for (const tag of Array.from(doc.querySelectorAll("script[src^='./static/']"))) {
      const src = tag.getAttribute("src") ?? "";
      if (skip.includes(src)) continue;
      const parsedSoFar = all.slice(0, all.indexOf(tag as HTMLScriptElement) + 1);
      const stub = doc as unknown as { getElementsByTagName: (n: string) => unknown; write: (h: string) => void };
      stub.getElementsByTagName = (n: string) => (n === "script" ? parsedSoFar : Document.prototype.getElementsByTagName.call(doc, n));
      stub.write = (h: string) => tag.insertAdjacentHTML("afterend", h);
      dom.window.eval(fs.readFileSync(path.join(out, src), "utf8"));
      delete (stub as Partial<typeof stub>).getElementsByTagName;
      delete (stub as Partial<typeof stub>).write;
    }
    return doc;
  }

  it("loads ./office-js/office.js before the bundle when served, and skips it on file://", () => {
    const served = page(`${BASE}taskpane.html`);
    const order = scriptSrcs(served);
    const office = order.indexOf("./office-js/office.js");
    expect(office).toBeGreaterThan(order.indexOf("./static/load-office.js"));
    const bundle = order.findIndex((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s));
    expect(bundle).toBeGreaterThan(0);
    // The bundle is deferred, office.js is not: office.js runs first even though both are in <head>.
    const bundleTag = served.querySelector(`script[src="${order[bundle]}"]`);
    expect(bundleTag?.hasAttribute("defer")).toBe(true);
    expect(served.querySelector('script[src="./office-js/office.js"]')?.hasAttribute("defer")).toBe(false);

    const fromDisk = page("file:///C:/yuebao/taskpane.html");
    expect(scriptSrcs(fromDisk).some((s) => s.includes("office-js"))).toBe(false);
  });

  it("carries a Content-Security-Policy: no inline script, no eval, nothing from elsewhere", () => {
    const doc = new JSDOM(html).window.document;
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "";
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval|\*/);
    // The meta tag comes before any script, and no script is inline.
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
    for (const s of Array.from(doc.querySelectorAll("script"))) expect({ inline: s.textContent?.trim() }).toEqual({ inline: "" });
    // Neither the bundle nor webpack's runtime evaluates strings.
    for (const f of fs.readdirSync(out).filter((f) => f.endsWith(".js"))) {
      expect({ f, evals: /new Function\(|\beval\(/.test(fs.readFileSync(path.join(out, f), "utf8")) }).toEqual({ f, evals: false });
    }
  });

  it("copies Office.js for Excel (all Excel scripts and locales) without debug files or other apps", () => {
    const dir = path.join(out, "office-js");
    for (const f of [
      "office.js",
      "o15apptofilemappingtable.js",
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "excel-mac-16.00.js",
      "zh-cn/office_strings.js",
      "en-us/office_strings.js",
    ]) {
      expect({ f, exists: fs.existsSync(path.join(dir, f)) }).toEqual({ f, exists: true });
    }
    for (const f of ["office.debug.js", "word-win32-16.01.js", "outlook-web-16.01.js", "powerpoint-web-16.00.js", "office.d.ts"]) {
      expect({ f, exists: fs.existsSync(path.join(dir, f)) }).toEqual({ f, exists: false });
    }
    // Copied byte for byte, not re-minified.
    const original = path.join(REPO, "node_modules", "@microsoft", "office-js", "dist", "office.js");
    expect(fs.readFileSync(path.join(dir, "office.js")).equals(fs.readFileSync(original))).toBe(true);
  });

  it("writes a schema-valid manifest pointing at the base URL, and the icons it names", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("https://localhost");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
    expect(validateManifest(path.join(out, "manifest.xml")).ok).toBe(true);
    for (const size of [16, 32, 64, 80, 128]) expect(fs.existsSync(path.join(out, "assets", `icon-${size}.png`))).toBe(true);
    expect(fs.existsSync(path.join(out, "assets", "help.html"))).toBe(true);
  });

  it("shows a plain message instead of the pane in an engine too old for the bundle", () => {
    // Stand-in for Internet Explorer 11 / Edge Legacy: the probe's modern syntax does not parse.
    const old = page(`${BASE}taskpane.html`, ["./static/engine-probe.js"]);
    expect(old.getElementById("root")).toBeNull(); // the bundle finds no mount point
    expect(old.getElementById("unsupported")?.textContent).toContain("此版本 Excel 无法运行执法月报助手");

    const modern = page(`${BASE}taskpane.html`);
    expect(modern.getElementById("root")).not.toBeNull();
    expect(modern.getElementById("unsupported")).toBeNull();
  });
});

describe("production build, Office.js from the CDN", () => {
  const out = path.join(TMP, "cdn");
  beforeAll(() => build("cdn", out), 120_000);

  it("loads Microsoft's hosted office.js with a plain tag and copies no Office.js", () => {
    const doc = new JSDOM(fs.readFileSync(path.join(out, "taskpane.html"), "utf8")).window.document;
    const srcs = scriptSrcs(doc);
    expect(srcs[0]).toBe(config.OFFICE_JS.cdn);
    expect(srcs[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
  });
});

describe("base URL handling", () => {
  it("adds the trailing slash and drops query and fragment", () => {
    expect(config.normaliseBaseUrl("https://srv.example/yuebao")).toBe("https://srv.example/yuebao/");
    expect(config.normaliseBaseUrl("https://srv.example/yuebao/?x=1#y")).toBe("https://srv.example/yuebao/");
    expect(config.normaliseBaseUrl("https://10.1.2.3:8443/")).toBe("https://10.1.2.3:8443/");
  });

  it("refuses http and non-URLs with a message naming the setting", () => {
    expect(() => config.normaliseBaseUrl("http://srv.example/yuebao/")).toThrow(/https/);
    expect(() => config.normaliseBaseUrl("srv/yuebao")).toThrow(/YUEBAO_BASE_URL/);
  });

  it("rewrites every dev URL and nothing else", () => {
    const xml =
      '<a x="https://localhost:3000/taskpane.html"/><b y="https://localhost:3000/assets/icon-16.png"/><c z="https://localhost:30001/"/>';
    expect(config.rewriteManifest(xml, BASE)).toBe(
      `<a x="${BASE}taskpane.html"/><b y="${BASE}assets/icon-16.png"/><c z="https://localhost:30001/"/>`,
    );
  });
});
