/**
 * The merge over files, shared by the command line and the web page. Files are read a few
 * ahead (reading overlaps parsing, which may run on workers) and taken in input order, each
 * dropped after its figures are taken, so memory does not grow with the count.
 */
import { decodeText } from "../form/decode-text";
import type { WorkbookGrids } from "../form/grid";
import { locateReports, pickReport } from "../form/locate";
import { Merger, type MergeOptions } from "../form/merge";
import type { MergeResult } from "../form/merge-types";
import { addMonths, periodKey, type Period } from "../form/period";
import { JobError } from "./job-error";
import type { UnitReport } from "../form/report";
import { parseRosterText, rosterFromGrid, type Roster } from "../form/roster";
import type { FormSpec } from "../form/spec";
import { matchKey } from "../form/text";
import { forEachInOrder } from "./ordered";
import { detailPriors, type PriorUnit } from "../form/prior-units";
import { unreadableProblem, type ByteSource, type ParseWorkbook } from "./sources";
import type { Problem } from "../form/problems";

export interface MergeFilesOptions extends Omit<MergeOptions, "roster" | "priorCounty"> {
  roster?: Roster;
  priorCounty?: UnitReport;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Files read and parsed ahead of the one being merged (default 4; a worker pool wants more). */
  ahead?: number;
  /** Reads and parses one file (default: `parse` of `read()`); a worker pool may read it itself. */
  load?: (src: ByteSource) => Promise<WorkbookGrids>;
}

/** Read ahead by default: enough to hide a disk's latency, few enough to keep memory flat. */
export const DEFAULT_AHEAD = 4;

export async function mergeFiles(sources: readonly ByteSource[], parse: ParseWorkbook, opts: MergeFilesOptions): Promise<MergeResult> {
  const merger = new Merger(opts);
  opts.onProgress?.(0, sources.length, sources[0]?.name ?? "");
  await forEachInOrder(
    sources,
    opts.load ?? (async (src) => parse(await src.read(), src.name)),
    (r, src, i) => {
      try {
        if (!r.ok) throw r.error;
        merger.addWorkbook(src.name, r.value);
      } catch (err) {
        merger.addUnreadable(src.name, unreadableProblem(err, src.name));
      }
      opts.onProgress?.(i + 1, sources.length, sources[i + 1]?.name ?? "");
    },
    opts.ahead ?? DEFAULT_AHEAD,
  );
  return merger.finish();
}

/**
 * The wrong month must not produce a total: when no file holds a report for the month asked
 * for (whether read or not), nothing is written and the months they do hold are named.
 */
export function refuseWrongMonth(result: MergeResult, opts: { sayWhyUnreadable?: boolean } = {}): void {
  const reported = result.files.some((f) => f.status === "included" || f.status === "excluded" || f.status === "duplicate");
  const skipped = result.files.filter((f) => f.status === "skipped");
  const unreadable = result.files.filter((f) => f.status === "unreadable").length;
  // Files that could not be read hold no month either: an all-zero total for them is as wrong.
  if (reported || skipped.length + unreadable === 0) return;
  const found = new Set<string>();
  for (const f of skipped)
    for (const x of f.findings)
      if (x.code === "no-report-for-period") for (const k of x.params.found.split(/,\s*/).filter(Boolean)) found.add(k);
  // Months in order ("2018-06" < "2018-07" as keys), an unknown month last.
  const keys = [...found].sort((a, b) => (a === "?" ? 1 : b === "?" ? -1 : a < b ? -1 : a > b ? 1 : 0));
  // When nothing could be read, say why for the first few files (the command line prints a line
  // per file itself and passes sayWhyUnreadable: false).
  const why: Problem[] = [];
  if (keys.length === 0 && opts.sayWhyUnreadable !== false)
    for (const f of result.files) {
      const x = f.findings.find((g) => g.code === "unreadable");
      if (x && x.code === "unreadable" && why.length < UNREADABLE_SAID) why.push(x.params.problem);
    }
  throw new JobError("no-report-for-month", {
    period: periodKey(result.period),
    found: keys,
    unreadable,
    ...(why.length ? { unreadableFiles: why } : {}),
  });
}

/** Reasons given in a refusal: enough to see what went wrong, short enough to read in a pane. */
const UNREADABLE_SAID = 5;

const ROSTER_SHEET = matchKey("单位名册");

/** A roster from a text file (UTF-8, UTF-16 or GBK: decodeText), or from the 单位名册 sheet (else the first sheet) of a workbook. */
export async function loadRoster(src: ByteSource, parse: ParseWorkbook): Promise<Roster> {
  const bytes = await src.read();
  // A workbook is a zip (.xlsx, .ods) or OLE2 (.xls, .et); anything else is the roster as text.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole2 = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (/\.(txt|csv)$/i.test(src.name) || !(zip || ole2)) {
    return parseRosterText(decodeText(bytes, src.name).text);
  }
  const wb = await parse(bytes, src.name);
  const sheet = wb.sheets.find((s) => matchKey(s.sheet) === ROSTER_SHEET) ?? wb.sheets[0];
  return sheet ? rosterFromGrid(sheet) : { units: [] };
}

/** Last month's county total (or any report) for the month before `period`. */
export async function loadPriorReport(
  src: ByteSource,
  parse: ParseWorkbook,
  spec: FormSpec,
  period: Period,
): Promise<UnitReport | undefined> {
  const wb = await parse(await src.read(), src.name);
  return pickReport(locateReports(wb, spec, { fileName: src.name, requested: addMonths(period, -1) }), addMonths(period, -1));
}

/**
 * Last month's county workbook: its total and, when it keeps one, its 单位名册 — so a county
 * office that picks last month's file need not pick the roster again. One parse for both.
 */
export async function loadPriorCounty(
  src: ByteSource,
  parse: ParseWorkbook,
  spec: FormSpec,
  period: Period,
): Promise<{ report?: UnitReport; roster?: Roster; units: PriorUnit[] }> {
  const wb = await parse(await src.read(), src.name);
  const report = pickReport(locateReports(wb, spec, { fileName: src.name, requested: addMonths(period, -1) }), addMonths(period, -1));
  const sheet = wb.sheets.find((s) => matchKey(s.sheet) === ROSTER_SHEET);
  const roster = sheet ? rosterFromGrid(sheet) : undefined;
  return { report, roster: roster && roster.units.length > 0 ? roster : undefined, units: detailPriors(wb, spec) };
}

export interface CountyInputs {
  roster?: Roster;
  priorCounty?: UnitReport;
  /** Last month's units from the county detail sheet (each unit's chain is checked against its row). */
  priorUnits?: PriorUnit[];
}

/**
 * What a county merge checks against, the same in Excel, the browser and the command line:
 * the roster from a picked file, else the county workbook's own 单位名册 (Excel), else the one
 * kept in last month's county file; last month's total from a picked file, else the county
 * workbook's own.
 */
export async function loadCountyInputs(
  picked: { roster?: ByteSource; prior?: ByteSource },
  parse: ParseWorkbook,
  spec: FormSpec,
  period: Period,
  inWorkbook: CountyInputs = {},
): Promise<CountyInputs> {
  const prior = picked.prior ? await loadPriorCounty(picked.prior, parse, spec, period) : undefined;
  const roster = picked.roster ? await loadRoster(picked.roster, parse) : (inWorkbook.roster ?? prior?.roster);
  return {
    roster,
    priorCounty: picked.prior ? prior?.report : inWorkbook.priorCounty,
    priorUnits: picked.prior ? prior?.units : inWorkbook.priorUnits,
  };
}

export interface MonthsHeld {
  /** Months by how many files hold a report for them, most first (then the later month). */
  months: Array<{ period: Period; files: number }>;
  /** Files read (unreadable ones are not counted). */
  read: number;
}

/** Which months the picked files hold, so the pane can preselect the month most of them hold. */
export async function monthsHeld(sources: readonly ByteSource[], parse: ParseWorkbook, spec: FormSpec): Promise<MonthsHeld> {
  const counts = new Map<string, { period: Period; files: number }>();
  let read = 0;
  for (const src of sources) {
    try {
      const reports = locateReports(await parse(await src.read(), src.name), spec, { fileName: src.name });
      read++;
      const keys = new Set<string>();
      for (const r of reports) if (r.period) keys.add(periodKey(r.period));
      for (const k of keys) {
        const r = reports.find((x) => x.period && periodKey(x.period) === k);
        if (!r?.period) continue;
        const c = counts.get(k) ?? { period: r.period, files: 0 };
        c.files++;
        counts.set(k, c);
      }
    } catch {
      // An unreadable file holds no month; merge says why.
    }
  }
  const months = [...counts.values()].sort((a, b) => b.files - a.files || b.period.year - a.period.year || b.period.month - a.period.month);
  return { months, read };
}
