/** @jest-environment jsdom */
import "./setup";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { blankArrests, fakeActions, fewOfficers, negativeFines, reportCheck, xlsx } from "./fake-actions";
import { JobError } from "../../src/jobs/job-error";

/** Opens 数据校验 and waits for its panel (loaded on demand). */
async function openValidate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "数据校验" }));
  await screen.findByRole("button", { name: "开始校验" });
}

describe("数据校验 in Excel", () => {
  it("validates with the chosen scope and highlight, and groups findings by severity", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);

    await user.click(screen.getByRole("radio", { name: "全部月报表" }));
    await user.click(screen.getByRole("checkbox", { name: "标出错误单元格" }));
    await user.click(screen.getByRole("button", { name: "开始校验" }));

    expect(actions.validate).toHaveBeenCalledWith({ scope: "all", highlight: true });
    const errors = await screen.findByRole("region", { name: "错误 1" });
    const warnings = screen.getByRole("region", { name: "警告 2" });
    expect(within(errors).getByRole("button", { name: "D9 “经济处罚”本月数不能为负数（现为-2）。" })).toBeInTheDocument();
    expect(within(warnings).getByRole("button", { name: "E15 “抓捕涉嫌犯罪人员”累计数未填写，按0计。" })).toBeInTheDocument();
    expect(within(warnings).getByRole("button", { name: /^D6 出动执法人员/ })).toBeInTheDocument();
    expect(screen.getByText(/已校验1张报表/)).toBeInTheDocument();
  });

  it("selects a finding's cell when it is clicked", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);
    await user.click(screen.getByRole("button", { name: "开始校验" }));

    await user.click(await screen.findByRole("button", { name: /E15/ }));
    expect(actions.selectCell).toHaveBeenCalledWith("2018年7月", "E15");
  });

  it("says so when the report is clean, and when there is no report at all", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.validate.mockResolvedValueOnce([reportCheck([])]).mockResolvedValueOnce([]);
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);

    await user.click(screen.getByRole("button", { name: "开始校验" }));
    expect(await screen.findByText("未发现问题")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /错误/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "开始校验" }));
    expect(await screen.findByText("未找到月报表")).toBeInTheDocument();
  });

  it("re-validates (debounced) when the sheet changes, and unsubscribes on unmount", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    const unsubscribe = jest.fn();
    let changed: () => void = () => undefined;
    actions.onSheetChanged = jest.fn(async (cb: () => void) => {
      changed = cb;
      return unsubscribe;
    });
    actions.validate.mockResolvedValueOnce([reportCheck([negativeFines])]).mockResolvedValueOnce([reportCheck([])]);
    const { unmount } = render(<App actions={actions} lang="zh" />);
    await openValidate(user);

    expect(actions.onSheetChanged).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "开始校验" }));
    await screen.findByRole("region", { name: "错误 1" });
    await waitFor(() => expect(actions.onSheetChanged).toHaveBeenCalledTimes(1));
    expect(await screen.findByText(/修改报表后将自动重新校验/)).toBeInTheDocument();

    // A burst of edits gives one re-check, after the pause, with the same request.
    act(() => {
      changed();
      changed();
      changed();
    });
    expect(actions.validate).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("未发现问题", undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(actions.validate).toHaveBeenCalledTimes(2);
    expect(actions.validate).toHaveBeenLastCalledWith({ scope: "active", highlight: false });

    // Validating again does not subscribe twice.
    await user.click(screen.getByRole("button", { name: "开始校验" }));
    await waitFor(() => expect(actions.validate).toHaveBeenCalledTimes(3));
    expect(actions.onSheetChanged).toHaveBeenCalledTimes(1);

    expect(unsubscribe).not.toHaveBeenCalled();
    unmount();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("clears highlights", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);
    await user.click(screen.getByRole("button", { name: "清除标记" }));
    expect(actions.clearHighlight).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("已清除标记。")).toBeInTheDocument();
  });

  it("shows a failed validation in plain words", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.validate.mockRejectedValueOnce(new JobError("not-a-report", { sheet: "Sheet1" }));
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);
    await user.click(screen.getByRole("button", { name: "开始校验" }));
    expect(await screen.findByText(/^工作表“Sheet1”中没有找到月报表.*请切换到月报表，或先插入模板。$/)).toBeInTheDocument();
    expect(screen.getByText("操作未完成")).toBeInTheDocument();
  });
});

describe("数据校验 on files", () => {
  it("asks for files first, then validates the picked files and lists findings per file", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    actions.validate.mockResolvedValueOnce([
      { ...reportCheck([negativeFines]), source: "云集镇.xlsx › 2018年7月", file: "云集镇.xlsx" },
      { ...reportCheck([blankArrests, fewOfficers]), source: "茶市镇.xlsx › 7月", file: "茶市镇.xlsx", sheet: "7月" },
    ]);
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);

    expect(screen.queryByRole("radio", { name: "当前工作表" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "清除标记" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "开始校验" }));
    expect(actions.validate).not.toHaveBeenCalled();
    expect(screen.getByText("请先选择月报文件")).toBeInTheDocument();

    const a = xlsx("云集镇.xlsx");
    const b = xlsx("茶市镇.xls"); // old format: still pickable, so the job can say to save it as .xlsx
    await user.upload(screen.getByLabelText("选择月报文件"), [a, b]);
    expect(screen.queryByText("请先选择月报文件")).not.toBeInTheDocument();
    expect(screen.getByText("已选择2个文件")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "开始校验" }));

    expect(actions.validate).toHaveBeenCalledWith({ files: [a, b] });
    const errors = await screen.findByRole("region", { name: "错误 1" });
    expect(within(errors).getByText("云集镇.xlsx › 2018年7月")).toBeInTheDocument();
    expect(within(errors).getByText("D9")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "警告 2" })).getAllByText("茶市镇.xlsx › 7月")).toHaveLength(2);
    // No workbook to jump into: findings are text, not buttons.
    expect(screen.queryByRole("button", { name: /D9/ })).not.toBeInTheDocument();
  });
});

describe("数据校验 with last month's file", () => {
  it.each(["file", "excel"] as const)("%s mode: the optional 上月报表文件 goes with the request", async (mode) => {
    const user = userEvent.setup();
    const actions = fakeActions(mode);
    render(<App actions={actions} lang="zh" />);
    await openValidate(user);
    expect(screen.getByText("可选，本单位上月报表或上月县汇总表，用于核对累计数")).toBeInTheDocument();
    const july = xlsx("云集镇7月.xlsx");
    const june = xlsx("云集镇6月.xlsx");
    if (mode === "file") await user.upload(screen.getByLabelText("选择月报文件"), july);
    await user.upload(screen.getByLabelText("上月报表文件"), june);
    await user.click(screen.getByRole("button", { name: "开始校验" }));
    expect(actions.validate).toHaveBeenCalledWith(
      mode === "file" ? { files: [july], prior: june } : { scope: "active", highlight: false, prior: june },
    );
  });
});
