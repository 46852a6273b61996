/** Excel's rules for sheet names and how to quote one in a reference. */
import { WorkbookPlanError } from "./errors";

const FORBIDDEN = /[:\\/?*[\]]/;

/** Throws WorkbookPlanError when `name` cannot be a sheet name. */
export function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31) {
    throw new WorkbookPlanError("bad-sheet-name", `Sheet name must be 1-31 characters: "${name}"`);
  }
  if (FORBIDDEN.test(name)) throw new WorkbookPlanError("bad-sheet-name", `Sheet name has one of : \\ / ? * [ ]: "${name}"`);
  if (name.startsWith("'") || name.endsWith("'")) {
    throw new WorkbookPlanError("bad-sheet-name", `Sheet name may not begin or end with an apostrophe: "${name}"`);
  }
  if (name.toLowerCase() === "history") throw new WorkbookPlanError("bad-sheet-name", `"History" is reserved by Excel`);
}

/** Throws when two names are equal ignoring case (as Excel compares them). */
export function checkUniqueNames(names: string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    const key = n.toLocaleUpperCase("en-US");
    if (seen.has(key)) throw new WorkbookPlanError("duplicate-sheet-name", `Two sheets named "${n}" (ignoring case)`);
    seen.add(key);
  }
}

/** 'Sheet name'! with embedded apostrophes doubled; always quoted, which Excel accepts. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
