/**
 * The command line's own problems (a mistake in the command, or an output that cannot be
 * written) as a code and values, and their wording in a Bilingual catalogue: a code without
 * both languages fails to compile. Problems with a workbook's content stay in src/form/problems.ts.
 * Every one of these means nothing was written: exit code 2.
 */
import type { Bilingual, Lang } from "../form/lang";

export interface UsageParams {
  "unknown-command": { command: string; commands: string[] };
  "option-not-accepted": { command: string; option: string; accepted: string[] };
  "option-needs-value": { option: string; example: string };
  "flag-takes-no-value": { option: string };
  "bad-choice": { option: string; value: string; choices: string[] };
  "bad-integer": { option: string; value: string; min: number; max: number };
  "bad-period": { value: string };
  "bad-date": { option: string; value: string; example: string };
  "option-required": { command: string; option: string; example: string };
  "files-required": { command: string };
  "one-file": { command: string; count: number };
  "unexpected-files": { command: string; files: string[] };
  // Inputs: checked before any is read.
  "input-missing": { path: string };
  "input-not-a-file": { path: string };
  "input-unreadable": { path: string; reason: string };
  // Outputs: checked before any input is read, and again when they are put in place.
  "output-folder-missing": { path: string; folder: string };
  "output-folder-not-writable": { path: string; folder: string };
  "output-is-folder": { path: string };
  "output-not-a-file": { path: string };
  "output-symlink": { path: string };
  "output-dangling-symlink": { path: string };
  "output-name-too-long": { path: string; bytes: number; limit: number };
  "output-exists": { path: string };
  /** Another run created the file between our check and our write: it won, we wrote nothing. */
  "output-taken": { path: string };
  "outputs-same": { path: string };
  "output-write-failed": { path: string; reason: string };
}

export type UsageCode = keyof UsageParams;

export class UsageError<C extends UsageCode = UsageCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: UsageParams[C],
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = "UsageError";
  }
}

type Render<C extends UsageCode> = (p: UsageParams[C]) => string;
type Catalogue = { readonly [C in UsageCode]: Bilingual<Render<C>> };

const opts = (list: string[]) => list.map((o) => `--${o}`).join(" ");
const HELP_ZH = "用 yuebao --help 查看用法。";
const HELP_EN = "See yuebao --help.";

const CATALOGUE: Catalogue = {
  "unknown-command": {
    zh: (p) => `未知命令“${p.command}”。可用的命令：${p.commands.join("、")}。${HELP_ZH}`,
    en: (p) => `Unknown command "${p.command}". Commands: ${p.commands.join(", ")}. ${HELP_EN}`,
  },
  "option-not-accepted": {
    zh: (p) => `${p.command} 命令没有 --${p.option} 选项。可用的选项：${opts(p.accepted)}。`,
    en: (p) => `${p.command} takes no --${p.option} option. It takes: ${opts(p.accepted)}.`,
  },
  "option-needs-value": {
    zh: (p) => `--${p.option} 缺少取值，例如 --${p.option} ${p.example}。`,
    en: (p) => `--${p.option} needs a value, e.g. --${p.option} ${p.example}.`,
  },
  "flag-takes-no-value": {
    zh: (p) => `--${p.option} 不带取值，请去掉“=”及其后的内容。`,
    en: (p) => `--${p.option} takes no value; drop the "=" and what follows.`,
  },
  "bad-choice": {
    zh: (p) => `--${p.option} 不能为“${p.value}”，应为 ${p.choices.join("、")} 之一。`,
    en: (p) => `--${p.option} cannot be "${p.value}"; use one of ${p.choices.join(", ")}.`,
  },
  "bad-integer": {
    zh: (p) => `--${p.option} 应为${p.min}至${p.max}的整数（现为“${p.value}”）。`,
    en: (p) => `--${p.option} must be a whole number from ${p.min} to ${p.max} (not "${p.value}").`,
  },
  "bad-period": {
    zh: (p) => `无法识别报表月份“${p.value}”。请写成年-月，月份为1至12，例如 --period 2018-07。`,
    en: (p) => `"${p.value}" is not a report month. Write year-month with a month from 1 to 12, e.g. --period 2018-07.`,
  },
  "bad-date": {
    zh: (p) => `无法识别 --${p.option} 的日期“${p.value}”。请写成年-月-日，例如 --${p.option} ${p.example}。`,
    en: (p) => `"${p.value}" is not a date for --${p.option}. Write year-month-day, e.g. --${p.option} ${p.example}.`,
  },
  "option-required": {
    zh: (p) =>
      p.option === "period"
        ? `请用 --period 指定报表月份，例如 --period ${p.example}。`
        : p.option === "out"
          ? `请用 --out 指定输出文件，例如 --out ${p.example}${p.command === "fill" ? "（原文件不作改动）" : ""}。`
          : `${p.command} 命令需要 --${p.option}，例如 --${p.option} ${p.example}。`,
    en: (p) =>
      p.option === "period"
        ? `Give the report month with --period, e.g. --period ${p.example}.`
        : p.option === "out"
          ? `Give the output file with --out, e.g. --out ${p.example}${p.command === "fill" ? " (the original is left as it is)" : ""}.`
          : `${p.command} needs --${p.option}, e.g. --${p.option} ${p.example}.`,
  },
  "files-required": {
    zh: (p) =>
      p.command === "merge"
        ? "请指定要汇总的各单位文件，例如 报表/*.xlsx。"
        : p.command === "fill"
          ? "请指定一个要计算累计数的文件（本月报表）。"
          : "请指定要校验的文件。",
    en: (p) =>
      p.command === "merge"
        ? "Name the unit files to merge, e.g. reports/*.xlsx."
        : p.command === "fill"
          ? "Name the one file (this month's report) to fill."
          : "Name the files to check.",
  },
  "one-file": {
    zh: (p) => `${p.command} 命令只处理一个文件（现有${p.count}个）。请只指定本月报表文件。`,
    en: (p) => `${p.command} takes exactly one file (${p.count} given). Name this month's report file only.`,
  },
  "unexpected-files": {
    zh: (p) => `${p.command} 命令不读取文件，请去掉“${p.files.join(" ")}”（输出文件用 --out 指定）。`,
    en: (p) => `${p.command} reads no files; drop "${p.files.join(" ")}" (name the output with --out).`,
  },
  "input-missing": {
    zh: (p) => `找不到文件“${p.path}”。请检查路径和文件名。`,
    en: (p) => `File "${p.path}" was not found. Check the path and the name.`,
  },
  "input-not-a-file": {
    zh: (p) => `“${p.path}”是文件夹或设备，不是文件。请指定其中的文件，例如“${p.path}/*.xlsx”。`,
    en: (p) => `"${p.path}" is a folder or a device, not a file. Name the files in it, e.g. "${p.path}/*.xlsx".`,
  },
  "input-unreadable": {
    zh: (p) => `无法读取文件“${p.path}”（${p.reason}）。请检查文件权限。`,
    en: (p) => `File "${p.path}" cannot be read (${p.reason}). Check its permissions.`,
  },
  "output-folder-missing": {
    zh: (p) => `输出文件“${p.path}”所在的文件夹“${p.folder}”不存在。请先建立该文件夹，或换一个位置。`,
    en: (p) => `The folder "${p.folder}" of the output file "${p.path}" does not exist. Create it first, or choose another place.`,
  },
  "output-folder-not-writable": {
    zh: (p) => `不能在文件夹“${p.folder}”中写入“${p.path}”（没有写入权限）。请换一个位置。`,
    en: (p) => `Cannot write "${p.path}" in the folder "${p.folder}" (no permission). Choose another place.`,
  },
  "output-is-folder": {
    zh: (p) =>
      `输出路径“${p.path}”是一个文件夹，不能用作输出文件（--force 也不会替换文件夹）。请在其后加上文件名，例如“${p.path}/汇总.xlsx”。`,
    en: (p) =>
      `The output "${p.path}" is a folder, not a file (--force never replaces a folder). Add a file name, e.g. "${p.path}/total.xlsx".`,
  },
  "output-not-a-file": {
    zh: (p) => `输出路径“${p.path}”是设备或其他特殊文件，不是普通文件，不能写入或替换。请换一个文件名。`,
    en: (p) =>
      `The output "${p.path}" is a device or another special file, not a plain file; it is never written or replaced. Choose another name.`,
  },
  "output-symlink": {
    zh: (p) => `输出路径“${p.path}”是一个符号链接。请换一个文件名，或加 --force 以新文件替换该链接（链接指向的文件不会改动）。`,
    en: (p) =>
      `The output "${p.path}" is a symbolic link. Choose another name, or add --force to replace the link by the new file (the file it points to is left as it is).`,
  },
  "output-dangling-symlink": {
    zh: (p) => `输出路径“${p.path}”是指向不存在位置的符号链接。请删除该链接或换一个文件名。`,
    en: (p) => `The output "${p.path}" is a symbolic link to nothing. Delete the link or choose another name.`,
  },
  "output-name-too-long": {
    zh: (p) => `输出文件名“${p.path}”过长（写入时的临时文件名为${p.bytes}字节，上限${p.limit}字节）。请用短一些的文件名。`,
    en: (p) =>
      `The output name "${p.path}" is too long (its temporary file name takes ${p.bytes} bytes, the limit is ${p.limit}). Use a shorter name.`,
  },
  "output-exists": {
    zh: (p) => `输出文件“${p.path}”已存在。请换一个文件名，或加 --force 覆盖。`,
    en: (p) => `Output file "${p.path}" exists. Choose another name, or add --force to replace it.`,
  },
  "output-taken": {
    zh: (p) => `输出文件“${p.path}”在本次运行期间已由另一个程序写出，本次未写入任何文件。请检查该文件，或换一个文件名重试。`,
    en: (p) =>
      `Output file "${p.path}" was written by another run meanwhile; this run wrote nothing. Check that file, or retry with another name.`,
  },
  "outputs-same": {
    zh: (p) => `--out 和 --json 不能是同一个文件“${p.path}”。请给 --json 另取一个文件名。`,
    en: (p) => `--out and --json cannot both be "${p.path}". Give --json another name.`,
  },
  "output-write-failed": {
    zh: (p) => `写入“${p.path}”失败（${p.reason}），未写出任何文件。请检查磁盘空间和权限后重试。`,
    en: (p) => `Writing "${p.path}" failed (${p.reason}); nothing was written. Check the disk space and permissions, then retry.`,
  },
};

export function describeUsage(error: UsageError, lang: Lang): string {
  return render(error, lang);
}

function render<C extends UsageCode>(error: UsageError<C>, lang: Lang): string {
  const entry: Bilingual<Render<C>> = CATALOGUE[error.code];
  return entry[lang](error.params);
}
