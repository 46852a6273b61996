/** @jest-environment jsdom */
import "./setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions } from "./fake-actions";
import { HostApiError } from "../../src/jobs/host-errors";

async function openSettings(user: ReturnType<typeof userEvent.setup>, name = "设置") {
  await user.click(screen.getByRole("tab", { name }));
  return screen.findByRole("spinbutton", { name: /报送截止日|Deadline day/ });
}

describe("设置", () => {
  it("shows the settings in use, validates each field and saves whole numbers in range", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    actions.settings = { deadlineDay: 10, startMonth: 1 };
    render(<App actions={actions} lang="zh" />);
    const deadline = await openSettings(user);
    const start = screen.getByRole("spinbutton", { name: "累计起始月" });
    const save = screen.getByRole("button", { name: "保存设置" });
    expect(deadline).toHaveValue(10);
    expect(start).toHaveValue(1);
    expect(screen.getByText("每月几日前报送上月报表（1～31）")).toBeInTheDocument();

    await user.clear(deadline);
    await user.type(deadline, "32");
    expect(screen.getByText("请输入 1 至 31 之间的整数。")).toBeInTheDocument();
    expect(deadline).toHaveAttribute("aria-invalid", "true");
    expect(save).toBeDisabled();

    await user.clear(deadline);
    expect(screen.getByText("请输入 1 至 31 之间的整数。")).toBeInTheDocument();
    await user.type(deadline, "15");
    expect(screen.queryByText("请输入 1 至 31 之间的整数。")).not.toBeInTheDocument();

    await user.clear(start);
    await user.type(start, "13");
    expect(screen.getByText("请输入 1 至 12 之间的整数。")).toBeInTheDocument();
    expect(save).toBeDisabled();
    await user.clear(start);
    await user.type(start, "6");
    expect(save).toBeEnabled();

    await user.click(save);
    expect(actions.saveSettings).toHaveBeenCalledTimes(1);
    expect(actions.saveSettings).toHaveBeenCalledWith({ deadlineDay: 15, startMonth: 6 });
    expect(actions.settings).toEqual({ deadlineDay: 15, startMonth: 6 });
    expect(screen.getByText("设置已保存。")).toBeInTheDocument();

    // Editing again takes the confirmation away until the next save.
    await user.type(start, "{Backspace}7");
    expect(screen.queryByText("设置已保存。")).not.toBeInTheDocument();
  });

  it("does not save a fraction (Enter submits the form only when valid)", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" />);
    const deadline = await openSettings(user);
    await user.clear(deadline);
    await user.type(deadline, "1.5{Enter}");
    expect(screen.getByText("请输入 1 至 31 之间的整数。")).toBeInTheDocument();
    expect(actions.saveSettings).not.toHaveBeenCalled();
    await user.clear(deadline);
    await user.type(deadline, "20{Enter}");
    expect(actions.saveSettings).toHaveBeenCalledWith({ deadlineDay: 20, startMonth: 1 });
  });

  it("shows a failed save in plain words", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.saveSettings.mockImplementationOnce(() => {
      throw new HostApiError("GeneralException", "settings.saveAsync failed");
    });
    render(<App actions={actions} lang="zh" />);
    await openSettings(user);
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(screen.getByText("表格程序拒绝了本次操作（GeneralException）。请保存工作簿后重试。")).toBeInTheDocument();
    expect(screen.queryByText("设置已保存。")).not.toBeInTheDocument();
  });

  it("has English labels and messages", async () => {
    const user = userEvent.setup();
    render(<App actions={fakeActions()} lang="en" />);
    const deadline = await openSettings(user, "Settings");
    expect(screen.getByRole("spinbutton", { name: "Start month" })).toBeInTheDocument();
    await user.clear(deadline);
    expect(screen.getByText("Enter a whole number from 1 to 31.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save settings" })).toBeDisabled();
  });
});
