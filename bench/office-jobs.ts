/**
 * Office.js round trips per job: the four jobs run through the real adapter (OfficeHost)
 * against the in-memory Excel of test/support/fake-excel, for 1, 30 and 300 months (insert,
 * validate, fill: a workbook holding that many monthly reports) or units (merge: that many
 * unit workbooks). Prints context.sync() calls, cells whose content changed, and the
 * largest request payload. Run by bench/run.js; alone: `node bench/office-run.js`.
 */
import { OfficeHost } from "../src/excel/office-host";
import { annexPlan } from "../src/form/layout";
import { addMonths, type Period } from "../src/form/period";
import { ANNEX } from "../src/form/spec";
import { readWorkbook, writeWorkbook } from "../src/files";
import { DEFAULT_SETTINGS } from "../src/jobs/actions";
import type { Host } from "../src/jobs/host";
import { fillJob, insertTemplateJob, mergeJob, validateJob, type JobContext } from "../src/jobs/workbook-jobs";
import { FakeWorkbook, installFakeOffice } from "../test/support/fake-excel";

export interface JobFigure {
  job: string;
  n: number;
  syncs: number;
  cells: number;
  maxPayloadKB: number;
  ms: number;
}

const FIRST: Period = { year: 2000, month: 1 };

function contextFor(book: FakeWorkbook): JobContext {
  const global: Record<string, unknown> = {};
  installFakeOffice(global, book);
  return jobContext(new OfficeHost({ global }));
}

/** The jobs' context around a host, as the bench runs them (shared with bench/wps-jobs.ts). */
export function jobContext(host: Host): JobContext {
  return {
    host,
    spec: ANNEX,
    settings: { ...DEFAULT_SETTINGS },
    lang: "zh",
    parser: async () => (bytes: Uint8Array, name: string) => readWorkbook(bytes, name),
    today: () => ({ year: 2026, month: 1, day: 5 }),
    office: "县安委办",
  };
}

/** Every cell's content, to count what a job changed. */
function contents(book: FakeWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of book.sheets)
    for (const [key, c] of s.cells) if (s.hasContent(c)) out.set(`${s.id}:${key}`, JSON.stringify([c.value, c.formula]));
  return out;
}

async function measure(job: string, n: number, book: FakeWorkbook, run: () => Promise<unknown>): Promise<JobFigure> {
  const before = contents(book);
  const syncs = book.syncCount;
  book.maxPayloadBytes = 0;
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  const after = contents(book);
  let cells = 0;
  for (const [k, v] of after) if (before.get(k) !== v) cells++;
  for (const k of before.keys()) if (!after.has(k)) cells++;
  return { job, n, syncs: book.syncCount - syncs, cells, maxPayloadKB: book.maxPayloadBytes / 1024, ms };
}

/** A workbook with n monthly reports from FIRST on, each filled, made through the adapter. */
async function monthsBook(n: number): Promise<FakeWorkbook> {
  const book = new FakeWorkbook({ excelApi: "1.9" });
  book.addSheet("Sheet1");
  const ctx = contextFor(book);
  for (let i = 0; i < n; i++) await insertTemplateJob(ctx, { period: addMonths(FIRST, i), unit: "云集镇", onConflict: "copy" });
  // Typed in as a clerk would: 本月数 1, 2, 3 ... and nothing in 累计数 (fill does that).
  book.sheets.forEach((s, k) => {
    if (k === 0) return;
    ANNEX.items.forEach((_, i) => book.userEdit(s.name, 3 + i, 2, (i % 3) + 1));
  });
  return book;
}

export async function officeFigures(sizes: number[]): Promise<JobFigure[]> {
  const out: JobFigure[] = [];
  for (const n of sizes) {
    // One workbook holding n months; each "first" call gets a new host (the pane just opened).
    const book = await monthsBook(n);
    book.activeSheetId = book.sheets[book.sheets.length - 1].id;
    const ctx = contextFor(book);
    const last = addMonths(FIRST, n - 1);
    out.push(await measure("validate (first)", n, book, () => validateJob(ctx, { scope: "active", period: last })));
    out.push(await measure("validate (again)", n, book, () => validateJob(ctx, { scope: "active", period: last })));
    out.push(await measure("fill (first)", n, book, () => fillJob(contextFor(book), { period: last, mode: "values" })));
    out.push(
      await measure("insert", n, book, () =>
        insertTemplateJob(contextFor(book), { period: addMonths(FIRST, n), unit: "云集镇", onConflict: "copy" }),
      ),
    );

    // merge: n unit workbooks into an empty county workbook.
    const { period, files } = unitFiles(n);
    const county = new FakeWorkbook({ excelApi: "1.9" });
    county.addSheet("Sheet1");
    out.push(await measure("merge", n, county, () => mergeJob(contextFor(county), { files, period })));
  }
  return out;
}

/** n unit workbooks for July 2018, as picked files (shared with bench/wps-jobs.ts). */
export function unitFiles(n: number): { period: Period; files: { name: string; arrayBuffer(): Promise<ArrayBuffer> }[] } {
  const period: Period = { year: 2018, month: 7 };
  const files = Array.from({ length: n }, (_, i) => {
    const unit = `单位${String(i + 1).padStart(3, "0")}镇`;
    const month = Object.fromEntries(ANNEX.items.map((it) => [it.id, it.id === "officers" ? 4 : 1]));
    const bytes = writeWorkbook([annexPlan(ANNEX, period, { unit, date: { year: 2018, month: 8, day: 5 }, month, cumulative: month })]);
    return { name: `${unit}.xlsx`, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
  });
  return { period, files };
}
