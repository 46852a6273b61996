/**
 * One entry for every workbook format: the guard decides the format by content, .xlsx goes to
 * the project's own reader, the rest to the legacy parser, which the caller supplies only when
 * asked (`sheetjs` is called for legacy files only, so .xlsx work never loads it).
 */
import type { WorkbookGrids } from "../form/grid";
import { openWorkbook, type FormatInfo } from "./formats";
import { readLegacyWorkbook, type SheetJs } from "./legacy";
import { readWorkbook, type ReadOptions } from "./read";

export function readAnyWorkbook(
  bytes: Uint8Array,
  file: string,
  sheetjs: (info: FormatInfo) => SheetJs,
  opts: ReadOptions = {},
): WorkbookGrids {
  const { info, zip } = openWorkbook(bytes, file, opts.limits);
  if (zip) return readWorkbook(zip, file, opts);
  return readLegacyWorkbook(sheetjs(info), bytes, file, info, opts);
}

/** The same with a parser that may have to be fetched first (the browser's lazy chunk). */
export function readAnyWorkbookAsync(
  bytes: Uint8Array,
  file: string,
  sheetjs: (info: FormatInfo) => Promise<SheetJs>,
  opts: ReadOptions = {},
): WorkbookGrids | Promise<WorkbookGrids> {
  const { info, zip } = openWorkbook(bytes, file, opts.limits);
  if (zip) return readWorkbook(zip, file, opts);
  return sheetjs(info).then((x) => readLegacyWorkbook(x, bytes, file, info, opts));
}
