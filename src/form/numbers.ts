/**
 * Reading one figure the way a clerk meant it. Every oddity becomes a finding: a blank is
 * 0 with a warning, "１２ " is 12 with a warning, "12次" in the 次 row is 12 with a warning, "12人"
 * there is an error, never a silent 0.
 */
import type { CellFindingCode, CellParams, FigureColumn, Finding, FindingOf, FindingParams, Severity } from "./findings";
import type { SourceCell } from "./grid";
import type { Figure } from "./report";
import { SCALE, type FormItem } from "./spec";
import { fold } from "./text";

/** Written by clerks to mean "none"; counted as 0 with a warning. */
const PLACEHOLDERS = new Set(["/", "\\", "-", "--", "—", "——", "–", "无", "空", "0次", "null"]);

export interface FigureRead {
  figure: Figure;
  findings: Finding[];
}

interface Where {
  sheet: string;
  cell: string;
  item: FormItem;
  /** 本月数 or 累计数, for the message. */
  column: FigureColumn;
}

/** The params a cell finding carries beyond CellParams: none for "blank", say. */
type ExtraParams<C extends CellFindingCode> = keyof Omit<FindingParams[C], keyof CellParams> extends never
  ? []
  : [Omit<FindingParams[C], keyof CellParams>];

/** A finding about this cell: the code's own params beside the cell params every such code carries. */
function finding<C extends CellFindingCode>(where: Where, severity: Severity, code: C, ...extra: ExtraParams<C>): Finding {
  const params = { item: where.item.label, itemId: where.item.id, column: where.column, ...extra[0] };
  // Sound: FindingParams[C] is CellParams & the extra fields (CellFindingCode guarantees it).
  return { severity, code, sheet: where.sheet, cell: where.cell, params } as FindingOf<C> as Finding;
}

/** Converts a finite number to an exact scaled integer, or reports why it cannot. */
function scaleNumber(n: number, where: Where, findings: Finding[]): number | undefined {
  const { item } = where;
  if (n < 0) {
    findings.push(finding(where, "error", "negative", { value: n }));
    return undefined;
  }
  const scaled = Math.round(n * SCALE);
  // Tolerance: binary floating point turns 1.2345 into 1.23449999...; anything beyond
  // that noise is a real extra decimal.
  const exactAt = (places: number) =>
    Math.abs(n * 10 ** places - Math.round(n * 10 ** places)) < 1e-7 * Math.max(1, Math.abs(n) * 10 ** places);
  if (item.kind === "whole" && !exactAt(0)) {
    findings.push(finding(where, "error", "not-whole", { value: n }));
    return undefined;
  }
  if (item.kind === "decimal" && !exactAt(item.decimals)) {
    findings.push(finding(where, "error", "too-many-decimals", { value: n, decimals: item.decimals }));
    return undefined;
  }
  if (!Number.isSafeInteger(scaled)) {
    findings.push(finding(where, "error", "not-a-number", { value: String(n) }));
    return undefined;
  }
  return scaled;
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

/** Parses text that should be a number: folds full-width digits, trims, drops thousands commas. */
function parseNumberText(raw: string): number | undefined {
  const t = fold(raw).replace(/[\s\u00a0]+/g, "");
  if (!NUMBER.test(t)) return undefined;
  return Number(t.replace(/,/g, ""));
}

/** Measure words clerks type after a figure; one not accepted by the row is a wrong unit, not noise. */
const MEASURE_WORDS = ["次", "人次", "人", "家次", "家", "起", "元", "万元", "万", "个", "户", "件", "处", "项", "名", "宗"];

/**
 * The units a row accepts after a figure, read off its printed unit, with the power of ten
 * that turns a figure so typed into the row's unit: "人（次）" takes 人, 人次; "万元" takes 万元
 * and 万 as they are and 元 divided by 10000.
 */
export function typedUnits(item: FormItem): ReadonlyMap<string, number> {
  const printed = fold(item.unit).replace(/[\s()（）]/g, "");
  const units = new Map<string, number>([[printed, 0]]);
  const optional = /^(.+?)[(（](.+)[)）]$/.exec(fold(item.unit).replace(/\s/g, ""));
  if (optional) units.set(optional[1], 0);
  if (printed.endsWith("万元")) {
    units.set(printed.slice(0, -1), 0);
    units.set(printed.slice(0, -2) + "元", -4);
  }
  return units;
}

/** `digits` (a plain decimal numeral) × 10^power, exactly: the point is moved in the text. */
function shiftDecimal(digits: string, power: number): number {
  const sign = /^[+-]/.test(digits) ? digits[0] : "";
  const [int, frac = ""] = digits.replace(/^[+-]/, "").split(".");
  const all = int + frac;
  const point = int.length + power;
  const padded = point <= 0 ? "0".repeat(1 - point) + all : all.padEnd(point, "0");
  const at = Math.max(point, 1);
  return Number(`${sign}${padded.slice(0, at)}.${padded.slice(at) || "0"}`);
}

/** "3次" → the number and its unit, when the text is a numeral followed by a measure word. */
function splitUnit(raw: string): { digits: string; unit: string } | undefined {
  const t = fold(raw).replace(/[\s\u00a0]+/g, "");
  const m = /^(.*?\d)([\u4e00-\u9fff]{1,2})$/.exec(t);
  if (!m || !NUMBER.test(m[1]) || !MEASURE_WORDS.includes(m[2])) return undefined;
  return { digits: m[1].replace(/,/g, ""), unit: m[2] };
}

export function readFigure(cell: SourceCell | undefined, where: Where): FigureRead {
  const findings: Finding[] = [];
  const isFormula = Boolean(cell?.formula);
  const figure = (scaled: number | undefined, blank = false): FigureRead => ({
    figure: { cell: where.cell, scaled, blank, formula: isFormula },
    findings,
  });

  if (cell?.unreadable) {
    findings.push(finding(where, "error", "cell-unreadable", { reason: cell.unreadable }));
    return figure(undefined);
  }
  if (cell?.uncached) {
    findings.push(finding(where, "error", "formula-no-value", { formula: cell.formula ?? "" }));
    return figure(undefined);
  }
  if (cell?.error) {
    findings.push(finding(where, "error", "cell-error", { value: cell.error }));
    return figure(undefined);
  }
  const value = cell?.value ?? null;
  if (value === null || (typeof value === "string" && value.trim() === "")) {
    findings.push(finding(where, "warning", "blank"));
    return figure(0, true);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      findings.push(finding(where, "error", "not-a-number", { value: String(value) }));
      return figure(undefined);
    }
    return figure(scaleNumber(value, where, findings));
  }
  if (typeof value === "boolean") {
    findings.push(finding(where, "error", "not-a-number", { value: value ? "TRUE" : "FALSE" }));
    return figure(undefined);
  }
  // Text: Excel errors typed as text by other programs are still errors.
  const text = value;
  if (/^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!)$/.test(text.trim())) {
    findings.push(finding(where, "error", "cell-error", { value: text.trim() }));
    return figure(undefined);
  }
  if (PLACEHOLDERS.has(fold(text).trim().toLowerCase())) {
    findings.push(finding(where, "warning", "placeholder-zero", { value: text.trim() }));
    return figure(0);
  }
  const withUnit = splitUnit(text);
  if (withUnit) {
    const value = text.trim().slice(0, 40);
    const power = typedUnits(where.item).get(withUnit.unit);
    if (power === undefined) {
      findings.push(finding(where, "error", "unit-mismatch", { value, unit: withUnit.unit, rowUnit: where.item.unit }));
      return figure(undefined);
    }
    const n = shiftDecimal(withUnit.digits, power);
    const scaled = scaleNumber(n, where, findings);
    if (scaled !== undefined) {
      findings.push(
        finding(where, "warning", "number-with-unit", {
          value,
          number: n,
          unit: withUnit.unit,
          rowUnit: where.item.unit,
          converted: power !== 0,
        }),
      );
    }
    return figure(scaled);
  }
  const n = parseNumberText(text);
  if (n === undefined) {
    findings.push(finding(where, "error", "not-a-number", { value: text.trim().slice(0, 40) }));
    return figure(undefined);
  }
  const scaled = scaleNumber(n, where, findings);
  if (scaled !== undefined) findings.push(finding(where, "warning", "text-number", { value: text.slice(0, 40), number: n }));
  return figure(scaled);
}
