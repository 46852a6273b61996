/**
 * Excel's sheet-name rules: 1-31 characters; none of : \ / ? * [ ]; not starting or ending
 * with an apostrophe; not "History" (reserved); unique ignoring case.
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
 */
import type { SheetNameProblem } from "./errors";

export const MAX_SHEET_NAME = 31;

export function sheetNameProblem(name: string): SheetNameProblem | null {
  if (name.length === 0) return "empty";
  if (name.length > MAX_SHEET_NAME) return "tooLong";
  if (/[:\\/?*[\]]/.test(name)) return "badCharacter";
  if (name.startsWith("'") || name.endsWith("'")) return "apostrophe";
  if (name.toUpperCase() === "HISTORY") return "reserved";
  return null;
}

export function sameSheetName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** "name (2)", "name (3)" ... the first not taken, the base trimmed so the result fits 31. */
export function copyName(name: string, taken: readonly string[]): string {
  const upper = new Set(taken.map((t) => t.toUpperCase()));
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let base = name.slice(0, MAX_SHEET_NAME - suffix.length);
    // Trimming must not leave a trailing apostrophe or split a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(base)) base = base.slice(0, -1);
    const candidate = base.replace(/'+$/, "") + suffix;
    if (!upper.has(candidate.toUpperCase())) return candidate;
  }
}
