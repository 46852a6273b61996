import { createFileActions } from "../../src/jobs/file-actions";
import { loadFilesModule } from "../../src/jobs/files-module";
import { ANNEX } from "../../src/form/spec";
import { annexPlan } from "../../src/form/layout";
import { readWorkbook, writeWorkbook } from "../../src/files";
import { locateReport } from "../../src/form/locate";
import { cellAt } from "../../src/form/grid";
import type { PickedFile } from "../../src/jobs/actions";
import { describeError, describeProblem } from "../../src/form/problem-messages";

const period = { year: 2018, month: 7 };
const picked = (name: string, bytes: Uint8Array): PickedFile => ({
  name,
  arrayBuffer: async () => bytes.slice().buffer,
});
const all = (n: number) => Object.fromEntries(ANNEX.items.map((i) => [i.id, i.id === "officers" ? n * 2 : n]));

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

const unitFile = (unit: string, month: number, cum: number, p = period, date = { year: 2018, month: 8, day: 5 }) =>
  picked(`${unit}.xlsx`, writeWorkbook([annexPlan(ANNEX, p, { unit, date, month: all(month), cumulative: all(cum) })]));

describe("file-mode actions", () => {
  it("downloads a blank template that reads back as the month's report", async () => {
    const { actions, downloads } = setup();
    actions.rememberUnit("云集镇");
    const out = await actions.insertTemplate({ period, unit: actions.rememberedUnit(), onConflict: "ask" });
    expect(out).toEqual({ status: "downloaded", fileName: "云集镇-2018-07.xlsx" });
    const r = locateReport(readWorkbook(downloads[0].bytes, "t.xlsx").sheets[0], ANNEX)!;
    expect(r.period).toEqual(period);
    expect(r.unit?.name).toBe("云集镇");
  });

  it("validates picked files and reports unreadable ones without stopping", async () => {
    const { actions } = setup();
    const checks = await actions.validate({
      files: [unitFile("云集镇", 2, 1), picked("坏文件.xlsx", new TextEncoder().encode("not a zip"))],
      period,
    });
    expect(checks[0].findings).toContainEqual(expect.objectContaining({ code: "cumulative-below-month", cell: "D4" }));
    expect(checks[1].findings[0].code).toBe("unreadable");
  });

  it("validate checks 累计数 against last month: a picked last-month file, or last month among the picked files; else one warning per file", async () => {
    const { actions } = setup();
    const june = { year: 2018, month: 6 };
    // July 本月 2, 累计 9 (officers 4 / 18); June 累计 5 (10): 5 + 2 = 7 ≠ 9.
    const july = () => unitFile("云集镇", 2, 9);
    const lastMonth = () =>
      picked("云集镇6月.xlsx", writeWorkbook([annexPlan(ANNEX, june, { unit: "云集镇", month: all(1), cumulative: all(5) })]));
    const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

    const alone = await actions.validate({ files: [july()], period });
    expect(alone).toHaveLength(1);
    expect(codes(alone[0].findings)).toEqual(["prior-not-given"]);

    const given = await actions.validate({ files: [july()], prior: lastMonth(), period });
    expect(given).toHaveLength(1);
    const wrong = given[0].findings.filter((f) => f.severity === "error");
    expect(wrong).toHaveLength(ANNEX.items.length);
    expect(wrong[0]).toMatchObject({ cell: "D4", params: expect.objectContaining({ actual: "9", expected: "7", prior: "5", month: "2" }) });
    expect(codes(given[0].findings)).not.toContain("prior-not-given");

    // Both picked: June's file is July's prior, and is not reported as "no report for July".
    const both = await actions.validate({ files: [lastMonth(), july()], period });
    expect(both.map((c) => c.file)).toEqual(["云集镇.xlsx"]);
    expect(both[0].findings.filter((f) => f.severity === "error")).toHaveLength(ANNEX.items.length);

    // A right running total passes clean with last month known.
    const right = await actions.validate({ files: [unitFile("云集镇", 2, 7)], prior: lastMonth(), period });
    expect(right[0].findings).toEqual([]);
  });

  it("fills 累计数 from last month's file and downloads the result", async () => {
    const { actions, downloads } = setup();
    const cur = picked("云集镇7月.xlsx", writeWorkbook([annexPlan(ANNEX, period, { unit: "云集镇", month: all(2) })]));
    const out = await actions.fillCumulative({
      file: cur,
      priorFile: unitFile("云集镇", 1, 5, { year: 2018, month: 6 }),
      period,
      mode: "values",
    });
    expect(out.written).toBe(11);
    expect(out.priorSource).toContain("2018年6月");
    const r = locateReport(readWorkbook(downloads[0].bytes, "x.xlsx").sheets[0], ANNEX)!;
    expect(r.items.find((i) => i.item === "cases")?.cumulative.scaled).toBe(70000);
  });

  it("fill lists the typed 累计数 it corrected (cell, was, now)", async () => {
    const { actions } = setup();
    // Typed 累计数 9 (officers 18) everywhere; last month 5 + this month 2 = 7 (officers 10 + 4): all differ.
    const out = await actions.fillCumulative({
      file: unitFile("云集镇", 2, 9),
      priorFile: unitFile("云集镇", 1, 5, { year: 2018, month: 6 }),
      period,
      mode: "values",
    });
    expect(out.changed?.length).toBe(ANNEX.items.length);
    expect(out.changed).toContainEqual({ item: "cases", cell: "D7", current: 9, computed: 7 });
  });

  it("merge with last month's county workbook checks each unit against its own row and lists who stopped", async () => {
    const { actions, downloads } = setup();
    const june = { year: 2018, month: 6 };
    await actions.merge({ files: [unitFile("云集镇", 1, 5, june), unitFile("泉湖镇", 1, 5, june)], period: june });
    const prior = picked("县汇总-2018-06.xlsx", downloads[0].bytes);
    // 云集镇: 5 + 2 should be 7, typed 9 → excluded; 泉湖镇 sent nothing in July.
    const out = await actions.merge({ files: [unitFile("云集镇", 2, 9)], prior, period });
    expect(out.result.files[0].status).toBe("excluded");
    expect(out.result.files[0].findings).toContainEqual(
      expect.objectContaining({
        code: "unit-cumulative-mismatch",
        params: expect.objectContaining({ unit: "云集镇", prior: "5", month: "2", actual: "9" }),
      }),
    );
    expect(out.result.findings).toContainEqual(
      expect.objectContaining({ code: "prior-unit-not-reported", params: { unit: "泉湖镇", priorPeriod: "2018-06" } }),
    );
  });

  it("merge for a month no picked file holds downloads nothing and names the month they hold", async () => {
    const { actions, downloads } = setup();
    const august = { year: 2018, month: 8 };
    await expect(actions.merge({ files: [unitFile("云集镇", 2, 10), unitFile("泉湖镇", 3, 9)], period: august })).rejects.toMatchObject({
      code: "no-report-for-month",
      params: { period: "2018-08", found: ["2018-07"] },
    });
    expect(downloads).toEqual([]);
  });

  it("merge where no file could be read says why for each, in the words the other faces use", async () => {
    const { actions, downloads } = setup();
    const html = new TextEncoder().encode("<!DOCTYPE html><html><body>报表</body></html>");
    const files = [picked("云集镇.xlsx", html), picked("泉湖镇.xlsx", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))];
    const err = await actions.merge({ files, period }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "no-report-for-month", params: { found: [], unreadable: 2 } });
    const text = describeError(err, "zh");
    expect(text).toMatch(/^所选文件均无法读取（2个），没有2018年7月的报表，未生成汇总表。/);
    // Each file named with its own reason, as a single read of it would say.
    for (const [i, f] of files.entries()) {
      const alone = await actions.validate({ files: [f], period });
      const own = alone[0].findings.find((x) => x.code === "unreadable");
      expect(own?.code).toBe("unreadable");
      if (own?.code === "unreadable") expect(text).toContain(describeProblem(own.params.problem, "zh"));
      expect(text).toContain(["云集镇.xlsx", "泉湖镇.xlsx"][i]);
    }
    expect(text).toContain("HTML");
    expect(downloads).toEqual([]);
  });

  it("says which months the picked files hold, most first", async () => {
    const { actions } = setup();
    const june = { year: 2018, month: 6 };
    const held = await actions.monthsHeld!([
      unitFile("云集镇", 2, 10),
      unitFile("泉湖镇", 2, 10),
      unitFile("茶市镇", 2, 10, june),
      picked("坏文件.xlsx", new TextEncoder().encode("not a zip")),
    ]);
    expect(held).toEqual({
      months: [
        { period, files: 2 },
        { period: june, files: 1 },
      ],
      read: 3,
    });
  });

  it("merges picked files, downloads the county workbook and writes the 催报 text", async () => {
    const { actions, downloads } = setup();
    const roster = picked("名册.txt", new TextEncoder().encode("云集镇\n泉湖镇\n茶市镇\n"));
    const progress: number[] = [];
    const out = await actions.merge({
      files: [unitFile("云集镇", 2, 10), unitFile("泉湖镇人民政府", 3, 9)],
      roster,
      period,
      onProgress: (done) => progress.push(done),
    });
    expect(out.result.missing).toEqual(["茶市镇"]);
    expect(out.result.totals.find((t) => t.item === "cases")).toMatchObject({ month: 5, cumulative: 19 });
    expect(out.reminder).toContain("茶市镇");
    expect(progress.at(-1)).toBe(2);
    const wb = readWorkbook(downloads[0].bytes, "county.xlsx");
    // The same sheets as the command line writes, the roster included.
    expect(wb.sheets.map((s) => s.sheet)).toEqual(["2018年7月汇总", "2018年7月明细", "2018年7月报送情况", "单位名册"]);
    // 报送情况 rows: 云集镇 已汇总, 泉湖镇人民政府 (on the roster as 泉湖镇) 已汇总, 茶市镇 未报.
    const status = wb.sheets[2];
    expect([1, 2, 3].map((r) => [cellAt(status, r, 1)?.value, cellAt(status, r, 2)?.value])).toEqual([
      ["云集镇", "已汇总"],
      ["泉湖镇", "已汇总"],
      ["茶市镇", "未报"],
    ]);
    const total = locateReport(wb.sheets[0], ANNEX)!;
    expect(total.items.find((i) => i.item === "cases")?.month.scaled).toBe(50000);
  });

  it("reads a roster saved by Notepad in GBK, and refuses one in no encoding", async () => {
    const { actions } = setup();
    // 云集镇 / 泉湖镇 / 茶市镇 in GBK with CRLF, as Python's codec writes them (云 = D4C6).
    const gbk = new Uint8Array([
      0xd4, 0xc6, 0xbc, 0xaf, 0xd5, 0xf2, 0x0d, 0x0a, 0xc8, 0xaa, 0xba, 0xfe, 0xd5, 0xf2, 0x0d, 0x0a, 0xb2, 0xe8, 0xca, 0xd0, 0xd5, 0xf2,
      0x0d, 0x0a,
    ]);
    const out = await actions.merge({
      files: [unitFile("云集镇", 2, 10), unitFile("泉湖镇", 3, 9)],
      roster: picked("名册.txt", gbk),
      period,
    });
    expect(out.result.missing).toEqual(["茶市镇"]);
    expect(out.reminder).toContain("茶市镇");
    await expect(
      actions.merge({ files: [unitFile("云集镇", 2, 10)], roster: picked("名册.txt", new Uint8Array([0x61, 0x80, 0xff])), period }),
    ).rejects.toMatchObject({ code: "text-encoding", params: { file: "名册.txt" } });
  });

  it("signs the 催报 text and names the download with the sender; after the deadline asks for today or the day set", async () => {
    const { actions, downloads } = setup();
    actions.rememberSender("衡南县安委办");
    expect(actions.rememberedSender()).toBe("衡南县安委办");
    const roster = picked("名册.txt", new TextEncoder().encode("云集镇\n茶市镇\n"));
    const req = { files: [unitFile("云集镇", 2, 10)], roster, period, sender: "衡南县安委办" };
    const out = await actions.merge(req);
    expect(downloads[0].name).toMatch(/^衡南县安委办汇总-2018年7月/);
    expect(out.reminder).toContain("已超过报送时限（2018年8月10日），请于今日内报送衡南县安委办。");
    const later = await actions.merge({ ...req, resendBy: { year: 2018, month: 8, day: 15 } });
    expect(later.reminder).toContain("请于2018年8月15日前报送衡南县安委办。");
  });
});
