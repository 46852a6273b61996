/**
 * SheetPlan[] → .xlsx bytes. Renders everything a plan says (values, live formulas,
 * styles, merges, widths, heights, print set-up, protection, validation, freeze panes,
 * marks). Strings are always written as shared strings, so text taken from someone
 * else's file ("=HYPERLINK(...)", "+1") can never turn into a formula or a number.
 */
import { fflateZip } from "./fflate-lazy";
import { cellAddress, parseRange } from "../form/grid";
import type { PlanCell, SheetPlan } from "../form/plan";
import { markName, markReference } from "../form/marks";
import { WorkbookPlanError } from "./errors";
import { checkSheetName, checkUniqueNames, quoteSheet } from "./sheet-names";
import { StyleBook } from "./styles";
import { escapeXml } from "./xml";

export interface WriteOptions {
  creator?: string;
  /** Creation time in docProps/core.xml (default now). */
  created?: Date;
  /**
   * A host's own raw DEFLATE (Node's zlib on the command line: a county workbook of 1,000
   * units deflates in 5 ms instead of fflate's 50); the same zip layout either way.
   */
  deflateRaw?: (data: Uint8Array) => Uint8Array;
  /** The host's CRC-32 for deflateRaw's zip (Node's zlib.crc32); else the one here. */
  crc32?: (data: Uint8Array) => number;
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string): Uint8Array => encoder.encode(s);

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const MARK_KEY = /^[A-Za-z0-9_.]+$/;

class SharedStrings {
  private index = new Map<string, number>();
  private list: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }

  toXml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("");
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

/** Formula text for <f>: without the leading "=", escaped. */
function formulaXml(formula: string): string {
  return escapeXml(formula.replace(/^=/, ""));
}

function absRange(ref: string): string {
  const r = parseRange(ref);
  const a = `$${cellAddress(r.top, r.left).replace(/(\d+)$/, "$$$1")}`;
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:$${cellAddress(r.bottom, r.right).replace(/(\d+)$/, "$$$1")}`;
}

function titleRows(spec: string): string {
  const m = /^\$?(\d+)(?::\$?(\d+))?$/.exec(spec.trim());
  if (!m) throw new WorkbookPlanError("bad-address", `Print title rows must look like "1:3": ${spec}`);
  return `$${m[1]}:$${m[2] ?? m[1]}`;
}

function checkRange(ref: string, what: string): void {
  try {
    parseRange(ref);
  } catch {
    throw new WorkbookPlanError("bad-address", `Bad ${what} range: ${ref}`);
  }
}

/** Keys "row,col" of every cell inside the plan's input ranges. */
function inputCells(plan: SheetPlan): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const ref of plan.inputs ?? []) {
    checkRange(ref, "input");
    const r = parseRange(ref);
    for (let row = r.top; row <= r.bottom; row++) {
      let set = out.get(row);
      if (!set) out.set(row, (set = new Set()));
      for (let col = r.left; col <= r.right; col++) set.add(col);
    }
  }
  return out;
}

function cellXml(ref: string, cell: PlanCell | null, xf: number, sst: SharedStrings, sheet: string): string {
  const s = xf ? ` s="${xf}"` : "";
  if (!cell) return `<c r="${ref}"${s}/>`;
  if (cell.formula) {
    if (!cell.formula.startsWith("=")) throw new WorkbookPlanError("bad-write", `${sheet}!${ref}: formula must start with "="`);
    return `<c r="${ref}"${s}><f>${formulaXml(cell.formula)}</f></c>`;
  }
  const v = cell.value;
  if (v === null || v === "") return `<c r="${ref}"${s}/>`;
  if (typeof v === "string") return `<c r="${ref}"${s} t="s"><v>${sst.id(v)}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (!Number.isFinite(v)) throw new WorkbookPlanError("bad-write", `${sheet}!${ref}: number is not finite`);
  return `<c r="${ref}"${s}><v>${v}</v></c>`;
}

function sheetXml(plan: SheetPlan, styles: StyleBook, sst: SharedStrings, first: boolean): string {
  const inputs = inputCells(plan);
  let maxRow = plan.rows.length;
  for (const row of inputs.keys()) if (row + 1 > maxRow) maxRow = row + 1;
  if ((plan.rowHeights?.length ?? 0) > maxRow) maxRow = plan.rowHeights?.length ?? 0;

  let maxCol = 0;
  // Rows as a list joined once: a string grown row by row is a tree of thousands of pieces,
  // which the collector copies again and again while a county sheet of 1,000 rows is built.
  const rowsXml: string[] = [];
  // cellXfs index per plan style name, locked and unlocked: a county detail sheet asks for
  // the same few styles tens of thousands of times.
  const xfOf = [new Map<string | undefined, number>(), new Map<string | undefined, number>()];
  const letters: string[] = [];
  for (let r = 0; r < maxRow; r++) {
    const planRow = plan.rows[r] ?? [];
    const inRow = inputs.get(r);
    let last = planRow.length - 1;
    if (inRow) for (const c of inRow) if (c > last) last = c;
    const height = plan.rowHeights?.[r];
    let cells = "";
    const rowNumber = String(r + 1);
    // Columns in order: those with a plan cell or inside an input range.
    for (let c = 0; c <= last; c++) {
      const input = inRow?.has(c) ?? false;
      const cell = planRow[c] ?? null;
      if (!cell && !input) continue;
      const name = cell?.style;
      if (name !== undefined && !(name in plan.styles)) {
        throw new WorkbookPlanError("bad-write", `${plan.name}!${cellAddress(r, c)}: unknown style "${name}"`);
      }
      const known = xfOf[input ? 1 : 0];
      let xf = known.get(name);
      if (xf === undefined) known.set(name, (xf = styles.xf(name !== undefined ? plan.styles[name] : undefined, input)));
      cells += cellXml((letters[c] ??= cellAddress(0, c).slice(0, -1)) + rowNumber, cell, xf, sst, plan.name);
      if (c + 1 > maxCol) maxCol = c + 1;
    }
    if (!cells && height === undefined) continue;
    const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
    rowsXml.push(cells ? `<row r="${r + 1}"${ht}>${cells}</row>` : `<row r="${r + 1}"${ht}/>`);
  }

  const fit = plan.print?.fitToWidth === true;
  let x = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`;
  if (fit) x += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  x += `<dimension ref="${maxRow && maxCol ? `A1:${cellAddress(maxRow - 1, maxCol - 1)}` : "A1"}"/>`;
  x += `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ""}>`;
  const freeze = plan.freezeRows ?? 0;
  if (freeze > 0) {
    const tl = cellAddress(freeze, 0);
    x += `<pane ySplit="${freeze}" topLeftCell="${tl}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${tl}" sqref="${tl}"/>`;
  }
  x += "</sheetView></sheetViews>";
  x += '<sheetFormatPr defaultRowHeight="13.5"/>';
  if (plan.columnWidths.length) {
    x += "<cols>";
    plan.columnWidths.forEach((w, i) => {
      if (w > 0) x += `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`;
    });
    x += "</cols>";
  }
  x += rowsXml.length ? `<sheetData>${rowsXml.join("")}</sheetData>` : "<sheetData/>";
  if (plan.protect) x += '<sheetProtection sheet="1" objects="1" scenarios="1"/>';
  if (plan.merges.length) {
    for (const m of plan.merges) checkRange(m, "merge");
    x += `<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  }
  const dv = plan.validations ?? [];
  if (dv.length) {
    x += `<dataValidations count="${dv.length}">`;
    for (const v of dv) {
      checkRange(v.range, "validation");
      const prompt = escapeXml(v.prompt.slice(0, 255));
      x +=
        `<dataValidation type="${v.kind}" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1"` +
        ` errorTitle="${escapeXml("输入有误")}" error="${prompt}" promptTitle="${escapeXml("填写提示")}" prompt="${prompt}" sqref="${v.range.replace(/\$/g, "")}">` +
        `<formula1>${v.min}</formula1></dataValidation>`;
    }
    x += "</dataValidations>";
  }
  const p = plan.print;
  if (p?.centerHorizontally) x += '<printOptions horizontalCentered="1"/>';
  x += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (p) {
    x += `<pageSetup paperSize="9" orientation="${p.orientation}"${fit ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`;
  }
  return x + "</worksheet>";
}

/**
 * Print areas and titles (sheet-scoped, as Excel writes them) and our marks: one hidden
 * workbook-scoped name per marked sheet, spelled as src/form/marks.ts says and referring to
 * the sheet's A1, exactly what the add-in adds in Excel — so Excel, WPS and LibreOffice keep
 * it pointing at the sheet when it is renamed or moved.
 */
function definedNamesXml(plans: SheetPlan[]): string {
  const names: string[] = [];
  let markId = 0;
  plans.forEach((plan, i) => {
    const q = quoteSheet(plan.name);
    if (plan.print?.printArea) {
      checkRange(plan.print.printArea, "print area");
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${escapeXml(`${q}!${absRange(plan.print.printArea)}`)}</definedName>`,
      );
    }
    if (plan.print?.printTitleRows) {
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${q}!${titleRows(plan.print.printTitleRows)}`)}</definedName>`,
      );
    }
    const marks = plan.marks ?? {};
    if (Object.keys(marks).length > 0) {
      for (const key of Object.keys(marks))
        if (!MARK_KEY.test(key)) throw new WorkbookPlanError("bad-mark", `Mark key must be letters, digits, "_" or ".": ${key}`);
      let name: string;
      try {
        name = markName(++markId, marks);
      } catch (e) {
        throw new WorkbookPlanError("bad-mark", `Marks of ${plan.name}: ${(e as Error).message}`);
      }
      names.push(`<definedName name="${escapeXml(name)}" hidden="1">${escapeXml(markReference(plan.name))}</definedName>`);
    }
  });
  return names.length ? `<definedNames>${names.join("")}</definedNames>` : "";
}

export function writeWorkbook(plans: SheetPlan[], opts: WriteOptions = {}): Uint8Array {
  if (plans.length === 0) throw new WorkbookPlanError("bad-write", "A workbook needs at least one sheet");
  for (const p of plans) checkSheetName(p.name);
  checkUniqueNames(plans.map((p) => p.name));

  const styles = new StyleBook();
  const sst = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  plans.forEach((plan, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = utf8Bytes(sheetXml(plan, styles, sst, i === 0));
  });

  const sheetsXml = plans.map((p, i) => `<sheet name="${escapeXml(p.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  files["xl/workbook.xml"] = utf8Bytes(
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
      `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetsXml}</sheets>` +
      definedNamesXml(plans) +
      // No cached values are written for formulas: make Excel/WPS/LibreOffice compute on open.
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
  );
  const n = plans.length;
  const wbRels = plans.map((_p, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  wbRels.push(`<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  wbRels.push(`<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  files["xl/_rels/workbook.xml.rels"] = utf8Bytes(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${wbRels.join("")}</Relationships>`);
  files["xl/styles.xml"] = utf8Bytes(styles.toXml());
  files["xl/sharedStrings.xml"] = utf8Bytes(sst.toXml());

  const created = (opts.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const creator = escapeXml(opts.creator ?? "Yuebao");
  files["docProps/core.xml"] = utf8Bytes(
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
  );
  files["docProps/app.xml"] = utf8Bytes(
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Yuebao</Application></Properties>`,
  );
  files["_rels/.rels"] = utf8Bytes(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
      "</Relationships>",
  );
  const sheetOverrides = plans
    .map(
      (_p, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  files["[Content_Types].xml"] = utf8Bytes(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetOverrides +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      "</Types>",
  );
  // [Content_Types].xml first, as some readers expect. Level 1: a county detail sheet of
  // 1,000 rows deflates 3x faster than at level 6 for a file a few KB larger.
  const ordered: Record<string, Uint8Array> = { "[Content_Types].xml": files["[Content_Types].xml"] };
  for (const k of Object.keys(files)) if (k !== "[Content_Types].xml") ordered[k] = files[k];
  const mtime = opts.created ?? new Date();
  if (opts.deflateRaw) return zipDeflated(ordered, opts.deflateRaw, opts.crc32 ?? crc32, mtime);
  return fflateZip().zipSync(ordered, { level: 1, mtime });
}

let crcTable: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The zip zipSync writes (local headers with sizes and CRC, no data descriptors, the central
 * directory, the end record), with every part deflated by `deflateRaw`. Part names are ASCII.
 */
function zipDeflated(
  files: Record<string, Uint8Array>,
  deflateRaw: (data: Uint8Array) => Uint8Array,
  crc: (data: Uint8Array) => number,
  mtime: Date,
): Uint8Array {
  const y = mtime.getFullYear() - 1980;
  const dos =
    y < 0 || y > 119
      ? 0
      : ((y << 25) |
          ((mtime.getMonth() + 1) << 21) |
          (mtime.getDate() << 16) |
          (mtime.getHours() << 11) |
          (mtime.getMinutes() << 5) |
          (mtime.getSeconds() >> 1)) >>>
        0;
  const parts = Object.entries(files).map(([name, data]) => ({
    name: utf8Bytes(name),
    data: deflateRaw(data),
    size: data.length,
    crc: crc(data),
  }));
  const local = parts.reduce((n, p) => n + 30 + p.name.length + p.data.length, 0);
  const central = parts.reduce((n, p) => n + 46 + p.name.length, 0);
  const out = new Uint8Array(local + central + 22);
  const view = new DataView(out.buffer);
  const header = (at: number, p: (typeof parts)[number], centralAt?: number): number => {
    const c = centralAt !== undefined;
    view.setUint32(at, c ? 0x02014b50 : 0x04034b50, true);
    let b = at + 4;
    if (c) {
      view.setUint16(b, 20, true); // version made by
      b += 2;
    }
    view.setUint16(b, 20, true); // version needed
    view.setUint16(b + 2, 0, true); // flags
    view.setUint16(b + 4, 8, true); // deflate
    view.setUint32(b + 6, dos, true);
    view.setUint32(b + 10, p.crc, true);
    view.setUint32(b + 14, p.data.length, true);
    view.setUint32(b + 18, p.size, true);
    view.setUint16(b + 22, p.name.length, true);
    view.setUint16(b + 24, 0, true); // extra
    b += 26;
    if (c) {
      // comment length, disk, internal and external attributes: 0; then the local header's offset.
      view.setUint32(b + 10, centralAt, true);
      b += 14;
    }
    out.set(p.name, b);
    return b + p.name.length;
  };
  let at = 0;
  const offsets: number[] = [];
  for (const p of parts) {
    offsets.push(at);
    at = header(at, p);
    out.set(p.data, at);
    at += p.data.length;
  }
  const cdStart = at;
  parts.forEach((p, i) => {
    at = header(at, p, offsets[i]);
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - cdStart, true);
  view.setUint32(at + 16, cdStart, true);
  return out;
}
