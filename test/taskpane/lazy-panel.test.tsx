/** @jest-environment jsdom */
import "./setup";
import { deferred } from "../support/deferred";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { LazyPanelView, lazyPanel } from "../../src/taskpane/components/lazy-panel";
import { shellCatalogue } from "../../src/taskpane/i18n/strings";

const zh = shellCatalogue.zh;

/** A panel with state of its own, to see whether it was remounted. */
function Counter(props: { label: string }) {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>{`${props.label} ${n}`}</button>;
}

function chunkLoadError(): Error {
  const e = new Error("Loading chunk 512 failed.\n(error: http://localhost/panel-merge.0a1b2c3d.js)");
  e.name = "ChunkLoadError";
  return e;
}

describe("a panel loaded on demand", () => {
  beforeEach(() => jest.spyOn(console, "error").mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it("shows a labelled spinner while its chunk loads, then the panel", async () => {
    const chunk = deferred<typeof Counter>();
    const panel = lazyPanel(() => chunk.promise);
    render(<LazyPanelView panel={panel} props={{ label: "计数" }} t={zh} />);
    expect(screen.getByRole("progressbar", { name: "正在加载…" })).toBeInTheDocument();
    await act(async () => chunk.resolve(Counter));
    expect(await screen.findByRole("button", { name: "计数 0" })).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("renders at once, with no spinner, when the chunk was preloaded", async () => {
    const load = jest.fn(async () => Counter);
    const panel = lazyPanel(load);
    await panel.preload();
    await panel.preload();
    expect(load).toHaveBeenCalledTimes(1);
    render(<LazyPanelView panel={panel} props={{ label: "计数" }} t={zh} />);
    expect(screen.getByRole("button", { name: "计数 0" })).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("keeps its state across re-renders after loading (no remount)", async () => {
    const user = userEvent.setup();
    const panel = lazyPanel(async () => Counter);
    const { rerender } = render(<LazyPanelView panel={panel} props={{ label: "计数" }} t={zh} />);
    await user.click(await screen.findByRole("button", { name: "计数 0" }));
    rerender(<LazyPanelView panel={panel} props={{ label: "计数" }} t={zh} />);
    expect(screen.getByRole("button", { name: "计数 1" })).toBeInTheDocument();
  });

  it("says so in plain words when the chunk cannot be loaded, and loads it on retry", async () => {
    const user = userEvent.setup();
    const load = jest.fn<Promise<typeof Counter>, []>().mockRejectedValueOnce(chunkLoadError()).mockResolvedValueOnce(Counter);
    const panel = lazyPanel(load);
    render(<LazyPanelView panel={panel} props={{ label: "计数" }} t={zh} />);

    expect(await screen.findByText("此页面未能加载")).toBeInTheDocument();
    expect(screen.getByText(zh.panelLoadHint)).toBeInTheDocument();
    expect(screen.queryByText(/Loading chunk/)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "重试" }));
    expect(await screen.findByRole("button", { name: "计数 0" })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.queryByText("此页面未能加载")).not.toBeInTheDocument();
  });

  it("shows a panel's own error message when the panel itself fails", async () => {
    function Broken(): never {
      throw new Error("面板出错了");
    }
    const panel = lazyPanel(async () => Broken);
    render(<LazyPanelView panel={panel} props={{}} t={zh} />);
    expect(await screen.findByText("程序出现意外错误（面板出错了）。请重试；如仍出错，请联系维护人员。")).toBeInTheDocument();
  });
});
