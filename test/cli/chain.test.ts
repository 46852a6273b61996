/** `yuebao validate --prior`: the 累计数 chain checked against last month, wherever it is known. */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { ANNEX } from "../../src/form/spec";
import { cumCell, run, tempDir, writeBooks } from "./support";

const JUNE_M = [4, 9, 30, 2, 1.25, 1, 0, 0, 0, 0, 0];
const JUNE_C = [10, 25, 70, 3, 3.5, 1, 0, 1, 0, 0, 0];
const JULY_M = [5, 12, 35, 3, 0.5678, 0, 1, 0, 0, 1, 0];
const JULY_C = JUNE_C.map((c, i) => Math.round((c + JULY_M[i]) * 10000) / 10000);
const WRONG = JULY_C.map((c, i) => (i === 2 ? 999 : c));
const label = ANNEX.items[2].label;

describe("validate --prior", () => {
  let t: ReturnType<typeof tempDir>;
  const p = (n: string) => join(t.dir, n);
  beforeAll(() => {
    t = tempDir("chain");
    writeBooks(
      [
        { path: p("6月.xlsx"), sheets: [{ name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }] },
        { path: p("7月.xlsx"), sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: WRONG }] },
        { path: p("7月对.xlsx"), sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: JULY_C }] },
      ],
      t.dir,
    );
  });
  afterAll(() => t.remove());

  it("a unit's last month file: the wrong 累计数 is named with the cell, expected value and both inputs", async () => {
    const r = await run(["validate", p("7月.xlsx"), "--period", "2018-07", "--prior", p("6月.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.all).toContain(`${cumCell(2)}：“${label}”累计数应为105（上月累计数70加本月数35），现为999。`);
    expect(r.all).not.toContain("未提供上月报表");
  });

  it("in English too", async () => {
    const r = await run(["validate", p("7月.xlsx"), "--period", "2018-07", "--prior", p("6月.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.all).toContain("cumulative should be 105 (last month's 70 + this month's 35); it is 999.");
  });

  it("a right chain passes", async () => {
    const r = await run(["validate", p("7月对.xlsx"), "--period", "2018-07", "--prior", p("6月.xlsx")]);
    expect(r.all).toContain("错误0项，警告0项");
    expect(r.code).toBe(0);
  });

  it("several files: last month's file among them is the prior, not a report missing", async () => {
    const r = await run(["validate", p("6月.xlsx"), p("7月.xlsx"), "--period", "2018-07"]);
    expect(r.code).toBe(1);
    expect(r.all).toContain("累计数应为105（上月累计数70加本月数35），现为999。");
    expect(r.all).toContain("6月.xlsx：上月报表，用于核对累计数");
    expect(r.all).not.toContain("没有2018年7月");
  });

  it("last month's county workbook: its detail sheet gives the unit's last 累计数", async () => {
    const county = p("县汇总-2018-06.xlsx");
    const m = await run(["merge", p("6月.xlsx"), "--period", "2018-06", "--out", county]);
    expect(m.code).toBe(0);
    const r = await run(["validate", p("7月.xlsx"), "--period", "2018-07", "--prior", county]);
    expect(r.code).toBe(1);
    expect(r.all).toContain("累计数应为105（上月累计数70加本月数35），现为999。");
  });

  it("last month unknown: one warning per file, never a silent pass", async () => {
    const r = await run(["validate", p("7月对.xlsx"), "--period", "2018-07"]);
    expect(r.all.match(/未提供上月报表，累计数未核对。/g)).toHaveLength(1);
    expect(r.all).toContain("警告1项");
    const en = await run(["validate", p("7月对.xlsx"), "--period", "2018-07", "--lang", "en"]);
    expect(en.all).toContain("Last month's report was not given, so the cumulative figures were not checked.");
  });
});

describe("fill lists every 累计数 it corrected", () => {
  let t: ReturnType<typeof tempDir>;
  const p = (n: string) => join(t.dir, n);
  beforeAll(() => {
    t = tempDir("chain-fill");
    writeBooks(
      [
        { path: p("6月.xlsx"), sheets: [{ name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }] },
        { path: p("7月.xlsx"), sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: WRONG }] },
      ],
      t.dir,
    );
  });
  afterAll(() => t.remove());

  it("says cell, was and now, and how many were wrong", async () => {
    const r = await run(["fill", p("7月.xlsx"), "--period", "2018-07", "--prior", p("6月.xlsx"), "--out", p("out.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`  【改正】2018年7月 › ${cumCell(2)}：原为999，现为105`);
    expect(r.out.filter((l) => l.includes("【改正】"))).toHaveLength(1);
    expect(r.all).toContain("填入11个累计数（其中1个原填写有误，已改正）");
    const en = await run(["fill", p("7月.xlsx"), "--period", "2018-07", "--prior", p("6月.xlsx"), "--out", p("en.xlsx"), "--lang", "en"]);
    expect(en.out).toContain(`  [corrected] 2018年7月 › ${cumCell(2)}: was 999, now 105`);
    expect(en.all).toContain("1 of them typed wrong and corrected");
  });
});

describe("merge --prior checks each unit against its own row of last month's detail sheet", () => {
  let t: ReturnType<typeof tempDir>;
  const p = (n: string) => join(t.dir, n);
  beforeAll(() => {
    t = tempDir("chain-merge");
    writeBooks(
      [
        {
          path: p("云集镇6月.xlsx"),
          sheets: [{ name: "2018年6月", unit: "云集镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }],
        },
        {
          path: p("泉湖镇6月.xlsx"),
          sheets: [{ name: "2018年6月", unit: "泉湖镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }],
        },
        {
          path: p("茶市镇6月.xlsx"),
          sheets: [{ name: "2018年6月", unit: "茶市镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }],
        },
        {
          path: p("云集镇7月.xlsx"),
          sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: WRONG }],
        },
        {
          path: p("茶市镇7月.xlsx"),
          sheets: [{ name: "2018年7月", unit: "茶市镇", date: "2018-08-05", month: JULY_M, cumulative: JULY_C }],
        },
      ],
      t.dir,
    );
  });
  afterAll(() => t.remove());

  it("a wrong unit is excluded with unit, item and both months' figures; a unit gone since last month is listed", async () => {
    const june = p("县汇总-2018-06.xlsx");
    const m = await run(["merge", p("云集镇6月.xlsx"), p("泉湖镇6月.xlsx"), p("茶市镇6月.xlsx"), "--period", "2018-06", "--out", june]);
    expect(m.code).toBe(0);
    const r = await run([
      "merge",
      p("云集镇7月.xlsx"),
      p("茶市镇7月.xlsx"),
      "--period",
      "2018-07",
      "--prior",
      june,
      "--out",
      p("县汇总-2018-07.xlsx"),
      "--json",
      p("7.json"),
    ]);
    expect(r.code).toBe(1);
    expect(r.all).toContain(`云集镇“${label}”累计数应为105（2018年6月累计数70加本月数35），现为999。`);
    expect(r.all).toContain("泉湖镇在2018年6月汇总中有报表，本月未报送。");
    const json = JSON.parse(readFileSync(p("7.json"), "utf8")) as { files: { unit: string; status: string }[] };
    expect(json.files.map((f) => [f.unit, f.status])).toEqual([
      ["云集镇", "excluded"],
      ["茶市镇", "included"],
    ]);
  });
});

describe("the wrong month produces no total", () => {
  let t: ReturnType<typeof tempDir>;
  const p = (n: string) => join(t.dir, n);
  beforeAll(() => {
    t = tempDir("chain-month");
    writeBooks(
      [
        {
          path: p("云集镇7月.xlsx"),
          sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", month: JULY_M, cumulative: JULY_C }],
        },
        {
          path: p("茶市镇7月.xlsx"),
          sheets: [{ name: "2018年7月", unit: "茶市镇", date: "2018-08-05", month: JULY_M, cumulative: JULY_C }],
        },
        {
          path: p("泉湖镇6月.xlsx"),
          sheets: [{ name: "2018年6月", unit: "泉湖镇", date: "2018-07-05", month: JUNE_M, cumulative: JUNE_C }],
        },
      ],
      t.dir,
    );
  });
  afterAll(() => t.remove());

  it("merge --period 2018-08 on July files: exit 2, nothing written, the months the files hold named", async () => {
    const out = p("县汇总-2018-08.xlsx");
    const r = await run(["merge", p("云集镇7月.xlsx"), p("茶市镇7月.xlsx"), "--period", "2018-08", "--out", out, "--json", p("8.json")]);
    expect(r.code).toBe(2);
    expect(r.all).toContain("所选文件均为2018年7月的报表，没有2018年8月的报表，未生成汇总表。");
    expect(r.all).not.toContain("均已按要求报送");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(p("8.json"))).toBe(false);
  });

  it("files of several months are listed in order, in English too", async () => {
    const r = await run(["merge", p("云集镇7月.xlsx"), p("泉湖镇6月.xlsx"), "--period", "2018-08", "--out", p("x.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.all).toContain("None of the files holds a report for 2018-08 (they hold 2018-06, 2018-07)");
    expect(existsSync(p("x.xlsx"))).toBe(false);
  });

  it("one file of the month is enough to merge", async () => {
    const r = await run(["merge", p("云集镇7月.xlsx"), p("泉湖镇6月.xlsx"), "--period", "2018-07", "--out", p("y.xlsx")]);
    expect(r.code).toBe(1);
    expect(existsSync(p("y.xlsx"))).toBe(true);
  });
});
