/**
 * WPS ET calls per job: the four jobs run through the real WPS adapter (WpsHost) against the
 * ET fake of test/wps/fake-et, for 1, 30 and 300 months (insert, validate, fill: a workbook
 * holding that many monthly reports) or units (merge: that many unit workbooks). Every property
 * read or write and every method call on an ET object is one call. Run by bench/run.js; alone:
 * `node bench/wps-run.js`.
 */
import { ANNEX_LAYOUT } from "../src/form/layout";
import { addMonths, type Period } from "../src/form/period";
import { ANNEX } from "../src/form/spec";
import { fillJob, insertTemplateJob, mergeJob, validateJob, type JobContext } from "../src/jobs/workbook-jobs";
import { jobContext, unitFiles } from "./office-jobs";
import { WpsHost } from "../src/wps/wps-host";
import { FakeEtBook, installFakeEt } from "../test/wps/fake-et";

export interface WpsFigure {
  job: string;
  n: number;
  calls: number;
  /** Calls that are reads or writes of cell blocks (Value2, Formula, NumberFormat). */
  blockCalls: number;
  sheets: number;
  ms: number;
}

const FIRST: Period = { year: 2000, month: 1 };

function contextFor(book: FakeEtBook): JobContext {
  const global: Record<string, unknown> = {};
  installFakeEt(global, book);
  return jobContext(new WpsHost({ global }));
}

const BLOCK = ["Value2", "Formula", "NumberFormat"];

async function measure(job: string, n: number, book: FakeEtBook, run: () => Promise<unknown>): Promise<WpsFigure> {
  const calls = book.calls;
  const blocks = BLOCK.reduce((s, m) => s + (book.byMember.get(m) ?? 0), 0);
  const sheets = book.sheets.length;
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  return { job, n, calls: book.calls - calls, blockCalls: BLOCK.reduce((s, m) => s + (book.byMember.get(m) ?? 0), 0) - blocks, sheets, ms };
}

/** A workbook with n monthly reports from FIRST on, made through the adapter, 本月数 typed in. */
async function monthsBook(n: number): Promise<FakeEtBook> {
  const book = new FakeEtBook();
  book.addSheet("Sheet1");
  const ctx = contextFor(book);
  for (let i = 0; i < n; i++) await insertTemplateJob(ctx, { period: addMonths(FIRST, i), unit: "云集镇", onConflict: "copy" });
  book.sheets.forEach((s, k) => {
    if (k === 0) return;
    ANNEX.items.forEach((_, i) => book.userEdit(s.name, ANNEX_LAYOUT.firstItemRow + i, ANNEX_LAYOUT.monthCol, (i % 3) + 1));
  });
  return book;
}

export async function wpsFigures(sizes: number[]): Promise<WpsFigure[]> {
  const out: WpsFigure[] = [];
  for (const n of sizes) {
    const book = await monthsBook(n);
    book.active = book.sheets[book.sheets.length - 1];
    const last = addMonths(FIRST, n - 1);
    out.push(await measure("validate", n, book, () => validateJob(contextFor(book), { scope: "active", period: last })));
    out.push(await measure("fill", n, book, () => fillJob(contextFor(book), { period: last, mode: "values" })));
    out.push(
      await measure("insert", n, book, () =>
        insertTemplateJob(contextFor(book), { period: addMonths(FIRST, n), unit: "云集镇", onConflict: "copy" }),
      ),
    );

    const { period, files } = unitFiles(n);
    const county = new FakeEtBook();
    county.addSheet("Sheet1");
    out.push(await measure("merge", n, county, () => mergeJob(contextFor(county), { files, period })));
  }
  return out;
}
