/**
 * Office errors translated into ours. Office.js rejects a sync with an OfficeExtension.Error
 * whose `code` is one of Excel.ErrorCodes (not localized) and whose message is localized and
 * "not intended for consumption by end users" — so the pane keys its text on these types.
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling
 */
import { SheetExistsError, SheetProtectedError } from "../jobs/host";

export { SheetExistsError, SheetProtectedError };

/** An Office failure we have no more specific type for; `code` is Excel's error code. */
export class OfficeApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly location?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "OfficeApiError";
  }
}

export class SheetNotFoundError extends Error {
  constructor(public readonly sheet: string) {
    super(`Sheet not found: ${sheet}`);
    this.name = "SheetNotFoundError";
  }
}

export type SheetNameProblem = "empty" | "tooLong" | "badCharacter" | "apostrophe" | "reserved";

export class InvalidSheetNameError extends Error {
  constructor(
    public readonly sheet: string,
    public readonly problem: SheetNameProblem,
  ) {
    super(`Invalid sheet name (${problem}): ${sheet}`);
    this.name = "InvalidSheetNameError";
  }
}

/** The user is typing in a cell and Excel refused to wait (delayForCellEdit unsupported). */
export class CellEditModeError extends Error {
  constructor() {
    super("Excel is in cell-edit mode");
    this.name = "CellEditModeError";
  }
}

/** Excel on the web refused a request or response above its size limit. */
export class PayloadTooLargeError extends Error {
  constructor(public readonly code: string) {
    super(`Request too large for Excel: ${code}`);
    this.name = "PayloadTooLargeError";
  }
}

/** This Excel lacks an API we called (a requirement-set check was missed). */
export class ApiNotSupportedError extends Error {
  constructor(public readonly location?: string) {
    super(`This version of Excel does not support ${location ?? "an API the add-in used"}`);
    this.name = "ApiNotSupportedError";
  }
}

/**
 * Adding sheets failed part-way. `rolledBack` says whether the sheets added by this run were
 * removed again (the workbook is as before); `leftovers` names any that could not be.
 */
export class AddSheetsFailedError extends Error {
  constructor(
    public readonly cause: Error,
    public readonly rolledBack: boolean,
    public readonly leftovers: string[],
  ) {
    super(`Adding sheets failed${rolledBack ? " (undone)" : ""}: ${cause.message}`);
    this.name = "AddSheetsFailedError";
  }
}

interface OfficeErrorShape {
  code: string;
  message?: string;
  debugInfo?: { errorLocation?: string };
}

/** The Excel error code of an Office.js error, or undefined for anything else. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Maps an Office.js error to a typed error. `sheet` names the sheet the failed statement was
 * about, when the caller knows it (Excel's error does not say which sheet).
 */
export function translateOfficeError(e: unknown, hint: { sheet?: string } = {}): Error {
  const code = officeErrorCode(e);
  if (code === undefined) return e instanceof Error ? e : new Error(String(e));
  const err = e as OfficeErrorShape;
  const location = err.debugInfo?.errorLocation;
  switch (code) {
    case "ItemAlreadyExists":
      if (hint.sheet !== undefined) return new SheetExistsError(hint.sheet);
      break;
    case "ItemNotFound":
      if (hint.sheet !== undefined) return new SheetNotFoundError(hint.sheet);
      break;
    case "AccessDenied":
      if (hint.sheet !== undefined) return new SheetProtectedError(hint.sheet);
      break;
    case "InvalidOperationInCellEditMode":
      return new CellEditModeError();
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return new PayloadTooLargeError(code);
    case "ApiNotFound":
      return new ApiNotSupportedError(location);
  }
  return new OfficeApiError(code, err.message ?? "", location);
}
