/** @jest-environment jsdom */
import "./setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { catalogue } from "../../src/taskpane/i18n/strings";
import { fakeActions, xlsx } from "./fake-actions";

const TODAY = new Date(2018, 7, 3);

function expectTabs(names: string[]) {
  const tabs = within(screen.getByRole("tablist")).getAllByRole("tab");
  expect(tabs).toHaveLength(names.length);
  tabs.forEach((tab, i) => expect(tab).toHaveAccessibleName(names[i]));
}

describe("the pane", () => {
  it("has five tabs with Chinese names and shows one panel at a time", async () => {
    const user = userEvent.setup();
    render(<App actions={fakeActions()} lang="zh" today={TODAY} />);
    expectTabs(["插入模板", "数据校验", "累计数", "汇总", "设置"]);
    expect(screen.getByRole("tabpanel", { name: "插入模板" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "开始汇总" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "汇总" }));
    expect(screen.getByRole("tab", { name: "汇总" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("button", { name: "开始汇总" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "插入月报表" })).not.toBeInTheDocument();
  });

  it("keeps a panel's results when another tab is visited", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<App actions={actions} lang="zh" today={TODAY} />);
    await user.click(screen.getByRole("tab", { name: "数据校验" }));
    await user.click(await screen.findByRole("button", { name: "开始校验" }));
    await screen.findByRole("region", { name: "错误 1" });
    await user.click(screen.getByRole("tab", { name: "插入模板" }));
    await user.click(screen.getByRole("tab", { name: "数据校验" }));
    expect(screen.getByRole("region", { name: "错误 1" })).toBeInTheDocument();
  });

  it("says files stay on this machine only in file mode", () => {
    const { unmount } = render(<App actions={fakeActions("excel")} lang="zh" today={TODAY} />);
    expect(screen.queryByText("文件仅在本机浏览器中处理，不会上传。")).not.toBeInTheDocument();
    unmount();
    render(<App actions={fakeActions("file")} lang="zh" today={TODAY} />);
    expect(screen.getByText("文件仅在本机浏览器中处理，不会上传。")).toBeInTheDocument();
  });

  it("renders English labels and English findings with the English catalogue", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    render(<App actions={actions} lang="en" today={TODAY} />);

    expectTabs(["Template", "Validate", "Cumulative", "Merge", "Settings"]);
    expect(screen.getByText("Files are processed in this browser only; nothing is uploaded.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Month" })).toHaveDisplayValue("July");
    expect(screen.getByRole("textbox", { name: "Reporting unit" })).toHaveValue("云集镇");
    expect(screen.getByRole("button", { name: "Download blank report" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Validate" }));
    await user.upload(await screen.findByLabelText("Choose report files"), xlsx("a.xlsx"));
    await user.click(screen.getByRole("button", { name: "Validate" }));
    const errors = await screen.findByRole("region", { name: "Errors 1" });
    expect(within(errors).getByText('"Fines imposed" (this month) cannot be negative (it is -2).')).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Warnings 2" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Merge" }));
    expect(await screen.findByLabelText("Choose unit reports")).toBeInTheDocument();
    expect(screen.getByLabelText("Unit roster")).toBeInTheDocument();
    expect(screen.getByLabelText("Last month's county total")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Merge" })).toBeInTheDocument();
    expect(screen.queryByText(/[\u4e00-\u9fff]/)).not.toBeInTheDocument(); // no Chinese left in the Merge panel's chrome
  });

  it("has the same keys in both catalogues and no empty text", () => {
    const zhKeys = Object.keys(catalogue.zh).sort();
    expect(Object.keys(catalogue.en).sort()).toEqual(zhKeys);
    for (const lang of ["zh", "en"] as const) {
      const empty = Object.entries(catalogue[lang]).filter(([, v]) => typeof v === "string" && v.trim() === "");
      expect(empty).toEqual([]);
    }
  });
});
