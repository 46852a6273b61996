/**
 * The legacy parser (SheetJS, @e965/xlsx): webpack makes this import() the "legacy" chunk,
 * fetched only when a .xls / .et / .ods / .xlsb file is met (by the page or by its parsing
 * worker); files older than BIFF8 also fetch the code page tables ("legacy-codepages"). Node
 * just requires them. A module of its own, so the worker can have it without files-module.ts.
 */
import type { FormatInfo, SheetJs } from "../files";

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
