/** Node-only: reading a workbook from disk, with unreadable files as WorkbookReadError too. */
import { promises as fs } from "fs";
import { basename } from "path";
import type { WorkbookGrids } from "../form/grid";
import { WorkbookReadError } from "./errors";
import { DEFAULT_LIMITS } from "./guard";
import { readWorkbook, type ReadOptions } from "./read";

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
  return readWorkbook(bytes, basename(path), opts);
}
