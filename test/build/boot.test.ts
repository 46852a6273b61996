/** @jest-environment jsdom */
import { detectHost, languageOf } from "../../src/taskpane/boot";

type ReadyInfo = { host: unknown; platform?: unknown };
type Fake = {
  onReady: jest.Mock;
  HostType: { Excel: string; Word: string };
  context?: { displayLanguage?: string };
};

const g = globalThis as { Office?: unknown };

/** A fake Office global whose onReady answers `host` after `delayMs` (never when null delay). */
function fakeOffice(host: unknown, displayLanguage: string | undefined, delayMs: number | null = 0): Fake {
  const fake: Fake = {
    HostType: { Excel: "Excel", Word: "Word" },
    context: displayLanguage === undefined ? undefined : { displayLanguage },
    onReady: jest.fn((cb: (info: ReadyInfo) => void) => {
      if (delayMs !== null) setTimeout(() => cb({ host, platform: host ? "PC" : null }), delayMs);
    }),
  };
  g.Office = fake;
  return fake;
}

function setBrowserLanguage(tag: string): void {
  Object.defineProperty(window.navigator, "language", { value: tag, configurable: true });
}

afterEach(() => {
  delete g.Office;
  jest.useRealTimers();
  setBrowserLanguage("zh-CN");
});

describe("languageOf", () => {
  it.each([
    ["en-US", "en"],
    ["en-GB", "en"],
    ["EN", "en"],
    ["en_us", "en"],
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["fr-FR", "zh"],
    ["eng", "zh"],
    ["", "zh"],
    [undefined, "zh"],
  ])("%s → %s", (tag, expected) => {
    expect(languageOf(tag)).toBe(expected);
  });
});

describe("detectHost", () => {
  it("goes to file mode at once when office.js did not load", async () => {
    setBrowserLanguage("en-US");
    jest.useFakeTimers();
    const result = detectHost(60_000);
    // No timer needs to fire: the promise is already resolved.
    await expect(result).resolves.toEqual({ mode: "file", language: "zh" });
  });

  it("speaks English outside Office only when the address asks for it", async () => {
    window.history.replaceState(null, "", "/taskpane.html?lang=en");
    await expect(detectHost(1000)).resolves.toEqual({ mode: "file", language: "en" });
    window.history.replaceState(null, "", "/taskpane.html");
  });

  it("runs in Excel with Office's display language", async () => {
    setBrowserLanguage("en-US");
    const fake = fakeOffice("Excel", "zh-CN");
    await expect(detectHost(1000)).resolves.toEqual({ mode: "excel", language: "zh" });
    expect(fake.onReady).toHaveBeenCalledTimes(1);
  });

  it("uses English when Excel's display language is English", async () => {
    setBrowserLanguage("zh-CN");
    fakeOffice("Excel", "en-GB");
    await expect(detectHost(1000)).resolves.toEqual({ mode: "excel", language: "en" });
  });

  it("falls back to the browser's language when Excel gives none", async () => {
    setBrowserLanguage("en-US");
    fakeOffice("Excel", undefined);
    await expect(detectHost(1000)).resolves.toEqual({ mode: "excel", language: "en" });
  });

  it("goes to file mode in a browser where Office reports no host", async () => {
    setBrowserLanguage("zh-CN");
    fakeOffice(null, undefined);
    await expect(detectHost(1000)).resolves.toEqual({ mode: "file", language: "zh" });
  });

  it("goes to file mode in another Office host", async () => {
    fakeOffice("Word", "en-US");
    setBrowserLanguage("zh-CN");
    await expect(detectHost(1000)).resolves.toEqual({ mode: "file", language: "zh" });
  });

  it("falls back to file mode when onReady never answers", async () => {
    jest.useFakeTimers();
    setBrowserLanguage("en-US");
    fakeOffice("Excel", "zh-CN", null);
    let settled: unknown = undefined;
    void detectHost(5000).then((r) => (settled = r));
    await jest.advanceTimersByTimeAsync(4999);
    expect(settled).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ mode: "file", language: "zh" });
  });

  it("keeps the first answer: a late onReady after the timeout changes nothing", async () => {
    jest.useFakeTimers();
    fakeOffice("Excel", "zh-CN", 2000);
    let settled: unknown = undefined;
    void detectHost(1000).then((r) => (settled = r));
    await jest.advanceTimersByTimeAsync(3000);
    expect(settled).toEqual({ mode: "file", language: "zh" });
  });

  it("goes to file mode when onReady throws", async () => {
    g.Office = {
      HostType: { Excel: "Excel" },
      onReady: () => {
        throw new Error("Office.js is broken");
      },
    };
    await expect(detectHost(1000)).resolves.toEqual({ mode: "file", language: "zh" });
  });

  it("ignores an Office global that is not Office.js", async () => {
    g.Office = { name: "not office.js" };
    await expect(detectHost(1000)).resolves.toEqual({ mode: "file", language: "zh" });
  });

  it("survives a display language getter that throws", async () => {
    setBrowserLanguage("en-US");
    g.Office = {
      HostType: { Excel: "Excel" },
      get context(): never {
        throw new Error("context not ready");
      },
      onReady: (cb: (info: ReadyInfo) => void) => cb({ host: "Excel" }),
    };
    await expect(detectHost(1000)).resolves.toEqual({ mode: "excel", language: "en" });
  });
});
