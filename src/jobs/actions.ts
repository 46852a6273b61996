/**
 * The task pane's contract: what each panel can ask for. Two implementations exist: one over
 * the live workbook (Office.js host) and one over picked files (standalone web page). The
 * components receive an object of this type as a prop and never call a host themselves.
 */
import type { Finding } from "../form/findings";
import type { MergeResult } from "../form/merge-types";
import type { Period } from "../form/period";

export type Mode = "excel" | "file";

/** A file the user picked (the browser's File satisfies this). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface Settings {
  /** Deadline day of the month after the period (default 10). */
  deadlineDay: number;
  /** Month the running total restarts in (default 1 = January). */
  startMonth: number;
}

export type InsertOutcome =
  | { status: "inserted"; sheet: string }
  | { status: "exists"; sheet: string }
  | { status: "downloaded"; fileName: string };

export interface InsertRequest {
  period: Period;
  unit: string;
  /** What to do when a sheet for that month exists: ask (returns "exists"), open it, or add a copy. */
  onConflict: "ask" | "open" | "copy";
}

export interface ReportCheck {
  /** Sheet name (Excel) or "file › sheet" (file mode). */
  source: string;
  file?: string;
  sheet: string;
  unit?: string;
  period?: Period;
  findings: Finding[];
}

export interface ValidateRequest {
  /** Excel: the active report or every report in the workbook. */
  scope?: "active" | "all";
  /** File mode: the picked files. */
  files?: PickedFile[];
  period?: Period;
  highlight?: boolean;
}

export interface FillRequest {
  /** Excel: the active sheet's report; file mode: this file. */
  file?: PickedFile;
  /** Last month's report as a file (optional in Excel: found in the workbook first). */
  priorFile?: PickedFile;
  period?: Period;
  mode: "values" | "formulas";
}

export interface FillOutcome {
  sheet: string;
  period: Period;
  /** Where the prior figures came from ("" when the period is the start month). */
  priorSource: string;
  /** Cells written. */
  written: number;
  findings: Finding[];
  fileName?: string;
}

export interface MergeRequest {
  files: PickedFile[];
  roster?: PickedFile;
  prior?: PickedFile;
  period: Period;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface MergeOutcome {
  result: MergeResult;
  /** Sheets written (Excel) or the file downloaded (file mode). */
  written: string[];
  /** Ready-to-send reminder text (催报) for missing and wrong units. */
  reminder: string;
}

export interface PaneActions {
  mode: Mode;
  settings: Settings;
  /** The unit remembered for this document (Excel) or this browser (file mode). */
  rememberedUnit(): string;
  rememberUnit(unit: string): void;
  insertTemplate(req: InsertRequest): Promise<InsertOutcome>;
  openSheet?(sheet: string): Promise<void>;
  validate(req: ValidateRequest): Promise<ReportCheck[]>;
  clearHighlight?(): Promise<void>;
  /** Excel only: jump to a finding's cell. */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /** Excel only: call back when the report sheet changes (returns an unsubscribe). */
  onSheetChanged?(callback: () => void): Promise<() => void>;
  fillCumulative(req: FillRequest): Promise<FillOutcome>;
  merge(req: MergeRequest): Promise<MergeOutcome>;
}
