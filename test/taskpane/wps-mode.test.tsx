/** @jest-environment jsdom */
/** The pane inside WPS 表格: the live-workbook panels of Excel, without cell highlighting. */
import "./setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions } from "./fake-actions";

it("validates the open workbook, findings select their cell, no highlight option; fill and merge take no 本月 file", async () => {
  const user = userEvent.setup();
  const actions = fakeActions("wps");
  render(<App actions={actions} lang="zh" />);
  expect(screen.queryByText("文件仅在本机浏览器中处理，不会上传。")).not.toBeInTheDocument();

  await user.click(screen.getByRole("tab", { name: "数据校验" }));
  await user.click(await screen.findByRole("button", { name: "开始校验" }));
  expect(screen.queryByRole("checkbox", { name: "标出错误单元格" })).not.toBeInTheDocument();
  expect(screen.queryByLabelText("选择月报文件")).not.toBeInTheDocument();
  const errors = await screen.findByRole("region", { name: "错误 1" });
  await user.click(within(errors).getByRole("button", { name: /^D9/ }));
  expect(actions.selectCell).toHaveBeenCalledWith("2018年7月", "D9");
  expect(actions.validate).toHaveBeenCalledWith({ scope: "active", highlight: false });

  await user.click(screen.getByRole("tab", { name: "累计数" }));
  await user.click(await screen.findByRole("button", { name: "计算累计数" }));
  expect(screen.queryByLabelText("本月报表文件")).not.toBeInTheDocument();
  expect(actions.fillCumulative).toHaveBeenCalledWith(expect.objectContaining({ file: undefined }));
});
