/** @jest-environment jsdom */
/**
 * manifest.xml: schema-valid offline (xmllint + test/manifest/schemas), and the facts the
 * add-in relies on: locales, requirement set, ribbon button, icons that exist at their sizes,
 * https everywhere. The production copy in dist/ is checked too when a build has made one.
 */
import * as fs from "fs";
import * as path from "path";
import { REPO, validateManifest } from "./xmllint";

const SOURCE = path.join(REPO, "manifest.xml");
const DIST = path.join(REPO, "dist", "manifest.xml");
const DEV_URL = "https://localhost:3000/";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

function parse(file: string): Document {
  const doc = new DOMParser().parseFromString(fs.readFileSync(file, "utf8"), "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`${file} is not well-formed XML: ${error.textContent}`);
  return doc;
}

const all = (root: Document | Element, ns: string, name: string): Element[] => Array.from(root.getElementsByTagNameNS(ns, name));

function one(root: Document | Element, ns: string, name: string): Element {
  const found = all(root, ns, name);
  if (found.length !== 1) throw new Error(`expected exactly one <${name}>, found ${found.length}`);
  return found[0];
}

/** Direct child elements with a local name (the manifest repeats names at several levels). */
const children = (el: Element, name: string): Element[] => Array.from(el.children).filter((c) => c.localName === name);

/** Reads a PNG's width and height from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 24 || !b.subarray(0, 8).equals(signature) || b.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The repository file a dev URL serves (dist/ mirrors assets/ under the same path). */
function localFileFor(url: string): string {
  expect(url.startsWith(DEV_URL)).toBe(true);
  return path.join(REPO, url.slice(DEV_URL.length));
}

describe("manifest.xml", () => {
  const doc = parse(SOURCE);
  const root = doc.documentElement;
  const resources = one(doc, NS.ov, "Resources");
  const resource = (kind: "Images" | "Urls" | "ShortStrings" | "LongStrings", id: string): Element => {
    const match = all(one(resources, NS.bt, kind), NS.bt, kind === "Images" ? "Image" : kind === "Urls" ? "Url" : "String").filter(
      (e) => e.getAttribute("id") === id,
    );
    if (match.length !== 1) throw new Error(`resource ${kind}/${id} defined ${match.length} times`);
    return match[0];
  };

  it("validates against the Office add-in XSDs", () => {
    const r = validateManifest(SOURCE);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  it("is a task-pane add-in for Excel workbooks with a fixed id and version", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.getAttributeNS(NS.xsi, "type")).toBe("TaskPaneApp");
    expect(one(doc, NS.app, "Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(one(doc, NS.app, "Version").textContent).toBe("1.0.0.0");
    expect(one(doc, NS.app, "ProviderName").textContent?.trim()).not.toBe("");
    expect(all(doc, NS.app, "Host").map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(one(doc, NS.app, "Permissions").textContent).toBe("ReadWriteDocument");
  });

  it("defaults to zh-CN with en-US overrides for every user-visible string", () => {
    expect(one(doc, NS.app, "DefaultLocale").textContent).toBe("zh-CN");
    for (const name of ["DisplayName", "Description"]) {
      const el = one(doc, NS.app, name);
      expect(el.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
      const overrides = children(el, "Override");
      expect(overrides.map((o) => o.getAttribute("Locale"))).toEqual(["en-US"]);
      expect(overrides[0].getAttribute("Value")).toMatch(/[A-Za-z]/);
    }
    const strings = [
      ...all(one(resources, NS.bt, "ShortStrings"), NS.bt, "String"),
      ...all(one(resources, NS.bt, "LongStrings"), NS.bt, "String"),
    ];
    expect(strings.length).toBeGreaterThanOrEqual(4);
    for (const s of strings) {
      expect(s.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
      const en = all(s, NS.bt, "Override").filter((o) => o.getAttribute("Locale") === "en-US");
      expect(en).toHaveLength(1);
      expect(en[0].getAttribute("Value")).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("requires ExcelApi 1.7 and nothing more", () => {
    const requirements = children(root, "Requirements");
    expect(requirements).toHaveLength(1);
    const sets = all(requirements[0], NS.app, "Set");
    expect(sets.map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")])).toEqual([["ExcelApi", "1.7"]]);
  });

  it("puts one 月报助手 button in a 执法月报 group on the Home tab that opens the pane", () => {
    const tabs = all(doc, NS.ov, "OfficeTab");
    expect(tabs.map((t) => t.getAttribute("id"))).toEqual(["TabHome"]);
    const groups = all(tabs[0], NS.ov, "Group");
    expect(groups).toHaveLength(1);
    const label = (el: Element) =>
      resource("ShortStrings", children(el, "Label")[0].getAttribute("resid") ?? "").getAttribute("DefaultValue");
    expect(label(groups[0])).toBe("执法月报");
    const controls = children(groups[0], "Control");
    expect(controls).toHaveLength(1);
    expect(controls[0].getAttributeNS(NS.xsi, "type")).toBe("Button");
    expect(label(controls[0])).toBe("月报助手");
    const action = one(controls[0], NS.ov, "Action");
    expect(action.getAttributeNS(NS.xsi, "type")).toBe("ShowTaskpane");
    const paneUrl = resource("Urls", one(action, NS.ov, "SourceLocation").getAttribute("resid") ?? "").getAttribute("DefaultValue");
    const defaultSource = children(one(doc, NS.app, "DefaultSettings"), "SourceLocation")[0].getAttribute("DefaultValue");
    expect(paneUrl).toBe(`${DEV_URL}taskpane.html`);
    expect(defaultSource).toBe(paneUrl);
  });

  it("declares icons that exist at the sizes it claims", () => {
    const checked: string[] = [];
    for (const img of all(doc, NS.bt, "Image").filter((e) => e.hasAttribute("size"))) {
      const size = Number(img.getAttribute("size"));
      const url = resource("Images", img.getAttribute("resid") ?? "").getAttribute("DefaultValue") ?? "";
      expect(pngSize(localFileFor(url))).toEqual({ width: size, height: size });
      checked.push(`${size}`);
    }
    expect(new Set(checked)).toEqual(new Set(["16", "32", "80"]));
    const icon = one(doc, NS.app, "IconUrl").getAttribute("DefaultValue") ?? "";
    expect(pngSize(localFileFor(icon))).toEqual({ width: 64, height: 64 });
    const hiRes = one(doc, NS.app, "HighResolutionIconUrl").getAttribute("DefaultValue") ?? "";
    expect(pngSize(localFileFor(hiRes))).toEqual({ width: 128, height: 128 });
    // The support page is served from assets/ too.
    const support = one(doc, NS.app, "SupportUrl").getAttribute("DefaultValue") ?? "";
    expect(fs.existsSync(localFileFor(support))).toBe(true);
  });

  it("uses https for every URL and defines every resource it references", () => {
    const text = fs.readFileSync(SOURCE, "utf8").replace(/<!--[\s\S]*?-->/g, "");
    const urls = text.match(/\b[a-z][a-z0-9+.-]*:\/\/[^"'<\s]+/gi) ?? [];
    expect(urls.filter((u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"))).not.toHaveLength(0);
    for (const u of urls) {
      if (u.startsWith("http://schemas.microsoft.com/") || u.startsWith("http://www.w3.org/")) continue; // XML namespaces
      expect(u).toMatch(/^https:\/\//);
    }
    for (const el of Array.from(doc.getElementsByTagName("*"))) {
      const resid = el.getAttribute("resid");
      if (resid === null) continue;
      const defined = Array.from(resources.getElementsByTagName("*")).filter((r) => r.getAttribute("id") === resid);
      expect({ resid, defined: defined.length }).toEqual({ resid, defined: 1 });
    }
  });
});

const distIt = fs.existsSync(DIST) ? it : it.skip;

describe("dist/manifest.xml (production copy, when built)", () => {
  distIt("validates and has every dev URL rewritten to the same https base", () => {
    const r = validateManifest(DIST);
    expect(r.output).toContain("validates");
    const text = fs.readFileSync(DIST, "utf8");
    expect(text).not.toContain("localhost:3000");
    const urls = (text.replace(/<!--[\s\S]*?-->/g, "").match(/\bhttps?:\/\/[^"'<\s]+/g) ?? []).filter(
      (u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"),
    );
    const bases = new Set(urls.map((u) => u.replace(/(assets\/[^/]+|taskpane\.html)$/, "")));
    expect(bases.size).toBe(1);
    expect([...bases][0]).toMatch(/^https:\/\/.+\/$/);
  });
});
