/**
 * Typed errors of the workbook-files adapter. A WorkbookReadError is about a user's file
 * (unreadable, hostile, encrypted, not a workbook): a ProblemError whose code and params the faces render
 * with describeError (src/form/problem-messages.ts), naming the file and what to do. A WorkbookPlanError is a programming error (a bad plan or
 * write request), never caused by a user's file.
 */
import { ProblemError, type FileKind } from "../form/problems";

export type WorkbookReadErrorCode = "too-large" | "zip-bomb" | "not-a-workbook" | "encrypted" | "truncated" | "corrupt" | "timeout";

export class WorkbookReadError extends ProblemError<WorkbookReadErrorCode> {
  readonly file: string;

  /** `detail` is a short technical note (English, no user data besides sizes/part names). */
  constructor(code: WorkbookReadErrorCode, file: string, detail = "", kind?: FileKind, seconds?: number) {
    super(
      code,
      { file, detail, ...(kind ? { kind } : {}), ...(seconds !== undefined ? { seconds } : {}) },
      `${code}: ${file}${detail ? ` (${detail})` : ""}`,
    );
    this.name = "WorkbookReadError";
    this.file = file;
  }

  /** Reading took longer than `seconds` and was stopped (a parsing worker was ended). */
  static timeout(file: string, seconds: number): WorkbookReadError {
    return new WorkbookReadError("timeout", file, `${seconds} s`, undefined, seconds);
  }
}

export type WorkbookPlanErrorCode = "bad-sheet-name" | "duplicate-sheet-name" | "bad-mark" | "bad-address" | "bad-write" | "no-such-sheet";

/** A plan or write request that cannot be rendered: a bug in the caller, not a user's file. */
export class WorkbookPlanError extends Error {
  constructor(
    readonly code: WorkbookPlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookPlanError";
  }
}
