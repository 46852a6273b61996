/** The 催报 text tells the truth: before and after the deadline, 迟报, and no false "all reported". */
import type { FileOutcome, MergeResult } from "../../src/form/merge-types";
import { buildReminder, type ReminderOptions } from "../../src/form/reminder";
import { ANNEX } from "../../src/form/spec";

const deadline = { year: 2018, month: 8, day: 10 };
const before = { year: 2018, month: 8, day: 8 };
const after = { year: 2018, month: 8, day: 12 };
const file = (name: string, status: FileOutcome["status"], late = false): FileOutcome => ({
  file: `${name}.xlsx`,
  unit: name,
  rosterUnit: name,
  status,
  late,
  findings: status === "excluded" ? [{ severity: "error", code: "unit-missing", sheet: "2018年7月", params: {} }] : [],
});
const result = (files: FileOutcome[], missing: string[] = [], late: string[] = []): MergeResult => ({
  period: { year: 2018, month: 7 },
  files,
  missing,
  late,
  findings: [],
  totals: [],
  includedCount: files.filter((f) => f.status === "included").length,
  deadline,
});
const remind = (r: MergeResult, o: Partial<ReminderOptions> = {}) =>
  buildReminder(r, { spec: ANNEX, office: "衡南县安委办", today: after, lang: "zh", roster: true, ...o });
const ALL_DONE = "均已按要求报送";

describe("buildReminder", () => {
  it("before the deadline asks by the deadline; after it, today or the day set", () => {
    const r = result([file("云集镇", "included")], ["泉湖镇"]);
    expect(remind(r, { today: before })).toContain("请于2018年8月10日前报送衡南县安委办。");
    expect(remind(r, { today: deadline })).toContain("请于2018年8月10日前报送衡南县安委办。");
    expect(remind(r)).toContain("已超过报送时限（2018年8月10日），请于今日内报送衡南县安委办。");
    expect(remind(r, { resendBy: { year: 2018, month: 8, day: 15 } })).toContain(
      "已超过报送时限（2018年8月10日），请于2018年8月15日前报送衡南县安委办。",
    );
    expect(remind(r, { lang: "en" })).toContain("The deadline (2018-08-10) has passed; please send it to 衡南县安委办 today.");
  });

  it("lists 迟报 units and then does not say all reported on time", () => {
    const text = remind(result([file("云集镇", "included"), file("泉湖镇", "included", true)], [], ["泉湖镇"]));
    expect(text).toContain("以下1个单位迟报（晚于2018年8月10日）：泉湖镇。");
    expect(text).toContain("请以上单位今后按时报送。");
    expect(text).not.toContain(ALL_DONE);
  });

  it.each<[string, MergeResult]>([
    ["missing", result([file("云集镇", "included")], ["泉湖镇"])],
    ["excluded", result([file("云集镇", "included"), file("泉湖镇", "excluded")])],
    ["unreadable", result([file("云集镇", "included"), file("泉湖镇", "unreadable")])],
    ["wrong month", result([file("云集镇", "skipped"), file("泉湖镇", "skipped")])],
    ["late", result([file("云集镇", "included", true)], [], ["云集镇"])],
  ])("never says all reported when a unit is %s", (_, r) => {
    expect(remind(r)).not.toContain(ALL_DONE);
    expect(remind(r, { roster: false })).not.toContain(ALL_DONE);
    expect(remind(r, { lang: "en" })).not.toContain("All units have reported");
  });

  it("names files of another month, and without a roster does not claim every unit reported", () => {
    const wrong = remind(result([file("云集镇", "skipped")]), { roster: false });
    expect(wrong).toContain("以下文件中没有2018年7月的报表，请核对月份后重新报送：\n1.云集镇.xlsx");
    const clean = result([file("云集镇", "included")]);
    expect(remind(clean, { roster: false })).toContain("已收到的1个单位报表均已汇总（未提供单位名册，未核对是否有单位未报）。");
    expect(remind(clean)).toContain("各单位均已按要求报送，感谢支持。");
  });
});
