/**
 * A page opened from disk (file://). jsdom cannot host a file:// document (its storage needs an
 * origin), so this runs in node with the two globals boot.ts reads.
 */
import { detectHost } from "../../src/taskpane/boot";

const g = globalThis as { Office?: unknown; location?: unknown };

afterEach(() => {
  delete g.Office;
  delete g.location;
  jest.useRealTimers();
});

it("treats a page opened from disk as file mode at once, even with office.js present", async () => {
  jest.useFakeTimers();
  g.location = { protocol: "file:", href: "file:///C:/yuebao/taskpane.html" };
  const onReady = jest.fn(); // office.js on file:// never calls back: its helper scripts are blocked
  g.Office = { HostType: { Excel: "Excel" }, onReady };
  // Already settled: no timer has to run.
  await expect(detectHost(60_000)).resolves.toEqual({ mode: "file", language: "zh" });
  expect(onReady).not.toHaveBeenCalled();
});

it("still asks Office.js when the page is served over https", async () => {
  g.location = { protocol: "https:", href: "https://server/yuebao/taskpane.html" };
  g.Office = {
    HostType: { Excel: "Excel" },
    context: { displayLanguage: "en-US" },
    onReady: (cb: (i: { host: string }) => void) => cb({ host: "Excel" }),
  };
  await expect(detectHost(1000)).resolves.toEqual({ mode: "excel", language: "en" });
});
