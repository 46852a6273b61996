/**
 * Office errors translated into ours. Office.js rejects a sync with an OfficeExtension.Error
 * whose `code` is one of Excel.ErrorCodes (not localized) and whose message is localized and
 * "not intended for consumption by end users" — so the pane keys its text on these types.
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling
 */
import {
  ApiNotSupportedError,
  CellEditModeError,
  HostApiError,
  PayloadTooLargeError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
} from "../jobs/host-errors";

export {
  AddSheetsFailedError,
  ApiNotSupportedError,
  CellEditModeError,
  HostApiError,
  InvalidSheetNameError,
  PayloadTooLargeError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
} from "../jobs/host-errors";

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
  return new HostApiError(code, err.message ?? "", location);
}
