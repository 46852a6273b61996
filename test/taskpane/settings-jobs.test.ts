/**
 * Saved settings reach the jobs at once, without reloading the pane: the file-mode and Excel
 * actions, and the deferred actions the pane really uses (whose jobs load after the first paint).
 */
import { readWorkbook, writeWorkbook } from "../../src/files";
import { annexPlan } from "../../src/form/layout";
import { ANNEX } from "../../src/form/spec";
import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  readSettings,
  type PaneActions,
  type PickedFile,
  type Settings,
  type SettingsStore,
} from "../../src/jobs/actions";
import { createFileActions } from "../../src/jobs/file-actions";
import { loadFilesModule } from "../../src/jobs/files-module";
import type { Host } from "../../src/jobs/host";
import { createOfficeActions } from "../../src/jobs/office-actions";
import { deferredActions } from "../../src/taskpane/deferred-actions";

const JULY = { year: 2018, month: 7 };
/** Sent on 12 August: late with the default deadline (the 10th), on time with the 15th. */
const SENT = { year: 2018, month: 8, day: 12 };
const all = (n: number) => Object.fromEntries(ANNEX.items.map((i) => [i.id, i.id === "officers" ? n * 2 : n]));
/** 本月 2, 累计 5: fine in July when the total started in January, wrong if it starts in July. */
const julyBytes = () => writeWorkbook([annexPlan(ANNEX, JULY, { unit: "云集镇", date: SENT, month: all(2), cumulative: all(5) })]);
const picked = (name: string, bytes: Uint8Array): PickedFile => ({ name, arrayBuffer: async () => bytes.slice().buffer });

function memoryStore(initial: Record<string, string> = {}): SettingsStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return { map, get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
}

function fileActions(store: SettingsStore, settings: Settings = readSettings(store)): PaneActions {
  return createFileActions({
    spec: ANNEX,
    settings,
    lang: "zh",
    files: loadFilesModule,
    download: () => undefined,
    today: () => SENT,
    office: "县安委办",
    store,
  });
}

/** Just enough of a workbook for validate: one report sheet, active. */
function oneSheetHost(): Host {
  const grids = readWorkbook(julyBytes(), "book.xlsx").sheets;
  const fail = async (): Promise<never> => {
    throw new Error("not used in this test");
  };
  return {
    listSheets: async () => ({ sheets: grids.map((g) => ({ name: g.sheet, marks: {}, visible: true })), active: grids[0].sheet }),
    readSheets: async () => grids,
    readAll: async () => ({
      sheets: grids,
      infos: grids.map((g) => ({ name: g.sheet, marks: {}, visible: true })),
      active: grids[0].sheet,
    }),
    addSheets: fail,
    writeRanges: fail,
    selectCell: fail,
    activateSheet: fail,
  };
}

function officeActions(store: SettingsStore, settings: Settings = readSettings(store)): PaneActions {
  return createOfficeActions(
    {
      host: oneSheetHost(),
      spec: ANNEX,
      settings,
      lang: "zh",
      parser: async () => (await loadFilesModule()).parse,
      today: () => SENT,
      office: "县安委办",
    },
    { store },
  );
}

/** The finding codes of validating the July report. */
async function codes(actions: PaneActions): Promise<string[]> {
  const checks =
    actions.mode === "file"
      ? await actions.validate({ files: [picked("云集镇.xlsx", julyBytes())], period: JULY })
      : await actions.validate({ scope: "active" });
  return checks.flatMap((c) => c.findings.map((f) => f.code));
}

describe("settings in the store", () => {
  it("reads defaults for missing, blank, fractional or out-of-range values", () => {
    expect(readSettings(memoryStore())).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memoryStore({ [SETTING_KEYS.deadlineDay]: "", [SETTING_KEYS.startMonth]: "13" }))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memoryStore({ [SETTING_KEYS.deadlineDay]: "2.5", [SETTING_KEYS.startMonth]: "0" }))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memoryStore({ [SETTING_KEYS.deadlineDay]: "31", [SETTING_KEYS.startMonth]: "6" }))).toEqual({
      deadlineDay: 31,
      startMonth: 6,
    });
  });
});

describe.each([
  ["file mode", fileActions],
  ["Excel", officeActions],
] as const)("%s: saved settings apply to the next job", (_mode, make) => {
  it("uses the deadline day and start month saved after the actions were made, and stores them", async () => {
    const store = memoryStore();
    const actions = make(store);
    const before = await codes(actions);
    expect(before).toContain("late");
    expect(before).not.toContain("cumulative-mismatch");

    actions.saveSettings({ deadlineDay: 15, startMonth: 7 });
    expect(actions.settings).toEqual({ deadlineDay: 15, startMonth: 7 });
    expect(store.map.get(SETTING_KEYS.deadlineDay)).toBe("15");
    expect(store.map.get(SETTING_KEYS.startMonth)).toBe("7");
    const after = await codes(actions);
    expect(after).not.toContain("late");
    expect(after).toContain("cumulative-mismatch"); // July is now the start month: 累计数 must equal 本月数
  });

  it("refuses settings out of range without storing anything", () => {
    const store = memoryStore();
    const actions = make(store);
    expect(() => actions.saveSettings({ deadlineDay: 32, startMonth: 1 })).toThrow(RangeError);
    expect(() => actions.saveSettings({ deadlineDay: 10, startMonth: 1.5 })).toThrow(RangeError);
    expect(store.map.size).toBe(0);
    expect(actions.settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe("the pane's deferred actions", () => {
  function deferred(store: ReturnType<typeof memoryStore>) {
    const made: Settings[] = [];
    const load = jest.fn(async () => (settings: Settings) => {
      made.push(settings);
      return fileActions(store, settings);
    });
    const actions = deferredActions({ mode: "file", store, optional: [], load, loadFailed: "所需程序未能加载。" });
    return { actions, load, made };
  }

  it("answers the unit and settings from the store without loading the jobs", () => {
    const store = memoryStore({ "yuebao.unit": "云集镇", [SETTING_KEYS.deadlineDay]: "20" });
    const { actions, load } = deferred(store);
    expect(actions.rememberedUnit()).toBe("云集镇");
    actions.rememberUnit("泉湖镇");
    expect(store.map.get("yuebao.unit")).toBe("泉湖镇");
    expect(actions.settings).toEqual({ deadlineDay: 20, startMonth: 1 });
    expect(load).not.toHaveBeenCalled();
  });

  it("forwards monthsHeld to the jobs once loaded (the merge panel's month preselection)", async () => {
    const { actions, load } = deferred(memoryStore());
    expect(await actions.monthsHeld?.([picked("云集镇.xlsx", julyBytes())])).toEqual({ months: [{ period: JULY, files: 1 }], read: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("hands settings saved before the jobs loaded to them, and forwards later saves", async () => {
    const store = memoryStore();
    const { actions, load, made } = deferred(store);
    actions.saveSettings({ deadlineDay: 15, startMonth: 1 });
    expect(store.map.get(SETTING_KEYS.deadlineDay)).toBe("15");
    expect(await codes(actions)).not.toContain("late");
    expect(made).toEqual([{ deadlineDay: 15, startMonth: 1 }]);

    actions.saveSettings({ deadlineDay: 10, startMonth: 7 });
    expect(actions.settings).toEqual({ deadlineDay: 10, startMonth: 7 });
    const after = await codes(actions);
    expect(after).toContain("late");
    expect(after).toContain("cumulative-mismatch");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("turns a chunk that fails to load into plain words, and tries again on the next job", async () => {
    const store = memoryStore();
    const load = jest
      .fn<Promise<(s: Settings) => PaneActions>, []>()
      .mockRejectedValueOnce(Object.assign(new Error("Loading chunk 7 failed."), { name: "ChunkLoadError" }))
      .mockResolvedValueOnce((settings) => fileActions(store, settings));
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const actions = deferredActions({ mode: "file", store, optional: [], load, loadFailed: "所需程序未能加载。" });
    await expect(actions.validate({ files: [picked("云集镇.xlsx", julyBytes())], period: JULY })).rejects.toThrow("所需程序未能加载。");
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
    expect(await codes(actions)).toContain("late");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("offers exactly the optional actions it was told the real ones have, and forwards them", async () => {
    const store = memoryStore();
    const selectCell = jest.fn(async () => undefined);
    const real = { ...fileActions(store), mode: "excel" as const, selectCell };
    const actions = deferredActions({ mode: "excel", store, optional: ["selectCell"], load: async () => () => real, loadFailed: "x" });
    expect(actions.openSheet).toBeUndefined();
    expect(actions.onSheetChanged).toBeUndefined();
    await actions.selectCell?.("2018年7月", "D9");
    expect(selectCell).toHaveBeenCalledWith("2018年7月", "D9");
  });
});
