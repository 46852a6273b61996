/**
 * A fake PaneActions for component tests: every method a jest.fn with a realistic answer built
 * from the contract's types, so a test only overrides what it is about.
 */
import type {
  FillOutcome,
  FillRequest,
  InsertOutcome,
  InsertRequest,
  MergeOutcome,
  MergeRequest,
  Mode,
  PaneActions,
  ReportCheck,
  Settings,
  ValidateRequest,
} from "../../src/jobs/actions";
import type { Finding } from "../../src/form/findings";
import type { MergeResult } from "../../src/form/merge-types";

export interface FakeActions extends PaneActions {
  rememberedUnit: jest.Mock<string, []>;
  rememberUnit: jest.Mock<void, [string]>;
  rememberedSender: jest.Mock<string, []>;
  rememberSender: jest.Mock<void, [string]>;
  insertTemplate: jest.Mock<Promise<InsertOutcome>, [InsertRequest]>;
  validate: jest.Mock<Promise<ReportCheck[]>, [ValidateRequest]>;
  fillCumulative: jest.Mock<Promise<FillOutcome>, [FillRequest]>;
  merge: jest.Mock<Promise<MergeOutcome>, [MergeRequest]>;
  settings: Settings;
  /** Saving replaces `settings`, as the real actions do. */
  saveSettings: jest.Mock<void, [Settings]>;
  openSheet?: jest.Mock<Promise<void>, [string]>;
  clearHighlight?: jest.Mock<Promise<void>, []>;
  selectCell?: jest.Mock<Promise<void>, [string, string]>;
  onSheetChanged?: jest.Mock<Promise<() => void>, [() => void]>;
}

export const negativeFines: Finding = {
  severity: "error",
  code: "negative",
  sheet: "2018年7月",
  cell: "D9",
  params: { item: "经济处罚", itemId: "fines", column: "month", value: -2 },
};

export const blankArrests: Finding = {
  severity: "warning",
  code: "blank",
  sheet: "2018年7月",
  cell: "E15",
  params: { item: "抓捕涉嫌犯罪人员", itemId: "arrested", column: "cumulative" },
};

export const fewOfficers: Finding = {
  severity: "warning",
  code: "officers-below-twice-activities",
  sheet: "2018年7月",
  cell: "D6",
  params: { officers: "5", activities: "4" },
};

export function reportCheck(findings: Finding[], sheet = "2018年7月"): ReportCheck {
  return { source: sheet, sheet, unit: "云集镇", period: { year: 2018, month: 7 }, findings };
}

export function mergeResult(): MergeResult {
  return {
    period: { year: 2018, month: 7 },
    files: [
      {
        file: "云集镇.xlsx",
        sheet: "2018年7月",
        unit: "云集镇人民政府",
        rosterUnit: "云集镇",
        status: "included",
        late: false,
        findings: [],
        submitted: { year: 2018, month: 8, day: 3 },
      },
      {
        file: "廖田镇.xlsx",
        sheet: "2018年7月",
        unit: "廖田镇",
        rosterUnit: "廖田镇",
        status: "excluded",
        late: false,
        findings: [{ ...negativeFines, sheet: "2018年7月" }],
      },
      {
        file: "云集镇(2).xlsx",
        sheet: "2018年7月",
        unit: "云集镇",
        rosterUnit: "云集镇",
        status: "duplicate",
        late: false,
        duplicateOf: "云集镇.xlsx",
        findings: [{ severity: "warning", code: "duplicate", sheet: "", params: { other: "云集镇.xlsx", unit: "云集镇" } }],
      },
      {
        file: "茶市镇.xlsx",
        sheet: "2018年7月",
        unit: "茶市镇",
        rosterUnit: "茶市镇",
        status: "included",
        late: true,
        findings: [
          {
            severity: "warning",
            code: "late",
            sheet: "2018年7月",
            cell: "E4",
            params: { submitted: "2018-08-15", deadline: "2018-08-10" },
          },
        ],
      },
      {
        file: "坏文件.xlsx",
        status: "unreadable",
        late: false,
        findings: [
          {
            severity: "error",
            code: "unreadable",
            sheet: "",
            params: { problem: { code: "corrupt", params: { file: "坏文件.xlsx", detail: "" } } },
          },
        ],
      },
    ],
    missing: ["冠市镇", "江口镇"],
    late: ["茶市镇"],
    findings: [],
    totals: [{ item: "activities", label: "组织(包括日常、集中、联合、专项等)执法活动", unit: "次", month: 7, cumulative: 40 }],
    includedCount: 2,
    deadline: { year: 2018, month: 8, day: 10 },
  };
}

const REMINDER = "请以下单位尽快报送2018年7月月报表：冠市镇、江口镇。\n请以下单位更正后重新报送：廖田镇。";

/** Excel mode has every optional capability; file mode has none of them. */
export function fakeActions(mode: Mode = "excel", unit = "云集镇"): FakeActions {
  const base: FakeActions = {
    mode,
    settings: { deadlineDay: 10, startMonth: 1 },
    saveSettings: jest.fn((next: Settings) => {
      base.settings = { ...next };
    }),
    rememberedUnit: jest.fn(() => unit),
    rememberUnit: jest.fn(),
    rememberedSender: jest.fn(() => ""),
    rememberSender: jest.fn(),
    insertTemplate: jest.fn(async (req: InsertRequest): Promise<InsertOutcome> =>
      mode === "file"
        ? { status: "downloaded", fileName: `${req.unit}-${req.period.year}-${String(req.period.month).padStart(2, "0")}.xlsx` }
        : { status: "inserted", sheet: `${req.period.year}年${req.period.month}月` },
    ),
    validate: jest.fn(async (_req: ValidateRequest): Promise<ReportCheck[]> => [reportCheck([negativeFines, blankArrests, fewOfficers])]),
    fillCumulative: jest.fn(async (req: FillRequest): Promise<FillOutcome> => ({
      sheet: "2018年7月",
      period: { year: 2018, month: 7 },
      priorSource: "2018年6月",
      written: 11,
      findings: [],
      fileName: req.file ? `${req.file.name.replace(/\.xlsx$/, "")}-累计.xlsx` : undefined,
    })),
    merge: jest.fn(async (_req: MergeRequest): Promise<MergeOutcome> => ({
      result: mergeResult(),
      written: mode === "file" ? ["县汇总-2018-07.xlsx"] : ["汇总2018年7月", "明细2018年7月"],
      reminder: REMINDER,
    })),
  };
  if (mode !== "file") {
    // A live workbook (Excel or WPS 表格); WPS has no cell highlighting.
    base.openSheet = jest.fn(async (_sheet: string) => undefined);
    if (mode === "excel") base.clearHighlight = jest.fn(async () => undefined);
    base.selectCell = jest.fn(async (_sheet: string, _cell: string) => undefined);
    base.onSheetChanged = jest.fn(async (_callback: () => void) => jest.fn());
  }
  return base;
}

export function xlsx(name: string): File {
  return new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}
