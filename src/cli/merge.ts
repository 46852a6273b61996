import type { Lang } from "../form/lang";
import { countyPlans } from "../form/county-plans";
import type { MergeResult } from "../form/merge-types";
import { findingMessage, statusLabel } from "../form/messages";
import { periodKey, periodLabelZh } from "../form/period";
import { buildReminder } from "../form/reminder";
import { ANNEX } from "../form/spec";
import { zlibCrc32, zlibDeflate } from "../files/node";
import { writeWorkbook } from "../files/write";
import { loadCountyInputs, mergeFiles, refuseWrongMonth } from "../jobs/merge-files";
import type { ParsedArgs } from "./args";
import { common, fileParser, fileSource, findingLine, jsonFinding, parse, pathSource, todayYmd, writeOutputs, type Io } from "./common";
import type { Output } from "./output";
import { dateOption } from "./prepare";
import { say } from "./text";

export async function mergeCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args);
  const resendBy = dateOption(args, "resend-by");
  // Files, --out and --json were checked by prepare before anything is read.
  const out = args.options.get("out") as string;
  const rosterPath = args.options.get("roster");
  const priorPath = args.options.get("prior");
  // Without --roster, last month's county workbook may carry its 单位名册.
  const { roster, priorCounty, priorUnits } = await loadCountyInputs(
    { roster: rosterPath ? fileSource(rosterPath) : undefined, prior: priorPath ? fileSource(priorPath) : undefined },
    parse,
    ANNEX,
    c.period,
  );
  if (priorPath && !priorCounty && !priorUnits?.length)
    io.err(
      say(
        c.lang,
        `注意：“${priorPath}”中没有上月汇总表，未核对累计数。`,
        `Note: "${priorPath}" holds no total for last month; county cumulative figures were not checked.`,
      ),
    );

  const total = args.files.length;
  let lastShown = -1;
  const parser = fileParser(total);
  const result = await mergeFiles(args.files.map(pathSource), parser.parse, {
    spec: ANNEX,
    period: c.period,
    startMonth: c.startMonth,
    deadlineDay: c.deadlineDay,
    roster,
    priorCounty,
    priorUnits,
    onProgress: (done, n, file) => {
      if (n < 20) return;
      if (io.tty)
        io.err(`\r${say(c.lang, "正在读取", "Reading")} ${done}/${n} ${file}`.padEnd(60).slice(0, 100) + (done === n ? "\n" : ""));
      else if (Math.floor((done * 10) / n) !== lastShown) {
        lastShown = Math.floor((done * 10) / n);
        io.err(`${say(c.lang, "正在读取", "Reading")} ${done}/${n}`);
      }
    },
    ahead: parser.ahead,
    load: parser.load,
  }).finally(() => parser.close());

  // No file holds a report for this month: exit 2, nothing written (the error names the months
  // they hold; the lines of files that could not be read say why, before it).
  try {
    refuseWrongMonth(result, { sayWhyUnreadable: false });
  } catch (err) {
    printFileLines(result, c.lang, io);
    throw err;
  }
  const today = todayYmd(io);
  const county = args.options.get("county") ?? say(c.lang, "县安委办", "County office");
  // The roster goes into the county workbook (单位名册) so next month it serves as --roster too.
  const plans = countyPlans(ANNEX, result, { county, date: today, keepRoster: roster });
  const jsonPath = args.options.get("json");
  const outputs: Output[] = [{ path: out, data: writeWorkbook(plans, { creator: "Yuebao", deflateRaw: zlibDeflate, crc32: zlibCrc32 }) }];
  if (jsonPath) outputs.push({ path: jsonPath, data: JSON.stringify(toJson(result, c.lang), null, 2) + "\n" });
  // Both or neither: "2 = nothing written" stays true.
  await writeOutputs(outputs, args);
  printSummary(result, c.lang, io, total);
  io.out("");
  io.out(
    buildReminder(result, {
      spec: ANNEX,
      // The sender: --office, else the county office named by --county.
      office: args.options.get("office") ?? args.options.get("county") ?? say(c.lang, "县安委办", "the county office"),
      today,
      lang: c.lang,
      roster: roster !== undefined,
      resendBy,
    }),
  );
  io.out(say(c.lang, `县汇总表已写入：${out}`, `County workbook written: ${out}`));
  const clean = result.files.every((f) => f.status === "included");
  return clean ? 0 : 1;
}

function printSummary(r: MergeResult, lang: Lang, io: Io, total: number): void {
  const count = (s: string) => r.files.filter((f) => f.status === s).length;
  io.out(
    say(
      lang,
      `${periodLabelZh(r.period)}：共${total}个文件，已汇总${r.includedCount}个单位；有误未汇总${count("excluded")}个，重复${count("duplicate")}个，无本月报表${count("skipped")}个，无法读取${count("unreadable")}个；未报${r.missing.length}个，迟报${r.late.length}个。`,
      `${periodKey(r.period)}: ${total} file(s), ${r.includedCount} unit(s) merged; excluded ${count("excluded")}, duplicate ${count("duplicate")}, no report for the month ${count("skipped")}, unreadable ${count("unreadable")}; missing ${r.missing.length}, late ${r.late.length}.`,
    ),
  );
  printFileLines(r, lang, io);
  if (r.missing.length) io.out(say(lang, `未报：${r.missing.join("、")}`, `Missing: ${r.missing.join(", ")}`));
  if (r.late.length) io.out(say(lang, `迟报：${r.late.join("、")}`, `Late: ${r.late.join(", ")}`));
  for (const f of r.findings) io.out(`  ${findingMessage(f, lang)}`);
}

/** One line per file that was not merged cleanly, with its findings under it. */
function printFileLines(r: MergeResult, lang: Lang, io: Io): void {
  for (const f of r.files) {
    if (f.status === "included" && f.findings.length === 0) continue;
    const mark = f.status === "included" ? "•" : "✗";
    io.out(
      lang === "zh"
        ? `${mark} ${f.file}${f.unit ? `（${f.unit}）` : ""}：${statusLabel(f.status, lang)}`
        : `${mark} ${f.file}${f.unit ? ` (${f.unit})` : ""}: ${statusLabel(f.status, lang)}`,
    );
    for (const x of f.findings) io.out(findingLine(x, lang));
  }
}

export function toJson(r: MergeResult, lang: Lang) {
  return {
    period: periodKey(r.period),
    files: r.files.map((f) => ({
      file: f.file,
      unit: f.unit ?? null,
      rosterUnit: f.rosterUnit ?? null,
      status: f.status,
      sheet: f.sheet ?? null,
      duplicateOf: f.duplicateOf ?? null,
      late: f.late,
      findings: f.findings.map((x) => jsonFinding(x, lang)),
    })),
    missing: r.missing,
    late: r.late,
    findings: r.findings.map((x) => jsonFinding(x, lang)),
    totals: r.totals.map((t) => ({ item: t.item, label: t.label, unit: t.unit, month: t.month, cumulative: t.cumulative })),
  };
}
