/**
 * Problems (typed errors) in the clerk's words and the next step, Chinese and English. The pane
 * and the command line both render every error through describeError; nothing shows e.message.
 */
import type { Bilingual, Lang } from "./lang";
import { parsePeriod, periodLabelZh } from "./period";
import { isProblemError, type FileKind, type JobName, type Problem, type ProblemCode, type ProblemParams } from "./problems";
import type { SheetNameProblem } from "./sheet-names";

type Render<C extends ProblemCode> = (p: ProblemParams[C], lang: Lang) => string;
type Catalogue = { readonly [C in ProblemCode]: Bilingual<Render<C>> };

/** "2018-07" → "2018年7月"; "?" → a report of unknown month. */
const monthZh = (key: string): string => {
  const p = parsePeriod(key);
  return p ? periodLabelZh(p) : "月份不明";
};
const fileZh = (f: string) => `文件“${f || "（未命名文件）"}”`;
const fileEn = (f: string) => `File "${f || "(unnamed file)"}"`;
const noteZh = (d: string) => (d ? `（${d}）` : "");
const noteEn = (d: string) => (d ? ` (${d})` : "");
const SAVE_AS_ZH = "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。";
const SAVE_AS_EN = "Open it in Excel or WPS, save it as .xlsx and try again.";

const KIND: Record<FileKind, Bilingual> = {
  html: { zh: "网页（HTML）文件", en: "a web page (HTML)" },
  csv: { zh: "CSV 文本文件", en: "a CSV text file" },
  text: { zh: "文本文件", en: "a text file" },
  pdf: { zh: "PDF 文件", en: "a PDF file" },
  image: { zh: "图片文件", en: "an image" },
  zip: { zh: "普通压缩包", en: "a plain zip archive" },
  word: { zh: "Word 文档", en: "a Word document" },
  empty: { zh: "空文件", en: "an empty file" },
  unknown: { zh: "", en: "" },
};

const SHEET_NAME: Record<SheetNameProblem, Bilingual> = {
  empty: { zh: "不能为空", en: "cannot be empty" },
  tooLong: { zh: "不能超过31个字符", en: "cannot be longer than 31 characters" },
  badCharacter: { zh: "不能含有 : \\ / ? * [ ] 等字符", en: "cannot contain : \\ / ? * [ ]" },
  apostrophe: { zh: "不能以单引号开头或结尾", en: "cannot begin or end with an apostrophe" },
  reserved: { zh: "不能为 History（Excel 保留名称）", en: "cannot be History (reserved by Excel)" },
};

const PICK: Record<JobName, Bilingual> = {
  validate: { zh: "请先选择要校验的文件。", en: "Pick the files to check first." },
  fill: { zh: "请先选择本月报表文件。", en: "Pick this month's report file first." },
  merge: { zh: "请先选择各单位报送的文件。", en: "Pick the units' files first." },
};

const CATALOGUE: Catalogue = {
  "too-large": {
    zh: (p) => `${fileZh(p.file)}过大${noteZh(p.detail)}，不像是月报表。请确认选对了文件，或删去无关的工作表后另存再试。`,
    en: (p) =>
      `${fileEn(p.file)} is too large${noteEn(p.detail)} for a monthly report. Check that it is the right file, or delete unrelated sheets and save it again.`,
  },
  "zip-bomb": {
    zh: (p) => `${fileZh(p.file)}解压后体积异常${noteZh(p.detail)}，为安全起见拒绝读取。请向报送单位索取正常保存的文件。`,
    en: (p) =>
      `${fileEn(p.file)} expands to an abnormal size${noteEn(p.detail)} and was refused for safety. Ask the sender for a normally saved file.`,
  },
  "not-a-workbook": {
    zh: (p) =>
      p.kind && p.kind !== "unknown"
        ? `${fileZh(p.file)}是${KIND[p.kind].zh}，不是工作簿。请确认选对了文件；如是报表，${SAVE_AS_ZH}`
        : `${fileZh(p.file)}不是 Excel 或 WPS 工作簿${noteZh(p.detail)}。${SAVE_AS_ZH}`,
    en: (p) =>
      p.kind && p.kind !== "unknown"
        ? `${fileEn(p.file)} is ${KIND[p.kind].en}, not a workbook. Check that it is the right file; if it is the report, ${SAVE_AS_EN.charAt(0).toLowerCase()}${SAVE_AS_EN.slice(1)}`
        : `${fileEn(p.file)} is not an Excel or WPS workbook${noteEn(p.detail)}. ${SAVE_AS_EN}`,
  },
  encrypted: {
    zh: (p) => `${fileZh(p.file)}设有打开密码${noteZh(p.detail)}。请在 Excel 或 WPS 中取消密码并重新保存后再试。`,
    en: (p) =>
      `${fileEn(p.file)} is password-protected${noteEn(p.detail)}. Remove the password in Excel or WPS, save it again and try again.`,
  },
  truncated: {
    zh: (p) => `${fileZh(p.file)}不完整${noteZh(p.detail)}，可能在下载或拷贝时中断。请重新获取该文件后再试。`,
    en: (p) =>
      `${fileEn(p.file)} is incomplete${noteEn(p.detail)}; the download or copy may have been cut short. Get the file again and retry.`,
  },
  corrupt: {
    zh: (p) => `${fileZh(p.file)}已损坏，无法读取${noteZh(p.detail)}。${SAVE_AS_ZH}`,
    en: (p) => `${fileEn(p.file)} is damaged and cannot be read${noteEn(p.detail)}. ${SAVE_AS_EN}`,
  },
  "read-failed": {
    zh: (p) => `${fileZh(p.file)}无法读取${noteZh(p.detail)}。${SAVE_AS_ZH}`,
    en: (p) => `${fileEn(p.file)} could not be read${noteEn(p.detail)}. ${SAVE_AS_EN}`,
  },
  "text-encoding": {
    zh: (p) =>
      `${fileZh(p.file)}的文字编码无法识别${noteZh(p.detail)}（可读 UTF-8、UTF-16、GBK/GB18030）。请用记事本打开后“另存为”，编码选“UTF-8”再试。`,
    en: (p) =>
      `${fileEn(p.file)} is in a text encoding that cannot be read${noteEn(p.detail)} (UTF-8, UTF-16 and GBK/GB18030 are read). Open it in Notepad, Save As with encoding UTF-8 and try again.`,
  },
  timeout: {
    zh: (p) =>
      `${fileZh(p.file)}读取时间过长${p.seconds ? `（超过${p.seconds}秒）` : ""}，已停止读取，其他文件不受影响。文件可能已损坏或含有异常内容。${SAVE_AS_ZH}`,
    en: (p) =>
      `${fileEn(p.file)} took too long to read${p.seconds ? ` (over ${p.seconds} s)` : ""} and was stopped; the other files are not affected. It may be damaged or hold abnormal content. ${SAVE_AS_EN}`,
  },
  "sheet-exists": {
    zh: (p) => `已有名为“${p.sheet}”的工作表。请改名或删除后再试。`,
    en: (p) => `A sheet named "${p.sheet}" already exists. Rename or delete it and try again.`,
  },
  "sheet-protected": {
    zh: (p) => `工作表“${p.sheet}”受保护，无法写入。请在“审阅”选项卡中撤销工作表保护后再试。`,
    en: (p) => `Sheet "${p.sheet}" is protected and cannot be written. Unprotect it (Review tab) and try again.`,
  },
  "sheet-not-found": {
    zh: (p) => `找不到工作表“${p.sheet}”，可能已被删除或改名。请重新操作。`,
    en: (p) => `Sheet "${p.sheet}" was not found; it may have been deleted or renamed. Try again.`,
  },
  "sheet-name-invalid": {
    zh: (p) => `工作表名称“${p.sheet}”${SHEET_NAME[p.problem].zh}。`,
    en: (p) => `The sheet name "${p.sheet}" ${SHEET_NAME[p.problem].en}.`,
  },
  "cell-edit-mode": {
    zh: () => `表格正处于单元格编辑状态。请按回车键或 Esc 键结束编辑后再试。`,
    en: () => `A cell is being edited. Press Enter or Esc to finish editing, then try again.`,
  },
  "payload-too-large": {
    zh: () => `一次写入的数据超过 Excel 的限制。请分批选择文件后再试。`,
    en: () => `The data is more than Excel accepts in one request. Pick fewer files at a time and try again.`,
  },
  "api-not-supported": {
    zh: (p) => `当前 Excel 版本不支持此功能（${p.api}）。请升级 Excel，或在浏览器中以文件方式使用本工具。`,
    en: (p) => `This version of Excel does not support this (${p.api}). Update Excel, or use the tool on files in a browser.`,
  },
  "add-sheets-failed": {
    zh: (p, lang) =>
      `写入新工作表时出错${p.cause ? `：${describeProblem(p.cause, lang).replace(/。$/, "")}` : ""}。` +
      (p.rolledBack ? `已撤销本次添加的内容，工作簿保持原样。` : `以下工作表未能撤销，请手动删除：${p.leftovers.join("、")}。`),
    en: (p, lang) =>
      `Writing the new sheets failed${p.cause ? `: ${describeProblem(p.cause, lang)}` : "."} ` +
      (p.rolledBack
        ? `What this run added was removed; the workbook is as before.`
        : `These sheets could not be removed; delete them by hand: ${p.leftovers.join(", ")}.`),
  },
  "host-failed": {
    zh: (p) => `表格程序拒绝了本次操作（${p.code}）。请保存工作簿后重试。`,
    en: (p) => `The spreadsheet program refused the operation (${p.code}). Save the workbook and try again.`,
  },
  "not-a-report": {
    zh: (p) => `工作表“${p.sheet}”中没有找到月报表（需有“本月数”“累计数”表头和各项目行）。请切换到月报表，或先插入模板。`,
    en: (p) =>
      `No monthly report was found on sheet "${p.sheet}" (it needs the 本月数 / 累计数 header and the item rows). Switch to a report sheet or insert the template first.`,
  },
  "no-files": { zh: (p) => PICK[p.job].zh, en: (p) => PICK[p.job].en },
  "choose-period": { zh: () => `请选择报表月份。`, en: () => `Choose the report month.` },
  "no-report-for-month": {
    zh: (p) =>
      p.found.length === 0
        ? p.unreadable
          ? `所选文件均无法读取（${p.unreadable}个），没有${monthZh(p.period)}的报表，未生成汇总表。${reasons(p, "zh")}`
          : `所选文件中没有${monthZh(p.period)}的报表，未生成汇总表。`
        : p.found.length === 1
          ? `所选文件均为${monthZh(p.found[0])}的报表，没有${monthZh(p.period)}的报表，未生成汇总表。请改选报表月份或文件。`
          : `所选文件中没有${monthZh(p.period)}的报表（只有${p.found.map(monthZh).join("、")}的报表），未生成汇总表。请改选报表月份或文件。`,
    en: (p) =>
      p.found.length === 0
        ? p.unreadable
          ? `None of the files could be read (${p.unreadable}); there is no report for ${p.period} and no county total was made.${reasons(p, "en")}`
          : `None of the files holds a report for ${p.period}; no county total was made.`
        : `None of the files holds a report for ${p.period} (they hold ${p.found.map((k) => (k === "?" ? "a month not stated" : k)).join(", ")}); no county total was made. Choose another month or other files.`,
  },
  "report-month-unknown": {
    zh: (p) => `无法判断工作表“${p.sheet}”的报表月份，请在表名中写明，例如“2018年7月”。`,
    en: (p) => `The month of sheet "${p.sheet}" is unknown; name the sheet like 2018年7月.`,
  },
};

/** Why the files could not be read, each in its own words, and how many more there are. */
function reasons(p: ProblemParams["no-report-for-month"], lang: Lang): string {
  const listed = p.unreadableFiles ?? [];
  if (listed.length === 0) return "";
  const more = (p.unreadable ?? listed.length) - listed.length;
  const said = listed.map((x) => render(x, lang)).join(lang === "zh" ? "" : " ");
  if (lang === "zh") return `${said}${more > 0 ? `另有${more}个文件无法读取。` : ""}`;
  return ` ${said}${more > 0 ? ` ${more} more file(s) could not be read.` : ""}`;
}

export function describeProblem(problem: Problem, lang: Lang): string {
  return render(problem, lang);
}

function render<C extends ProblemCode>(problem: { code: C; params: ProblemParams[C] }, lang: Lang): string {
  const entry: Bilingual<Render<C>> = CATALOGUE[problem.code];
  return entry[lang](problem.params, lang);
}

/**
 * Any error in the clerk's words. A typed error says what happened and what to do; anything
 * else is our fault, said so plainly with its technical text for the maintainer.
 */
export function describeError(error: unknown, lang: Lang): string {
  if (isProblemError(error)) return describeProblem(error.problem, lang);
  const detail = error instanceof Error ? error.message : String(error);
  return lang === "zh"
    ? `程序出现意外错误（${detail}）。请重试；如仍出错，请联系维护人员。`
    : `Unexpected error (${detail}). Try again; if it persists, contact the maintainer.`;
}
