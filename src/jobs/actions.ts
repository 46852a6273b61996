/**
 * The task pane's contract: what each panel can ask for. Two implementations exist: one over
 * the live workbook (Office.js host) and one over picked files (standalone web page). The
 * components receive an object of this type as a prop and never call a host themselves.
 */
import type { LegacyFormat } from "../files/formats";
import type { Finding } from "../form/findings";
import type { MergeResult } from "../form/merge-types";
import type { Period, Ymd } from "../form/period";

/** Where the jobs run: the live workbook in Excel or in WPS 表格, or picked files. */
export type Mode = "excel" | "wps" | "file";

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

/** A small string store: document settings in Excel, localStorage in file mode. */
export interface SettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { deadlineDay: 10, startMonth: 1 };

/** Allowed whole-number range of each setting. */
export const SETTING_RANGE: Readonly<Record<keyof Settings, { min: number; max: number }>> = {
  deadlineDay: { min: 1, max: 31 },
  startMonth: { min: 1, max: 12 },
};

/** Store keys; the remembered unit sits beside the settings. */
export const SETTING_KEYS: Readonly<Record<keyof Settings, string>> = {
  deadlineDay: "yuebao.deadlineDay",
  startMonth: "yuebao.startMonth",
};
export const UNIT_KEY = "yuebao.unit";
/** The county office that signs the 催报 text and heads the county total. */
export const SENDER_KEY = "yuebao.sender";

export function settingInRange(name: keyof Settings, n: number): boolean {
  return Number.isInteger(n) && n >= SETTING_RANGE[name].min && n <= SETTING_RANGE[name].max;
}

/** The stored settings; a missing or out-of-range value falls back to its default. */
export function readSettings(store: Pick<SettingsStore, "get">): Settings {
  const read = (name: keyof Settings): number => {
    const raw = store.get(SETTING_KEYS[name]);
    const n = raw === null || raw.trim() === "" ? NaN : Number(raw);
    return settingInRange(name, n) ? n : DEFAULT_SETTINGS[name];
  };
  return { deadlineDay: read("deadlineDay"), startMonth: read("startMonth") };
}

/** Stores valid settings; an out-of-range value is a programming error (the form validates first). */
export function writeSettings(store: SettingsStore, next: Settings): void {
  for (const name of ["deadlineDay", "startMonth"] as const) {
    if (!settingInRange(name, next[name]))
      throw new RangeError(
        `${name} must be a whole number from ${SETTING_RANGE[name].min} to ${SETTING_RANGE[name].max}, not ${next[name]}`,
      );
  }
  store.set(SETTING_KEYS.deadlineDay, String(next.deadlineDay));
  store.set(SETTING_KEYS.startMonth, String(next.startMonth));
}

export type InsertOutcome =
  { status: "inserted"; sheet: string } | { status: "exists"; sheet: string } | { status: "downloaded"; fileName: string };

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
  /** Last month's report (a unit's file, or last month's county workbook): checks the 累计数. */
  prior?: PickedFile;
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
  /**
   * Excel: write over 累计数 cells that already hold a different number or text. Without it,
   * such cells make the job stop before writing and return them in `confirm`.
   */
  overwrite?: boolean;
}

/** A 累计数 cell the fill would change (plain numbers; current undefined = not a number). */
export interface FillConflict {
  item: string;
  cell: string;
  current: number | undefined;
  computed: number;
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
  /** The picked file was .xls / .et / .ods / .xlsb: fileName is a new .xlsx (file mode). */
  convertedFrom?: LegacyFormat;
  /** Cells written over a typed value that differed (was → now); absent or empty when none. */
  changed?: FillConflict[];
  /** Nothing was written: these cells hold other values; ask, then run again with overwrite. */
  confirm?: FillConflict[];
}

export interface MergeRequest {
  files: PickedFile[];
  roster?: PickedFile;
  prior?: PickedFile;
  period: Period;
  /** The county office signing the 催报 text and heading the total (blank: the default name). */
  sender?: string;
  /** After the deadline: the day the 催报 text asks for (unset: today). */
  resendBy?: Ymd;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface MergeOutcome {
  result: MergeResult;
  /** Sheets written (Excel) or the file downloaded (file mode). */
  written: string[];
  /** Ready-to-send reminder text (催报) for missing and wrong units. */
  reminder: string;
}

export type { MonthsHeld } from "./merge-files";
import type { MonthsHeld } from "./merge-files";

export interface PaneActions {
  mode: Mode;
  /** The settings the jobs use now (reflects saveSettings at once). */
  readonly settings: Settings;
  /** Stores new settings and makes every later job use them; no reload needed. */
  saveSettings(next: Settings): void;
  /** The unit remembered for this document (Excel) or this browser (file mode). */
  rememberedUnit(): string;
  rememberUnit(unit: string): void;
  /** The sender's name remembered like the unit ("" when none was set). */
  rememberedSender(): string;
  rememberSender(name: string): void;
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
  /** The months the picked unit files hold (to preselect the month most of them hold). */
  monthsHeld?(files: PickedFile[]): Promise<MonthsHeld>;
}
