/**
 * Navigating an .xlsx package (OPC): the workbook part from _rels/.rels, the sheets and
 * their parts from workbook.xml + its rels, defined names, shared strings and styles.
 * Shared by the reader and the patcher; nothing here assumes "xl/worksheets/sheet1.xml".
 */
import { TextMemo } from "../form/text-memo";
import { WorkbookReadError } from "./errors";
import { DEFAULT_LIMITS, type ReadLimits, ZipArchive } from "./guard";
import { BUILTIN_FORMATS } from "./numfmt";
import { CLOSE, END, OPEN, RELATIONSHIPS, SPREADSHEETML, XmlScanner } from "./xml";

export interface Relationship {
  id: string;
  /** Type URI's last segment, e.g. "worksheet", "sharedStrings" (transitional or strict). */
  type: string;
  /** Resolved part name, without a leading "/". */
  path: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  index: number;
  relId: string;
  /** Part name, or "" when the relationship is missing (then the sheet is skipped). */
  path: string;
  /** "worksheet", "chartsheet", "dialogsheet" ... only worksheets have cells. */
  kind: string;
  hidden: boolean;
}

export interface DefinedName {
  name: string;
  /** Index into the workbook's sheet list, or undefined for a workbook-wide name. */
  localSheetId?: number;
  value: string;
}

export interface WorkbookPackage {
  zip: ZipArchive;
  workbookPath: string;
  workbookXml: string;
  workbookRels: Relationship[];
  workbookRelsPath: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
}

export function mergeLimits(partial?: Partial<ReadLimits>): ReadLimits {
  return partial ? { ...DEFAULT_LIMITS, ...partial } : DEFAULT_LIMITS;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

/** A target with no "." or ".." segment, no "%", "\\" or "//": it resolves by plain joining. */
const PLAIN_TARGET = /^\/?(?:[\w[\]-]+(?:\.[\w-]+)*\/)*[\w[\]-]+(?:\.[\w-]+)*$/;

/** Resolves a relationship target against the source part's folder ("/x" is from the root). */
export function resolveTarget(zip: ZipArchive, sourcePath: string, target: string): string {
  // The usual target ("worksheets/sheet1.xml", "/xl/workbook.xml"): nothing to decode or fold.
  if (PLAIN_TARGET.test(target)) {
    const plain = target.charCodeAt(0) === 47 ? target.slice(1) : dirOf(sourcePath) + target;
    if (target.charCodeAt(0) === 47 || zip.has(plain) || !zip.has(target)) return plain;
  }
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: use as written.
  }
  const absolute = t.startsWith("/");
  const joined = absolute ? t.slice(1) : dirOf(sourcePath) + t;
  const parts: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  const resolved = parts.join("/");
  // Some writers put package-root paths ("xl/worksheets/...") in relative targets.
  if (!absolute && !zip.has(resolved) && zip.has(t)) return t.replace(/^\/+/, "");
  return resolved;
}

export function relsPathFor(partPath: string): string {
  const d = dirOf(partPath);
  return `${d}_rels/${partPath.slice(d.length)}.rels`;
}

const REL_ATTRS = ["Id", "Type", "Target", "TargetMode"] as const;

interface RawRelationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(zip: ZipArchive, sourcePath: string, xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return relationshipsIn(xml).map((r) => ({
    id: r.id,
    type: r.type,
    path: r.external ? r.target : resolveTarget(zip, sourcePath, r.target),
    external: r.external,
  }));
}

/** A rels part's entries as written (targets resolved by the caller against its own package). */
function relationshipsIn(xml: string): readonly RawRelationship[] {
  return relsByText.get(xml, scanRelationships);
}

/** Up to 64 rels parts of up to 64 KB each (a template's are a few hundred bytes). */
const relsByText = new TextMemo<readonly RawRelationship[]>(64, (xml) => xml.length <= 64 * 1024);

function scanRelationships(xml: string): RawRelationship[] {
  const out: RawRelationship[] = [];
  const sc = new XmlScanner(xml, 0, xml.length, RELATIONSHIPS);
  const a: (string | undefined)[] = [];
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t !== OPEN || sc.name !== "Relationship") continue;
    sc.attrs(REL_ATTRS, a);
    const typeUri = a[1] ?? "";
    out.push({
      id: a[0] ?? "",
      type: typeUri.slice(typeUri.lastIndexOf("/") + 1),
      target: a[2] ?? "",
      external: (a[3] ?? "") === "External",
    });
  }
  return out;
}

/** `"2018-07"` → 2018-07; anything but a quoted string constant → undefined. */
export function stringConstant(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, "");
  if (f.length < 2 || f[0] !== '"' || f[f.length - 1] !== '"') return undefined;
  const inner = f.slice(1, -1);
  if (/(^|[^"])"([^"]|$)/.test(inner.replace(/""/g, ""))) return undefined;
  return inner.replace(/""/g, '"');
}

export function openPackage(bytes: Uint8Array | ZipArchive, file: string, limits?: Partial<ReadLimits>): WorkbookPackage {
  const zip = bytes instanceof ZipArchive ? bytes : new ZipArchive(bytes, file, mergeLimits(limits));
  const rootRels = parseRels(zip, "", zip.text("_rels/.rels", true));
  let workbookPath = rootRels.find((r) => r.type === "officeDocument" && !r.external)?.path ?? "";
  if (!workbookPath || !zip.has(workbookPath)) workbookPath = zip.has("xl/workbook.xml") ? "xl/workbook.xml" : "";
  if (!workbookPath) {
    const detail = zip.has("mimetype") ? "OpenDocument file" : zip.has("word/document.xml") ? "Word document" : "no workbook part";
    throw new WorkbookReadError("not-a-workbook", file, detail);
  }
  const workbookXml = zip.text(workbookPath, true) ?? "";
  const workbookRelsPath = relsPathFor(workbookPath);
  const workbookRels = parseRels(zip, workbookPath, zip.text(workbookRelsPath, true));
  const relById = new Map(workbookRels.map((r) => [r.id, r]));

  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  const sc = new XmlScanner(workbookXml, 0, workbookXml.length, SPREADSHEETML);
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t !== OPEN) continue;
    const n = sc.name;
    if (n === "sheet") {
      const relId = sc.attr("id") ?? "";
      const rel = relById.get(relId);
      const state = sc.attr("state") ?? "visible";
      sheets.push({
        name: sc.attr("name") ?? `Sheet${sheets.length + 1}`,
        index: sheets.length,
        relId,
        path: rel && !rel.external ? rel.path : "",
        kind: rel ? rel.type : "",
        hidden: state === "hidden" || state === "veryHidden",
      });
    } else if (n === "workbookPr") {
      const v = sc.attr("date1904");
      date1904 = v === "1" || v === "true";
    } else if (n === "definedName") {
      const name = sc.attr("name") ?? "";
      const local = sc.attr("localSheetId");
      const value = sc.readText();
      definedNames.push({ name, localSheetId: local === undefined ? undefined : Number(local), value });
    }
  }
  if (sheets.length === 0 && !/<(\w+:)?sheets\b/.test(workbookXml)) {
    throw new WorkbookReadError("corrupt", file, "workbook part has no sheet list");
  }
  return { zip, workbookPath, workbookXml, workbookRels, workbookRelsPath, sheets, definedNames, date1904 };
}

export interface SharedStrings {
  items: string[];
  /**
   * False when the part is there but its root is not SpreadsheetML's `<sst>` (another
   * namespace or vocabulary): its items cannot be told apart, so every cell that refers to
   * one is unreadable rather than silently empty.
   */
  known: boolean;
}

/** Reads sharedStrings: plain <t> and rich-text runs concatenated; phonetic runs left out. */
export function parseSharedStrings(xml: string | undefined): SharedStrings {
  const items: string[] = [];
  if (!xml) return { items, known: true };
  const sc = new XmlScanner(xml, 0, xml.length, SPREADSHEETML);
  let t = sc.next();
  while (t !== END && t !== OPEN) t = sc.next();
  if (t !== OPEN || sc.name !== "sst") return { items, known: false };
  for (t = sc.next(); t !== END; t = sc.next()) {
    if (t !== OPEN || (sc.name as string) !== "si") continue;
    items.push(readStringItem(sc));
  }
  return { items, known: true };
}

/** After an OPEN of <si> or <is>: the plain text of its <t> elements (rich runs joined). */
export function readStringItem(sc: XmlScanner): string {
  if (sc.selfClosing) return "";
  // `<t>…</t></si>`, a plain item: read in one step.
  const simple = sc.simpleContent("t", sc.name);
  if (simple !== undefined) return simple;
  let text = "";
  let depth = 1;
  for (;;) {
    const t = sc.next();
    if (t === END) return text;
    if (t === OPEN) {
      if (sc.name === "t") text += sc.readText();
      else if (sc.name === "rPh" || sc.name === "phoneticPr") sc.skip();
      else if (!sc.selfClosing) depth++;
    } else if (t === CLOSE && --depth === 0) return text;
  }
}

const NUMFMT_ATTRS = ["numFmtId", "formatCode"] as const;

/**
 * Number format code per cellXfs index ("" for General). Only `numFmts` and `cellXfs` are
 * read; fonts, fills, borders, differential formats (whose own numFmt must not pass for a
 * cell's) and extensions are skipped whole.
 */
export function parseCellFormats(xml: string | undefined): readonly string[] {
  if (!xml) return [];
  // Units fill in copies of one template: their style parts are often the same text.
  return formatsByText.get(xml, (x) => Object.freeze(scanCellFormats(x)));
}

/** Up to 32 style parts of up to 256 KB each. */
const formatsByText = new TextMemo<readonly string[]>(32, (xml) => xml.length <= 256 * 1024);

function scanCellFormats(xml: string): string[] {
  const out: string[] = [];
  const custom = new Map<number, string>();
  const sc = new XmlScanner(xml, 0, xml.length, SPREADSHEETML);
  const a: (string | undefined)[] = [];
  let inCellXfs = false;
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t === OPEN) {
      const n = sc.name;
      if (n === "numFmt") {
        sc.attrs(NUMFMT_ATTRS, a);
        custom.set(Number(a[0]), a[1] ?? "");
        sc.skip();
      } else if (n === "cellXfs") inCellXfs = !sc.selfClosing;
      else if (inCellXfs && n === "xf") {
        const id = Number(sc.attr("numFmtId") ?? "0");
        const code = custom.get(id) ?? BUILTIN_FORMATS[id] ?? "";
        out.push(code === "General" ? "" : code);
        sc.skip();
      } else if (n !== "styleSheet" && n !== "numFmts") sc.skip();
    } else if (t === CLOSE && sc.name === "cellXfs") inCellXfs = false;
  }
  return out;
}

export function findRel(pkg: WorkbookPackage, type: string): string | undefined {
  return pkg.workbookRels.find((r) => r.type === type && !r.external)?.path;
}
