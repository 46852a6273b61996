/** Shared set-up for the Office.js adapter tests: a fake workbook behind a real OfficeHost. */
import type { SheetPlan } from "../../src/form/plan";
import { OfficeHost, type OfficeHostOptions } from "../../src/excel/office-host";
import { FakeWorkbook, type FakeWorkbookOptions, installFakeOffice } from "../support/fake-excel";

export interface Setup {
  book: FakeWorkbook;
  host: OfficeHost;
  global: Record<string, unknown>;
  /** Syncs made by fn. */
  syncs: (fn: () => Promise<unknown>) => Promise<number>;
}

export function setup(opts: FakeWorkbookOptions = {}, hostOpts: OfficeHostOptions = {}): Setup {
  const book = new FakeWorkbook(opts);
  const global: Record<string, unknown> = {};
  installFakeOffice(global, book);
  const host = new OfficeHost({ global, ...hostOpts });
  return {
    book,
    host,
    global,
    syncs: async (fn) => {
      const before = book.syncCount;
      await fn();
      return book.syncCount - before;
    },
  };
}

/** A small annex-like plan: title, header, two data rows with inputs, a formula, a note. */
export function annexPlan(name = "2018年7月", marks: Record<string, string> = { period: "2018-07", kind: "template" }): SheetPlan {
  return {
    name,
    rows: [
      [{ value: '安全监管"强执法防事故"行动情况月报表', style: "title" }, null, null, null],
      [{ value: "填报单位：", style: "label" }, { value: "=1+1", style: "label" }, null, { value: "2018-07", style: "label" }],
      [
        { value: "序号", style: "head" },
        { value: "项目", style: "head" },
        { value: "本月数", style: "head" },
        { value: "累计数", style: "head" },
      ],
      [
        { value: 1, style: "cell" },
        { value: "组织执法活动（次）", style: "cell" },
        { value: null, style: "input" },
        { value: null, style: "input" },
      ],
      [
        { value: 2, style: "cell" },
        { value: "+罚款金额（万元）", style: "cell" },
        { value: 3.5, style: "money" },
        { value: null, formula: "=C5*2", style: "money" },
      ],
      [{ value: "-注：本表每月10日前报送。", style: "note" }, null, null, null],
    ],
    styles: {
      title: { bold: true, fontSize: 16, hAlign: "center" },
      label: { hAlign: "left" },
      head: { bold: true, border: true, hAlign: "center", vAlign: "center", wrap: true },
      cell: { border: true },
      input: { border: true, locked: false, numberFormat: "0" },
      money: { border: true, locked: false, numberFormat: "0.0000" },
      note: { wrap: true },
    },
    merges: ["A1:D1", "A6:D6"],
    columnWidths: [6, 30, 12, 12],
    rowHeights: [30, undefined, 20, 20, 20],
    print: { paper: "A4", orientation: "portrait", fitToWidth: true, centerHorizontally: true, printArea: "A1:D6", printTitleRows: "1:3" },
    inputs: ["C4:D5"],
    protect: true,
    validations: [
      { range: "C4:D4", kind: "whole", min: 0, decimals: 0, prompt: "请填写非负整数" },
      { range: "C5:D5", kind: "decimal", min: 0, decimals: 4, prompt: "单位：万元，最多4位小数" },
    ],
    marks,
    freezeRows: 3,
  };
}
