/**
 * The pane's file-mode jobs on legacy unit files: the legacy parser is loaded only when such a
 * file is met, validate and merge
 * read them in place, fill downloads a new .xlsx and says it converted.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { createFileActions } from "../../src/jobs/file-actions";
import { loadFilesModule } from "../../src/jobs/files-module";
import { ANNEX } from "../../src/form/spec";
import { readWorkbook } from "../../src/files";
import { locateReports } from "../../src/form/locate";
import type { PickedFile } from "../../src/jobs/actions";

const loads = { sheetjs: 0 };
jest.mock("@e965/xlsx", () => {
  loads.sheetjs++;
  return jest.requireActual("@e965/xlsx");
});

const period = { year: 2018, month: 7 };
const fixture = (name: string, as = name): PickedFile => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
  return { name: as, arrayBuffer: async () => bytes.slice().buffer };
};

function setup() {
  const downloads: { name: string; bytes: Uint8Array }[] = [];
  const store = new Map<string, string>();
  const actions = createFileActions({
    spec: ANNEX,
    settings: { deadlineDay: 10, startMonth: 1 },
    lang: "zh",
    files: loadFilesModule,
    download: (name, bytes) => downloads.push({ name, bytes }),
    today: () => ({ year: 2018, month: 8, day: 12 }),
    office: "衡南县安委办",
    store: { get: (k) => store.get(k) ?? null, set: (k, v) => void store.set(k, v) },
  });
  return { actions, downloads };
}

describe("file-mode jobs on .xls / .et / .ods / .xlsb", () => {
  // (The browser's chunks, code page tables apart, are checked on the webpack build: test/build.)
  it("loads the legacy parser only when a legacy file is met, and once", async () => {
    const { actions } = setup();
    await actions.validate({ files: [fixture("lo-unit.xlsx")], period });
    expect(loads.sheetjs).toBe(0);
    await actions.validate({ files: [fixture("lo-unit.ods")], period });
    expect(loads.sheetjs).toBe(1);
    const checks = await actions.validate({ files: [fixture("gnumeric-biff7.xls")], period });
    expect(loads.sheetjs).toBe(1);
    // Read, not refused (Gnumeric wrote its Excel 95 text as "?": the month is not found in it).
    expect(checks[0].findings.map((f) => f.code)).not.toContain("unreadable");
  });

  it("validates legacy files in place and names a web page saved as .xls for what it is", async () => {
    const { actions } = setup();
    const checks = await actions.validate({ files: [fixture("lo-unit.et", "云集镇.et"), fixture("html-as.xls", "导出.xls")], period });
    expect(checks.map((c) => [c.file, c.sheet])).toEqual([
      ["云集镇.et", "2018年7月"],
      ["导出.xls", ""],
    ]);
    expect(checks[1].findings[0]).toMatchObject({
      code: "unreadable",
      params: { problem: { code: "not-a-workbook", params: { kind: "html" } } },
    });
  });

  it("merges a mix of formats", async () => {
    const { actions, downloads } = setup();
    const out = await actions.merge({ files: [fixture("sheetjs-unit.xlsb"), fixture("lo-prefixed-shared.ods")], period });
    expect(out.result.files.map((f) => f.status)).toEqual(["included", "included"]);
    expect(downloads).toHaveLength(1);
  });

  it("fill on a .xls downloads a new .xlsx and says it was converted", async () => {
    const { actions, downloads } = setup();
    const out = await actions.fillCumulative({ file: fixture("lo-unit.xls", "云集镇.xls"), period, mode: "values" });
    expect(out).toMatchObject({ written: 11, fileName: "云集镇-累计.xlsx", convertedFrom: "xls", sheet: "2018年7月" });
    expect(downloads.map((d) => d.name)).toEqual(["云集镇-累计.xlsx"]);
    const reports = locateReports(readWorkbook(downloads[0].bytes, "云集镇-累计.xlsx"), ANNEX, { fileName: "x" });
    const july = reports.find((r) => r.sheet === "2018年7月")!;
    expect(july.items.map((i) => (i.cumulative.scaled ?? 0) / 10000)).toEqual([9, 21, 65, 5, 1.75, 1, 1, 0, 0, 1, 0]);
  });

  it("fill on an .xlsx still patches it and says nothing about converting", async () => {
    const { actions } = setup();
    const out = await actions.fillCumulative({ file: fixture("lo-unit.xlsx", "云集镇.xlsx"), period, mode: "values" });
    expect(out.fileName).toBe("云集镇-累计.xlsx");
    expect(out.convertedFrom).toBeUndefined();
  });
});
