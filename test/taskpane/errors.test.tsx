/** @jest-environment jsdom */
// Every typed error a job can throw reaches the clerk as describeError's words, never e.message.
import "./setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions } from "./fake-actions";
import { WorkbookReadError } from "../../src/files/errors";
import { JobError } from "../../src/jobs/job-error";
import { ProblemError } from "../../src/form/problems";
import {
  AddSheetsFailedError,
  ApiNotSupportedError,
  CellEditModeError,
  HostApiError,
  InvalidSheetNameError,
  PayloadTooLargeError,
  SheetExistsError,
  SheetNotFoundError,
  SheetProtectedError,
} from "../../src/jobs/host-errors";

const TODAY = new Date(2018, 7, 3);

const CASES: [string, Error, RegExp][] = [
  [
    "a protected target sheet",
    new SheetProtectedError("2018年7月"),
    /^工作表“2018年7月”受保护，无法写入。请在“审阅”选项卡中撤销工作表保护后再试。$/,
  ],
  ["cell-edit mode", new CellEditModeError(), /^表格正处于单元格编辑状态。请按回车键或 Esc 键结束编辑后再试。$/],
  [
    "a rolled-back add",
    new AddSheetsFailedError(new SheetProtectedError("县汇总"), true, []),
    /^写入新工作表时出错：工作表“县汇总”受保护.*已撤销本次添加的内容，工作簿保持原样。$/,
  ],
  [
    "a half-undone add",
    new AddSheetsFailedError(new Error("x"), false, ["明细", "报送情况"]),
    /以下工作表未能撤销，请手动删除：明细、报送情况。$/,
  ],
  ["a payload over the limit", new PayloadTooLargeError("RequestPayloadSizeLimitExceeded"), /^一次写入的数据超过 Excel 的限制。/],
  ["a missing API", new ApiNotSupportedError("Worksheet.pageLayout"), /^当前 Excel 版本不支持此功能（Worksheet\.pageLayout）。/],
  ["an existing sheet", new SheetExistsError("2018年7月"), /^已有名为“2018年7月”的工作表。/],
  ["a vanished sheet", new SheetNotFoundError("2018年7月"), /^找不到工作表“2018年7月”/],
  ["a bad sheet name", new InvalidSheetNameError("a/b", "badCharacter"), /^工作表名称“a\/b”不能含有/],
  ["another host error", new HostApiError("GeneralException", "boom"), /^表格程序拒绝了本次操作（GeneralException）。/],
  ["an unreadable file", new WorkbookReadError("encrypted", "云集镇.xlsx"), /^文件“云集镇\.xlsx”设有打开密码。/],
  [
    "a roster in no known encoding",
    new ProblemError("text-encoding", { file: "名册.txt", detail: "" }),
    /^文件“名册\.txt”的文字编码无法识别（可读 UTF-8、UTF-16、GBK\/GB18030）。请用记事本打开后“另存为”，编码选“UTF-8”再试。$/,
  ],
  ["a job that cannot start", new JobError("not-a-report", { sheet: "Sheet1" }), /^工作表“Sheet1”中没有找到月报表/],
  ["a bug", new TypeError("x is undefined"), /^程序出现意外错误（x is undefined）。请重试；如仍出错，请联系维护人员。$/],
];

describe("a failed job in the clerk's words", () => {
  it.each(CASES)("%s", async (_name, error, text) => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.insertTemplate.mockRejectedValueOnce(error);
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await user.click(screen.getByRole("button", { name: "插入月报表" }));
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByText(error.message)).not.toBeInTheDocument();
  });

  it("in English when the pane speaks English", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.insertTemplate.mockRejectedValueOnce(new SheetProtectedError("2018年7月"));
    render(<App actions={actions} lang="en" today={TODAY} />);
    await user.click(screen.getByRole("button", { name: "Insert monthly report" }));
    expect(
      await screen.findByText('Sheet "2018年7月" is protected and cannot be written. Unprotect it (Review tab) and try again.'),
    ).toBeInTheDocument();
  });
});
