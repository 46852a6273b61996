/**
 * Where the adapter finds office.js: the `Office` and `Excel` globals, looked up when a call
 * is made (office.js may load after our bundle; tests install a fake on a fresh object).
 */

export interface OfficeEnv {
  Excel: typeof Excel;
  Office: typeof Office;
}

export function officeEnv(globalObj: object): OfficeEnv {
  // A typed boundary: the globals are whatever office.js (or the fake) installed.
  const g = globalObj as { Excel?: typeof Excel; Office?: typeof Office };
  if (!g.Excel || !g.Office) throw new Error("Office.js is not loaded");
  return { Excel: g.Excel, Office: g.Office };
}
