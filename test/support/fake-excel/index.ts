/**
 * An in-memory Excel for tests and for the browser test (injected in place of office.js).
 * installFakeOffice sets the globals office.js sets: Office (onReady, context.requirements,
 * context.displayLanguage, context.document.settings), Excel (run, ErrorCodes) and
 * OfficeExtension (Error). Plain TypeScript, no test-framework imports.
 *
 *   const book = new FakeWorkbook({ excelApi: "1.9" });   // "1.7" models Office 2019
 *   book.addSheet("Sheet1", [["a", 1]]);
 *   installFakeOffice(window, book);                        // before the add-in's code runs
 *   ... book.syncCount, book.view("Sheet1", "B1"), book.failSync({ at: 3 }), book.userEdit(...)
 */
import { FakeContext, type RunOptionsLike } from "./context";
import { FakeOfficeError } from "./errors";
import { type FakeWorkbook, compareVersions } from "./model";
import { WorkbookProxy } from "./proxies";

export { FakeWorkbook, FakeSheet, compareVersions } from "./model";
export type { FakeWorkbookOptions, Scalar, CellView } from "./model";
export { FakeOfficeError } from "./errors";

type Batch<T> = (ctx: FakeContext) => Promise<T>;

function newContext(book: FakeWorkbook, options?: RunOptionsLike): FakeContext {
  const ctx = new FakeContext(book, options);
  ctx.workbook = new WorkbookProxy(ctx);
  return ctx;
}

function makeExcel(book: FakeWorkbook): Record<string, unknown> {
  /** Excel.run(batch) / run(options, batch) / run(object or context, batch). */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as Batch<T>;
    const first = args.length > 1 ? args[0] : undefined;
    let ctx: FakeContext;
    if (first instanceof FakeContext) ctx = first;
    else if (first && typeof first === "object" && (first as { context?: unknown }).context instanceof FakeContext)
      ctx = (first as { context: FakeContext }).context;
    else {
      book.runOptions.push(first ?? {});
      ctx = newContext(book, (first ?? {}) as RunOptionsLike);
    }
    const result = await batch(ctx);
    // Statements queued after the last sync never reach Excel in this fake; count them so
    // a test can insist the adapter always syncs what it queues.
    book.droppedOps += ctx.dropPending();
    return result;
  }

  return {
    run,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      apiNotFound: "ApiNotFound",
      generalException: "GeneralException",
      invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation",
      invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
      itemAlreadyExists: "ItemAlreadyExists",
      itemNotFound: "ItemNotFound",
    },
  };
}

interface AsyncResult {
  status: "succeeded" | "failed";
  value?: unknown;
  error?: { message: string };
}

function makeOffice(book: FakeWorkbook): Record<string, unknown> {
  // Live settings: what get/set see; saveAsync persists them into the document.
  let live: Record<string, unknown> = JSON.parse(JSON.stringify(book.savedSettings));
  const settings = {
    get: (name: string): unknown => (name in live ? JSON.parse(JSON.stringify(live[name])) : null),
    set: (name: string, value: unknown): void => {
      live[name] = JSON.parse(JSON.stringify(value));
    },
    remove: (name: string): void => {
      delete live[name];
    },
    saveAsync: (...args: unknown[]): void => {
      const cb = args.find((a) => typeof a === "function") as ((r: AsyncResult) => void) | undefined;
      book.savedSettings = JSON.parse(JSON.stringify(live));
      setTimeout(() => cb?.({ status: "succeeded" }), 0);
    },
    refreshAsync: (cb?: (r: AsyncResult) => void): void => {
      live = JSON.parse(JSON.stringify(book.savedSettings));
      setTimeout(() => cb?.({ status: "succeeded", value: settings }), 0);
    },
  };
  const info = { host: "Excel", platform: "OfficeOnline" };
  return {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: (cb?: (i: typeof info) => void): Promise<typeof info> => {
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      host: "Excel",
      platform: "OfficeOnline",
      get displayLanguage() {
        return book.displayLanguage;
      },
      requirements: {
        /** Only ExcelApi is modelled; its version is the workbook's `excelApi`. */
        isSetSupported: (name: string, minVersion?: string | number): boolean => {
          if (name !== "ExcelApi") return false;
          return minVersion === undefined || compareVersions(book.excelApi, String(minVersion)) >= 0;
        },
      },
      document: { settings },
    },
  };
}

/** Sets Office, Excel and OfficeExtension on globalObj (window in the browser). */
export function installFakeOffice(globalObj: object, workbook: FakeWorkbook): void {
  const g = globalObj as Record<string, unknown>;
  g.Office = makeOffice(workbook);
  g.Excel = makeExcel(workbook);
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: { generalException: "GeneralException" } };
}
