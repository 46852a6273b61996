/**
 * Excel's sheet-name rules, one set for every host: 1-31 characters; none of : \ / ? * [ ];
 * not starting or ending with an apostrophe; not "History" (reserved); unique ignoring case.
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
 * Each adapter maps a problem to its own error type.
 */

export const MAX_SHEET_NAME = 31;

export type SheetNameProblem = "empty" | "tooLong" | "badCharacter" | "apostrophe" | "reserved";

/** The key Excel compares sheet names by (case folded the same way everywhere). */
export function sheetNameKey(name: string): string {
  return name.toUpperCase();
}

export function sameSheetName(a: string, b: string): boolean {
  return sheetNameKey(a) === sheetNameKey(b);
}

export function sheetNameProblem(name: string): SheetNameProblem | null {
  if (name.length === 0) return "empty";
  if (name.length > MAX_SHEET_NAME) return "tooLong";
  if (/[:\\/?*[\]]/.test(name)) return "badCharacter";
  if (name.startsWith("'") || name.endsWith("'")) return "apostrophe";
  if (sameSheetName(name, "History")) return "reserved";
  return null;
}

/** The first name that repeats an earlier one (ignoring case), or undefined. */
export function repeatedSheetName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    const key = sheetNameKey(n);
    if (seen.has(key)) return n;
    seen.add(key);
  }
  return undefined;
}

/** "name (2)", "name (3)" ... the first not taken, the base trimmed so the result fits 31. */
export function copyName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map(sheetNameKey));
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let base = name.slice(0, MAX_SHEET_NAME - suffix.length);
    // Trimming must not leave a trailing apostrophe or split a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(base)) base = base.slice(0, -1);
    const candidate = base.replace(/'+$/, "") + suffix;
    if (!used.has(sheetNameKey(candidate))) return candidate;
  }
}

/** 'Sheet name' for a reference, embedded apostrophes doubled; always quoted, which Excel accepts. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
