import { hasErrors, type Finding } from "../form/findings";
import { locateReports, noReportFinding } from "../form/locate";
import { periodKey } from "../form/period";
import type { UnitReport } from "../form/report";
import { ANNEX } from "../form/spec";
import { checkReport, reportsToCheck } from "../jobs/check-report";
import { loadRoster } from "../jobs/merge-files";
import { describeProblem } from "../form/problem-messages";
import { unreadableProblem } from "../jobs/sources";
import type { ParsedArgs } from "./args";
import { inOrder } from "../jobs/ordered";
import { common, fileParser, fileSource, findingLine, jsonFinding, parse, pathSource, writeOutputs, type Io } from "./common";
import { say } from "./text";

interface Checked {
  file: string;
  sheet?: string;
  unit?: string;
  period?: string;
  unreadable?: string;
  findings: Finding[];
}

export async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args, false);
  const wantPeriod = args.options.has("period") ? c.period : undefined;
  const rosterPath = args.options.get("roster");
  const roster = rosterPath ? await loadRoster(fileSource(rosterPath), parse) : undefined;
  const results: Checked[] = [];
  // Files are read (and parsed, on workers when there are cores) a few ahead, taken in order.
  const parser = fileParser(args.files.length);
  for await (const { item: path, result } of inOrder(args.files, (p) => parser.load(pathSource(p)), parser.ahead)) {
    const src = pathSource(path);
    let reports: UnitReport[];
    try {
      if (!result.ok) throw result.error;
      reports = locateReports(result.value, ANNEX, { fileName: src.name, requested: wantPeriod });
    } catch (err) {
      results.push({ file: path, unreadable: describeProblem(unreadableProblem(err, src.name), c.lang), findings: [] });
      continue;
    }
    const chosen = reportsToCheck(reports, wantPeriod);
    if (chosen.length === 0) {
      results.push({ file: path, findings: [noReportFinding(reports, wantPeriod)] });
      continue;
    }
    for (const report of chosen) {
      const checked = checkReport(
        report,
        reports,
        { spec: ANNEX, startMonth: c.startMonth, deadlineDay: c.deadlineDay, roster },
        wantPeriod,
      );
      results.push({
        file: path,
        sheet: report.sheet,
        unit: report.unit?.name,
        period: checked.period ? periodKey(checked.period) : undefined,
        findings: checked.findings,
      });
    }
  }
  parser.close();

  let errors = 0;
  for (const r of results) {
    if (r.unreadable) {
      errors++;
      io.out(`✗ ${r.file}${say(c.lang, "：", ": ")}${r.unreadable}`);
      continue;
    }
    const bad = hasErrors(r.findings);
    if (bad) errors++;
    const head = [r.file, r.sheet, r.unit, r.period].filter(Boolean).join(" › ");
    const e = r.findings.filter((f) => f.severity === "error").length;
    const w = r.findings.length - e;
    io.out(`${bad ? "✗" : "✓"} ${head}${say(c.lang, `：错误${e}项，警告${w}项`, `: ${e} error(s), ${w} warning(s)`)}`);
    for (const f of r.findings) io.out(findingLine(f, c.lang));
  }
  const jsonPath = args.options.get("json");
  if (jsonPath) {
    const json = results.map((r) => ({
      file: r.file,
      sheet: r.sheet ?? null,
      unit: r.unit ?? null,
      period: r.period ?? null,
      unreadable: r.unreadable ?? null,
      findings: r.findings.map((f) => jsonFinding(f, c.lang)),
    }));
    await writeOutputs([{ path: jsonPath, data: JSON.stringify(json, null, 2) + "\n" }], args);
  }
  // 2 means nothing written: with --json written, unreadable files are a 1 as in merge.
  return errors === 0 ? 0 : results.every((r) => r.unreadable) && !jsonPath ? 2 : 1;
}
