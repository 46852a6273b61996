/** Command-line wording, Chinese first. */
import type { Lang } from "../form/lang";

const T = {
  usage: {
    zh: `yuebao — 安全监管“强执法防事故”行动情况月报表助手

用法：
  yuebao template --period 2018-07 --unit 云集镇 --out 云集镇-2018-07.xlsx
  yuebao validate 文件... --period 2018-07 [--prior 上月.xlsx] [--roster 名册.txt] [--json 结果.json]
  yuebao fill 文件 --period 2018-07 [--prior 上月.xlsx] [--mode values|formulas] --out 新文件.xlsx
  yuebao merge 文件... --period 2018-07 [--roster 名册.txt] [--prior 县汇总-2018-06.xlsx]
               --out 县汇总-2018-07.xlsx [--json 结果.json] [--county 衡南县安委办]
               [--resend-by 2018-08-15]

通用选项：
  --lang zh|en        输出语言（默认中文）
  --deadline-day N    每月报送截止日（默认10日）
  --start-month N     累计数起始月份（默认1，即1月）
  --county 名称       县汇总表的填报单位，也是催报文字的落款（默认“县安委办”）
  --resend-by 日期    超过报送时限后，催报文字要求的补报日期（默认当日）
  --force             允许替换已存在的输出文件（只替换普通文件，不替换文件夹或设备）

退出码：0 全部正常；1 已输出结果，但有文件被排除、跳过或无法读取（校验时为发现错误）；2 未写出任何文件（命令有误时在读取任何文件之前即停止）。`,
    en: `yuebao — monthly report helper for the safety enforcement campaign form

Usage:
  yuebao template --period 2018-07 --unit NAME --out FILE.xlsx
  yuebao validate FILE... --period 2018-07 [--prior LAST_MONTH.xlsx] [--roster roster.txt] [--json report.json]
  yuebao fill FILE --period 2018-07 [--prior LAST_MONTH.xlsx] [--mode values|formulas] --out FILE.xlsx
  yuebao merge FILE... --period 2018-07 [--roster roster.txt] [--prior county-2018-06.xlsx]
               --out county-2018-07.xlsx [--json report.json] [--county NAME]
               [--resend-by 2018-08-15]

Options:
  --lang zh|en        output language (default Chinese)
  --deadline-day N    deadline day of the month (default 10)
  --start-month N     month the running total starts (default 1 = January)
  --county NAME       the county office: heads the county total and signs the reminder
  --resend-by DATE    after the deadline, the day the reminder asks for (default: today)
  --force             allow replacing an existing output file (plain files only, never a folder or device)

Exit codes: 0 all clean; 1 output written but some files were excluded, skipped or unreadable (or errors found); 2 nothing written (a mistake in the command stops before any file is read).`,
  },
} as const;

export function usage(lang: Lang): string {
  return T.usage[lang];
}

export function say(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}
