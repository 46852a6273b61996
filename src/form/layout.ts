/**
 * The annex's cell plans: the blank template, a filled report, the county total (same
 * layout, so county totals merge again into a city total) and the per-unit detail sheet.
 */
import { cellAddress, columnLetters, type CellValue, type SheetGrid, type SourceCell } from "./grid";
import type { FileOutcome, MergeResult } from "./merge-types";
import { type PlanCell, type PlanStyle, type SheetPlan } from "./plan";
import { periodKey, periodLabelZh, serialFromYmd, ymdKey, type Period, type Ymd } from "./period";
import { fromScaled } from "./report";
import type { FormItem, FormSpec } from "./spec";
import { dateZh, statusLabel } from "./messages";

export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** Number format for an item: whole numbers "0"; 万元 shows 2 to 4 decimals. */
export function itemFormat(item: FormItem): string {
  return item.kind === "whole" ? "0" : "0.00" + "#".repeat(Math.max(0, item.decimals - 2));
}

/** Sheet name for a month's report: "2018年7月". */
export function sheetNameForPeriod(p: Period): string {
  return periodLabelZh(p);
}

/** Where things sit in the annex layout (0-based rows; columns A..D). */
export const ANNEX_LAYOUT = {
  titleRow: 0,
  metaRow: 1,
  headerRow: 2,
  firstItemRow: 3,
  labelCol: 0,
  unitCol: 1,
  monthCol: 2,
  cumCol: 3,
} as const;

const STYLES: Record<string, PlanStyle> = {
  title: { bold: true, fontSize: 16, hAlign: "center", vAlign: "center", wrap: true },
  metaLabel: { fontSize: 11, hAlign: "right", vAlign: "center" },
  metaInput: { fontSize: 11, hAlign: "left", vAlign: "center", locked: false, numberFormat: "@" },
  dateInput: { fontSize: 11, hAlign: "left", vAlign: "center", locked: false, numberFormat: DATE_FORMAT },
  header: { bold: true, fontSize: 11, hAlign: "center", vAlign: "center", border: true, wrap: true },
  label: { fontSize: 11, hAlign: "left", vAlign: "center", border: true, wrap: true },
  unit: { fontSize: 11, hAlign: "center", vAlign: "center", border: true },
  whole: { fontSize: 11, hAlign: "right", vAlign: "center", border: true, numberFormat: "0", locked: false },
  decimal: { fontSize: 11, hAlign: "right", vAlign: "center", border: true, numberFormat: "0.00##", locked: false },
  note: { fontSize: 10, hAlign: "left", vAlign: "top", wrap: true },
};

export interface AnnexValues {
  unit: string;
  /** 填报时间; blank when undefined. */
  date?: Ymd;
  /** By item id: plain numbers (or null for blank). */
  month?: Record<string, number | null>;
  cumulative?: Record<string, number | null>;
}

/** The annex laid out as printed, optionally filled. */
export function annexPlan(spec: FormSpec, period: Period, values: AnnexValues, name = sheetNameForPeriod(period)): SheetPlan {
  const L = ANNEX_LAYOUT;
  const rows: (PlanCell | null)[][] = [];
  const c = (value: CellValue, style: string): PlanCell => ({ value, style });
  // The month on its own line under the title: sheet names do not print. (Older templates
  // without it are read the same: the locator takes texts above the table only as hints.)
  rows[L.titleRow] = [c(`${spec.title}\n（${periodLabelZh(period)}）`, "title"), null, null, null];
  rows[L.metaRow] = [
    c(spec.unitLabel + "：", "metaLabel"),
    c(values.unit, "metaInput"),
    c(spec.dateLabel + "：", "metaLabel"),
    c(values.date ? serialFromYmd(values.date) : null, "dateInput"),
  ];
  rows[L.headerRow] = [
    c(spec.columns.item, "header"),
    c(spec.columns.unit, "header"),
    c(spec.columns.month, "header"),
    c(spec.columns.cumulative, "header"),
  ];
  spec.items.forEach((item, i) => {
    const style = item.kind === "whole" ? "whole" : "decimal";
    rows[L.firstItemRow + i] = [
      c(item.label, "label"),
      c(item.unit, "unit"),
      c(values.month?.[item.id] ?? null, style),
      c(values.cumulative?.[item.id] ?? null, style),
    ];
  });
  const lastItemRow = L.firstItemRow + spec.items.length - 1;
  const noteRow = lastItemRow + 1;
  rows[noteRow] = [c(spec.note, "note"), null, null, null];
  const figures = `${cellAddress(L.firstItemRow, L.monthCol)}:${cellAddress(lastItemRow, L.cumCol)}`;
  const rowHeights: (number | undefined)[] = [];
  rowHeights[L.titleRow] = 52;
  rowHeights[L.metaRow] = 24;
  rowHeights[L.headerRow] = 24;
  for (let r = L.firstItemRow; r <= lastItemRow; r++) rowHeights[r] = 30;
  rowHeights[noteRow] = 36;
  return {
    name,
    rows,
    styles: STYLES,
    merges: [`A${L.titleRow + 1}:D${L.titleRow + 1}`, `A${noteRow + 1}:D${noteRow + 1}`],
    columnWidths: [34, 9, 13, 13],
    rowHeights,
    print: {
      paper: "A4",
      orientation: "portrait",
      fitToWidth: true,
      centerHorizontally: true,
      printArea: `A1:D${noteRow + 1}`,
    },
    inputs: [cellAddress(L.metaRow, 1), cellAddress(L.metaRow, 3), figures],
    protect: true,
    validations: spec.items.map((item, i) => ({
      range: `${cellAddress(L.firstItemRow + i, L.monthCol)}:${cellAddress(L.firstItemRow + i, L.cumCol)}`,
      kind: item.kind,
      min: 0,
      decimals: item.decimals,
      prompt: item.kind === "whole" ? `请填写不小于0的整数（${item.unit}）` : `请填写不小于0的数，单位万元，最多${item.decimals}位小数`,
    })),
    marks: { form: spec.id, period: periodKey(period) },
  };
}

/** A blank template for a unit and month. */
export function templatePlan(spec: FormSpec, period: Period, unit: string, name?: string): SheetPlan {
  return annexPlan(spec, period, { unit }, name);
}

/** The county total in the annex layout (unprotected: it is an output, not a form to fill). */
export function totalPlan(spec: FormSpec, result: MergeResult, county: string, date: Ymd, name?: string): SheetPlan {
  const month: Record<string, number> = {};
  const cumulative: Record<string, number> = {};
  for (const t of result.totals) {
    month[t.item] = t.month;
    cumulative[t.item] = t.cumulative;
  }
  const plan = annexPlan(
    spec,
    result.period,
    { unit: county, date, month, cumulative },
    name ?? `${sheetNameForPeriod(result.period)}汇总`,
  );
  const noteRow = plan.rows.length;
  plan.rows[noteRow] = [
    {
      value: `汇总${result.includedCount}个单位（生成于${dateZh(ymdKey(date))}）；各单位明细见“${detailSheetName(result.period)}”。`,
      style: "note",
    },
  ];
  plan.merges.push(`A${noteRow + 1}:D${noteRow + 1}`);
  plan.protect = false;
  plan.inputs = [];
  plan.validations = [];
  plan.marks = { ...plan.marks, kind: "county-total" };
  return plan;
}

export function detailSheetName(p: Period): string {
  return `${sheetNameForPeriod(p)}明细`;
}

/** Every unit's figures with the file each came from (provenance). */
/** Chinese collation (拼音 order), made once: localeCompare with a locale makes one per call. */
let zh: Intl.Collator | undefined;
const zhOrder = (): Intl.Collator => (zh ??= new Intl.Collator("zh"));

export function detailPlan(spec: FormSpec, result: MergeResult, name = detailSheetName(result.period)): SheetPlan {
  const fixed = ["序号", "单位", "填报单位（原文）", "状态", "填报时间"];
  const tail = ["来源文件", "工作表", "问题"];
  const width = fixed.length + spec.items.length * 2 + tail.length;
  const styles: Record<string, PlanStyle> = {
    title: { bold: true, fontSize: 14, hAlign: "left", vAlign: "center" },
    header: { bold: true, fontSize: 10, hAlign: "center", vAlign: "center", border: true, wrap: true },
    text: { fontSize: 10, hAlign: "left", vAlign: "center", border: true, numberFormat: "@" },
    whole: { fontSize: 10, hAlign: "right", border: true, numberFormat: "0" },
    decimal: { fontSize: 10, hAlign: "right", border: true, numberFormat: "0.00##" },
    total: { bold: true, fontSize: 10, hAlign: "right", border: true, numberFormat: "0.00##" },
    // An excluded unit's cell that is not a number: shown as typed, as text, marked red.
    typed: { fontSize: 10, hAlign: "right", border: true, numberFormat: "@", fill: "#FFC7CE" },
  };
  const rows: (PlanCell | null)[][] = [];
  rows[0] = [{ value: `${spec.title}（${sheetNameForPeriod(result.period)}）各单位明细`, style: "title" }];
  const h1: (PlanCell | null)[] = [];
  const h2: (PlanCell | null)[] = [];
  const merges: string[] = [`A1:${columnLetters(width - 1)}1`];
  fixed.forEach((t, i) => {
    h1[i] = { value: t, style: "header" };
    h2[i] = { value: null, style: "header" };
    merges.push(`${cellAddress(1, i)}:${cellAddress(2, i)}`);
  });
  spec.items.forEach((item, i) => {
    const col = fixed.length + i * 2;
    h1[col] = { value: `${item.label}（${item.unit}）`, style: "header" };
    h1[col + 1] = { value: null, style: "header" };
    h2[col] = { value: "本月数", style: "header" };
    h2[col + 1] = { value: "累计数", style: "header" };
    merges.push(`${cellAddress(1, col)}:${cellAddress(1, col + 1)}`);
  });
  tail.forEach((t, i) => {
    const col = fixed.length + spec.items.length * 2 + i;
    h1[col] = { value: t, style: "header" };
    h2[col] = { value: null, style: "header" };
    merges.push(`${cellAddress(1, col)}:${cellAddress(2, col)}`);
  });
  rows[1] = h1;
  rows[2] = h2;
  const text = (v: string | undefined): PlanCell => ({ value: v ?? "", style: "text" });
  const ordered = [...result.files].sort(
    (a, b) =>
      statusOrder(a.status) - statusOrder(b.status) || zhOrder().compare(a.rosterUnit ?? a.unit ?? "", b.rosterUnit ?? b.unit ?? ""),
  );
  ordered.forEach((f, n) => {
    const row: (PlanCell | null)[] = [
      { value: n + 1, style: "whole" },
      text(f.rosterUnit ?? ""),
      text(f.unit ?? ""),
      text(statusLabel(f.status, "zh")),
      text(f.submitted ? ymdKey(f.submitted) : ""),
    ];
    spec.items.forEach((item) => {
      const fig = f.figures?.[item.id];
      const style = item.kind === "whole" ? "whole" : "decimal";
      for (const column of ["month", "cumulative"] as const) {
        const typed = f.status === "excluded" ? typedValue(f, item.id, column) : undefined;
        row.push(typed !== undefined ? { value: typed, style: "typed" } : { value: fig ? fromScaled(fig[column]) : null, style });
      }
    });
    const problems = f.findings.filter((x) => x.severity === "error").length;
    const warnings = f.findings.length - problems;
    row.push(text(f.file), text(f.sheet ?? ""), text(problems || warnings ? `错误${problems}项，警告${warnings}项` : ""));
    rows.push(row);
  });
  const totalRow: (PlanCell | null)[] = [{ value: null, style: "text" }, text("合计（已汇总）"), text(""), text(""), text("")];
  for (const t of result.totals) totalRow.push({ value: t.month, style: "total" }, { value: t.cumulative, style: "total" });
  for (let i = 0; i < tail.length; i++) totalRow.push(text(""));
  rows.push(totalRow);
  const columnWidths = [6, 14, 18, 12, 12, ...spec.items.flatMap(() => [9, 9]), 28, 12, 18];
  return {
    name,
    rows,
    styles,
    merges,
    columnWidths,
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, centerHorizontally: false, printTitleRows: "2:3" },
    marks: { kind: "county-detail", period: periodKey(result.period) },
    freezeRows: 3,
  };
}

/**
 * What a clerk typed in a cell that could not be read as its figure (the error finding about
 * that cell keeps it), so the detail shows "三十" or "3人", not the 0 it was not counted as.
 */
function typedValue(f: FileOutcome, itemId: string, column: "month" | "cumulative"): string | undefined {
  for (const x of f.findings) {
    if (x.severity !== "error" || !UNREAD_CODES.has(x.code)) continue;
    const p = x.params as { itemId?: string; column?: string; value?: unknown; formula?: unknown };
    if (p.itemId !== itemId || p.column !== column) continue;
    return String(p.value ?? p.formula ?? "");
  }
  return undefined;
}

const UNREAD_CODES = new Set<string>([
  "negative",
  "not-a-number",
  "not-whole",
  "too-many-decimals",
  "unit-mismatch",
  "cell-error",
  "formula-no-value",
  "cell-unreadable",
]);

function statusOrder(s: string): number {
  return ["excluded", "unreadable", "duplicate", "skipped", "included"].indexOf(s);
}

/**
 * What a plan looks like once written, as a grid (values only, marks kept): lets the core
 * read its own output without a host, e.g. to merge a county total again.
 */
export function gridFromPlan(plan: SheetPlan): SheetGrid {
  const cells: (SourceCell | null)[][] = plan.rows.map((row) =>
    (row ?? []).map((c) => (c && c.value !== null && c.value !== "" ? ({ value: c.value } as SourceCell) : null)),
  );
  const marks: Record<string, string> = {};
  for (const [k, v] of Object.entries(plan.marks ?? {})) marks[k] = v;
  return { sheet: plan.name, top: 0, left: 0, cells, marks };
}
