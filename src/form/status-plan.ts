/**
 * The 报送情况 sheet of a county workbook: every roster unit and every file seen, with its
 * status (已汇总 / 迟报 / 有误 / 重复 / 无本月报表 / 无法读取 / 未报), the file it came from, its 填报时间
 * and its findings, so the month's record lives in the workbook. Every value is text from
 * other people's files: written as text ("@"), never as a formula.
 */
import type { FileOutcome, MergeResult } from "./merge-types";
import { findingMessage } from "./messages";
import { periodKey, type Ymd } from "./period";
import { sheetNameForPeriod } from "./layout";
import type { PlanCell, SheetPlan } from "./plan";

export function statusSheetName(result: MergeResult): string {
  return `${sheetNameForPeriod(result.period)}报送情况`;
}

const STATUS_ZH: Record<FileOutcome["status"], string> = {
  included: "已汇总",
  excluded: "有误",
  duplicate: "重复",
  skipped: "无本月报表",
  unreadable: "无法读取",
};

const dateZh = (d: Ymd | undefined): string => (d ? `${d.year}年${d.month}月${d.day}日` : "");

export function statusPlan(result: MergeResult, name = statusSheetName(result)): SheetPlan {
  const text = (value: string, style = "text"): PlanCell => ({ value, style });
  const rows: (PlanCell | null)[][] = [["序号", "单位", "状态", "文件", "填报时间", "问题"].map((h) => text(h, "header"))];
  const push = (unit: string, status: string, file: string, date: string, notes: string) =>
    rows.push([{ value: rows.length, style: "number" }, text(unit), text(status), text(file), text(date), text(notes)]);
  for (const f of result.files) {
    const status = f.status === "included" && f.late ? "迟报" : STATUS_ZH[f.status];
    const notes = f.findings.map((x) => (x.cell ? `${x.cell} ` : "") + findingMessage(x, "zh")).join("");
    push(f.rosterUnit ?? f.unit ?? "", status, f.file, dateZh(f.submitted), notes);
  }
  for (const unit of result.missing) push(unit, "未报", "", "", "");
  return {
    name,
    rows,
    styles: {
      header: { bold: true, fontSize: 11, hAlign: "center", vAlign: "center", border: true },
      text: { fontSize: 10, hAlign: "left", vAlign: "center", border: true, wrap: true, numberFormat: "@" },
      number: { fontSize: 10, hAlign: "center", vAlign: "center", border: true, numberFormat: "0" },
    },
    merges: [],
    columnWidths: [6, 18, 10, 24, 14, 60],
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, centerHorizontally: true, printTitleRows: "1:1" },
    marks: { kind: "county-status", period: periodKey(result.period) },
    freezeRows: 1,
  };
}
