/**
 * The 单位名册 sheet of a county workbook: the roster a county merge used, kept so next
 * month's merge finds it in the workbook (or in last month's county file) without asking
 * for the roster file again. rosterFromGrid reads it back: the header row is skipped, a
 * 序号 column is ignored, the name comes first and each alias has its own cell.
 */
import { columnLetters } from "./grid";
import type { PlanCell, SheetPlan } from "./plan";
import type { Roster } from "./roster";

export const ROSTER_SHEET_NAME = "单位名册";

export function rosterPlan(roster: Roster, name = ROSTER_SHEET_NAME): SheetPlan {
  const aliasCols = Math.max(1, ...roster.units.map((u) => u.aliases.length));
  const text = (value: string, style = "text"): PlanCell => ({ value, style });
  const header: PlanCell[] = [text("序号", "header"), text("单位名称", "header"), text("别名", "header")];
  for (let i = 1; i < aliasCols; i++) header.push(text("", "header"));
  const rows: (PlanCell | null)[][] = [header];
  roster.units.forEach((u, n) => {
    const row: PlanCell[] = [{ value: n + 1, style: "number" }, text(u.name)];
    for (let i = 0; i < aliasCols; i++) row.push(text(u.aliases[i] ?? ""));
    rows.push(row);
  });
  return {
    name,
    rows,
    styles: {
      header: { bold: true, fontSize: 11, hAlign: "center", vAlign: "center", border: true },
      // Names come from other people's files: always text, never a formula.
      text: { fontSize: 11, hAlign: "left", vAlign: "center", border: true, numberFormat: "@" },
      number: { fontSize: 11, hAlign: "center", vAlign: "center", border: true, numberFormat: "0" },
    },
    merges: aliasCols > 1 ? [`C1:${columnLetters(2 + aliasCols - 1)}1`] : [],
    columnWidths: [6, 22, ...Array.from({ length: aliasCols }, () => 22)],
    print: { paper: "A4", orientation: "portrait", fitToWidth: true, centerHorizontally: true, printTitleRows: "1:1" },
    marks: { kind: "roster" },
    freezeRows: 1,
  };
}
