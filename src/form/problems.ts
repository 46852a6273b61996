/**
 * Problems: why a job or a file could not go on, as a code and values — never a sentence.
 * Every typed error of every adapter is a ProblemError, and describeProblem / describeError
 * (problem-messages.ts) turn them into the clerk's words in the pane and on the command line.
 */
import type { SheetNameProblem } from "./sheet-names";

/** What a file turned out to be when it is not a workbook we read. */
export type FileKind = "html" | "csv" | "text" | "pdf" | "image" | "zip" | "word" | "empty" | "unknown";

/** The job a "pick files first" problem is about. */
export type JobName = "validate" | "fill" | "merge";

interface FileParams {
  /** The file's name as the user knows it. */
  file: string;
  /** A short technical note (English; sizes and part names only), may be "". */
  detail: string;
}

export interface ProblemParams {
  // A user's file (the files adapter's WorkbookReadError).
  "too-large": FileParams;
  "zip-bomb": FileParams;
  "not-a-workbook": FileParams & { kind?: FileKind };
  encrypted: FileParams;
  truncated: FileParams;
  corrupt: FileParams;
  /** A reader failed for a reason it did not type (kept apart from "corrupt": it may be our bug). */
  "read-failed": FileParams;
  /** A text file (a roster) in no encoding we read: not UTF-8/UTF-16 with a mark, UTF-8 or GB18030. */
  "text-encoding": FileParams;
  /** Reading took longer than the time limit (`seconds`) and was stopped. */
  timeout: FileParams & { seconds?: number };
  // The live workbook (Office.js or WPS).
  "sheet-exists": { sheet: string };
  "sheet-protected": { sheet: string };
  "sheet-not-found": { sheet: string };
  "sheet-name-invalid": { sheet: string; problem: SheetNameProblem };
  "cell-edit-mode": Record<string, never>;
  "payload-too-large": Record<string, never>;
  "api-not-supported": { api: string };
  /** Adding sheets failed part-way: `rolledBack` = the workbook is as before; else `leftovers` remain. */
  "add-sheets-failed": { rolledBack: boolean; leftovers: string[]; cause?: Problem };
  /** The host refused for a reason we have no better type for; `code` is its own error code. */
  "host-failed": { code: string };
  // A job that cannot start for a reason the user can fix.
  "not-a-report": { sheet: string };
  "no-files": { job: JobName };
  "choose-period": Record<string, never>;
  /** The active report's month cannot be read off its sheet. */
  "report-month-unknown": { sheet: string };
  /** No picked file holds a report for `period` ("2018-08"); `found`: the months they hold ("2018-07", "?"). */
  /** `unreadable`: how many of the files could not be read at all. */
  /** `unreadableFiles`: why each file could not be read (the first few), where the caller wants them said. */
  "no-report-for-month": { period: string; found: string[]; unreadable?: number; unreadableFiles?: Problem[] };
}

export type ProblemCode = keyof ProblemParams;

export interface ProblemOf<C extends ProblemCode> {
  code: C;
  params: ProblemParams[C];
}

export type Problem = { [C in ProblemCode]: ProblemOf<C> }[ProblemCode];

/**
 * Base of every typed error. `message` is a short English line for logs and stack traces; what
 * users read comes from describeError. `code` and `params` are the whole content.
 */
export class ProblemError<C extends ProblemCode = ProblemCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: ProblemParams[C],
    technical?: string,
  ) {
    super(technical ?? `${code}: ${JSON.stringify(params)}`);
    this.name = "ProblemError";
  }

  get problem(): Problem {
    return { code: this.code, params: this.params } as Problem;
  }
}

export function isProblemError(e: unknown): e is ProblemError {
  return e instanceof ProblemError;
}
