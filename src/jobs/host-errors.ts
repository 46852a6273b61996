/**
 * What a live-workbook Host (Office.js or WPS) throws: ProblemErrors with codes and values,
 * rendered for the user by describeError. Each adapter maps its host's own errors to these.
 */
import { ProblemError, type Problem } from "../form/problems";
import type { SheetNameProblem } from "../form/sheet-names";

export class SheetExistsError extends ProblemError<"sheet-exists"> {
  constructor(readonly sheet: string) {
    super("sheet-exists", { sheet }, `Sheet already exists: ${sheet}`);
    this.name = "SheetExistsError";
  }
}

export class SheetProtectedError extends ProblemError<"sheet-protected"> {
  constructor(readonly sheet: string) {
    super("sheet-protected", { sheet }, `Sheet is protected: ${sheet}`);
    this.name = "SheetProtectedError";
  }
}

export class SheetNotFoundError extends ProblemError<"sheet-not-found"> {
  constructor(readonly sheet: string) {
    super("sheet-not-found", { sheet }, `Sheet not found: ${sheet}`);
    this.name = "SheetNotFoundError";
  }
}

export class InvalidSheetNameError extends ProblemError<"sheet-name-invalid"> {
  constructor(
    readonly sheet: string,
    readonly nameProblem: SheetNameProblem,
  ) {
    super("sheet-name-invalid", { sheet, problem: nameProblem }, `Invalid sheet name (${nameProblem}): ${sheet}`);
    this.name = "InvalidSheetNameError";
  }
}

/** The user is typing in a cell and the host refused to wait. */
export class CellEditModeError extends ProblemError<"cell-edit-mode"> {
  constructor() {
    super("cell-edit-mode", {}, "The host is in cell-edit mode");
    this.name = "CellEditModeError";
  }
}

/** Excel on the web refused a request or response above its size limit; `hostCode` is Excel's code. */
export class PayloadTooLargeError extends ProblemError<"payload-too-large"> {
  constructor(readonly hostCode: string) {
    super("payload-too-large", {}, `Request too large for the host: ${hostCode}`);
    this.name = "PayloadTooLargeError";
  }
}

/** This host lacks an API we called (a capability check was missed). */
export class ApiNotSupportedError extends ProblemError<"api-not-supported"> {
  constructor(readonly location?: string) {
    super("api-not-supported", { api: location ?? "" }, `This host does not support ${location ?? "an API the add-in used"}`);
    this.name = "ApiNotSupportedError";
  }
}

/** A host failure we have no more specific type for; `hostCode` is the host's own error code. */
export class HostApiError extends ProblemError<"host-failed"> {
  constructor(
    readonly hostCode: string,
    detail: string,
    readonly location?: string,
  ) {
    super("host-failed", { code: hostCode }, `${hostCode}: ${detail}`);
    this.name = "HostApiError";
  }
}

/**
 * Adding sheets failed part-way. `rolledBack` says whether the sheets added by this run were
 * removed again (the workbook is as before); `leftovers` names any that could not be.
 */
export class AddSheetsFailedError extends ProblemError<"add-sheets-failed"> {
  constructor(
    readonly cause: Error,
    readonly rolledBack: boolean,
    readonly leftovers: string[],
  ) {
    const inner: Problem | undefined = cause instanceof ProblemError ? cause.problem : undefined;
    super(
      "add-sheets-failed",
      { rolledBack, leftovers, ...(inner ? { cause: inner } : {}) },
      `Adding sheets failed${rolledBack ? " (undone)" : ""}: ${cause.message}`,
    );
    this.name = "AddSheetsFailedError";
  }
}
