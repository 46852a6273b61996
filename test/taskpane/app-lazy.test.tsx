/** @jest-environment jsdom */
import "./setup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { LAZY_PANELS } from "../../src/taskpane/components/panels";
import { shellCatalogue } from "../../src/taskpane/i18n/strings";
import { fakeActions } from "./fake-actions";

describe("panels loaded on demand", () => {
  it("shows the template panel at once and loads the other panels once the pane is idle", async () => {
    const user = userEvent.setup();
    expect(LAZY_PANELS.map((p) => p.loaded())).toEqual([undefined, undefined, undefined, undefined]);
    render(<App actions={fakeActions()} lang="zh" />);
    // The first panel ships with the shell: usable in the very first render.
    expect(screen.getByRole("button", { name: "插入月报表" })).toBeEnabled();
    await waitFor(() => expect(LAZY_PANELS.every((p) => p.loaded() !== undefined)).toBe(true));

    // Already loaded: the tab shows its panel with no spinner in between.
    await user.click(screen.getByRole("tab", { name: "汇总" }));
    const panel = screen.getByRole("tabpanel", { name: "汇总" });
    expect(within(panel).getByRole("button", { name: "开始汇总" })).toBeInTheDocument();
    expect(within(panel).queryByRole("progressbar", { name: "正在加载…" })).not.toBeInTheDocument();
  });

  it("has its added Chinese text in full-width punctuation and no empty text", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const [key, text] of Object.entries(shellCatalogue[lang])) expect([key, text.trim()]).not.toEqual([key, ""]);
    }
    for (const text of Object.values(shellCatalogue.zh)) expect(text).not.toMatch(/[,:;()!?]/);
  });
});
