/**
 * Typed errors of the workbook-files adapter. A WorkbookReadError is about a user's file
 * (unreadable, hostile, legacy format): the faces show messageZh / messageEn, which name
 * the file and say what to do. A WorkbookPlanError is a programming error (a bad plan or
 * write request), never caused by a user's file.
 */

export type WorkbookReadErrorCode = "too-large" | "zip-bomb" | "not-a-workbook" | "legacy-format" | "encrypted" | "truncated" | "corrupt";

const SAVE_AS_XLSX_ZH = "请在 Excel 或 WPS 中另存为 .xlsx 后再试";

function describe(code: WorkbookReadErrorCode, file: string, detail: string): { zh: string; en: string } {
  const f = file || "（未命名文件）";
  const fe = file || "(unnamed file)";
  const d = detail ? `（${detail}）` : "";
  const de = detail ? ` (${detail})` : "";
  switch (code) {
    case "too-large":
      return {
        zh: `文件“${f}”过大${d}，不像是月报表。请确认选对了文件，或删去无关的工作表后另存再试。`,
        en: `File "${fe}" is too large${de} for a monthly report. Check that it is the right file, or delete unrelated sheets and save it again.`,
      };
    case "zip-bomb":
      return {
        zh: `文件“${f}”解压后体积异常${d}，为安全起见拒绝读取。请向报送单位索取正常保存的 .xlsx 文件。`,
        en: `File "${fe}" expands to an abnormal size${de} and was refused for safety. Ask the sender for a normally saved .xlsx file.`,
      };
    case "not-a-workbook":
      return {
        zh: `文件“${f}”不是 Excel 工作簿${d}。${SAVE_AS_XLSX_ZH}。`,
        en: `File "${fe}" is not an Excel workbook${de}. Open it in Excel or WPS, save it as .xlsx and try again.`,
      };
    case "legacy-format":
      return {
        zh: `文件“${f}”是旧版 .xls 或 WPS .et 格式${d}，本工具不读取该格式。${SAVE_AS_XLSX_ZH}。`,
        en: `File "${fe}" is in the old .xls or WPS .et format${de}, which this tool does not read. Open it in Excel or WPS, save it as .xlsx and try again.`,
      };
    case "encrypted":
      return {
        zh: `文件“${f}”设有打开密码${d}。请在 Excel 或 WPS 中取消密码并重新保存后再试。`,
        en: `File "${fe}" is password-protected${de}. Remove the password in Excel or WPS, save it again and try again.`,
      };
    case "truncated":
      return {
        zh: `文件“${f}”不完整${d}，可能在下载或拷贝时中断。请重新获取该文件后再试。`,
        en: `File "${fe}" is incomplete${de}; the download or copy may have been cut short. Get the file again and retry.`,
      };
    case "corrupt":
      return {
        zh: `文件“${f}”已损坏，无法读取${d}。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`,
        en: `File "${fe}" is damaged and cannot be read${de}. Open it in Excel or WPS, save it as .xlsx and try again.`,
      };
  }
}

export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  readonly file: string;
  readonly messageZh: string;
  readonly messageEn: string;

  /** `detail` is a short technical note (English, no user data besides sizes/part names). */
  constructor(code: WorkbookReadErrorCode, file: string, detail = "") {
    const { zh, en } = describe(code, file, detail);
    super(en);
    this.name = "WorkbookReadError";
    this.code = code;
    this.file = file;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

export type WorkbookPlanErrorCode = "bad-sheet-name" | "duplicate-sheet-name" | "bad-mark" | "bad-address" | "bad-write" | "no-such-sheet";

/** A plan or write request that cannot be rendered: a bug in the caller, not a user's file. */
export class WorkbookPlanError extends Error {
  constructor(
    readonly code: WorkbookPlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookPlanError";
  }
}
