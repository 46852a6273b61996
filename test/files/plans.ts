/** A unit-report plan laid out like the annex, for writer tests (not the lead's layout). */
import type { PlanCell, SheetPlan } from "../../src/form/plan";
import { ANNEX } from "../../src/form/spec";

export function annexPlan(name: string, month: number[], opts: { prior?: string; marks?: Record<string, string> } = {}): SheetPlan {
  const t = (value: string, style = "label"): PlanCell => ({ value, style });
  const rows: (PlanCell | null)[][] = [
    [{ value: ANNEX.title, style: "title" }, null, null, null],
    [t("填报单位(盖章):", "plain"), t("云集镇", "plain"), t("填报时间:", "plain"), { value: 43317, style: "date" }],
    [t("项目", "head"), t("单位", "head"), t("本月数", "head"), t("累计数", "head")],
  ];
  ANNEX.items.forEach((item, i) => {
    const r = 4 + i;
    rows.push([
      t(item.label),
      t(item.unit),
      { value: month[i], style: item.decimals ? "dec" : "int" },
      opts.prior
        ? { value: null, formula: `=C${r}+'${opts.prior.replace(/'/g, "''")}'!D${r}`, style: item.decimals ? "dec" : "int" }
        : { value: month[i], style: item.decimals ? "dec" : "int" },
    ]);
  });
  rows.push([t(ANNEX.note, "plain")]);
  return {
    name,
    rows,
    styles: {
      title: { bold: true, fontSize: 16, hAlign: "center", vAlign: "center" },
      plain: { fontSize: 11 },
      date: { numberFormat: 'yyyy"年"m"月"d"日"', hAlign: "left", locked: false },
      head: { bold: true, border: true, hAlign: "center", fill: "#D9E1F2" },
      label: { border: true, wrap: true, vAlign: "center" },
      int: { border: true, numberFormat: "0", locked: false },
      dec: { border: true, numberFormat: "0.0000", locked: false },
    },
    merges: ["A1:D1"],
    columnWidths: [40, 9, 12, 12],
    rowHeights: [30],
    print: { paper: "A4", orientation: "portrait", fitToWidth: true, centerHorizontally: true, printArea: "A1:D15", printTitleRows: "1:3" },
    inputs: ["C4:D14", "B2"],
    protect: true,
    validations: [
      { range: "C4:D7", kind: "whole", min: 0, decimals: 0, prompt: "请填写不小于 0 的整数" },
      { range: "C8:D8", kind: "decimal", min: 0, decimals: 4, prompt: "单位:万元,最多 4 位小数" },
    ],
    marks: opts.marks ?? { period: "2018-07", form: ANNEX.id },
    freezeRows: 3,
  };
}
