/** The workbook-file code the jobs need, loaded on demand (separate chunks in the browser). */
import type { SheetPlan } from "../form/plan";
import type { FormatInfo, SheetJs, WorkbookFormat } from "../files";
import type { WorkbookGrids } from "../form/grid";
import type { RangeWrite } from "../form/plan";
import type { PatchWorkbook } from "./fill-file";
import type { ParseWorkbook } from "./sources";

export interface FilesModule {
  /** Any format by content; a legacy file waits for the legacy parser's chunk the first time. */
  parse: ParseWorkbook;
  write: (plans: SheetPlan[]) => Uint8Array;
  patch: PatchWorkbook;
  format: (bytes: Uint8Array, name: string) => WorkbookFormat;
  /** A legacy workbook's grids (with a fill's writes) as a fresh .xlsx. */
  rebuild: (grids: WorkbookGrids, writes: RangeWrite[]) => Uint8Array;
}

/**
 * The legacy parser (SheetJS, @e965/xlsx): webpack makes this import() the "legacy" chunk,
 * fetched only when a .xls / .et / .ods / .xlsb file is met; files older than BIFF8 also fetch
 * the code page tables ("legacy-codepages"). Node just requires them.
 */
let legacy: Promise<SheetJs> | undefined;
let codepages: Promise<void> | undefined;
export function loadSheetJs(info: FormatInfo): Promise<SheetJs> {
  legacy ??= import(/* webpackChunkName: "legacy" */ "@e965/xlsx");
  if (info.biff === undefined || info.biff >= 8) return legacy;
  codepages ??= Promise.all([legacy, import(/* webpackChunkName: "legacy-codepages" */ "@e965/xlsx/dist/cpexcel")]).then(([x, cp]) =>
    x.set_cptable(cp),
  );
  return codepages.then(() => legacy as Promise<SheetJs>);
}

/** webpack turns this import() into the "xlsx" chunk; Node just requires it. */
export async function loadFilesModule(): Promise<FilesModule> {
  const m = await import(/* webpackChunkName: "xlsx" */ "../files");
  return {
    parse: (bytes, name) => m.readAnyWorkbookAsync(bytes, name, loadSheetJs),
    write: (plans) => m.writeWorkbook(plans, { creator: "Yuebao" }),
    patch: (bytes, name, writes) => m.patchWorkbook(bytes, name, writes),
    format: (bytes, name) => m.workbookFormat(bytes, name).format,
    rebuild: (grids, writes) => m.writeWorkbook(m.gridsToPlans(grids, writes), { creator: "Yuebao" }),
  };
}
