/** @jest-environment jsdom */
import "./setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions, xlsx } from "./fake-actions";
import { CellEditModeError } from "../../src/jobs/host-errors";

/** Opens 累计数 and waits for its panel (loaded on demand). */
async function openFill(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "累计数" }));
  await screen.findByRole("button", { name: "计算累计数" });
}

describe("累计数 in Excel", () => {
  it("fills as formulas with last month's file, then reports cells, source and findings", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.fillCumulative.mockResolvedValueOnce({
      sheet: "2018年7月",
      period: { year: 2018, month: 7 },
      priorSource: "云集镇-2018-06.xlsx › 2018年6月",
      written: 11,
      findings: [
        {
          severity: "error",
          code: "cumulative-below-month",
          sheet: "2018年7月",
          cell: "E8",
          params: { item: "立案调查", itemId: "cases", cumulative: "1", month: "3" },
        },
      ],
    });
    render(<App actions={actions} lang="zh" />);
    await openFill(user);

    expect(screen.getByRole("radio", { name: "填入数值" })).toBeChecked();
    expect(screen.getByText("本工作簿中找不到上月报表时使用")).toBeInTheDocument();
    expect(screen.queryByLabelText("本月报表文件")).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "填入公式" }));
    const prior = xlsx("云集镇-2018-06.xlsx");
    await user.upload(screen.getByLabelText("上月报表文件"), prior);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));

    expect(actions.fillCumulative).toHaveBeenCalledWith({ mode: "formulas", file: undefined, priorFile: prior });
    expect(await screen.findByText(/已在“2018年7月”（2018年7月）填入11个累计数。/)).toBeInTheDocument();
    expect(screen.getByText(/上月数据来源：云集镇-2018-06.xlsx › 2018年6月/)).toBeInTheDocument();
    const errors = screen.getByRole("region", { name: "错误 1" });
    await user.click(within(errors).getByRole("button", { name: "E8 “立案调查”累计数（1）小于本月数（3）。" }));
    expect(actions.selectCell).toHaveBeenCalledWith("2018年7月", "E8");
  });

  it("asks before writing over 累计数 the clerk typed, and writes only after 覆盖", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    const base = { sheet: "2018年7月", period: { year: 2018, month: 7 }, priorSource: "2018年6月", findings: [] };
    actions.fillCumulative
      .mockResolvedValueOnce({
        ...base,
        written: 0,
        confirm: [
          { item: "cases", cell: "D7", current: 9, computed: 5 },
          { item: "fines", cell: "D8", current: undefined, computed: 0.5 },
        ],
      })
      .mockResolvedValueOnce({ ...base, written: 11 })
      .mockResolvedValueOnce({ ...base, written: 0, confirm: [{ item: "cases", cell: "D7", current: 9, computed: 5 }] });
    render(<App actions={actions} lang="zh" />);
    await openFill(user);

    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    expect(await screen.findByText("“累计数”已有2个单元格与计算结果不同，如D7现为9，计算结果为5。是否覆盖？")).toBeInTheDocument();
    expect(screen.queryByText(/填入11个累计数/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "覆盖" }));
    expect(actions.fillCumulative).toHaveBeenLastCalledWith({ mode: "values", file: undefined, priorFile: undefined, overwrite: true });
    expect(await screen.findByText(/已在“2018年7月”（2018年7月）填入11个累计数。/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "覆盖" })).not.toBeInTheDocument();

    // Asked again and cancelled: nothing is written, and the pane says so.
    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    await user.click(await screen.findByRole("button", { name: "取消" }));
    expect(screen.getByText("未填写，原有累计数保持不变。")).toBeInTheDocument();
    expect(actions.fillCumulative).toHaveBeenCalledTimes(3);
  });

  it("reports a missing prior month and a start month in plain words", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.fillCumulative.mockResolvedValueOnce({
      sheet: "2018年1月",
      period: { year: 2018, month: 1 },
      priorSource: "",
      written: 11,
      findings: [{ severity: "warning", code: "prior-missing", sheet: "", params: { prior: "2017年12月" } }],
    });
    render(<App actions={actions} lang="zh" />);
    await openFill(user);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));

    expect(actions.fillCumulative).toHaveBeenCalledWith({ mode: "values", file: undefined, priorFile: undefined });
    expect(await screen.findByText(/本月为累计起始月份/)).toBeInTheDocument();
    expect(screen.getByText("未找到2017年12月的月报表，无法核对或计算累计数。")).toBeInTheDocument();
  });

  it("shows a failure in plain words", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.fillCumulative.mockRejectedValueOnce(new CellEditModeError());
    render(<App actions={actions} lang="zh" />);
    await openFill(user);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    expect(await screen.findByText("表格正处于单元格编辑状态。请按回车键或 Esc 键结束编辑后再试。")).toBeInTheDocument();
  });
});

describe("累计数 on files", () => {
  it("needs this month's file, fills values only for the chosen month and names the downloaded file", async () => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    render(<App actions={actions} lang="zh" today={new Date(2018, 8, 3)} />);
    await openFill(user);
    // A file may hold several months: the month to fill is asked for (last month by default).
    const panel = screen.getByRole("tabpanel", { name: "累计数" });
    expect(within(panel).getByRole("combobox", { name: "月份" })).toHaveDisplayValue("8月");
    await user.selectOptions(within(panel).getByRole("combobox", { name: "月份" }), "7");

    expect(screen.queryByRole("radio", { name: "填入公式" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    expect(actions.fillCumulative).not.toHaveBeenCalled();
    expect(screen.getByText("请选择本月报表文件")).toBeInTheDocument();

    const current = xlsx("云集镇-2018-07.xlsx");
    await user.upload(screen.getByLabelText("本月报表文件"), current);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));

    expect(actions.fillCumulative).toHaveBeenCalledWith({
      mode: "values",
      file: current,
      priorFile: undefined,
      period: { year: 2018, month: 7 },
    });
    expect(await screen.findByText(/已下载：云集镇-2018-07-累计.xlsx/)).toBeInTheDocument();
  });
});

describe("累计数: typed values that were wrong", () => {
  it("lists every 累计数 it changed (cell, was, now) and how many were wrong", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.fillCumulative.mockResolvedValueOnce({
      sheet: "2018年7月",
      period: { year: 2018, month: 7 },
      priorSource: "2018年6月",
      written: 11,
      findings: [],
      changed: [
        { item: "closed", cell: "F8", current: 999, computed: 105 },
        { item: "fines", cell: "F10", current: undefined, computed: 4.0678 },
      ],
    });
    render(<App actions={actions} lang="zh" />);
    await openFill(user);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    expect(await screen.findByText(/其中2个累计数原填写有误，已改正：/)).toBeInTheDocument();
    expect(screen.getByText("F8原为999，现为105")).toBeInTheDocument();
    expect(screen.getByText("F10原为非数字内容，现为4.0678")).toBeInTheDocument();
  });

  it("never shows empty quotes, nor calls a month the start month when last month was not found", async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    actions.fillCumulative.mockResolvedValueOnce({
      sheet: "",
      period: { year: 2018, month: 7 },
      priorSource: "",
      written: 0,
      findings: [{ severity: "error", code: "prior-missing", sheet: "", params: { prior: "2018-06" } }],
    });
    render(<App actions={actions} lang="zh" />);
    await openFill(user);
    await user.click(screen.getByRole("button", { name: "计算累计数" }));
    expect(await screen.findByText(/2018年7月未填入累计数。/)).toBeInTheDocument();
    expect(screen.getByText(/未找到上月报表，累计数未计算。/)).toBeInTheDocument();
    expect(screen.queryByText(/“”/)).not.toBeInTheDocument();
    expect(screen.queryByText(/累计起始月份/)).not.toBeInTheDocument();
  });
});
