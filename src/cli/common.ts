/** What every command shares: options, reading files, writing outputs without clobbering. */
import { promises as fs, constants as fsc } from "fs";
import { basename } from "path";
import type { Finding } from "../form/findings";
import { findingMessage, severityLabel } from "../form/messages";
import type { Lang } from "../form/lang";
import { parsePeriod, type Period } from "../form/period";
import { nodeSheetJs, readFileBytes } from "../files/node";
import { readAnyWorkbook } from "../files/read-any";
import type { ByteSource, ParseWorkbook } from "../jobs/sources";
import { UsageError, type ParsedArgs } from "./args";
import { say } from "./text";

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

export function common(args: ParsedArgs, needPeriod = true): Common {
  const langOpt = args.options.get("lang") ?? "zh";
  if (langOpt !== "zh" && langOpt !== "en") throw new UsageError("--lang zh|en");
  const lang: Lang = langOpt;
  const p = args.options.get("period");
  const period = p ? parsePeriod(p) : undefined;
  if (needPeriod && !period)
    throw new UsageError(
      say(
        lang,
        `请用 --period 指定报表月份，例如 --period 2018-07${p ? `（无法识别“${p}”）` : ""}`,
        `Give the report month with --period, e.g. --period 2018-07${p ? ` ("${p}" is not a month)` : ""}`,
      ),
    );
  const deadlineDay = intOption(args, "deadline-day", 10, 1, 31, lang);
  const startMonth = intOption(args, "start-month", 1, 1, 12, lang);
  return { lang, period: period ?? { year: 1990, month: 1 }, deadlineDay, startMonth };
}

function intOption(args: ParsedArgs, name: string, def: number, min: number, max: number, lang: Lang): number {
  const v = args.options.get(name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(say(lang, `--${name} 应为${min}至${max}的整数`, `--${name} must be a whole number from ${min} to ${max}`));
  return n;
}

/** Every format by content; the legacy parser is required only when a legacy file is met. */
export const parse: ParseWorkbook = (bytes, name) => readAnyWorkbook(bytes, name, nodeSheetJs);

export function fileSource(path: string): ByteSource {
  return { name: basename(path), read: () => readFileBytes(path) };
}

/** Like fileSource but keeps the path as the name (so the report says which folder). */
export function pathSource(path: string): ByteSource {
  return { name: path, read: () => readFileBytes(path) };
}

/** Refuses early (before any file is read) when an output exists and --force is not given. */
export async function assertWritable(path: string | undefined, force: boolean, lang: Lang): Promise<void> {
  if (!path || force) return;
  const exists = await fs.access(path, fsc.F_OK).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new UsageError(
      say(
        lang,
        `输出文件“${path}”已存在。请换一个文件名，或加 --force 覆盖。`,
        `Output file "${path}" exists. Choose another name, or add --force to replace it.`,
      ),
    );
}

/** Writes a file, refusing to replace an existing one unless --force; never half-written. */
export async function writeOutput(path: string, data: Uint8Array | string, force: boolean, lang: Lang): Promise<void> {
  await assertWritable(path, force, lang);
  // Write beside the target, then rename: a crash never leaves a half-written report.
  const tmp = `${path}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, path);
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
