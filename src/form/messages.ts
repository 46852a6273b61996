/**
 * Finding codes → sentences a clerk understands, in Chinese and English. Data, not logic:
 * the task pane, the command line and the JSON report all render findings through here.
 */
import type { CellParams, Finding, FindingCode, FindingParams, FigureColumn, ItemParams } from "./findings";
import type { FileStatus } from "./merge-types";
import type { Lang } from "./lang";
import { describeProblem } from "./problem-messages";
import { ANNEX } from "./spec";

type Renderers = { readonly [C in FindingCode]: (p: FindingParams[C]) => string };

const COLUMN: Record<FigureColumn, { zh: string; en: string }> = {
  month: { zh: "本月数", en: "this month" },
  cumulative: { zh: "累计数", en: "cumulative" },
};

const itemEn = (p: ItemParams): string => ANNEX.items.find((i) => i.id === p.itemId)?.labelEn ?? p.item;
const where = (p: CellParams): string => `“${p.item}”${COLUMN[p.column].zh}`;
const whereEn = (p: CellParams): string => `"${itemEn(p)}" (${COLUMN[p.column].en})`;

/**
 * Months and dates arrive as keys ("2018-07", "2018-8-12"); official Chinese text writes
 * them "2018年7月", "2018年8月12日". Anything else (e.g. "?") is returned as it is.
 */
export function dateZh(v: string | number | undefined): string {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(String(v ?? ""));
  if (!m) return String(v ?? "");
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ""}`;
}

/** "2018-06, ?" (months found in a file) → "2018年6月、月份不明的表". */
const monthsZh = (list: string): string =>
  String(list)
    .split(/,\s*/)
    .filter(Boolean)
    .map((k) => (k === "?" ? "月份不明的表" : dateZh(k)))
    .join("、");

// Official style: full-width punctuation, no spaces between Chinese and figures.
const ZH: Renderers = {
  negative: (p) => `${where(p)}不能为负数（现为${p.value}）。`,
  "not-a-number": (p) => `${where(p)}应填写数字，现为“${p.value}”。`,
  "not-whole": (p) => `${where(p)}应为整数，现为${p.value}。`,
  "too-many-decimals": (p) => `${where(p)}以万元为单位，最多保留${p.decimals}位小数，现为${p.value}。`,
  blank: (p) => `${where(p)}未填写，按0计。`,
  "text-number": (p) => `${where(p)}为文本格式的数字“${p.value}”，按${p.number}计，建议改为数值格式。`,
  "number-with-unit": (p) =>
    !p.converted
      ? `${where(p)}填写为“${p.value}”，按${p.number}计，单位不必填写。`
      : `${where(p)}填写为“${p.value}”，已由${p.unit}换算为${p.rowUnit}，按${p.number}${p.rowUnit}计，请改为只填数字。`,
  "unit-mismatch": (p) => `${where(p)}填写为“${p.value}”，单位“${p.unit}”与本行单位“${p.rowUnit}”不符。请按本行单位只填写数字。`,
  "placeholder-zero": (p) => `${where(p)}填写为“${p.value}”，按0计。`,
  "formula-no-value": (p) => `${where(p)}为公式（${p.formula}），但文件中没有计算结果。请在 Excel 或 WPS 中打开并保存后再报送。`,
  "cell-error": (p) => `${where(p)}为错误值${p.value}，请改正公式或直接填写数字。`,
  "cell-unreadable": (p) => `${where(p)}的内容在文件中缺失，无法读取。请在 Excel 或 WPS 中打开、核对该单元格并保存后再报送。`,
  "cumulative-below-month": (p) => `“${p.item}”累计数（${p.cumulative}）小于本月数（${p.month}）。`,
  "cumulative-mismatch": (p) =>
    p.prior === undefined || p.prior === ""
      ? `“${p.item}”累计数应等于本月数${p.expected}（${p.startMonth}月为累计起始月），现为${p.actual}。`
      : `“${p.item}”累计数应为${p.expected}（上月累计数${p.prior}加本月数${p.month}），现为${p.actual}。`,
  "officers-below-twice-activities": (p) =>
    `出动执法人员${p.officers}人次，少于执法活动${p.activities}次的2倍；每次执法不得少于2人，请核实。`,
  "prior-missing": (p) => `未找到${dateZh(p.prior)}的月报表，无法核对或计算累计数。`,
  "prior-not-given": () => `未提供上月报表，累计数未核对。`,
  "unit-missing": () => `未填写填报单位。`,
  "unit-not-on-roster": (p) => `填报单位“${p.unit}”不在单位名册中。`,
  late: (p) => `填报时间${dateZh(p.submitted)}晚于报送截止日期${dateZh(p.deadline)}。`,
  "date-missing": () => `未填写填报时间。`,
  "item-missing": (p) => `表中缺少“${p.item}”行。`,
  "period-unknown": (p) =>
    p.period && p.period !== "?"
      ? `无法从表名、标题或填报时间判断报表月份，按${dateZh(p.period)}处理。`
      : `无法从表名、标题或填报时间判断报表月份，请在表名中写明，例如“2018年7月”。`,
  "no-report-for-period": (p) =>
    p.period ? `文件中没有${dateZh(p.period)}的月报表${p.found ? `（只有${monthsZh(p.found)}）` : ""}。` : `文件中没有找到月报表。`,
  unreadable: (p) => describeProblem(p.problem, "zh"),
  duplicate: (p) => `与“${p.other}”重复报送${p.unit ? `（均为${p.unit}）` : ""}，已按“${p.other}”汇总。`,
  "unit-cumulative-mismatch": (p) =>
    `${p.unit}“${p.item}”累计数应为${p.expected}（${dateZh(p.priorPeriod)}累计数${p.prior}加本月数${p.month}），现为${p.actual}。`,
  "prior-unit-not-reported": (p) => `${p.unit}在${dateZh(p.priorPeriod)}汇总中有报表，本月未报送。`,
  "county-cumulative-mismatch": (p) =>
    `汇总“${p.item}”累计数${p.actual}不等于上月累计数${p.prior}加本月数${p.month}（应为${p.expected}），请核对各单位累计数。`,
};

const EN: Renderers = {
  negative: (p) => `${whereEn(p)} cannot be negative (it is ${p.value}).`,
  "not-a-number": (p) => `${whereEn(p)} must be a number; it reads "${p.value}".`,
  "not-whole": (p) => `${whereEn(p)} must be a whole number; it is ${p.value}.`,
  "too-many-decimals": (p) => `${whereEn(p)} is in 10,000 yuan with at most ${p.decimals} decimal places (it is ${p.value}).`,
  blank: (p) => `${whereEn(p)} is blank; counted as 0.`,
  "text-number": (p) => `${whereEn(p)} is a number stored as text ("${p.value}"); counted as ${p.number}.`,
  "number-with-unit": (p) =>
    !p.converted
      ? `${whereEn(p)} reads "${p.value}"; counted as ${p.number} (the unit need not be typed).`
      : `${whereEn(p)} reads "${p.value}"; converted from ${p.unit} to ${p.rowUnit}: counted as ${p.number}. Type the number only.`,
  "unit-mismatch": (p) =>
    `${whereEn(p)} reads "${p.value}": the unit ${p.unit} is not this row's unit ${p.rowUnit}. Type the number only, in ${p.rowUnit}.`,
  "placeholder-zero": (p) => `${whereEn(p)} reads "${p.value}"; counted as 0.`,
  "formula-no-value": (p) =>
    `${whereEn(p)} is a formula (${p.formula}) with no calculated value in the file. Open and save it in Excel or WPS, then send it again.`,
  "cell-error": (p) => `${whereEn(p)} shows the error ${p.value}. Fix the formula or type the number.`,
  "cell-unreadable": (p) =>
    `${whereEn(p)}: the file refers to content that is not there. Open it in Excel or WPS, check the cell, save and send it again.`,
  "cumulative-below-month": (p) => `"${itemEn(p)}": cumulative (${p.cumulative}) is less than this month (${p.month}).`,
  "cumulative-mismatch": (p) =>
    p.prior === undefined || p.prior === ""
      ? `"${itemEn(p)}": cumulative should equal this month's ${p.expected} (month ${p.startMonth} starts the running total); it is ${p.actual}.`
      : `"${itemEn(p)}": cumulative should be ${p.expected} (last month's ${p.prior} + this month's ${p.month}); it is ${p.actual}.`,
  "officers-below-twice-activities": (p) =>
    `Officers deployed (${p.officers}) is less than twice the enforcement actions (${p.activities}); each action needs at least 2 officers.`,
  "prior-missing": (p) => `No report for ${p.prior} was found, so the cumulative figures cannot be checked or filled.`,
  "prior-not-given": () => `Last month's report was not given, so the cumulative figures were not checked.`,
  "unit-missing": () => `The reporting unit (填报单位) is blank.`,
  "unit-not-on-roster": (p) => `Reporting unit "${p.unit}" is not on the roster.`,
  late: (p) => `Submitted ${p.submitted}, after the deadline ${p.deadline}.`,
  "date-missing": () => `The submission date (填报时间) is blank.`,
  "item-missing": (p) => `The row "${itemEn(p)}" is missing from the table.`,
  "period-unknown": (p) =>
    p.period && p.period !== "?"
      ? `The month could not be read from the sheet name, title or date; taken as ${p.period}.`
      : `The month could not be read from the sheet name, title or date; name the sheet like 2018年7月.`,
  "no-report-for-period": (p) =>
    p.period ? `The file has no report for ${p.period}${p.found ? ` (only ${p.found})` : ""}.` : `The file holds no monthly report.`,
  unreadable: (p) => describeProblem(p.problem, "en"),
  duplicate: (p) => `Duplicate of "${p.other}" (both ${p.unit}); "${p.other}" was counted.`,
  "unit-cumulative-mismatch": (p) =>
    `${p.unit} "${itemEn(p)}": cumulative should be ${p.expected} (${p.priorPeriod}'s ${p.prior} + this month's ${p.month}); it is ${p.actual}.`,
  "prior-unit-not-reported": (p) => `${p.unit} was in the ${p.priorPeriod} county total but sent nothing this month.`,
  "county-cumulative-mismatch": (p) =>
    `County "${itemEn(p)}" cumulative ${p.actual} ≠ last month's ${p.prior} + this month's ${p.month} = ${p.expected}; check the units' cumulative figures.`,
};

export function findingMessage(f: Finding, lang: Lang): string {
  return render(lang === "zh" ? ZH : EN, f);
}

function render<C extends FindingCode>(table: Renderers, f: { code: C; params: FindingParams[C] }): string {
  const fn: (p: FindingParams[C]) => string = table[f.code];
  return fn(f.params);
}

/** "云集镇 › 2018年7月!D8" style location for lists. */
export function findingPlace(f: Finding): string {
  return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
}

const STATUS: Record<FileStatus, { zh: string; en: string }> = {
  included: { zh: "已汇总", en: "Included" },
  excluded: { zh: "有误未汇总", en: "Excluded (errors)" },
  skipped: { zh: "无本月报表", en: "No report for the month" },
  unreadable: { zh: "无法读取", en: "Unreadable" },
  duplicate: { zh: "重复", en: "Duplicate" },
};

export function statusLabel(status: FileStatus, lang: Lang): string {
  return STATUS[status][lang];
}

export function severityLabel(severity: Finding["severity"], lang: Lang): string {
  return severity === "error" ? (lang === "zh" ? "错误" : "Error") : lang === "zh" ? "警告" : "Warning";
}
