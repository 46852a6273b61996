/**
 * Findings are values: bad user data never throws. The face renders them (see messages.ts).
 * Each code carries its own typed params, so a message that reads a param its finding does
 * not carry fails to compile.
 */
import type { Problem } from "./problems";

export type Severity = "error" | "warning";

/** Which of the two figure columns a cell finding is about. */
export type FigureColumn = "month" | "cumulative";

/** What every finding about one figure cell carries. */
export interface CellParams {
  /** 项目 as printed, and its stable id. */
  item: string;
  itemId: string;
  column: FigureColumn;
}

/** What a finding about an item (not one cell) carries. */
export interface ItemParams {
  item: string;
  itemId: string;
}

/** Why a cell's content could not be read at all (set by the file reader). */
export type CellUnreadableReason = "shared-string-index" | "shared-strings-dialect";

export interface FindingParams {
  // reading a value
  negative: CellParams & { value: number };
  "not-a-number": CellParams & { value: string };
  "not-whole": CellParams & { value: number };
  "too-many-decimals": CellParams & { value: number; decimals: number };
  blank: CellParams;
  "text-number": CellParams & { value: string; number: number };
  /** "3次", "25000元" in the 万元 row: read as `number` (in the row's unit `rowUnit`), typed with `unit`. */
  "number-with-unit": CellParams & { value: string; number: number; unit: string; rowUnit: string; converted: boolean };
  /** "3人" in a 家 row: a unit that is not the row's. */
  "unit-mismatch": CellParams & { value: string; unit: string; rowUnit: string };
  "placeholder-zero": CellParams & { value: string };
  "formula-no-value": CellParams & { formula: string };
  "cell-error": CellParams & { value: string };
  /** The file's cell refers to text that is not there (e.g. a shared-string index out of range). */
  "cell-unreadable": CellParams & { reason: CellUnreadableReason };
  // cross-cell and cross-month rules
  "cumulative-below-month": ItemParams & { month: string; cumulative: string };
  /** `prior` is "" at the start month (累计数 must then equal 本月数). */
  "cumulative-mismatch": ItemParams & { expected: string; actual: string; month: string; prior: string; startMonth: number };
  "officers-below-twice-activities": { officers: string; activities: string };
  /** `prior`: the month looked for, "2018-06". */
  "prior-missing": { prior: string };
  /** No last month's report was given or found: the 累计数 were not checked (said once per file). */
  "prior-not-given": Record<string, never>;
  // the sheet as a whole
  "unit-missing": Record<string, never>;
  "unit-not-on-roster": { unit: string };
  /** Dates as "2018-8-12" keys. */
  late: { submitted: string; deadline: string };
  "date-missing": Record<string, never>;
  "item-missing": ItemParams;
  /** `period`: the month assumed ("2018-7"), or "?" when none could be. */
  "period-unknown": { period: string };
  // files and merging
  /** `period`: the month asked for ("" = any); `found`: the months the file holds, "2018-06, ?". */
  "no-report-for-period": { period: string; found: string };
  /** The whole file could not be read: why, as a problem the catalogue renders. */
  unreadable: { problem: Problem };
  duplicate: { other: string; unit: string };
  "county-cumulative-mismatch": ItemParams & { actual: string; prior: string; month: string; expected: string };
  /** A unit's 累计数 against its own row in last month's county detail sheet; `priorPeriod` "2018-06". */
  "unit-cumulative-mismatch": ItemParams & {
    unit: string;
    priorPeriod: string;
    prior: string;
    month: string;
    expected: string;
    actual: string;
  };
  /** A unit in last month's county detail sheet that sent nothing this month. */
  "prior-unit-not-reported": { unit: string; priorPeriod: string };
}

export type FindingCode = keyof FindingParams;

export interface FindingOf<C extends FindingCode> {
  severity: Severity;
  code: C;
  /** Sheet name ("" when the finding is about a whole file or the county). */
  sheet: string;
  /** A1 address of the cell at fault, when there is one. */
  cell?: string;
  /** Values the message needs (item label, expected figure, ...). */
  params: FindingParams[C];
}

/** Any finding: a union discriminated by `code`. */
export type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];

/** Codes of findings about one figure cell (they carry CellParams). */
export type CellFindingCode = { [C in FindingCode]: FindingParams[C] extends CellParams ? C : never }[FindingCode];

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** Narrows a finding to one code (e.g. to read its params). */
export function isFinding<C extends FindingCode>(f: Finding, code: C): f is Extract<Finding, { code: C }> {
  return f.code === code;
}
