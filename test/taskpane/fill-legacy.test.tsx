/** @jest-environment jsdom */
/** 累计数 on a legacy unit file in file mode: the pane says the result is a new .xlsx. */
import "./setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { fakeActions } from "./fake-actions";

const ZH = { tab: "累计数", file: "本月报表文件", button: "计算累计数" };
const EN = { tab: "Cumulative", file: "This month's report file", button: "Calculate cumulative" };

describe("累计数 on an .xls / .ods file", () => {
  it.each([
    ["云集镇.xls", "xls", "原文件为Excel 97-2003 或 WPS 格式（.xls/.et），结果已另存为 .xlsx 文件“云集镇-累计.xlsx”，原文件未改动。", "zh"],
    ["云集镇.ods", "ods", 'The original is in OpenDocument format (.ods); the result is saved as the .xlsx file "云集镇-累计.xlsx"', "en"],
  ] as const)("%s can be picked, and the note says it was converted", async (name, format, note, lang) => {
    const user = userEvent.setup();
    const actions = fakeActions("file");
    actions.fillCumulative.mockResolvedValueOnce({
      sheet: "2018年7月",
      period: { year: 2018, month: 7 },
      priorSource: `${name} › 2018年6月`,
      written: 11,
      findings: [],
      fileName: "云集镇-累计.xlsx",
      convertedFrom: format,
    });
    render(<App actions={actions} lang={lang} today={new Date(2018, 7, 3)} />);
    const t = lang === "zh" ? ZH : EN;
    await user.click(screen.getByRole("tab", { name: t.tab }));
    const picker = await screen.findByLabelText(t.file);
    const file = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], name);
    await user.upload(picker, file);
    await user.click(screen.getByRole("button", { name: t.button }));
    expect(actions.fillCumulative).toHaveBeenCalledWith(expect.objectContaining({ file }));
    expect(await screen.findByText(new RegExp(note.replace(/[.()*+?[\]\\]/g, "\\$&")))).toBeInTheDocument();
  });
});
