/** 累计数 for a report in a file: find the month, find last month, patch the cells in place. */
import { planFill, type PriorRef } from "../form/cumulative";
import type { Finding } from "../form/findings";
import { locateReports, noReportFinding, pickReport, priorReport } from "../form/locate";
import { addMonths, type Period } from "../form/period";
import type { FormSpec } from "../form/spec";
import type { RangeWrite } from "../form/plan";
import { fillWrites } from "./fill-writes";
import type { ParseWorkbook } from "./sources";

export type PatchWorkbook = (bytes: Uint8Array, name: string, writes: RangeWrite[]) => Uint8Array;

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
  /** The patched workbook, or undefined when nothing could be written. */
  bytes?: Uint8Array;
  sheet?: string;
  priorSource: string;
  written: number;
  findings: Finding[];
}

export function fillFile(req: FillFileRequest, parse: ParseWorkbook, patch: PatchWorkbook): FillFileResult {
  const wb = parse(req.bytes, req.name);
  const reports = locateReports(wb, req.spec, { fileName: req.name, requested: req.period });
  const report = pickReport(reports, req.period);
  if (!report) return { priorSource: "", written: 0, findings: [noReportFinding(reports, req.period)] };
  const priorPeriod = addMonths(req.period, -1);
  let prior: PriorRef | undefined;
  let priorSource = "";
  const inBook = priorReport(reports, req.period, report);
  if (inBook) {
    prior = { report: inBook, sameWorkbookSheet: inBook.sheet };
    priorSource = `${req.name} › ${inBook.sheet}`;
  } else if (req.prior) {
    const pw = parse(req.prior.bytes, req.prior.name);
    const pr = pickReport(locateReports(pw, req.spec, { fileName: req.prior.name, requested: priorPeriod }), priorPeriod);
    if (pr) {
      prior = { report: pr };
      priorSource = `${req.prior.name} › ${pr.sheet}`;
    }
  }
  const plan = planFill(report, req.period, req.startMonth, prior, req.mode, req.spec);
  const findings = plan.findings;
  if (plan.cells.length === 0) return { sheet: report.sheet, priorSource, written: 0, findings };
  // plan.replaces needs no question here: the result is a new file, the clerk's own is untouched.
  const bytes = patch(req.bytes, req.name, fillWrites(plan, report.sheet));
  return { bytes, sheet: report.sheet, priorSource, written: plan.cells.length, findings };
}
