/** The xlsx code the jobs need, loaded on demand (a separate chunk in the browser). */
import type { SheetPlan } from "../form/plan";
import type { PatchWorkbook } from "./fill-file";
import type { ParseWorkbook } from "./sources";

export interface FilesModule {
  parse: ParseWorkbook;
  write: (plans: SheetPlan[]) => Uint8Array;
  patch: PatchWorkbook;
}

/** webpack turns this import() into the "xlsx" chunk; Node just requires it. */
export async function loadFilesModule(): Promise<FilesModule> {
  const m = await import(/* webpackChunkName: "xlsx" */ "../files");
  return {
    parse: (bytes, name) => m.readWorkbook(bytes, name),
    write: (plans) => m.writeWorkbook(plans, { creator: "Yuebao" }),
    patch: (bytes, name, writes) => m.patchWorkbook(bytes, name, writes),
  };
}
