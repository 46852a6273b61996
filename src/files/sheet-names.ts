/** The core's sheet-name rules (src/form/sheet-names.ts) as this adapter's plan errors. */
import { repeatedSheetName, sheetNameProblem, type SheetNameProblem } from "../form/sheet-names";
import { WorkbookPlanError } from "./errors";

export { quoteSheet } from "../form/sheet-names";

const WHY: Record<SheetNameProblem, string> = {
  empty: "must be 1-31 characters",
  tooLong: "must be 1-31 characters",
  badCharacter: "has one of : \\ / ? * [ ]",
  apostrophe: "may not begin or end with an apostrophe",
  reserved: "is reserved by Excel",
};

/** Throws WorkbookPlanError when `name` cannot be a sheet name. */
export function checkSheetName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new WorkbookPlanError("bad-sheet-name", `Sheet name "${name}" ${WHY[problem]}`);
}

/** Throws when two names are equal ignoring case (as Excel compares them). */
export function checkUniqueNames(names: string[]): void {
  const twice = repeatedSheetName(names);
  if (twice !== undefined) throw new WorkbookPlanError("duplicate-sheet-name", `Two sheets named "${twice}" (ignoring case)`);
}
