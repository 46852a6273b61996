/** The shapes of a merge's result (the CLI's --json report follows them). */
import type { Finding } from "./findings";
import type { Period, Ymd } from "./period";

export type FileStatus = "included" | "excluded" | "skipped" | "unreadable" | "duplicate";

export interface FileOutcome {
  file: string;
  /** Sheet the report came from. */
  sheet?: string;
  /** 填报单位 as written. */
  unit?: string;
  /** The roster unit it was matched to (or the normalised name when there is no roster). */
  rosterUnit?: string;
  status: FileStatus;
  submitted?: Ymd;
  late: boolean;
  findings: Finding[];
  /** Figures (scaled ×10000) by item id, when the report was read. */
  figures?: Record<string, { month: number; cumulative: number }>;
  /** For a duplicate: the file that was counted instead. */
  duplicateOf?: string;
}

export interface TotalRow {
  item: string;
  label: string;
  unit: string;
  /** Plain numbers (exact to 4 places). */
  month: number;
  cumulative: number;
}

export interface MergeResult {
  period: Period;
  files: FileOutcome[];
  /** Roster units with no included or excluded report (未报). */
  missing: string[];
  /** Units whose counted report came after the deadline (迟报). */
  late: string[];
  /** County-level findings (e.g. county 累计 ≠ last month's + this month's). */
  findings: Finding[];
  totals: TotalRow[];
  /** Number of units whose figures are in the total. */
  includedCount: number;
  deadline: Ymd;
}
