/**
 * `yuebao merge --roster` and `validate --roster` on rosters in the encodings offices save:
 * GBK as Windows Notepad writes it (bytes from Python's codec), UTF-16 with its mark, and
 * bytes that are text in no encoding, which are refused with exit 2 before anything is written.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { randomFigures, rng, run, tempDir, writeBooks } from "./support";

const UNITS = ["云集镇", "泉湖镇", "茶市镇"];
const ROSTER = ["# 衡南县 应报单位", "云集镇", "泉湖镇,泉湖镇人民政府", "茶市镇", "江口镇", ""].join("\r\n");
const encode = (codec: string, text: string): Buffer =>
  execFileSync("/usr/bin/python3", ["-c", `import sys; sys.stdout.buffer.write(sys.stdin.read().encode("${codec}"))`], { input: text });

interface Json {
  missing: string[];
  files: Array<{ unit: string | null; rosterUnit: string | null; findings: Array<{ code: string }> }>;
}

describe("rosters in any encoding", () => {
  const t = tempDir("roster-enc");
  const dir = (...p: string[]) => join(t.dir, ...p);
  const units = UNITS.map((u) => dir(`${u}.xlsx`));

  beforeAll(() => {
    const next = rng(8);
    writeBooks(
      UNITS.map((unit, i) => ({ path: units[i], sheets: [{ name: "2018年7月", unit, date: "2018-08-05", ...randomFigures(next) }] })),
      t.dir,
    );
    writeFileSync(dir("名册-gbk.txt"), encode("gbk", ROSTER));
    writeFileSync(dir("名册-utf16.txt"), encode("utf-16", ROSTER));
    writeFileSync(dir("名册-坏.txt"), Buffer.from([0x61, 0x80, 0xff, 0x0d, 0x0a]));
  }, 60000);
  afterAll(() => t.remove());

  it.each(["名册-gbk.txt", "名册-utf16.txt"])("merge reads %s: units on the roster, 未报 in Chinese", async (roster) => {
    const json = dir(`${roster}.json`);
    const r = await run([
      "merge",
      ...units,
      "--period",
      "2018-07",
      "--roster",
      dir(roster),
      "--out",
      dir(`${roster}.xlsx`),
      "--json",
      json,
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as Json;
    expect(report.missing).toEqual(["江口镇"]);
    expect(report.files.map((f) => f.rosterUnit)).toEqual(UNITS);
    expect(report.files.flatMap((f) => f.findings.map((x) => x.code))).not.toContain("not-on-roster");
    expect(r.all).toContain("未报：江口镇");
  });

  it("validate reads a GBK roster too", async () => {
    const r = await run(["validate", units[0], "--period", "2018-07", "--roster", dir("名册-gbk.txt")]);
    expect(r.code).toBe(0);
    expect(r.all).toContain("错误0项");
    expect(r.all).not.toContain("不在单位名册中");
  });

  it("refuses a roster that is text in no encoding: exit 2, nothing written", async () => {
    const out = dir("bad.xlsx");
    const r = await run(["merge", ...units, "--period", "2018-07", "--roster", dir("名册-坏.txt"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.all).toContain("文件“名册-坏.txt”的文字编码无法识别");
    expect(existsSync(out)).toBe(false);
    const en = await run(["merge", ...units, "--period", "2018-07", "--roster", dir("名册-坏.txt"), "--out", out, "--lang", "en"]);
    expect(en.all).toContain("is in a text encoding that cannot be read");
  });
});
