/** Findings are values: bad user data never throws. The face renders them (see messages.ts). */

export type Severity = "error" | "warning";

export type FindingCode =
  // reading a value
  | "negative"
  | "not-a-number"
  | "not-whole"
  | "too-many-decimals"
  | "blank"
  | "text-number"
  | "placeholder-zero"
  | "formula-no-value"
  | "cell-error"
  // cross-cell and cross-month rules
  | "cumulative-below-month"
  | "cumulative-mismatch"
  | "officers-below-twice-activities"
  | "prior-missing"
  // the sheet as a whole
  | "unit-missing"
  | "unit-not-on-roster"
  | "late"
  | "date-missing"
  | "item-missing"
  | "period-unknown"
  // files and merging
  | "no-report-for-period"
  | "unreadable"
  | "duplicate"
  | "county-cumulative-mismatch";

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** Sheet name ("" when the finding is about a whole file or the county). */
  sheet: string;
  /** A1 address of the cell at fault, when there is one. */
  cell?: string;
  /** Values the message needs (item label, expected figure, ...). */
  params: Record<string, string | number>;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
