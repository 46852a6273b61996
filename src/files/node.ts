/** Node-only: reading a workbook (any format) from disk, with unreadable files as WorkbookReadError too. */
import { closeSync, constants, fstatSync, openSync, readFile, readSync, stat, statSync, type Stats } from "fs";
import * as zlib from "zlib";
import { basename } from "path";
import type { WorkbookGrids } from "../form/grid";
import { WorkbookReadError } from "./errors";
import { DEFAULT_LIMITS, installRawInflate, type RawInflate } from "./guard";
import type { FormatInfo } from "./formats";
import type { SheetJs } from "./legacy";
import type { ReadOptions } from "./read";
import { readAnyWorkbook } from "./read-any";

/**
 * On Node, zip entries are inflated by zlib (native): the same caps, the output stops at the
 * limit (`maxOutputLength`), so a lying header costs no more than with fflate.
 */
export const zlibInflate: RawInflate = (data, limit) => {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return undefined;
    throw err;
  }
};
installRawInflate(zlibInflate);

/** zlib's raw DEFLATE for writing (writeWorkbook's `deflateRaw`), at the level fflate's path uses. */
export const zlibDeflate = (data: Uint8Array): Uint8Array => zlib.deflateRawSync(data, { level: 1 });

/** zlib's CRC-32 where this Node has it (20.15 and later), for writeWorkbook's `crc32`. */
export const zlibCrc32: ((data: Uint8Array) => number) | undefined =
  typeof (zlib as { crc32?: unknown }).crc32 === "function" ? (data) => zlib.crc32(data) : undefined;

/**
 * Reads the file's bytes, refusing oversized files before loading them into memory. Callback
 * fs, not fs/promises: for a small file its FileHandle machinery costs twice the CPU time of
 * the read itself, and a merge reads hundreds.
 */
export function readFileBytes(path: string, maxBytes = DEFAULT_LIMITS.maxFileBytes): Promise<Uint8Array> {
  const name = basename(path);
  return new Promise<Uint8Array>((resolve, reject) => {
    stat(path, (err: NodeJS.ErrnoException | null, st: Stats) => {
      if (err) {
        const code = err.code;
        reject(new WorkbookReadError("not-a-workbook", name, code === "ENOENT" ? "file not found" : `cannot open: ${code ?? "error"}`));
        return;
      }
      if (!st.isFile()) return reject(new WorkbookReadError("not-a-workbook", name, "not a file"));
      if (st.size > maxBytes) return reject(new WorkbookReadError("too-large", name, `${(st.size / 1024 / 1024).toFixed(1)} MB`));
      readFile(path, (err2: NodeJS.ErrnoException | null, buf: Buffer) => {
        if (err2) reject(new WorkbookReadError("not-a-workbook", name, `cannot read: ${err2.code ?? "error"}`));
        else resolve(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      });
    });
  });
}

/** Undefined where the system has no such flag (Windows). */
const O_NONBLOCK: number | undefined = (constants as { O_NONBLOCK?: number }).O_NONBLOCK;

/**
 * The same, synchronously: for a parsing worker, whose thread does nothing else meanwhile (a
 * synchronous read costs a fifth of the promise-based one's open, stat, read and close).
 */
export function readFileBytesSync(path: string, maxBytes = DEFAULT_LIMITS.maxFileBytes): Uint8Array {
  const name = basename(path);
  let size: number;
  let fd = -1;
  try {
    // Opening a FIFO would wait for a writer: where the system has O_NONBLOCK the file is
    // opened without waiting and then looked at (one path lookup, not two); elsewhere
    // (Windows) it is looked at first.
    let st: Stats;
    if (O_NONBLOCK !== undefined) {
      fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
      st = fstatSync(fd);
    } else st = statSync(path);
    if (!st.isFile()) throw new WorkbookReadError("not-a-workbook", name, "not a file");
    size = st.size;
    if (size > maxBytes) throw new WorkbookReadError("too-large", name, `${(size / 1024 / 1024).toFixed(1)} MB`);
    if (fd < 0) fd = openSync(path, "r");
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookReadError("not-a-workbook", name, code === "ENOENT" ? "file not found" : `cannot open: ${code ?? "error"}`);
  }
  try {
    // Its own buffer (not a pooled slice), so it can be moved to another thread whole.
    const bytes = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === size ? bytes : bytes.subarray(0, got);
  } catch (err) {
    throw new WorkbookReadError("not-a-workbook", name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  } finally {
    closeSync(fd);
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
