/** The workbook-file code the jobs need, loaded on demand (separate chunks in the browser). */
import type { SheetPlan } from "../form/plan";
import type { WorkbookFormat } from "../files";
import type { WorkbookGrids } from "../form/grid";
import type { RangeWrite } from "../form/plan";
import type { PatchWorkbook } from "./fill-file";
import type { ParseWorkbook } from "./sources";
import { loadSheetJs } from "./sheetjs-loader";

export { loadSheetJs };

export interface FilesModule {
  /** Any format by content; a legacy file waits for the legacy parser's chunk the first time. */
  parse: ParseWorkbook;
  write: (plans: SheetPlan[]) => Uint8Array;
  patch: PatchWorkbook;
  format: (bytes: Uint8Array, name: string) => WorkbookFormat;
  /** A legacy workbook's grids (with a fill's writes) as a fresh .xlsx. */
  rebuild: (grids: WorkbookGrids, writes: RangeWrite[]) => Uint8Array;
}

export interface FilesModuleOptions {
  /** Moves parsing off the caller's thread (the pane's Web Worker); given the in-thread parser as the fallback. */
  offThread?: (inThread: ParseWorkbook) => Promise<ParseWorkbook>;
}

/** webpack turns this import() into the "xlsx" chunk; Node just requires it. */
export async function loadFilesModule(opts: FilesModuleOptions = {}): Promise<FilesModule> {
  const m = await import(/* webpackChunkName: "xlsx" */ "../files");
  const inThread: ParseWorkbook = (bytes, name) => m.readAnyWorkbookAsync(bytes, name, loadSheetJs);
  return {
    parse: opts.offThread ? await opts.offThread(inThread) : inThread,
    write: (plans) => m.writeWorkbook(plans, { creator: "Yuebao" }),
    patch: (bytes, name, writes) => m.patchWorkbook(bytes, name, writes),
    format: (bytes, name) => m.workbookFormat(bytes, name).format,
    rebuild: (grids, writes) => m.writeWorkbook(m.gridsToPlans(grids, writes), { creator: "Yuebao" }),
  };
}
