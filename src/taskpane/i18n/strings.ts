/**
 * The task pane's UI text, Chinese first. Both catalogues are typed by `Strings`, so a key
 * missing from either language is a compile error. Finding messages and file statuses are not
 * here: they come from src/form/messages.ts, shared with the command line.
 */
import type { Lang } from "../../form/lang";
import type { Period } from "../../form/period";

export interface Strings {
  // shell
  tabInsert: string;
  tabValidate: string;
  tabFill: string;
  tabMerge: string;
  privacyNote: string;
  errorTitle: string;
  busy: string;
  preparing: string;
  // period picker
  period: string;
  year: string;
  month: string;
  yearOption(year: number): string;
  monthOption(month: number): string;
  periodLabel(p: Period): string;
  // file picker
  browse: string;
  noFileChosen: string;
  dropHint: string;
  clearFiles(label: string): string;
  clearFilesShort: string;
  filesChosen(n: number): string;
  // insert
  unit: string;
  unitHint: string;
  insertButton: string;
  downloadButton: string;
  inserted(sheet: string): string;
  opened(sheet: string): string;
  exists(sheet: string): string;
  openExisting: string;
  addCopy: string;
  downloaded(fileName: string): string;
  // validate
  scope: string;
  scopeActive: string;
  scopeAll: string;
  highlight: string;
  clearHighlight: string;
  highlightCleared: string;
  pickReports: string;
  pickReportsFirst: string;
  validateButton: string;
  errors: string;
  warnings: string;
  noProblems: string;
  noReports: string;
  checkedCount(n: number): string;
  autoRecheck: string;
  // fill
  fillMode: string;
  fillValues: string;
  fillFormulas: string;
  currentFile: string;
  currentFileRequired: string;
  priorFile: string;
  priorFileHintExcel: string;
  priorFileHintFile: string;
  priorCheckHint: string;
  fillButton: string;
  filled(written: number, sheet: string, period: string): string;
  /** How many typed 累计数 were wrong and written over; one line per cell. */
  fillChanged: (n: number) => string;
  fillChangedCell: (cell: string, was: string | undefined, now: string) => string;
  /** No last month was found (not the start month): nothing computed. */
  priorNotFound: string;
  priorFrom(source: string): string;
  priorNone: string;
  fillFindings: string;
  /** Before writing over typed 累计数: how many cells, and the first as an example. */
  fillConfirm: (n: number, cell: string, current: string | undefined, computed: string) => string;
  overwrite: string;
  cancel: string;
  fillCancelled: string;
  // merge
  unitFiles: string;
  unitFilesRequired: string;
  roster: string;
  rosterHint: string;
  priorCounty: string;
  priorCountyHint: string;
  sender: string;
  senderHint: string;
  resendBy: string;
  resendByHint: string;
  resendByNotAfterToday: string;
  mergeButton: string;
  /** The month preselected from the picked files; a chosen month few of them hold. */
  monthPreselected: (month: string, files: number, total: number) => string;
  monthFewFiles: (month: string, files: number, total: number) => string;
  mergeAnyway: string;
  progress(done: number, total: number, file: string): string;
  expected: string;
  included: string;
  missing: string;
  wrong: string;
  duplicate: string;
  late: string;
  unreadable: string;
  summaryItem(label: string, n: number): string;
  summarySeparator: string;
  summaryLine(period: string, items: string): string;
  resultsTable: string;
  colUnit: string;
  colStatus: string;
  colIssues: string;
  colFile: string;
  noUnit: string;
  duplicateOf(file: string): string;
  duplicateEntry(file: string, of: string): string;
  moreIssues(n: number): string;
  listMissing: string;
  listWrong: string;
  listDuplicate: string;
  listLate: string;
  countyChecks: string;
  reminder: string;
  copy: string;
  copied: string;
  copyFallback: string;
  writtenSheets(names: string): string;
  writtenFile(names: string): string;
  listSeparator: string;
}

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const zh: Strings = {
  tabInsert: "插入模板",
  tabValidate: "数据校验",
  tabFill: "累计数",
  tabMerge: "汇总",
  privacyNote: "文件仅在本机浏览器中处理，不会上传。",
  errorTitle: "操作未完成",
  busy: "正在处理…",
  preparing: "正在准备…",
  period: "报表月份",
  year: "年份",
  month: "月份",
  yearOption: (y) => `${y}年`,
  monthOption: (m) => `${m}月`,
  periodLabel: (p) => `${p.year}年${p.month}月`,
  browse: "浏览…",
  noFileChosen: "未选择文件",
  dropHint: "也可将文件拖放到此处",
  clearFiles: (label) => `清空“${label}”`,
  clearFilesShort: "清空",
  filesChosen: (n) => `已选择${n}个文件`,
  unit: "填报单位",
  unitHint: "可留空，打印后手写",
  insertButton: "插入月报表",
  downloadButton: "下载空白月报表",
  inserted: (sheet) => `已插入工作表“${sheet}”。`,
  opened: (sheet) => `已打开工作表“${sheet}”。`,
  exists: (sheet) => `该月报表已存在：“${sheet}”。`,
  openExisting: "打开该表",
  addCopy: "新增副本",
  downloaded: (fileName) => `已下载：${fileName}`,
  scope: "校验范围",
  scopeActive: "当前工作表",
  scopeAll: "全部月报表",
  highlight: "标出错误单元格",
  clearHighlight: "清除标记",
  highlightCleared: "已清除标记。",
  pickReports: "选择月报文件",
  pickReportsFirst: "请先选择月报文件",
  validateButton: "开始校验",
  errors: "错误",
  warnings: "警告",
  noProblems: "未发现问题",
  noReports: "未找到月报表",
  checkedCount: (n) => `已校验${n}张报表`,
  autoRecheck: "修改报表后将自动重新校验。",
  fillMode: "填写方式",
  fillValues: "填入数值",
  fillFormulas: "填入公式",
  currentFile: "本月报表文件",
  currentFileRequired: "请选择本月报表文件",
  priorFile: "上月报表文件",
  priorFileHintExcel: "本工作簿中找不到上月报表时使用",
  priorFileHintFile: "本月报表文件中找不到上月报表时使用",
  priorCheckHint: "可选，本单位上月报表或上月县汇总表，用于核对累计数",
  fillButton: "计算累计数",
  filled: (n, sheet, period) => (sheet ? `已在“${sheet}”（${period}）填入${n}个累计数。` : `${period}未填入累计数。`),
  fillChanged: (n) => `其中${n}个累计数原填写有误，已改正：`,
  fillChangedCell: (cell, was, now) => `${cell}原为${was ?? "非数字内容"}，现为${now}`,
  priorNotFound: "未找到上月报表，累计数未计算。",
  priorFrom: (source) => `上月数据来源：${source}`,
  priorNone: "本月为累计起始月份，累计数即本月数。",
  fillFindings: "需要注意",
  fillConfirm: (n, cell, current, computed) =>
    `“累计数”已有${n}个单元格与计算结果不同，如${cell}现为${current ?? "非数字内容"}，计算结果为${computed}。是否覆盖？`,
  overwrite: "覆盖",
  cancel: "取消",
  fillCancelled: "未填写，原有累计数保持不变。",
  unitFiles: "选择各单位报表",
  unitFilesRequired: "请选择各单位报表文件",
  roster: "单位名册",
  rosterHint: "可选，.txt（每行一个单位）或 .xlsx 文件",
  sender: "落款单位",
  senderHint: "催报文字的落款和汇总表的填报单位，如“衡南县安委办”；留空为“县安委办”",
  resendBy: "补报截止日期",
  resendByHint: "可选，已过报送时限时写入催报通知；留空为“请于今日内报送”",
  resendByNotAfterToday: "补报截止日期应晚于今天",
  priorCounty: "上月县汇总表",
  priorCountyHint: "可选，用于核对累计数",
  mergeButton: "开始汇总",
  monthPreselected: (month, n, total) => `已按所选文件选定报表月份：${total}个文件中有${n}个为${month}的报表。`,
  monthFewFiles: (month, n, total) => `${total}个文件中只有${n}个为${month}的报表。确定按${month}汇总吗？`,
  mergeAnyway: "仍然汇总",
  progress: (done, total, file) => `正在读取（${done}/${total}）：${file}`,
  expected: "应报",
  included: "已汇总",
  missing: "未报",
  wrong: "有误",
  duplicate: "重复",
  late: "迟报",
  unreadable: "无法读取",
  summaryItem: (label, n) => `${label}${n}个`,
  summarySeparator: "，",
  summaryLine: (period, items) => `${period}：${items}`,
  resultsTable: "各单位报送情况",
  colUnit: "单位",
  colStatus: "状态",
  colIssues: "问题",
  colFile: "文件",
  noUnit: "（未填单位）",
  duplicateOf: (file) => `与“${file}”重复`,
  duplicateEntry: (file, of) => `${file}（与“${of}”重复）`,
  moreIssues: (n) => `……另有${n}条`,
  listMissing: "未报单位",
  listWrong: "有误单位",
  listDuplicate: "重复报送",
  listLate: "迟报单位",
  countyChecks: "汇总核对",
  reminder: "催报通知",
  copy: "复制",
  copied: "已复制。",
  copyFallback: "已选中全文，请按 Ctrl+C 复制。",
  writtenSheets: (names) => `汇总结果已写入：${names}`,
  writtenFile: (names) => `已下载：${names}`,
  listSeparator: "、",
};

const en: Strings = {
  tabInsert: "Template",
  tabValidate: "Validate",
  tabFill: "Cumulative",
  tabMerge: "Merge",
  privacyNote: "Files are processed in this browser only; nothing is uploaded.",
  errorTitle: "Not done",
  busy: "Working…",
  preparing: "Getting ready…",
  period: "Report month",
  year: "Year",
  month: "Month",
  yearOption: (y) => String(y),
  monthOption: (m) => EN_MONTHS[m - 1] ?? String(m),
  periodLabel: (p) => `${EN_MONTHS[p.month - 1] ?? p.month} ${p.year}`,
  browse: "Browse…",
  noFileChosen: "No file chosen",
  dropHint: "or drop files here",
  clearFiles: (label) => `Clear "${label}"`,
  clearFilesShort: "Clear",
  filesChosen: (n) => (n === 1 ? "1 file chosen" : `${n} files chosen`),
  unit: "Reporting unit",
  unitHint: "Optional: leave blank to write it by hand",
  insertButton: "Insert monthly report",
  downloadButton: "Download blank report",
  inserted: (sheet) => `Sheet "${sheet}" added.`,
  opened: (sheet) => `Sheet "${sheet}" opened.`,
  exists: (sheet) => `A report for this month already exists: "${sheet}".`,
  openExisting: "Open it",
  addCopy: "Add a copy",
  downloaded: (fileName) => `Downloaded: ${fileName}`,
  scope: "Check",
  scopeActive: "Active sheet",
  scopeAll: "All reports",
  highlight: "Highlight cells with errors",
  clearHighlight: "Clear highlights",
  highlightCleared: "Highlights cleared.",
  pickReports: "Choose report files",
  pickReportsFirst: "Choose at least one report file",
  validateButton: "Validate",
  errors: "Errors",
  warnings: "Warnings",
  noProblems: "No problems found",
  noReports: "No monthly report found",
  checkedCount: (n) => (n === 1 ? "1 report checked" : `${n} reports checked`),
  autoRecheck: "Checks again when the report changes.",
  fillMode: "Fill with",
  fillValues: "Values",
  fillFormulas: "Formulas",
  currentFile: "This month's report file",
  currentFileRequired: "Choose this month's report file",
  priorFile: "Last month's report file",
  priorFileHintExcel: "Used when this workbook has no report for last month",
  priorFileHintFile: "Used when this month's file has no report for last month",
  priorCheckHint: "Optional: the unit's report or the county total of last month, to check the cumulative figures",
  fillButton: "Calculate cumulative",
  filled: (n, sheet, period) => (sheet ? `${n} cells written in "${sheet}" (${period}).` : `No cumulative cells written for ${period}.`),
  fillChanged: (n) => `${n === 1 ? "1 typed 累计数 was" : `${n} typed 累计数 were`} wrong and corrected:`,
  fillChangedCell: (cell, was, now) => `${cell}: was ${was ?? "not a number"}, now ${now}`,
  priorNotFound: "No report for last month was found, so nothing was computed.",
  priorFrom: (source) => `Last month's figures from: ${source}`,
  priorNone: "This is the first month of the running total: cumulative equals this month.",
  fillFindings: "Please check",
  fillConfirm: (n, cell, current, computed) =>
    `${n === 1 ? "1 累计数 cell already holds" : `${n} 累计数 cells already hold`} a different value (e.g. ${cell}: ${current ?? "not a number"}, computed ${computed}). Overwrite?`,
  overwrite: "Overwrite",
  cancel: "Cancel",
  fillCancelled: "Nothing was written; the existing 累计数 stay as they were.",
  unitFiles: "Choose unit reports",
  unitFilesRequired: "Choose the units' report files",
  roster: "Unit roster",
  rosterHint: "Optional: .txt (one unit per line) or .xlsx",
  sender: "Sent by",
  senderHint: "Signs the reminder and heads the county total; blank: the county office",
  resendBy: "Resend by",
  resendByHint: "Optional: the date the reminder asks for once the deadline has passed; blank: today",
  resendByNotAfterToday: "The resend date must be after today",
  priorCounty: "Last month's county total",
  priorCountyHint: "Optional: used to check cumulative figures",
  mergeButton: "Merge",
  monthPreselected: (month, n, total) => `Month chosen from the files: ${n} of ${total} hold a report for ${month}.`,
  monthFewFiles: (month, n, total) => `Only ${n} of ${total} files hold a report for ${month}. Merge ${month} anyway?`,
  mergeAnyway: "Merge anyway",
  progress: (done, total, file) => `Reading ${done}/${total}: ${file}`,
  expected: "Expected",
  included: "Merged",
  missing: "Missing",
  wrong: "With errors",
  duplicate: "Duplicates",
  late: "Late",
  unreadable: "Unreadable",
  summaryItem: (label, n) => `${label} ${n}`,
  summarySeparator: ", ",
  summaryLine: (period, items) => `${period}: ${items}`,
  resultsTable: "Reports by unit",
  colUnit: "Unit",
  colStatus: "Status",
  colIssues: "Issues",
  colFile: "File",
  noUnit: "(no unit)",
  duplicateOf: (file) => `duplicate of ${file}`,
  duplicateEntry: (file, of) => `${file} (duplicate of ${of})`,
  moreIssues: (n) => `…and ${n} more`,
  listMissing: "Missing units",
  listWrong: "Units with errors",
  listDuplicate: "Duplicate files",
  listLate: "Late units",
  countyChecks: "County checks",
  reminder: "Reminder text",
  copy: "Copy",
  copied: "Copied.",
  copyFallback: "Text selected: press Ctrl+C to copy.",
  writtenSheets: (names) => `Results written to: ${names}`,
  writtenFile: (names) => `Downloaded: ${names}`,
  listSeparator: ", ",
};

export const catalogue: Readonly<Record<Lang, Strings>> = { zh, en };

/** The catalogue for a language (a hook so panels read text the same way everywhere). */
export function useStrings(lang: Lang): Strings {
  return catalogue[lang];
}

// Panels loaded on demand and the 设置 tab: one block, typed for both languages like `Strings`.
export interface ShellStrings {
  lang: Lang;
  tabSettings: string;
  loadingPanel: string;
  panelLoadFailed: string;
  panelLoadHint: string;
  jobsLoadFailed: string;
  retry: string;
  deadlineDay: string;
  deadlineDayHint: string;
  deadlineDayInvalid: string;
  startMonth: string;
  startMonthHint: string;
  startMonthInvalid: string;
  saveSettings: string;
  settingsSaved: string;
  settingsNote: string;
}

export const shellCatalogue: Readonly<Record<Lang, ShellStrings>> = {
  zh: {
    lang: "zh",
    tabSettings: "设置",
    loadingPanel: "正在加载…",
    panelLoadFailed: "此页面未能加载",
    panelLoadHint: "可能是网络中断或加载项已更新。请重试，或关闭后重新打开任务窗格。",
    jobsLoadFailed: "所需程序未能加载，可能是网络中断或加载项已更新。请重试，或关闭后重新打开任务窗格。",
    retry: "重试",
    deadlineDay: "报送截止日",
    deadlineDayHint: "每月几日前报送上月报表（1～31）",
    deadlineDayInvalid: "请输入 1 至 31 之间的整数。",
    startMonth: "累计起始月",
    startMonthHint: "累计数从该月起重新计算（1～12）",
    startMonthInvalid: "请输入 1 至 12 之间的整数。",
    saveSettings: "保存设置",
    settingsSaved: "设置已保存。",
    settingsNote: "设置用于校验、累计数和汇总。",
  },
  en: {
    lang: "en",
    tabSettings: "Settings",
    loadingPanel: "Loading…",
    panelLoadFailed: "This page could not be loaded",
    panelLoadHint: "The connection may have dropped or the add-in was updated. Try again, or close and reopen the pane.",
    jobsLoadFailed:
      "Part of the add-in could not be loaded: the connection may have dropped or the add-in was updated. Try again, or close and reopen the pane.",
    retry: "Try again",
    deadlineDay: "Deadline day",
    deadlineDayHint: "Day of the month by which last month's report is due (1–31)",
    deadlineDayInvalid: "Enter a whole number from 1 to 31.",
    startMonth: "Start month",
    startMonthHint: "Month the running total starts again (1–12)",
    startMonthInvalid: "Enter a whole number from 1 to 12.",
    saveSettings: "Save settings",
    settingsSaved: "Settings saved.",
    settingsNote: "Used when validating, filling cumulative figures and merging.",
  },
};

export function useShellStrings(lang: Lang): ShellStrings {
  return shellCatalogue[lang];
}
