/**
 * Which reader a file needs, decided by content (never by name) after the guard's checks:
 * the project's own .xlsx reader, or the legacy parser for .xls / WPS .et (BIFF in OLE2, or a
 * bare BIFF2-4 stream), .ods and .xlsb. Every container is bounded before any parser sees it;
 * encrypted files and files that are no workbook get their typed refusal here.
 */
import { WorkbookReadError } from "./errors";
import { nonZipFormat, type BiffInfo } from "./cfb";
import { DEFAULT_LIMITS, sniff, ZipArchive, type ReadLimits } from "./guard";

export type WorkbookFormat = "xlsx" | "xls" | "ods" | "xlsb";
/** The formats the legacy parser reads (loaded only when one is met). */
export type LegacyFormat = Exclude<WorkbookFormat, "xlsx">;

export interface FormatInfo {
  format: WorkbookFormat;
  /** For xls: the BIFF version (below 8, text is in the file's code page, not Unicode). */
  biff?: BiffInfo["version"];
}

const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";
const utf8 = new TextDecoder("utf-8");

export function workbookFormat(bytes: Uint8Array, file: string, partial?: Partial<ReadLimits>): FormatInfo {
  return openWorkbook(bytes, file, partial).info;
}

/**
 * The format, and for an .xlsx the archive already opened (its directory read and checked),
 * so the reader does not read the directory a second time.
 */
export function openWorkbook(bytes: Uint8Array, file: string, partial?: Partial<ReadLimits>): { info: FormatInfo; zip?: ZipArchive } {
  const limits = partial ? { ...DEFAULT_LIMITS, ...partial } : DEFAULT_LIMITS;
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbookReadError("too-large", file, `${(bytes.length / 1048576).toFixed(1)} MB`);
  }
  const container = sniff(bytes);
  if (container === "zip") {
    const zip = new ZipArchive(bytes, file, limits);
    const info = zipFormat(zip, file);
    return info.format === "xlsx" ? { info, zip } : { info };
  }
  return { info: nonZipFormat(bytes, file, limits) };
}

function zipFormat(zip: ZipArchive, file: string): FormatInfo {
  const mime = zip.has("mimetype") ? utf8.decode(zip.read("mimetype")).trim() : undefined;
  if (mime !== undefined) {
    if (!mime.startsWith(ODS_MIME)) throw new WorkbookReadError("not-a-workbook", file, `OpenDocument ${mime.split(".").pop() ?? ""}`);
    if (/<(\w+:)?encryption-data\b/.test(zip.text("META-INF/manifest.xml") ?? "")) {
      throw new WorkbookReadError("encrypted", file, "ODF encryption");
    }
    inflateAll(zip);
    return { format: "ods" };
  }
  if (zip.has("xl/workbook.bin") && !zip.has("xl/workbook.xml")) {
    inflateAll(zip);
    return { format: "xlsb" };
  }
  if (zip.has("_rels/.rels") || zip.has("xl/workbook.xml")) return { format: "xlsx" };
  if (zip.has("word/document.xml")) throw new WorkbookReadError("not-a-workbook", file, "", "word");
  throw new WorkbookReadError("not-a-workbook", file, "", "zip");
}

/**
 * The legacy parser inflates on its own, uncapped: every entry is inflated here first with
 * the guard's caps (declared size, ratio, total), so a lying header is refused before it runs.
 * ODS and XLSB unit files are a few tens of KB: the second inflation costs little.
 */
function inflateAll(zip: ZipArchive): void {
  for (const e of zip.entries) if (!e.name.endsWith("/")) zip.inflate(e);
}
