import { hasErrors, type Finding } from "../form/findings";
import { locateReports, noReportFinding } from "../form/locate";
import { periodKey } from "../form/period";
import { PriorPool, reportPriors } from "../form/prior-units";
import type { UnitReport } from "../form/report";
import { ANNEX } from "../form/spec";
import { checkFileReports, priorsOf, reportsToCheck, servedAsPrior } from "../jobs/check-report";
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
  /** The file holds only last month's report of a unit checked here. */
  priorOnly?: boolean;
  findings: Finding[];
}

export async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args, false);
  const wantPeriod = args.options.has("period") ? c.period : undefined;
  const rosterPath = args.options.get("roster");
  const roster = rosterPath ? await loadRoster(fileSource(rosterPath), parse) : undefined;
  const results: Checked[] = [];
  // Every file is read first (parsed a few ahead, on workers when there are cores, taken in
  // order): reports of other months among them are priors for each other.
  const read: Array<{ path: string; name: string; reports?: UnitReport[]; unreadable?: string }> = [];
  const parser = fileParser(args.files.length);
  for await (const { item: path, result } of inOrder(args.files, (p) => parser.load(pathSource(p)), parser.ahead)) {
    const src = pathSource(path);
    try {
      if (!result.ok) throw result.error;
      read.push({ path, name: src.name, reports: locateReports(result.value, ANNEX, { fileName: src.name, requested: wantPeriod }) });
    } catch (err) {
      read.push({ path, name: src.name, unreadable: describeProblem(unreadableProblem(err, src.name), c.lang) });
    }
  }
  parser.close();
  const priors = new PriorPool();
  const priorPath = args.options.get("prior");
  if (priorPath) {
    const src = pathSource(priorPath);
    const wb = await parse(await src.read(), src.name);
    priors.add(priorsOf(wb, locateReports(wb, ANNEX, { fileName: src.name }), ANNEX));
  }
  for (const f of read) if (f.reports) priors.add(reportPriors(f.reports, f.name));
  for (const { path, reports, unreadable } of read) {
    if (!reports) {
      results.push({ file: path, unreadable, findings: [] });
      continue;
    }
    const chosen = reportsToCheck(reports, wantPeriod);
    if (chosen.length === 0) {
      if (servedAsPrior(reports, read, wantPeriod)) results.push({ file: path, priorOnly: true, findings: [] });
      else results.push({ file: path, findings: [noReportFinding(reports, wantPeriod)] });
      continue;
    }
    for (const { report, period, findings } of checkFileReports(
      chosen,
      reports,
      { spec: ANNEX, startMonth: c.startMonth, deadlineDay: c.deadlineDay, roster, priors },
      wantPeriod,
    )) {
      results.push({ file: path, sheet: report.sheet, unit: report.unit?.name, period: period ? periodKey(period) : undefined, findings });
    }
  }

  let errors = 0;
  for (const r of results) {
    if (r.unreadable) {
      errors++;
      io.out(`✗ ${r.file}${say(c.lang, "：", ": ")}${r.unreadable}`);
      continue;
    }
    if (r.priorOnly) {
      io.out(`· ${r.file}${say(c.lang, "：上月报表，用于核对累计数", ": last month's report, used to check the cumulative figures")}`);
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
      prior: r.priorOnly ?? false,
      findings: r.findings.map((f) => jsonFinding(f, c.lang)),
    }));
    await writeOutputs([{ path: jsonPath, data: JSON.stringify(json, null, 2) + "\n" }], args);
  }
  // 2 means nothing written: with --json written, unreadable files are a 1 as in merge.
  return errors === 0 ? 0 : results.every((r) => r.unreadable) && !jsonPath ? 2 : 1;
}
