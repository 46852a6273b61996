import { keepOfficeQuiet, languageOf } from "../../src/taskpane/boot";

describe("keepOfficeQuiet", () => {
  test("switches off office.js's telemetry frame outside Office", () => {
    const frames: string[] = [];
    const endpoint = { loadProxyFrame: () => void frames.push("telemetryproxy.html"), writeLog: (_: string) => void frames.push("log") };
    const g = { OSF: { Logger: { ulsEndpoint: endpoint } }, OSFAppTelemetry: { enableTelemetry: true } };
    expect(keepOfficeQuiet(g)).toBe(true);
    endpoint.loadProxyFrame();
    endpoint.writeLog("x");
    expect(frames).toEqual([]);
    expect(g.OSFAppTelemetry.enableTelemetry).toBe(false);
  });

  test("looks again when office.js has not made its logger yet", () => {
    jest.useFakeTimers();
    try {
      const g: { OSF?: { Logger: { ulsEndpoint: { loadProxyFrame: () => string } } } } = {};
      expect(keepOfficeQuiet(g, 5, 100)).toBe(false);
      const endpoint = { loadProxyFrame: () => "frame" };
      g.OSF = { Logger: { ulsEndpoint: endpoint } };
      jest.advanceTimersByTime(100);
      expect(endpoint.loadProxyFrame()).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("languageOf", () => {
  test.each([
    ["en-US", "en"],
    ["en", "en"],
    ["zh-CN", "zh"],
    ["fr-FR", "zh"],
    [undefined, "zh"],
  ])("%s → %s", (tag, lang) => expect(languageOf(tag)).toBe(lang));
});
