/**
 * `yuebao merge`'s 催报 text end to end on openpyxl workbooks: before and after the deadline,
 * the day set with --resend-by, 迟报 units, and --county as the sender.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { randomFigures, rng, run, tempDir, writeBooks } from "./support";

describe("yuebao merge: the 催报 text", () => {
  const t = tempDir("reminder");
  const p = (name: string) => join(t.dir, name);
  const files = ["云集镇", "泉湖镇"].map((u) => p(`${u}.xlsx`));
  let n = 0;
  const merge = (extra: string[], today?: Date) =>
    run(["merge", ...files, "--period", "2018-07", "--out", p(`县${++n}.xlsx`), ...extra], today);
  afterAll(() => t.remove());

  beforeAll(() => {
    const next = rng(7);
    writeBooks(
      [
        { path: files[0], sheets: [{ name: "2018年7月", unit: "云集镇", date: "2018-08-05", ...randomFigures(next) }] },
        // Sent after the 10th: 迟报.
        { path: files[1], sheets: [{ name: "2018年7月", unit: "泉湖镇", date: "2018-08-11", ...randomFigures(next) }] },
      ],
      t.dir,
    );
    writeFileSync(p("名册.txt"), "云集镇\n泉湖镇\n茶市镇\n", "utf8");
  }, 60000);

  it("after the deadline: 今日内, the late unit listed, signed by --county", async () => {
    const r = await merge(["--roster", p("名册.txt"), "--county", "衡南县安委办"]);
    expect(r.all).toContain("截至2018年8月12日，以下1个单位尚未报送：茶市镇。");
    expect(r.all).toContain("以下1个单位迟报（晚于2018年8月10日）：泉湖镇。");
    expect(r.all).toContain("已超过报送时限（2018年8月10日），请于今日内报送衡南县安委办。");
    expect(r.all).not.toContain("均已按要求报送");
  });

  it("--resend-by sets the day; before the deadline the deadline is asked", async () => {
    const set = await merge(["--roster", p("名册.txt"), "--county", "衡南县安委办", "--resend-by", "2018-08-15"]);
    expect(set.all).toContain("请于2018年8月15日前报送衡南县安委办。");
    const early = await merge(["--roster", p("名册.txt")], new Date(2018, 7, 9));
    expect(early.all).toContain("请于2018年8月10日前报送县安委办。");
    expect(early.all).not.toContain("已超过报送时限");
  });

  it("without a roster, a late unit still keeps it from saying all reported", async () => {
    const r = await merge([]);
    expect(r.all).toContain("迟报（晚于2018年8月10日）：泉湖镇");
    expect(r.all).not.toContain("均已按要求报送");
  });

  it("refuses a --resend-by that is not a day, before reading anything (exit 2)", async () => {
    const r = await merge(["--resend-by", "8月15"]);
    expect(r.code).toBe(2);
    expect(r.all).toContain("无法识别 --resend-by 的日期“8月15”。请写成年-月-日，例如 --resend-by 2018-08-15。");
  });
});
