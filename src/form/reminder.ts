/**
 * The 催报 text county staff paste into a work chat: who has not reported, who must correct,
 * who was late. It never says every unit reported when one was late, missing, excluded, sent
 * the wrong month or could not be read, nor when no roster says who should have reported.
 */
import type { FileOutcome, MergeResult } from "./merge-types";
import { findingMessage } from "./messages";
import type { Lang } from "./lang";
import { compareYmd, periodKey, periodLabelZh, ymdKey, type Ymd } from "./period";
import type { FormSpec } from "./spec";

export interface ReminderOptions {
  spec: FormSpec;
  /** Who sends it, e.g. "衡南县安委办". */
  office: string;
  today: Ymd;
  lang: Lang;
  /** At most this many problems quoted per unit (the rest are counted). */
  perUnit?: number;
  /** Whether a roster said who must report; without one nobody can be called 未报. */
  roster: boolean;
  /** After the deadline: the day to send by (unset: today). */
  resendBy?: Ymd;
}

const ymdZh = (d: Ymd): string => `${d.year}年${d.month}月${d.day}日`;
const nameOf = (f: FileOutcome): string => f.rosterUnit ?? f.unit ?? f.file;

export function buildReminder(result: MergeResult, opts: ReminderOptions): string {
  const perUnit = opts.perUnit ?? 3;
  const excluded = result.files.filter((f) => f.status === "excluded");
  const unreadable = result.files.filter((f) => f.status === "unreadable");
  const skipped = result.files.filter((f) => f.status === "skipped");
  const lines: string[] = [];
  const zh = opts.lang === "zh";
  const month = zh ? periodLabelZh(result.period) : periodKey(result.period);
  if (zh) lines.push(`关于报送${month}${opts.spec.title}的提醒`);
  else lines.push(`Reminder: ${opts.spec.titleEn}, ${month}`);
  if (result.missing.length > 0) {
    lines.push(
      zh
        ? `截至${ymdZh(opts.today)}，以下${result.missing.length}个单位尚未报送：${result.missing.join("、")}。`
        : `As of ${ymdKey(opts.today)}, ${result.missing.length} unit(s) have not reported: ${result.missing.join(", ")}.`,
    );
  }
  if (excluded.length > 0) {
    lines.push(
      zh
        ? `以下单位报表有误，未予汇总，请核实后重新报送：`
        : `These reports have errors and were not counted; please correct and send again:`,
    );
    excluded.forEach((f, i) => {
      const errors = f.findings.filter((x) => x.severity === "error");
      if (zh) {
        // One sentence per unit: "1.茶市镇：C7单元格“立案调查”本月数不能为负数（现为-1）；……等5处。"
        const quoted = errors.slice(0, perUnit).map((x) => (x.cell ? `${x.cell}单元格` : "") + findingMessage(x, "zh").replace(/。$/, ""));
        const more = errors.length > perUnit ? `等${errors.length}处` : "";
        lines.push(`${i + 1}.${nameOf(f)}：${quoted.join("；")}${more}。`);
      } else {
        const quoted = errors.slice(0, perUnit).map((x) => (x.cell ? `${x.cell} ` : "") + findingMessage(x, "en"));
        const more = errors.length > perUnit ? ` and ${errors.length - perUnit} more` : "";
        lines.push(`- ${nameOf(f)}: ${quoted.join("; ")}${more}`);
      }
    });
  }
  if (skipped.length > 0) {
    lines.push(
      zh
        ? `以下文件中没有${month}的报表，请核对月份后重新报送：`
        : `These files hold no report for ${month}; please check the month and send again:`,
    );
    skipped.forEach((f, i) => lines.push(zh ? `${i + 1}.${f.file}` : `- ${f.file}`));
  }
  if (unreadable.length > 0) {
    lines.push(
      zh ? `以下文件无法读取，请另存为 .xlsx 后重新报送：` : `These files could not be read; please save as .xlsx and send again:`,
    );
    unreadable.forEach((f, i) => lines.push(zh ? `${i + 1}.${f.file}` : `- ${f.file}`));
  }
  if (result.late.length > 0) {
    lines.push(
      zh
        ? `以下${result.late.length}个单位迟报（晚于${ymdZh(result.deadline)}）：${result.late.join("、")}。`
        : `${result.late.length} unit(s) reported after the deadline ${ymdKey(result.deadline)}: ${result.late.join(", ")}.`,
    );
  }
  const toSend = result.missing.length + excluded.length + skipped.length + unreadable.length > 0;
  if (toSend) lines.push(sendBy(result.deadline, opts));
  else if (result.late.length > 0) {
    lines.push(zh ? `请以上单位今后按时报送。` : `Please report on time in future.`);
  } else if (!opts.roster) {
    lines.push(
      zh
        ? `已收到的${result.includedCount}个单位报表均已汇总（未提供单位名册，未核对是否有单位未报）。`
        : `All ${result.includedCount} report(s) received were counted (no roster was given, so units that did not report are not known).`,
    );
  } else {
    lines.push(zh ? `各单位均已按要求报送，感谢支持。` : `All units have reported. Thank you.`);
  }
  return lines.join("\n");
}

/** Before the deadline: by the deadline. After it: today, or the day the county set. */
function sendBy(deadline: Ymd, opts: ReminderOptions): string {
  const zh = opts.lang === "zh";
  if (compareYmd(opts.today, deadline) <= 0) {
    return zh ? `请于${ymdZh(deadline)}前报送${opts.office}。` : `Please send it to ${opts.office} by ${ymdKey(deadline)}.`;
  }
  if (opts.resendBy && compareYmd(opts.resendBy, opts.today) > 0) {
    return zh
      ? `已超过报送时限（${ymdZh(deadline)}），请于${ymdZh(opts.resendBy)}前报送${opts.office}。`
      : `The deadline (${ymdKey(deadline)}) has passed; please send it to ${opts.office} by ${ymdKey(opts.resendBy)}.`;
  }
  return zh
    ? `已超过报送时限（${ymdZh(deadline)}），请于今日内报送${opts.office}。`
    : `The deadline (${ymdKey(deadline)}) has passed; please send it to ${opts.office} today.`;
}
