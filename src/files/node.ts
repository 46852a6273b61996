/** Node-only: reading a workbook (any format) from disk, with unreadable files as WorkbookReadError too. */
import { promises as fs } from "fs";
import { basename } from "path";
import type { WorkbookGrids } from "../form/grid";
import { WorkbookReadError } from "./errors";
import { DEFAULT_LIMITS } from "./guard";
import type { FormatInfo } from "./formats";
import type { SheetJs } from "./legacy";
import type { ReadOptions } from "./read";
import { readAnyWorkbook } from "./read-any";

/** Reads the file's bytes, refusing oversized files before loading them into memory. */
export async function readFileBytes(path: string, maxBytes = DEFAULT_LIMITS.maxFileBytes): Promise<Uint8Array> {
  const name = basename(path);
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new WorkbookReadError("not-a-workbook", name, "not a file");
    size = st.size;
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookReadError("not-a-workbook", name, code === "ENOENT" ? "file not found" : `cannot open: ${code ?? "error"}`);
  }
  if (size > maxBytes) throw new WorkbookReadError("too-large", name, `${(size / 1024 / 1024).toFixed(1)} MB`);
  try {
    const buf = await fs.readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookReadError("not-a-workbook", name, `cannot read: ${code ?? "error"}`);
  }
}

export async function readWorkbookFile(path: string, opts: ReadOptions = {}): Promise<WorkbookGrids> {
  const bytes = await readFileBytes(path, opts.limits?.maxFileBytes);
  return readAnyWorkbook(bytes, basename(path), nodeSheetJs, opts);
}

/**
 * The legacy parser for Node, required on first use only (the command line starts without it;
 * .xlsx work never loads it). Its CommonJS build loads its own code page tables (for Excel 95
 * and older files, whose text is GBK in Chinese offices), unlike the browser's ES build.
 */
export function nodeSheetJs(info: FormatInfo): SheetJs {
  void info; // every format needs the same module here
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose
  return require("@e965/xlsx") as SheetJs;
}
