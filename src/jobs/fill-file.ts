/**
 * 累计数 for a report in a file: find the month, find last month, write the cells. An .xlsx is
 * patched (everything else in the clerk's file kept); a legacy file (.xls, .et, .ods, .xlsb) is
 * rebuilt as a fresh .xlsx from what was read, never written back half-faithfully in its format.
 */
import { downloadName } from "./download-name";
import { planFill, type PriorRef } from "../form/cumulative";
import type { Finding } from "../form/findings";
import type { WorkbookGrids } from "../form/grid";
import { locateReports, noReportFinding, pickReport, priorReport } from "../form/locate";
import { addMonths, type Period } from "../form/period";
import type { FormSpec } from "../form/spec";
import type { RangeWrite } from "../form/plan";
import type { LegacyFormat, WorkbookFormat } from "../files/formats";
import type { FillConflict } from "./actions";
import { fillConflicts, fillWrites } from "./fill-writes";
import type { ParseWorkbook } from "./sources";

export type PatchWorkbook = (bytes: Uint8Array, name: string, writes: RangeWrite[]) => Uint8Array;

/** How a filled workbook is written: patched when it is .xlsx, else rebuilt as .xlsx. */
export interface FillWriter {
  /** The workbook's format, by content (the guard's verdict). */
  format: (bytes: Uint8Array, name: string) => WorkbookFormat;
  patch: PatchWorkbook;
  /** A fresh .xlsx of every sheet read, with the writes applied. */
  rebuild: (grids: WorkbookGrids, writes: RangeWrite[]) => Uint8Array;
}

export interface FillFileRequest {
  bytes: Uint8Array;
  name: string;
  period: Period;
  startMonth: number;
  mode: "values" | "formulas";
  prior?: { bytes: Uint8Array; name: string };
  spec: FormSpec;
}

export interface FillFileResult {
  /** The written workbook (.xlsx), or undefined when nothing could be written. */
  bytes?: Uint8Array;
  sheet?: string;
  priorSource: string;
  written: number;
  findings: Finding[];
  /** 累计数 cells whose typed value differed and were replaced in the result (was → now). */
  changed: FillConflict[];
  /** Set when the clerk's file was .xls / .et / .ods / .xlsb: the result is a new .xlsx. */
  convertedFrom?: LegacyFormat;
}

export async function fillFile(req: FillFileRequest, parse: ParseWorkbook, writer: FillWriter): Promise<FillFileResult> {
  const wb = await parse(req.bytes, req.name);
  const reports = locateReports(wb, req.spec, { fileName: req.name, requested: req.period });
  const report = pickReport(reports, req.period);
  if (!report) return { priorSource: "", written: 0, findings: [noReportFinding(reports, req.period)], changed: [] };
  const priorPeriod = addMonths(req.period, -1);
  let prior: PriorRef | undefined;
  let priorSource = "";
  const inBook = priorReport(reports, req.period, report);
  if (inBook) {
    prior = { report: inBook, sameWorkbookSheet: inBook.sheet };
    priorSource = `${req.name} › ${inBook.sheet}`;
  } else if (req.prior) {
    const pw = await parse(req.prior.bytes, req.prior.name);
    const pr = pickReport(locateReports(pw, req.spec, { fileName: req.prior.name, requested: priorPeriod }), priorPeriod);
    if (pr) {
      prior = { report: pr };
      priorSource = `${req.prior.name} › ${pr.sheet}`;
    }
  }
  const plan = planFill(report, req.period, req.startMonth, prior, req.mode, req.spec);
  const findings = plan.findings;
  if (plan.cells.length === 0) return { sheet: report.sheet, priorSource, written: 0, findings, changed: [] };
  // plan.replaces needs no question here (the result is a new file, the clerk's own is untouched),
  // but every typed value that was wrong is listed.
  const writes = fillWrites(plan, report.sheet);
  const format = writer.format(req.bytes, req.name);
  const done = { sheet: report.sheet, priorSource, written: plan.cells.length, findings, changed: fillConflicts(plan.replaces) };
  if (format === "xlsx") return { ...done, bytes: writer.patch(req.bytes, req.name, writes) };
  return { ...done, bytes: writer.rebuild(wb, writes), convertedFrom: format };
}

/** The name of a fill's result: "-累计" added, and .xlsx for every input but .xlsm. */
export function filledFileName(name: string): string {
  const m = /\.(xlsx|xlsm|xls|et|ett|ods|xlsb)$/i.exec(name);
  const stem = m ? name.slice(0, m.index) : name;
  // Cleaned and cut like every download name (the unit's file name is someone else's text).
  return downloadName(`${stem}-累计`, m && m[1].toLowerCase() === "xlsm" ? ".xlsm" : ".xlsx");
}
