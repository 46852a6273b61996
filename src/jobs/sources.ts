/**
 * Files as the jobs see them: a name and a way to get the bytes, plus the parser handed in
 * by the caller, so this module never pulls the xlsx code into the task pane's first load.
 */
import type { WorkbookGrids } from "../form/grid";

export interface ByteSource {
  name: string;
  read(): Promise<Uint8Array>;
}

/** A file the user picked (a browser File, or anything with a name and arrayBuffer), read when needed. */
export function pickedSource(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): ByteSource {
  return { name: file.name, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** Turns bytes into grids; throws a typed error (with messageZh/messageEn) for bad files. */
export type ParseWorkbook = (bytes: Uint8Array, name: string) => WorkbookGrids;

/** The user-facing reason a file could not be read, whatever was thrown. */
export function unreadableReason(err: unknown, file: string): { zh: string; en: string } {
  if (err && typeof err === "object" && "messageZh" in err && "messageEn" in err) {
    const e = err as { messageZh: string; messageEn: string };
    return { zh: e.messageZh, en: e.messageEn };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    zh: `文件“${file}”无法读取（${detail}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`,
    en: `File "${file}" could not be read (${detail}). Open it in Excel or WPS, save it as .xlsx and try again.`,
  };
}

/** Base name of a path, for messages ("d:\\月报\\云集镇.xlsx" → "云集镇.xlsx"). */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, "");
}
