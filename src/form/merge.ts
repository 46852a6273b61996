/**
 * Many units' reports for one period → a county total. Files are added one at a time and
 * only their 22 figures and findings are kept, so memory stays flat however many files come.
 * The result does not depend on the order files arrive in.
 */
import { cumulativeFigures, expectedCumulative } from "./cumulative";
import { hasErrors, type Finding, type FindingOf } from "./findings";
import type { WorkbookGrids } from "./grid";
import { cleanUnitName, locateReports, noReportFinding, pickReport, priorReport } from "./locate";
import type { FileOutcome, MergeResult, TotalRow } from "./merge-types";
import { addMonths, compareYmd, periodKey, samePeriod, type Period } from "./period";
import { PriorPool, type PriorUnit } from "./prior-units";
import { formatScaled, fromScaled, type UnitReport } from "./report";
import { matchUnit, unitFromFileName, unitKey, type Roster } from "./roster";
import type { Problem } from "./problems";
import type { FormSpec } from "./spec";
import { deadlineFor, isLate, validateReport } from "./validate";

export interface MergeOptions {
  spec: FormSpec;
  period: Period;
  startMonth: number;
  deadlineDay: number;
  roster?: Roster;
  /** Last month's county total (a report in the annex layout), to check the county 累计. */
  priorCounty?: UnitReport;
  /** Last month's units from the county detail sheet: each unit's own 累计 chain is checked. */
  priorUnits?: readonly PriorUnit[];
}

interface Pending {
  outcome: FileOutcome;
  /** Grouping key for duplicates (roster unit or normalised name). */
  key?: string;
}

export class Merger {
  private readonly pending: Pending[] = [];

  private readonly priors: PriorPool;

  constructor(private readonly opts: MergeOptions) {
    this.priors = new PriorPool().add((opts.priorUnits ?? []).filter((u) => samePeriod(u.period, addMonths(opts.period, -1))));
  }

  /** A workbook that could not be read at all, and why. */
  addUnreadable(file: string, problem: Problem): FileOutcome {
    const outcome: FileOutcome = {
      file,
      status: "unreadable",
      late: false,
      findings: [{ severity: "error", code: "unreadable", sheet: "", params: { problem } }],
    };
    this.pending.push({ outcome });
    return outcome;
  }

  /** Locates, validates and records one unit workbook; returns its (provisional) outcome. */
  addWorkbook(file: string, workbook: WorkbookGrids): FileOutcome {
    const { spec, period } = this.opts;
    const reports = locateReports(workbook, spec, { fileName: file, requested: period });
    const report = pickReport(reports, period);
    if (!report) {
      const outcome: FileOutcome = { file, status: "skipped", late: false, findings: [noReportFinding(reports, period, "warning")] };
      this.pending.push({ outcome });
      return outcome;
    }
    return this.addReport(file, report, reports);
  }

  /** Adds a report already located (the live workbook, or a test). */
  addReport(file: string, report: UnitReport, sameWorkbook: readonly UnitReport[] = []): FileOutcome {
    const { spec, period, roster } = this.opts;
    // A workbook that also holds last month lets us check the unit's own 累计 chain.
    const prior = priorReport(sameWorkbook, period, report);
    const written = report.unit?.name;
    let rosterUnit: string | undefined;
    if (roster && roster.units.length > 0) {
      rosterUnit = (written ? matchUnit(written, roster) : unitFromFileName(file, roster))?.name;
    } else if (written) {
      rosterUnit = cleanUnitName(written).replace(/(人民政府|政府)$/u, "");
    }
    // Else its own row in last month's county detail.
    const fromCounty = prior
      ? undefined
      : (this.priors.find(rosterUnit, addMonths(period, -1)) ?? this.priors.find(written, addMonths(period, -1)));
    const findings = validateReport(report, spec, {
      period,
      startMonth: this.opts.startMonth,
      deadlineDay: this.opts.deadlineDay,
      roster,
      priorCumulative: prior ? cumulativeFigures(prior) : fromCounty?.cumulative,
    }).map((f) =>
      fromCounty && f.code === "cumulative-mismatch" && f.params.prior !== ""
        ? namedMismatch(f, rosterUnit ?? written ?? fromCounty.unit, fromCounty.period)
        : f,
    );
    const figures: NonNullable<FileOutcome["figures"]> = {};
    for (const f of report.items) figures[f.item] = { month: f.month.scaled ?? 0, cumulative: f.cumulative.scaled ?? 0 };
    const outcome: FileOutcome = {
      file,
      sheet: report.sheet,
      unit: written,
      rosterUnit,
      status: hasErrors(findings) ? "excluded" : "included",
      submitted: report.submitted?.date,
      late: isLate(report.submitted?.date, period, this.opts.deadlineDay),
      findings,
      figures,
    };
    const key = written ? (roster && rosterUnit ? "r:" + rosterUnit : "n:" + unitKey(written)) : rosterUnit ? "r:" + rosterUnit : undefined;
    this.pending.push({ outcome, key });
    return outcome;
  }

  finish(): MergeResult {
    const { spec, period, roster } = this.opts;
    const outcomes = this.pending.map((p) => ({ ...p, outcome: { ...p.outcome, findings: [...p.outcome.findings] } }));
    outcomes.sort((a, b) => compareText(a.outcome.file, b.outcome.file) || compareText(a.outcome.sheet ?? "", b.outcome.sheet ?? ""));

    // Duplicates: one report per unit counts. The winner does not depend on file order:
    // a clean report beats one with errors, then the later 填报时间, then the file name.
    const groups = new Map<string, Pending[]>();
    for (const p of outcomes) {
      if (!p.key) continue;
      const g = groups.get(p.key) ?? [];
      g.push(p);
      groups.set(p.key, g);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const ranked = [...group].sort((a, b) => rank(a.outcome, b.outcome));
      const winner = ranked[0].outcome;
      for (const loser of ranked.slice(1)) {
        loser.outcome.status = "duplicate";
        loser.outcome.duplicateOf = winner.file;
        loser.outcome.findings.unshift({
          severity: "warning",
          code: "duplicate",
          sheet: loser.outcome.sheet ?? "",
          params: { other: winner.file, unit: winner.rosterUnit ?? winner.unit ?? "" },
        });
      }
    }

    const files = outcomes.map((p) => p.outcome);
    const included = files.filter((f) => f.status === "included");
    // Sums stay in exact scaled integers; plain numbers only for the result rows.
    const sums = spec.items.map((item) => {
      let month = 0;
      let cumulative = 0;
      for (const f of included) {
        month += f.figures?.[item.id]?.month ?? 0;
        cumulative += f.figures?.[item.id]?.cumulative ?? 0;
      }
      return { item, month, cumulative };
    });
    const totals: TotalRow[] = sums.map(({ item, month, cumulative }) => ({
      item: item.id,
      label: item.label,
      unit: item.unit,
      month: fromScaled(month),
      cumulative: fromScaled(cumulative),
    }));

    const reported = new Set(
      files.filter((f) => f.status === "included" || f.status === "excluded" || f.status === "duplicate").map((f) => f.rosterUnit),
    );
    const missing = roster ? roster.units.map((u) => u.name).filter((n) => !reported.has(n)) : [];
    const late = files
      .filter((f) => (f.status === "included" || f.status === "excluded") && f.late)
      .map((f) => f.rosterUnit ?? f.unit ?? f.file);

    const findings: Finding[] = [];
    // Units in last month's county detail that sent nothing this month.
    const sent = new Set(
      files
        .filter((f) => f.status === "included" || f.status === "excluded" || f.status === "duplicate")
        .flatMap((f) => [f.rosterUnit, f.unit].filter((u): u is string => !!u).map(unitKey)),
    );
    for (const u of this.priors.all())
      if (!sent.has(unitKey(u.unit)))
        findings.push({
          severity: "warning",
          code: "prior-unit-not-reported",
          sheet: "",
          params: { unit: u.unit, priorPeriod: periodKey(u.period) },
        });
    if (this.opts.priorCounty) {
      const prior = cumulativeFigures(this.opts.priorCounty);
      for (const { item, month: m, cumulative: c } of sums) {
        const expected = expectedCumulative(m, prior[item.id], period, this.opts.startMonth);
        if (expected !== undefined && expected !== c)
          findings.push({
            severity: "warning",
            code: "county-cumulative-mismatch",
            sheet: "",
            params: {
              item: item.label,
              itemId: item.id,
              actual: formatScaled(c),
              prior: formatScaled(prior[item.id] ?? 0),
              month: formatScaled(m),
              expected: formatScaled(expected),
            },
          });
      }
    }

    return {
      period,
      files,
      missing,
      late,
      findings,
      totals,
      includedCount: included.length,
      deadline: deadlineFor(period, this.opts.deadlineDay),
    };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(a: FileOutcome, b: FileOutcome): number {
  const ea = a.status === "excluded" ? 1 : 0;
  const eb = b.status === "excluded" ? 1 : 0;
  if (ea !== eb) return ea - eb;
  if (a.submitted && b.submitted) {
    const c = compareYmd(b.submitted, a.submitted);
    if (c !== 0) return c;
  } else if (a.submitted !== b.submitted) return a.submitted ? -1 : 1;
  return compareText(a.file, b.file) || compareText(a.sheet ?? "", b.sheet ?? "");
}

/** Convenience for one-shot merges (tests, small batches). */
export function mergeWorkbooks(workbooks: ReadonlyArray<{ file: string; workbook: WorkbookGrids }>, opts: MergeOptions): MergeResult {
  const m = new Merger(opts);
  for (const w of workbooks) m.addWorkbook(w.file, w.workbook);
  return m.finish();
}

/** The unit's chain mismatch against last month's county detail: the message names the unit and the month. */
function namedMismatch(f: FindingOf<"cumulative-mismatch">, unit: string, priorPeriod: Period): Finding {
  const { item, itemId, expected, actual, month, prior } = f.params;
  return {
    ...f,
    code: "unit-cumulative-mismatch",
    params: { item, itemId, unit, priorPeriod: periodKey(priorPeriod), prior, month, expected, actual },
  };
}
