/** @jest-environment jsdom */
import "./setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions } from "./fake-actions";
import { SheetProtectedError } from "../../src/jobs/host-errors";

const TODAY = new Date(2018, 7, 3); // 3 Aug 2018: the report due is July's

describe("插入模板", () => {
  it("defaults to last month and the remembered unit, and inserts what the clerk chose", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("excel", "云集镇");
    render(<App actions={actions} lang="zh" today={TODAY} />);

    expect(screen.getByRole("tab", { name: "插入模板", selected: true })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "年份" })).toHaveValue("2018");
    expect(screen.getByRole("combobox", { name: "月份" })).toHaveValue("7");
    expect(screen.getByRole("textbox", { name: "填报单位" })).toHaveValue("云集镇");

    await user.selectOptions(screen.getByRole("combobox", { name: "月份" }), "6");
    await user.clear(screen.getByRole("textbox", { name: "填报单位" }));
    await user.type(screen.getByRole("textbox", { name: "填报单位" }), " 廖田镇 ");
    await user.click(screen.getByRole("button", { name: "插入月报表" }));

    expect(actions.insertTemplate).toHaveBeenCalledWith({ period: { year: 2018, month: 6 }, unit: "廖田镇", onConflict: "ask" });
    expect(await screen.findByText("已插入工作表“2018年6月”。")).toBeInTheDocument();
    expect(actions.rememberUnit).toHaveBeenCalledWith("廖田镇");
  });

  it("January's default is December of the year before", () => {
    render(<App actions={fakeActions()} lang="zh" today={new Date(2019, 0, 5)} />);
    expect(screen.getByRole("combobox", { name: "年份" })).toHaveValue("2018");
    expect(screen.getByRole("combobox", { name: "月份" })).toHaveValue("12");
  });

  it("offers to open the existing sheet or add a copy, for the month that was asked", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.insertTemplate
      .mockResolvedValueOnce({ status: "exists", sheet: "2018年7月" })
      .mockResolvedValueOnce({ status: "exists", sheet: "2018年7月" })
      .mockResolvedValueOnce({ status: "exists", sheet: "2018年7月" })
      .mockResolvedValueOnce({ status: "inserted", sheet: "2018年7月 (2)" });
    render(<App actions={actions} lang="zh" today={TODAY} />);

    await user.click(screen.getByRole("button", { name: "插入月报表" }));
    expect(await screen.findByText("该月报表已存在：“2018年7月”。")).toBeInTheDocument();
    expect(actions.rememberUnit).not.toHaveBeenCalled();

    // Changing the inputs afterwards must not change which month the conflict is about.
    await user.selectOptions(screen.getByRole("combobox", { name: "月份" }), "3");
    await user.click(screen.getByRole("button", { name: "打开该表" }));
    expect(actions.insertTemplate).toHaveBeenLastCalledWith({ period: { year: 2018, month: 7 }, unit: "云集镇", onConflict: "open" });
    expect(await screen.findByText("已打开工作表“2018年7月”。")).toBeInTheDocument();
    expect(actions.rememberUnit).toHaveBeenCalledWith("云集镇");

    await user.selectOptions(screen.getByRole("combobox", { name: "月份" }), "7");
    await user.click(screen.getByRole("button", { name: "插入月报表" }));
    await user.click(await screen.findByRole("button", { name: "新增副本" }));
    expect(actions.insertTemplate).toHaveBeenLastCalledWith({ period: { year: 2018, month: 7 }, unit: "云集镇", onConflict: "copy" });
    expect(await screen.findByText("已插入工作表“2018年7月 (2)”。")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "打开该表" })).not.toBeInTheDocument();
  });

  it("in file mode downloads a blank report and names the file", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file", "");
    render(<App actions={actions} lang="zh" today={TODAY} />);

    expect(screen.getByText("文件仅在本机浏览器中处理，不会上传。")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "填报单位" }), "茶市镇");
    await user.click(screen.getByRole("button", { name: "下载空白月报表" }));

    expect(actions.insertTemplate).toHaveBeenCalledWith({ period: { year: 2018, month: 7 }, unit: "茶市镇", onConflict: "ask" });
    expect(await screen.findByText("已下载：茶市镇-2018-07.xlsx")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "插入月报表" })).not.toBeInTheDocument();
  });

  it("shows a failure in plain words and disables the button while running", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    let reject: (e: Error) => void = () => undefined;
    actions.insertTemplate.mockImplementationOnce(() => new Promise((_, r) => (reject = r)));
    render(<App actions={actions} lang="zh" today={TODAY} />);

    await user.click(screen.getByRole("button", { name: "插入月报表" }));
    expect(screen.getByRole("button", { name: "插入月报表" })).toBeDisabled();
    expect(screen.getByText("正在处理…")).toBeInTheDocument();

    reject(new SheetProtectedError("2018年7月"));
    expect(await screen.findByText("工作表“2018年7月”受保护，无法写入。请在“审阅”选项卡中撤销工作表保护后再试。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "插入月报表" })).toBeEnabled();
    expect(actions.rememberUnit).not.toHaveBeenCalled();
  });
});
