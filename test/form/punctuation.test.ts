/**
 * Chinese text the user sees uses full-width punctuation, as official Chinese text does
 * (，。：；（）“”！？). Renders every finding code's Chinese message, the 催报 text, the
 * task pane's zh catalogue, the command-line help and the unreadable-file messages, and fails
 * on a half-width , : ; ( ) ! ? or " next to Chinese.
 *
 * Values that come from the user's files or the form definition (item labels such as
 * "组织(包括日常、集中、联合、专项等)执法活动", file names, numbers) are data, not our wording:
 * they are replaced by a Chinese placeholder before the check, which also makes a half-width
 * bracket around a number ("现为 -2)") count as next to Chinese.
 */
import type { FigureColumn, Finding, FindingCode, FindingParams } from "../../src/form/findings";
import { findingMessage, severityLabel, statusLabel } from "../../src/form/messages";
import type { FileStatus, MergeResult } from "../../src/form/merge-types";
import { buildReminder } from "../../src/form/reminder";
import { ANNEX } from "../../src/form/spec";
import { WorkbookReadError } from "../../src/files/errors";
import { describeError, describeProblem } from "../../src/form/problem-messages";
import type { Problem, ProblemCode, ProblemParams } from "../../src/form/problems";
import { unreadableProblem } from "../../src/jobs/sources";
import { usage } from "../../src/cli/text";
import { catalogue, type Strings } from "../../src/taskpane/i18n/strings";

/** Chinese characters, CJK and full-width punctuation, and the curly quotes Chinese text uses. */
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’…—";
const HALF = `,:;()!?"`;
const BAD = new RegExp(`[${CJK}][${HALF}]|[${HALF}][${CJK}]`, "u");
const PLACEHOLDER = "甲";

/** The first half-width mark next to Chinese, with some context; undefined when the text is clean. */
function halfWidthNextToChinese(text: string, data: readonly string[] = []): string | undefined {
  let masked = text;
  // Longest first, so "云集镇(2).xlsx" is masked before "云集镇".
  for (const d of [...data].filter((x) => x !== "").sort((a, b) => b.length - a.length)) masked = masked.split(d).join(PLACEHOLDER);
  const m = BAD.exec(masked);
  return m ? masked.slice(Math.max(0, m.index - 8), m.index + 10) : undefined;
}

const LABELS = ANNEX.items.map((i) => i.label);
const item = (id: string) => {
  const it = ANNEX.items.find((i) => i.id === id)!;
  return { item: it.label, itemId: it.id };
};
const cell = (id: string, column: FigureColumn) => ({ ...item(id), column });
const legacy = new WorkbookReadError("encrypted", "云集镇.xls", "BIFF FILEPASS");

/** Realistic params for every code (a new code without an entry here does not compile). */
const PARAMS: { [C in FindingCode]: FindingParams[C][] } = {
  negative: [{ ...cell("fines", "month"), value: -2 }],
  "not-a-number": [{ ...cell("inspected", "month"), value: "三十" }],
  "not-whole": [{ ...cell("cases", "month"), value: 0.5 }],
  "too-many-decimals": [{ ...cell("fines", "cumulative"), value: 1.23456, decimals: 4 }],
  blank: [{ ...cell("arrested", "cumulative") }],
  "text-number": [{ ...cell("officers", "month"), value: "１２", number: 12 }],
  "number-with-unit": [
    { ...cell("officers", "month"), value: "12人次", number: 12, unit: "人次", rowUnit: "人（次）", converted: false },
    { ...cell("fines", "month"), value: "25000元", number: 2.5, unit: "元", rowUnit: "万元", converted: true },
  ],
  "unit-mismatch": [{ ...cell("suspended", "month"), value: "3人", unit: "人", rowUnit: "家" }],
  "placeholder-zero": [{ ...cell("closed", "month"), value: "/" }],
  "formula-no-value": [{ ...cell("activities", "cumulative"), formula: "=E6+'2018年6月'!F6" }],
  "cell-error": [{ ...cell("officers", "month"), value: "#DIV/0!" }],
  "cell-unreadable": [
    { ...cell("officers", "month"), reason: "shared-string-index" },
    { ...cell("fines", "cumulative"), reason: "shared-strings-dialect" },
  ],
  "cumulative-below-month": [{ ...item("cases"), month: "3", cumulative: "1" }],
  "cumulative-mismatch": [
    { ...item("closed"), expected: "12", prior: "9", month: "3", actual: "99", startMonth: 1 },
    { ...item("closed"), expected: "3", prior: "", month: "3", actual: "5", startMonth: 1 },
  ],
  "officers-below-twice-activities": [{ officers: "9", activities: "5" }],
  "prior-missing": [{ prior: "2018-06" }],
  "prior-not-given": [{}],
  "unit-missing": [{}],
  "unit-not-on-roster": [{ unit: "县林业局" }],
  late: [{ submitted: "2018-08-12", deadline: "2018-08-10" }],
  "date-missing": [{}],
  "item-missing": [{ ...item("detained") }],
  "period-unknown": [{ period: "2018-7" }, { period: "?" }],
  "no-report-for-period": [
    { period: "2018-07", found: "2018-06, ?" },
    { period: "2018-07", found: "" },
    { period: "", found: "" },
  ],
  unreadable: [{ problem: legacy.problem }],
  duplicate: [
    { other: "云集镇(2).xlsx", unit: "云集镇" },
    { other: "云集镇(2).xlsx", unit: "" },
  ],
  "county-cumulative-mismatch": [{ ...item("inspected"), actual: "40", prior: "30", month: "7", expected: "37" }],
  "unit-cumulative-mismatch": [
    { ...item("closed"), unit: "云集镇", priorPeriod: "2018-06", prior: "70", month: "35", expected: "105", actual: "999" },
  ],
  "prior-unit-not-reported": [{ unit: "泉湖镇", priorPeriod: "2018-06" }],
};

/** The params' values are data: masked (numbers and codes included). */
const dataOf = (p: Finding["params"]) => [...Object.values(p).map(String), ...LABELS, legacy.file];

describe("full-width punctuation in Chinese text", () => {
  it("the check itself flags half-width marks next to Chinese and passes proper text", () => {
    expect(halfWidthNextToChinese("累计数(1)小于本月数")).toBeDefined();
    expect(halfWidthNextToChinese("未填写,按 0 计")).toBeDefined();
    expect(halfWidthNextToChinese("用法:")).toBeDefined();
    expect(halfWidthNextToChinese('文件"云集镇.xlsx"不完整')).toBeDefined();
    expect(halfWidthNextToChinese("不能为负数(现为 -2)", ["-2"])).toBeDefined();
    expect(halfWidthNextToChinese("现为-2)", ["-2"])).toBeDefined();
    expect(halfWidthNextToChinese("“立案调查”累计数（1）小于本月数（3）。")).toBeUndefined();
    expect(halfWidthNextToChinese("请按 Ctrl+C 复制，或另存为 .xlsx（2018-07）。")).toBeUndefined();
    expect(halfWidthNextToChinese("“组织(包括日常)执法活动”本月数", ["组织(包括日常)执法活动"])).toBeUndefined();
  });

  const cases = Object.entries(PARAMS).flatMap(([code, list]) =>
    list.map((params, i) => [`${code}${list.length > 1 ? ` #${i + 1}` : ""}`, code as FindingCode, params] as const),
  );
  it.each(cases)("finding %s", (_name, code, params) => {
    const f = { severity: "error", code, sheet: "2018年7月", cell: "D9", params } as Finding;
    const text = findingMessage(f, "zh");
    expect(text).toMatch(/[。）]$/u);
    expect(halfWidthNextToChinese(text, dataOf(params))).toBeUndefined();
  });

  it("status and severity labels", () => {
    const statuses: FileStatus[] = ["included", "excluded", "skipped", "unreadable", "duplicate"];
    for (const s of statuses) expect(halfWidthNextToChinese(statusLabel(s, "zh"))).toBeUndefined();
    expect(halfWidthNextToChinese(severityLabel("error", "zh") + severityLabel("warning", "zh"))).toBeUndefined();
  });

  it("the 催报 text, with missing, wrong and unreadable units", () => {
    const errors = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        severity: "error" as const,
        code: "negative" as const,
        sheet: "2018年7月",
        cell: `C${5 + i}`,
        params: { ...cell("cases", "month"), value: -(i + 1) },
      }));
    const result: MergeResult = {
      period: { year: 2018, month: 7 },
      files: [
        { file: "茶市镇.xlsx", unit: "茶市镇", rosterUnit: "茶市镇", status: "excluded", late: false, findings: errors(5) },
        { file: "廖田镇.xlsx", unit: "廖田镇", status: "excluded", late: false, findings: errors(1) },
        {
          file: "冠市镇.xls",
          status: "unreadable",
          late: false,
          findings: [{ severity: "error", code: "unreadable", sheet: "", params: { problem: legacy.problem } }],
        },
      ],
      missing: ["江口镇", "宝盖镇"],
      late: [],
      findings: [],
      totals: [],
      includedCount: 0,
      deadline: { year: 2018, month: 8, day: 10 },
    };
    const text = buildReminder(result, {
      spec: ANNEX,
      office: "县安委办",
      today: { year: 2018, month: 8, day: 12 },
      lang: "zh",
      roster: true,
    });
    expect(text).toContain("等5处。");
    const data = ["茶市镇.xlsx", "冠市镇.xls", ...LABELS, ...errors(5).map((f) => String(f.params.value)), "县安委办"];
    for (const line of text.split("\n")) expect([line, halfWidthNextToChinese(line, data)]).toEqual([line, undefined]);
    const clean = buildReminder(
      { ...result, files: [], missing: [] },
      { spec: ANNEX, office: "县安委办", today: { year: 2018, month: 8, day: 12 }, lang: "zh", roster: true },
    );
    expect(halfWidthNextToChinese(clean)).toBeUndefined();
  });

  it("every zh string of the task pane", () => {
    const zh = catalogue.zh;
    const sample: Partial<Record<keyof Strings, unknown[]>> = {
      yearOption: [2018],
      monthOption: [7],
      periodLabel: [{ year: 2018, month: 7 }],
      filesChosen: [3],
      checkedCount: [2],
      filled: [11, "2018年7月", "2018年7月"],
      progress: [1, 3, "云集镇.xlsx"],
      summaryItem: ["应报", 5],
      moreIssues: [4],
    };
    const data = ["云集镇.xlsx", "云集镇(2).xlsx", "2018年7月", "2018", "7", "11", "3", "5", "4", "2", "1"];
    const checked: string[] = [];
    for (const [key, value] of Object.entries(zh) as [keyof Strings, unknown][]) {
      let text: string;
      if (typeof value === "function") {
        // Unknown functions (new strings) get a file name for each parameter.
        const args = sample[key] ?? Array.from({ length: value.length }, () => "云集镇(2).xlsx");
        text = String((value as (...a: unknown[]) => unknown)(...args));
      } else text = String(value);
      checked.push(key);
      expect([key, halfWidthNextToChinese(text, data)]).toEqual([key, undefined]);
    }
    expect(checked.length).toBeGreaterThan(80);
  });

  it("command-line help", () => {
    for (const line of usage("zh").split("\n")) expect([line, halfWidthNextToChinese(line)]).toEqual([line, undefined]);
  });

  it("every problem (typed error) the faces describe", () => {
    const file = { file: "云集镇(2).xlsx", detail: "12 MB" };
    const PROBLEMS: { [C in ProblemCode]: ProblemParams[C][] } = {
      "too-large": [file, { file: "", detail: "" }],
      "zip-bomb": [file],
      "not-a-workbook": [file, { ...file, kind: "html" }, { ...file, kind: "csv" }, { ...file, kind: "empty" }],
      encrypted: [file],
      truncated: [file],
      corrupt: [file],
      "read-failed": [{ file: "云集镇.xlsx", detail: "bad zip: (end of data)" }],
      "text-encoding": [
        { file: "名册.txt", detail: "" },
        { file: "名册.txt", detail: "invalid utf-16le after its byte-order mark" },
      ],
      timeout: [
        { file: "云集镇.xlsx", detail: "30 s", seconds: 30 },
        { file: "云集镇.xlsx", detail: "" },
      ],
      "sheet-exists": [{ sheet: "2018年7月" }],
      "sheet-protected": [{ sheet: "2018年7月" }],
      "sheet-not-found": [{ sheet: "2018年7月" }],
      "sheet-name-invalid": [
        { sheet: "7/月", problem: "badCharacter" },
        { sheet: "History", problem: "reserved" },
      ],
      "cell-edit-mode": [{}],
      "payload-too-large": [{}],
      "api-not-supported": [{ api: "Worksheet.pageLayout" }],
      "add-sheets-failed": [
        { rolledBack: true, leftovers: [], cause: { code: "sheet-protected", params: { sheet: "2018年7月" } } },
        { rolledBack: false, leftovers: ["县汇总 (2)", "明细"] },
      ],
      "host-failed": [{ code: "GeneralException" }],
      "not-a-report": [{ sheet: "Sheet1" }],
      "no-files": [{ job: "validate" }, { job: "fill" }, { job: "merge" }],
      "choose-period": [{}],
      "report-month-unknown": [{ sheet: "Sheet1" }],
      "no-report-for-month": [
        { period: "2018-08", found: ["2018-07"] },
        { period: "2018-08", found: ["2018-06", "2018-07", "?"] },
        { period: "2018-08", found: [] },
        {
          period: "2018-08",
          found: [],
          unreadable: 7,
          unreadableFiles: [
            { code: "not-a-workbook", params: { file: "云集镇.xlsx", detail: "", kind: "html" } },
            { code: "truncated", params: { file: "云集镇(2).xlsx", detail: "bad zip: (end of data)" } },
          ],
        },
      ],
    };
    const data = [
      "云集镇(2).xlsx",
      "云集镇.xlsx",
      "12 MB",
      "bad zip: (end of data)",
      "2018年7月",
      "7/月",
      "Worksheet.pageLayout",
      "GeneralException",
      "Sheet1",
      "县汇总 (2)",
      "明细",
      "History",
    ];
    for (const [code, list] of Object.entries(PROBLEMS)) {
      for (const params of list) {
        const text = describeProblem({ code, params } as Problem, "zh");
        expect([code, text.endsWith("。"), halfWidthNextToChinese(text, data)]).toEqual([code, true, undefined]);
        expect(describeProblem({ code, params } as Problem, "en")).not.toMatch(/[\u4e00-\u9fff]{4}/u);
      }
    }
    const other = describeProblem(unreadableProblem(new Error("bad zip: (end of data)"), "云集镇.xlsx"), "zh");
    expect(halfWidthNextToChinese(other, data)).toBeUndefined();
    expect(describeError(new WorkbookReadError("encrypted", "云集镇.xlsx"), "zh")).toContain("取消密码");
    expect(halfWidthNextToChinese(describeError(new TypeError("x is undefined"), "zh"), ["x is undefined"])).toBeUndefined();
  });
});
