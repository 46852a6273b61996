/**
 * Files as the jobs see them: a name and a way to get the bytes, plus the parser handed in
 * by the caller, so this module never pulls the xlsx code into the task pane's first load.
 */
import type { WorkbookGrids } from "../form/grid";
import { isProblemError, type Problem } from "../form/problems";

export interface ByteSource {
  name: string;
  read(): Promise<Uint8Array>;
  /** A file on this machine's disk (command line): a parsing worker may read it itself. */
  path?: string;
}

/** A file the user picked (a browser File, or anything with a name and arrayBuffer), read when needed. */
export function pickedSource(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): ByteSource {
  return { name: file.name, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Turns bytes into grids; throws (or rejects with) a typed error (a ProblemError such as
 * WorkbookReadError) for bad files. It may return a promise: in the browser the legacy parser
 * (.xls, .et, .ods, .xlsb) is a chunk fetched when the first such file is met.
 */
export type ParseWorkbook = (bytes: Uint8Array, name: string) => WorkbookGrids | Promise<WorkbookGrids>;

/**
 * Why a file could not be read, whatever was thrown: a typed error's own problem, else
 * "read-failed" with the technical text (a reader fault must not stop a 40-file merge).
 */
export function unreadableProblem(err: unknown, file: string): Problem {
  if (isProblemError(err)) return err.problem;
  return { code: "read-failed", params: { file, detail: err instanceof Error ? err.message : String(err) } };
}

/** Base name of a path, for messages ("d:\\月报\\云集镇.xlsx" → "云集镇.xlsx"). */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, "");
}
