/** @jest-environment jsdom */
/** The pane recognises WPS 表格 at start, before Office.js and the file mode, and at once. */
import { detectHost } from "../../src/taskpane/boot";
import { isWpsHost } from "../../src/wps/env";
import { FakeEtBook, installFakeEt } from "./fake-et";

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.Application;
  delete g.wps;
  delete g.Office;
});

test("WPS's Application makes it WPS mode at once, even with office.js loaded beside it", async () => {
  const onReady = jest.fn();
  g.Office = { onReady, HostType: { Excel: "Excel" } };
  const book = new FakeEtBook();
  book.addSheet("Sheet1");
  installFakeEt(globalThis, book);
  expect(isWpsHost(globalThis)).toBe(true);
  await expect(detectHost(60_000)).resolves.toEqual({ mode: "wps", language: "zh" });
  expect(onReady).not.toHaveBeenCalled();
});

test("an Application global that is not WPS 表格's (a word processor's, or a page's own) is not WPS mode", async () => {
  g.Application = { Documents: {} };
  expect(isWpsHost(globalThis)).toBe(false);
  g.Application = "x";
  expect(isWpsHost(globalThis)).toBe(false);
  g.Application = {
    get Workbooks(): unknown {
      throw new Error("refused");
    },
  };
  expect(isWpsHost(globalThis)).toBe(false);
  await expect(detectHost(0)).resolves.toMatchObject({ mode: "file" });
});
