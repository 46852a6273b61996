/**
 * Where the adapter finds WPS: `window.Application`, which WPS 表格 sets in every page of a
 * WPS add-in (加载项), the task pane included. This file and the rest of src/wps are the only
 * code that touches it (an eslint rule keeps it so). Looked up when a call is made; tests pass
 * the object the fake was installed on.
 */
import type { EtApplication } from "./et";

/** The ET Application of `globalObj`, or undefined outside WPS 表格. Never throws. */
/** window.Application, or its alias window.wps (both are declared by et-jsapi-declare). */
function rootOf(globalObj: object): unknown {
  const g = globalObj as { Application?: unknown; wps?: unknown };
  return g.Application ?? g.wps;
}

export function findEtApplication(globalObj: object): EtApplication | undefined {
  try {
    const app = rootOf(globalObj);
    if (app === null || (typeof app !== "object" && typeof app !== "function")) return undefined;
    // A browser has no Application global; WPS's has the workbook collection of the ET model.
    // (Reading a property of WPS's object is a call into WPS: two here, once at start.)
    const probe = app as { Workbooks?: unknown; ActiveWorkbook?: unknown };
    if (probe.Workbooks === undefined && probe.ActiveWorkbook === undefined) return undefined;
    return app as EtApplication;
  } catch {
    return undefined;
  }
}

/** The Application the adapter calls (no probing: each call into WPS counts). */
export function etApplication(globalObj: object): EtApplication {
  const app = rootOf(globalObj);
  if (app === null || (typeof app !== "object" && typeof app !== "function"))
    throw new Error("WPS 表格's Application object is not available");
  return app as EtApplication;
}

/** Whether the page runs inside WPS 表格 (a WPS add-in page). */
export function isWpsHost(globalObj: object = globalThis): boolean {
  return findEtApplication(globalObj) !== undefined;
}
