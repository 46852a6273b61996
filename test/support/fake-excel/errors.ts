/**
 * Errors shaped like OfficeExtension.Error ("RichApi.Error"): a `code` from Excel.ErrorCodes,
 * a message and `debugInfo` with the failing statement's location.
 * Codes and messages: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling
 */

const MESSAGES: Record<string, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  ApiNotFound: "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  InvalidReference: "This reference is not valid for the current operation.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  GeneralException: "There was an internal error while processing the request.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
};

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];

  constructor(code: string, detail?: string, errorLocation?: string) {
    const message = detail ?? MESSAGES[code] ?? code;
    super(message);
    // office.js errors report this name; callers sometimes test for it.
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }

  withLocation(errorLocation: string): FakeOfficeError {
    return this.debugInfo.errorLocation ? this : new FakeOfficeError(this.code, this.message, errorLocation);
  }
}

export function propertyNotLoaded(name: string): FakeOfficeError {
  return new FakeOfficeError("PropertyNotLoaded", MESSAGES.PropertyNotLoaded.replace("{0}", name));
}

export function officeError(code: string, detail?: string): FakeOfficeError {
  return new FakeOfficeError(code, detail);
}
