/** @jest-environment jsdom */
import "./setup";
import { deferred } from "../support/deferred";
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import type { MergeOutcome, MergeRequest } from "../../src/jobs/actions";
import { fakeActions, mergeResult, xlsx } from "./fake-actions";
import { AddSheetsFailedError, SheetProtectedError } from "../../src/jobs/host-errors";

const TODAY = new Date(2018, 7, 3);

/** Opens 汇总 and waits for its panel (loaded on demand). */
async function openMerge(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "汇总" }));
  await screen.findByRole("button", { name: "开始汇总" });
}

describe("汇总", () => {
  it("merges the picked files with roster and prior total, showing progress, then the results", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    const finish = deferred<MergeOutcome>();
    let request: MergeRequest | undefined;
    actions.merge.mockImplementationOnce((req) => {
      request = req;
      req.onProgress?.(1, 3, "云集镇.xlsx");
      return finish.promise;
    });
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);

    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(actions.merge).not.toHaveBeenCalled();
    expect(screen.getByText("请选择各单位报表文件")).toBeInTheDocument();

    const units = [xlsx("云集镇.xlsx"), xlsx("廖田镇.xlsx"), xlsx("茶市镇.xlsx")];
    const roster = new File(["云集镇\n廖田镇\n茶市镇\n冠市镇\n江口镇\n"], "单位名册.txt", { type: "text/plain" });
    const prior = xlsx("县汇总-2018-06.xlsx");
    await user.upload(screen.getByLabelText("选择各单位报表"), units.slice(0, 2));
    await user.upload(screen.getByLabelText("选择各单位报表"), units.slice(2)); // a second pick adds
    await user.upload(screen.getByLabelText("单位名册"), roster);
    await user.upload(screen.getByLabelText("上月县汇总表"), prior);
    expect(screen.getByText("已选择3个文件")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "月份" })).toHaveValue("7");

    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    // Identity checks: a deep subset match walks into jsdom's File internals and never ends.
    expect(request?.files).toHaveLength(3);
    request?.files.forEach((f, i) => expect(f).toBe(units[i]));
    expect(request?.roster).toBe(roster);
    expect(request?.prior).toBe(prior);
    expect(request?.period).toEqual({ year: 2018, month: 7 });
    expect(await screen.findByRole("progressbar", { name: "正在读取（1/3）：云集镇.xlsx" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "开始汇总" })).toBeDisabled();

    await user.click(screen.getByRole("tab", { name: "插入模板" })); // progress keeps going while elsewhere
    await user.click(screen.getByRole("tab", { name: "汇总" }));
    finish.resolve({ result: mergeResult(), written: ["汇总2018年7月", "明细2018年7月"], reminder: "请冠市镇、江口镇尽快报送。" });

    expect(await screen.findByText("2018年7月：应报5个，已汇总2个，未报2个，有误1个，重复1个，迟报1个，无法读取1个")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByText("汇总结果已写入：汇总2018年7月、明细2018年7月")).toBeInTheDocument();

    const table = screen.getByRole("table", { name: "各单位报送情况" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["单位", "状态", "问题", "文件"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(5);
    const wrong = rows.find((r) => within(r).queryByText("廖田镇.xlsx"));
    expect(wrong && within(wrong).getByText("有误未汇总")).toBeInTheDocument();
    expect(wrong && within(wrong).getByText("D9 “经济处罚”本月数不能为负数（现为-2）。")).toBeInTheDocument();
    const broken = rows.find((r) => within(r).queryByText("坏文件.xlsx"));
    expect(broken && within(broken).getByText("无法读取")).toBeInTheDocument();
    expect(broken && within(broken).getByText("—")).toBeInTheDocument();
    expect(within(rows[0]).getByText("已汇总")).toBeInTheDocument();

    const missing = screen.getByRole("region", { name: "未报单位" });
    expect(
      within(missing)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["冠市镇", "江口镇"]);
    expect(within(screen.getByRole("region", { name: "有误单位" })).getByText("廖田镇")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "重复报送" })).getByText("云集镇(2).xlsx（与“云集镇.xlsx”重复）")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "迟报单位" })).getByText("茶市镇")).toBeInTheDocument();

    const reminder = screen.getByRole("textbox", { name: "催报通知" });
    expect(reminder).toHaveValue("请冠市镇、江口镇尽快报送。");
    expect(reminder).toHaveAttribute("readonly");
  });

  it("copies the reminder to the clipboard", async () => {
    const user = userEvent.setup();
    const writeText = jest.fn(async () => undefined);
    // user-event installs its own clipboard stub in setup(); replace it with a spy.
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);
    await user.upload(screen.getByLabelText("选择各单位报表"), xlsx("云集镇.xlsx"));
    await user.click(screen.getByRole("button", { name: "开始汇总" }));

    const reminder = await screen.findByRole("textbox", { name: "催报通知" });
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(writeText).toHaveBeenCalledWith((reminder as HTMLTextAreaElement).value);
    expect(await screen.findByText("已复制。")).toBeInTheDocument();
  });

  it("selects the reminder text when the clipboard is unavailable", async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: undefined });
    const execCommand = jest.fn(() => false); // the old copy command refused too
    Object.defineProperty(document, "execCommand", { configurable: true, value: execCommand });
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);
    await user.upload(screen.getByLabelText("选择各单位报表"), xlsx("云集镇.xlsx"));
    await user.click(screen.getByRole("button", { name: "开始汇总" }));

    const reminder = (await screen.findByRole("textbox", { name: "催报通知" })) as HTMLTextAreaElement;
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(reminder).toHaveFocus();
    expect(reminder.selectionStart).toBe(0);
    expect(reminder.selectionEnd).toBe(reminder.value.length);
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(screen.getByText("已选中全文，请按 Ctrl+C 复制。")).toBeInTheDocument();
  });

  it("accepts files dropped on the drop zone", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);

    const zone = screen.getByLabelText("选择各单位报表").parentElement as HTMLElement;
    const dropped = [xlsx("泉湖镇.xlsx"), xlsx("松江镇.xlsx")];
    fireEvent.dragOver(zone, { dataTransfer: { types: ["Files"], files: dropped } });
    fireEvent.drop(zone, { dataTransfer: { types: ["Files"], files: dropped } });
    expect(screen.getByText("已选择2个文件")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    const files = actions.merge.mock.calls[0][0].files;
    expect(files).toHaveLength(2);
    files.forEach((f, i) => expect(f).toBe(dropped[i]));
    expect(await screen.findByText("已下载：县汇总-2018-07.xlsx")).toBeInTheDocument();
  });

  it("shows a failed merge in plain words and re-enables the button", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.merge.mockImplementationOnce(async (req) => {
      req.onProgress?.(2, 3, "廖田镇.xlsx");
      throw new AddSheetsFailedError(new SheetProtectedError("县汇总"), true, []);
    });
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);
    await user.upload(screen.getByLabelText("选择各单位报表"), xlsx("云集镇.xlsx"));
    await user.click(screen.getByRole("button", { name: "开始汇总" }));

    expect(
      await screen.findByText(
        "写入新工作表时出错：工作表“县汇总”受保护，无法写入。请在“审阅”选项卡中撤销工作表保护后再试。已撤销本次添加的内容，工作簿保持原样。",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "开始汇总" })).toBeEnabled();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("signs with the remembered sender's name, and remembers a new one", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.rememberedSender.mockReturnValue("衡南县安委办");
    let request: MergeRequest | undefined;
    actions.merge.mockImplementationOnce(async (req) => {
      request = req;
      return { result: mergeResult(), written: ["汇总2018年7月"], reminder: "已超过报送时限，请于今日内报送衡南县安委办。" };
    });
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);
    const field = screen.getByRole("textbox", { name: "落款单位" });
    expect(field).toHaveValue("衡南县安委办");
    await user.upload(screen.getByLabelText("选择各单位报表"), [xlsx("云集镇.xlsx")]);
    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(request?.sender).toBe("衡南县安委办");
    expect(await screen.findByText(/请于今日内报送衡南县安委办/)).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, " 祁东县安委办 ");
    actions.merge.mockResolvedValueOnce({ result: mergeResult(), written: [], reminder: "" });
    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(actions.rememberSender).toHaveBeenLastCalledWith("祁东县安委办");
    expect(actions.merge.mock.calls[1][0].sender).toBe("祁东县安委办");
  });
});

describe("汇总: the month follows the picked files", () => {
  it("preselects the month most files hold, says so, and questions a month few files hold", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    const monthsHeld = jest.fn(async () => ({
      months: [
        { period: { year: 2018, month: 7 }, files: 2 },
        { period: { year: 2018, month: 6 }, files: 1 },
      ],
      read: 3,
    }));
    actions.monthsHeld = monthsHeld;
    // Today is in 2026: last calendar month would be wrong for these 2018 files.
    render(<App actions={actions} lang="zh" today={new Date(2026, 11, 3)} />);
    await openMerge(user);
    await user.upload(screen.getByLabelText("选择各单位报表"), [xlsx("云集镇.xlsx"), xlsx("廖田镇.xlsx"), xlsx("茶市镇.xlsx")]);

    expect(await screen.findByText("已按所选文件选定报表月份：3个文件中有2个为2018年7月的报表。")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "年份" })).toHaveValue("2018");
    expect(screen.getByRole("combobox", { name: "月份" })).toHaveValue("7");

    // The user may still choose another month; one that few files hold is questioned first.
    await user.selectOptions(screen.getByRole("combobox", { name: "月份" }), "6");
    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(screen.getByText("3个文件中只有1个为2018年6月的报表。确定按2018年6月汇总吗？")).toBeInTheDocument();
    expect(actions.merge).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "仍然汇总" }));
    expect(actions.merge).toHaveBeenCalledTimes(1);
    expect(actions.merge.mock.calls[0][0].period).toEqual({ year: 2018, month: 6 });
  });
  it("takes a resend date for the 催报 text, and refuses one not after today", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.merge.mockResolvedValue({ result: mergeResult(), written: [], reminder: "" });
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await openMerge(user);
    await user.upload(screen.getByLabelText("选择各单位报表"), [xlsx("云集镇.xlsx")]);
    const date = screen.getByLabelText("补报截止日期");
    expect(screen.getByText("可选，已过报送时限时写入催报通知；留空为“请于今日内报送”")).toBeInTheDocument();

    await user.type(date, "2018-08-03"); // today
    expect(screen.getByText("补报截止日期应晚于今天")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(actions.merge).not.toHaveBeenCalled();

    await user.clear(date);
    await user.type(date, "2018-08-15");
    expect(screen.queryByText("补报截止日期应晚于今天")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(actions.merge.mock.calls[0][0].resendBy).toEqual({ year: 2018, month: 8, day: 15 });
  });
});
