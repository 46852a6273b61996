import fc from "fast-check";
import { gridFromPlan } from "../../src/form/layout";
import { parseRosterText, rosterFromGrid } from "../../src/form/roster";
import { ROSTER_SHEET_NAME, rosterPlan } from "../../src/form/roster-plan";

describe("rosterPlan", () => {
  test("writes a 单位名册 sheet that reads back as the same roster", () => {
    const roster = parseRosterText('云集镇\n泉湖镇,泉湖镇人民政府,泉湖\n县应急管理局\n=HYPERLINK("x")\n');
    const plan = rosterPlan(roster);
    expect(plan.name).toBe(ROSTER_SHEET_NAME);
    expect(plan.rows[0]?.map((c) => c?.value)).toEqual(["序号", "单位名称", "别名", ""]);
    expect(plan.rows[2]?.map((c) => c?.value)).toEqual([2, "泉湖镇", "泉湖镇人民政府", "泉湖"]);
    expect(plan.merges).toEqual(["C1:D1"]);
    expect(rosterFromGrid(gridFromPlan(plan))).toEqual(roster);
  });

  test("a unit name that looks like a formula is written as text", () => {
    const plan = rosterPlan({ units: [{ name: "=1+1", aliases: [] }] });
    const cell = plan.rows[1]?.[1];
    expect(cell).toEqual({ value: "=1+1", style: "text" });
    expect(cell?.formula).toBeUndefined();
    expect(plan.styles.text.numberFormat).toBe("@");
  });

  test("round trip holds for any roster (property)", () => {
    const name = fc.stringMatching(/^[\u4e00-\u4e2f]{2,6}(镇|乡|局)$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(3), { minLength: 30, maxLength: 30 }),
        (names, aliasCounts) => {
          const units = names.map((n, i) => ({ name: n, aliases: Array.from({ length: aliasCounts[i] }, (_, k) => `${n}别称${k + 1}`) }));
          const roster = { units };
          expect(rosterFromGrid(gridFromPlan(rosterPlan(roster)))).toEqual(roster);
        },
      ),
      { numRuns: 50 },
    );
  });
});
