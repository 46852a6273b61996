/** The 催报 text county staff paste into a work chat: who has not reported, who must correct. */
import { hasErrors } from "./findings";
import type { MergeResult } from "./merge-types";
import { findingMessage } from "./messages";
import type { Lang } from "./lang";
import { periodLabelZh, ymdKey, type Ymd } from "./period";
import type { FormSpec } from "./spec";

export interface ReminderOptions {
  spec: FormSpec;
  /** Who sends it, e.g. "县安委办". */
  office: string;
  today: Ymd;
  lang: Lang;
  /** At most this many problems quoted per unit (the rest are counted). */
  perUnit?: number;
}

const ymdZh = (d: Ymd): string => `${d.year}年${d.month}月${d.day}日`;

export function buildReminder(result: MergeResult, opts: ReminderOptions): string {
  const perUnit = opts.perUnit ?? 3;
  const wrong = result.files.filter((f) => f.status === "excluded" && hasErrors(f.findings));
  const unreadable = result.files.filter((f) => f.status === "unreadable");
  const lines: string[] = [];
  const zh = opts.lang === "zh";
  const month = zh ? periodLabelZh(result.period) : `${result.period.year}-${String(result.period.month).padStart(2, "0")}`;
  if (zh) lines.push(`关于报送${month}${opts.spec.title}的提醒`);
  else lines.push(`Reminder: ${opts.spec.titleEn}, ${month}`);
  if (result.missing.length > 0) {
    lines.push(
      zh
        ? `截至${ymdZh(opts.today)}，以下${result.missing.length}个单位尚未报送：${result.missing.join("、")}。`
        : `As of ${ymdKey(opts.today)}, ${result.missing.length} unit(s) have not reported: ${result.missing.join(", ")}.`,
    );
  }
  if (wrong.length > 0) {
    lines.push(zh ? `以下单位报表有误，请核实后重新报送：` : `These reports have errors; please correct and send again:`);
    wrong.forEach((f, i) => {
      const errors = f.findings.filter((x) => x.severity === "error");
      const name = f.rosterUnit ?? f.unit ?? f.file;
      if (zh) {
        // One sentence per unit: "1.茶市镇：C7单元格“立案调查”本月数不能为负数（现为-1）；……等5处。"
        const quoted = errors.slice(0, perUnit).map((x) => (x.cell ? `${x.cell}单元格` : "") + findingMessage(x, "zh").replace(/。$/, ""));
        const more = errors.length > perUnit ? `等${errors.length}处` : "";
        lines.push(`${i + 1}.${name}：${quoted.join("；")}${more}。`);
      } else {
        const quoted = errors.slice(0, perUnit).map((x) => (x.cell ? `${x.cell} ` : "") + findingMessage(x, "en"));
        const more = errors.length > perUnit ? ` and ${errors.length - perUnit} more` : "";
        lines.push(`- ${name}: ${quoted.join("; ")}${more}`);
      }
    });
  }
  if (unreadable.length > 0) {
    lines.push(
      zh ? `以下文件无法读取，请另存为 .xlsx 后重新报送：` : `These files could not be read; please save as .xlsx and send again:`,
    );
    unreadable.forEach((f, i) => lines.push(zh ? `${i + 1}.${f.file}` : `- ${f.file}`));
  }
  if (result.missing.length === 0 && wrong.length === 0 && unreadable.length === 0) {
    lines.push(zh ? `各单位均已按要求报送，感谢支持。` : `All units have reported. Thank you.`);
  } else {
    lines.push(
      zh ? `请于${ymdZh(result.deadline)}前报送${opts.office}。` : `Please send it to ${opts.office} by ${ymdKey(result.deadline)}.`,
    );
  }
  return lines.join("\n");
}
