/** Shared set-up for the WPS adapter tests: the ET fake behind a real WpsHost. */
import { ANNEX_LAYOUT } from "../../src/form/layout";
import { ANNEX } from "../../src/form/spec";
import { DEFAULT_SETTINGS } from "../../src/jobs/actions";
import type { JobContext } from "../../src/jobs/workbook-jobs";
import { WpsHost } from "../../src/wps/wps-host";
import { readWorkbook } from "../../src/files";
import { FakeEtBook, installFakeEt, type FakeEtOptions } from "./fake-et";

export interface WpsSetup {
  book: FakeEtBook;
  host: WpsHost;
  global: Record<string, unknown>;
  ctx: JobContext;
  /** ET calls made by fn. */
  calls: (fn: () => Promise<unknown>) => Promise<number>;
}

export function wpsSetup(opts: FakeEtOptions = {}): WpsSetup {
  const book = new FakeEtBook(opts);
  const global: Record<string, unknown> = {};
  installFakeEt(global, book);
  const host = new WpsHost({ global });
  const ctx: JobContext = {
    host,
    spec: ANNEX,
    settings: { ...DEFAULT_SETTINGS },
    lang: "zh",
    parser: async () => (b: Uint8Array, n: string) => readWorkbook(b, n),
    today: () => ({ year: 2018, month: 8, day: 5 }),
    office: "县安委办",
  };
  return {
    book,
    host,
    global,
    ctx,
    calls: async (fn) => {
      const before = book.calls;
      await fn();
      return book.calls - before;
    },
  };
}

/** Types figures into a report the way a clerk does (this month, and 累计数 when given). */
export function typeFigures(book: FakeEtBook, sheet: string, month: (number | string)[], cumulative?: (number | string)[]): void {
  month.forEach((v, i) => book.userEdit(sheet, ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.monthCol, v));
  cumulative?.forEach((v, i) => book.userEdit(sheet, ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.cumCol, v));
}

export const figures = (base: number): number[] => ANNEX.items.map((_, i) => base + i);

/** The 累计数 (or 本月数) column of an annex sheet as the user sees it. */
export function column(book: FakeEtBook, sheet: string, col: "C" | "D"): unknown[] {
  return ANNEX.items.map((_, i) => book.view(sheet, `${col}${ANNEX_LAYOUT.firstItemRow + 1 + i}`).value);
}

export const picked = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
