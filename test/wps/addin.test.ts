/**
 * The WPS add-in's shell as the build makes it: ribbon.xml and the deployment files are
 * well-formed XML (xmllint) and name only files the build produces; the ribbon's callbacks exist
 * and open one task pane (Application.CreateTaskPane, its ID kept in PluginStorage).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import webpack from "webpack";
import { describeWith } from "../support/needs";

interface ConfigModule {
  createConfig(options: {
    mode: "production";
    entry: string;
    outDir: string;
    baseUrl: string;
    officeJs: "cdn";
    copy?: boolean;
  }): webpack.Configuration;
  WPS_ADDIN_NAME: string;
}
// webpack.config.js is plain CommonJS: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ConfigModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require("../../package.json") as { version: string }).version;

const REPO = path.resolve(__dirname, "..", "..");
const TMP = path.join(REPO, "test", ".tmp", `wps-addin-${process.pid}`);
const ENTRY = path.join(REPO, "test", "build", "fixtures", "app", "index.ts");
const BASE = "https://reports.county.example/yuebao/";
const RIBBON_JS = path.join(REPO, "src", "wps", "addin", "ribbon.js");
const hasXmllint = (() => {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const describeXml = describeWith({ what: "xmllint", install: "apt-get install -y libxml2-utils", available: hasXmllint });

interface FakePane {
  ID: number;
  Visible: boolean;
  DockPosition?: number;
  url: string;
}

/** ribbon.js run as WPS runs it: a page at `href`, with or without WPS's Application. */
function loadRibbon(href: string, withWps: boolean) {
  const panes: FakePane[] = [];
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const application = {
    PluginStorage: { getItem: (k: string) => storage.get(k) ?? "", setItem: (k: string, v: unknown) => void storage.set(k, String(v)) },
    CreateTaskPane: (url: string) => {
      const pane: FakePane = { ID: 100 + panes.length, Visible: false, url };
      panes.push(pane);
      return pane;
    },
    GetTaskPane: (id: number) => {
      const p = panes.find((x) => x.ID === id);
      if (!p) throw new Error("no such pane");
      return p;
    },
  };
  const window: Record<string, unknown> = { location: { href, replace: (u: string) => replaced.push(u) } };
  if (withWps) window.Application = application;
  vm.runInNewContext(fs.readFileSync(RIBBON_JS, "utf8"), { window });
  type Callback = (arg?: unknown) => unknown;
  return { window: window as Record<string, Callback | unknown>, panes, storage, replaced };
}

describe("ribbon callbacks (src/wps/addin/ribbon.js)", () => {
  test("the button opens one pane at taskpane.html beside the entry page, keeps its ID, and toggles it after", () => {
    const r = loadRibbon("https://reports.county.example/yuebao/index.html?x=1#y", true);
    const call = (name: string, arg?: unknown) => (r.window[name] as (a?: unknown) => unknown)(arg);
    expect(call("OnAddinLoad", { ribbon: true })).toBe(true);
    call("OnAction", { Id: "yuebaoShowPane" });
    expect(r.panes).toEqual([{ ID: 100, Visible: true, DockPosition: 2, url: `${BASE}taskpane.html` }]);
    expect(r.storage.get("yuebao_taskpane_id")).toBe("100");
    call("OnAction", { Id: "yuebaoShowPane" });
    call("OnAction", { Id: "other" });
    expect(r.panes.map((p) => p.Visible)).toEqual([false]);
    expect(r.replaced).toEqual([]);
  });

  test("offline (a file:// page in jsaddons) the pane is the folder's own taskpane.html; a plain browser goes to the pane", () => {
    const r = loadRibbon("file:///home/u/.local/share/Kingsoft/wps/jsaddons/yuebao_1.0.0/index.html", true);
    (r.window.OnAction as (c: unknown) => void)({ Id: "yuebaoShowPane" });
    expect(r.panes[0].url).toBe("file:///home/u/.local/share/Kingsoft/wps/jsaddons/yuebao_1.0.0/taskpane.html");
    expect(loadRibbon(`${BASE}index.html`, false).replaced).toEqual(["taskpane.html"]);
  });
});

describeXml("the built add-in and its deployment files", () => {
  const out = path.join(TMP, "dist");
  const folder = `${config.WPS_ADDIN_NAME}_${VERSION}`;
  const offline = path.join(out, "wps", "offline", folder);
  const xmlFiles = ["ribbon.xml", "wps/jsplugins.xml", "wps/publish.xml", "wps/offline/publish.xml", `wps/offline/${folder}/ribbon.xml`];

  beforeAll(async () => {
    const c = config.createConfig({ mode: "production", entry: ENTRY, outDir: out, baseUrl: BASE, officeJs: "cdn" });
    await new Promise<void>((resolve, reject) =>
      webpack(c, (err, stats) => (err ? reject(err) : stats?.hasErrors() ? reject(new Error(stats.toString("errors-only"))) : resolve())),
    );
  }, 120_000);
  afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

  const read = (rel: string) => fs.readFileSync(path.join(out, rel), "utf8");
  const attrs = (xml: string, tag: string) =>
    [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)/?>`, "g"))].map((m) =>
      Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
    );

  test.each(xmlFiles)("%s is well-formed XML", (rel) => {
    expect(() => execFileSync("xmllint", ["--noout", path.join(out, rel)], { stdio: "pipe" })).not.toThrow();
  });

  test("ribbon.xml: a 执法月报 tab and group whose callbacks ribbon.js defines; its image is in the build", () => {
    const xml = read("ribbon.xml");
    expect(attrs(xml, "tab")).toEqual([{ id: "yuebaoTab", label: "执法月报" }]);
    expect(attrs(xml, "group")[0].label).toBe("执法月报");
    const callbacks = [...xml.matchAll(/\b(onLoad|onAction|getImage|getLabel|getEnabled|getVisible)="([^"]+)"/g)].map((m) => m[2]);
    expect(callbacks.sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
    const r = loadRibbon(`${BASE}index.html`, true);
    for (const cb of callbacks) expect([cb, typeof r.window[cb]]).toEqual([cb, "function"]);
    const image = (r.window.GetImage as () => string)();
    expect(fs.existsSync(path.join(out, image))).toBe(true);
    expect(fs.existsSync(path.join(offline, image))).toBe(true);
  });

  test("online: both files name the base URL, where the build has index.html, ribbon.xml, wps/ribbon.js and the pane", () => {
    for (const rel of ["wps/jsplugins.xml", "wps/publish.xml"]) {
      const entries = attrs(read(rel), "jspluginonline");
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ name: "yuebao", type: "et", url: BASE });
    }
    expect(read("index.html")).toContain('src="./wps/ribbon.js"');
    for (const f of ["index.html", "ribbon.xml", "wps/ribbon.js", "taskpane.html"])
      expect([f, fs.existsSync(path.join(out, f))]).toEqual([f, true]);
    // The entry page keeps the pane's policy: no inline script.
    expect(read("index.html")).not.toMatch(/<script>(?!<)/);
    expect(read("index.html")).toContain("script-src 'self'");
  });

  test("offline: publish.xml names the folder beside it, which holds the whole add-in (without Office.js)", () => {
    const entries = attrs(read("wps/offline/publish.xml"), "jsplugin");
    expect(entries).toEqual([{ name: "yuebao", type: "et", url: folder, version: VERSION, enable: "enable_dev", install: "null" }]);
    for (const f of ["index.html", "ribbon.xml", "wps/ribbon.js", "taskpane.html", "assets/icon-32.png", "static/pane.css"])
      expect([f, fs.existsSync(path.join(offline, f))]).toEqual([f, true]);
    // Every script and stylesheet the pane page loads from its folder is in the offline folder too.
    const html = fs.readFileSync(path.join(offline, "taskpane.html"), "utf8");
    const local = [...html.matchAll(/(?:src|href)=["']?(\.\/[^"'\s>]+)/g)].map((m) => m[1].slice(2));
    expect(local.length).toBeGreaterThan(2);
    for (const f of local) expect([f, fs.existsSync(path.join(offline, f))]).toEqual([f, true]);
    expect(fs.existsSync(path.join(offline, "office-js"))).toBe(false);
    expect(fs.existsSync(path.join(offline, "manifest.xml"))).toBe(false);
  });
});
