/** What every command shares: options, reading files, writing outputs without clobbering. */
import { basename } from "path";
import type { Finding } from "../form/findings";
import type { WorkbookGrids } from "../form/grid";
import { findingMessage, severityLabel } from "../form/messages";
import type { Lang } from "../form/lang";
import type { Period } from "../form/period";
import { readFileBytes, readFileBytesSync } from "../files/node";
import { openWorkbook } from "../files/formats";
import { nodeParsePool, workerCount } from "../files/node-pool";
import type { ParsePool } from "../files/pool";
import { readWorkbook } from "../files/read";
import { DEFAULT_AHEAD } from "../jobs/merge-files";
import type { ByteSource, ParseWorkbook } from "../jobs/sources";
import type { ParsedArgs } from "./args";
import { commitOutputs, type Output } from "./output";
import { integerOption, periodOption } from "./prepare";
import { UsageError } from "./usage-errors";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stderr is a terminal (progress shown in place). */
  tty: boolean;
  today: () => Date;
}

export interface Common {
  lang: Lang;
  period: Period;
  deadlineDay: number;
  startMonth: number;
}

/** The options every command shares, already checked by prepare (this only reads them). */
export function common(args: ParsedArgs, needPeriod = true): Common {
  const lang: Lang = args.options.get("lang") === "en" ? "en" : "zh";
  const period = periodOption(args);
  if (needPeriod && !period) throw new UsageError("option-required", { command: args.command, option: "period", example: "2018-07" });
  return {
    lang,
    period: period ?? { year: 1990, month: 1 },
    deadlineDay: integerOption(args, "deadline-day", 10),
    startMonth: integerOption(args, "start-month", 1),
  };
}

/**
 * Seconds one file may take to parse before it is refused as "timeout" (YUEBAO_PARSE_SECONDS
 * changes it). Far beyond any real report on a slow PC (a 30,000-row ledger takes under a
 * second), so the outcome does not depend on the machine's speed; it is there because the
 * legacy parser can loop forever on a damaged file, and a loop in this thread could not even
 * be stopped by Ctrl+C (signals are handled between tasks).
 */
export const DEFAULT_PARSE_SECONDS = 60;

export function parseTimeLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.YUEBAO_PARSE_SECONDS;
  const s = raw !== undefined && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_PARSE_SECONDS) * 1000;
}

/** One worker for legacy files read outside a pool run, started when the first is met (idle, it keeps no process alive). */
let legacyPool: ParsePool | undefined;

/**
 * Every format by content. An .xlsx is read here by our own reader (linear, bounded); a
 * legacy file (.xls, .et, .ods, .xlsb) goes to a worker with the time limit, never this thread.
 */
export const parse: ParseWorkbook = (bytes, name) => {
  const { zip } = openWorkbook(bytes, name);
  if (zip) return readWorkbook(zip, name);
  legacyPool ??= nodeParsePool(1, { timeoutMs: parseTimeLimitMs() });
  return legacyPool.parse(bytes, name);
};

export interface FileParser {
  parse: ParseWorkbook;
  /** Reads and parses a file: on a worker, which reads it from disk itself. */
  load: (src: ByteSource) => Promise<WorkbookGrids>;
  /** Files to read and parse ahead of the one being used. */
  ahead: number;
  close(): void;
}

/**
 * The parser for a run over many files: on worker threads when the machine has more than one
 * core (os.availableParallelism(); YUEBAO_WORKERS=n sets the count, 0 for none), else in this
 * thread (where a legacy file still goes to a worker: see `parse`); either way files are read
 * a few ahead and taken in order, and no file may take longer than parseTimeLimitMs().
 */
export function fileParser(files: number): FileParser {
  const n = workerCount(files);
  // Alone, files are read synchronously: nothing else runs meanwhile, and an asynchronous read
  // costs five trips through libuv's pool (stat, open, fstat, read, close), a third of a merge.
  if (n === 0)
    return {
      parse,
      load: async (src) => parse(src.path !== undefined ? readFileBytesSync(src.path) : await src.read(), src.name),
      ahead: DEFAULT_AHEAD,
      close: () => undefined,
    };
  const pool = nodeParsePool(n, { timeoutMs: parseTimeLimitMs() });
  return {
    parse: (bytes, name) => pool.parse(bytes, name),
    load: async (src) => (src.path !== undefined ? pool.parseFile(src.path, src.name) : pool.parse(await src.read(), src.name)),
    ahead: 4 * n,
    close: () => pool.close(),
  };
}

export function fileSource(path: string): ByteSource {
  return { name: basename(path), path, read: () => readFileBytes(path) };
}

/** Like fileSource but keeps the path as the name (so the report says which folder). */
export function pathSource(path: string): ByteSource {
  return { name: path, path, read: () => readFileBytes(path) };
}

/** Writes the outputs all together or none (see output.ts); `--force` allows replacing plain files. */
export async function writeOutputs(outputs: Output[], args: ParsedArgs): Promise<void> {
  await commitOutputs(outputs, args.flags.has("force"));
}

export function findingLine(f: Finding, lang: Lang, file?: string): string {
  const where = [file, f.sheet, f.cell].filter(Boolean).join(" › ");
  if (lang === "zh") return `  【${severityLabel(f.severity, lang)}】${where ? where + "：" : ""}${findingMessage(f, lang)}`;
  return `  [${severityLabel(f.severity, lang)}] ${where ? where + ": " : ""}${findingMessage(f, lang)}`;
}

export function jsonFinding(f: Finding, lang: Lang) {
  return { severity: f.severity, code: f.code, sheet: f.sheet, cell: f.cell ?? null, message: findingMessage(f, lang), params: f.params };
}

export function todayYmd(io: Io) {
  const d = io.today();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}
