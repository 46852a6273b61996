/**
 * Everything about a command line that can be wrong is found here, before any input is read:
 * option values (one period rule for every command), files named, required options, inputs that
 * exist, outputs that can be written. The commands then only do their work.
 */
import * as fs from "fs";
import { parsePeriod, parseYmd, type Period, type Ymd } from "../form/period";
import { COMMANDS, OPTIONS, exampleOf, type CommandName, type OptionName, type OptionSpec, type ParsedArgs } from "./args";
import { checkOutputs } from "./output";
import { UsageError } from "./usage-errors";

/** The one reading of --period: undefined when not given, a refusal when not a month. */
export function periodOption(args: ParsedArgs): Period | undefined {
  const value = args.options.get("period");
  if (value === undefined) return undefined;
  const period = parsePeriod(value);
  if (!period) throw new UsageError("bad-period", { value });
  return period;
}

/** A date option (--resend-by): undefined when not given, a refusal when not a day. */
export function dateOption(args: ParsedArgs, name: "resend-by"): Ymd | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  const day = parseYmd(value);
  if (!day) throw new UsageError("bad-date", { option: name, value, example: OPTIONS[name].example });
  return day;
}

/** An integer option within its bounds, or its default. */
export function integerOption(args: ParsedArgs, name: "deadline-day" | "start-month", def: number): number {
  const spec = OPTIONS[name];
  const value = args.options.get(name);
  if (value === undefined) return def;
  const n = Number(value.trim());
  if (value.trim() === "" || !Number.isInteger(n) || n < spec.min || n > spec.max)
    throw new UsageError("bad-integer", { option: name, value, min: spec.min, max: spec.max });
  return n;
}

function checkValue(args: ParsedArgs, name: OptionName, value: string): void {
  const spec: OptionSpec = OPTIONS[name];
  if (spec.kind === "period") periodOption(args);
  else if (spec.kind === "choice" && !spec.choices.includes(value))
    throw new UsageError("bad-choice", { option: name, value, choices: [...spec.choices] });
  else if (spec.kind === "integer" && (name === "deadline-day" || name === "start-month")) integerOption(args, name, 0);
  else if (spec.kind === "date" && name === "resend-by") dateOption(args, name);
}

/** A file the command will read: it must be there and be a file. */
export function checkInput(path: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError("input-missing", { path });
    throw new UsageError("input-unreadable", { path, reason: code ?? "error" });
  }
  if (!st.isFile()) throw new UsageError("input-not-a-file", { path });
  try {
    fs.accessSync(path, fs.constants.R_OK);
  } catch (e) {
    throw new UsageError("input-unreadable", { path, reason: (e as NodeJS.ErrnoException).code ?? "error" });
  }
}

const ofKind = (args: ParsedArgs, kind: OptionSpec["kind"]): string[] =>
  [...args.options.entries()].filter(([name]) => (OPTIONS as Record<string, OptionSpec>)[name]?.kind === kind).map(([, v]) => v);

export function prepare(command: CommandName, args: ParsedArgs): void {
  const spec = COMMANDS[command];
  for (const [name, value] of args.options) checkValue(args, name as OptionName, value);
  if (spec.files === "none" && args.files.length > 0) throw new UsageError("unexpected-files", { command, files: args.files });
  if (spec.files !== "none" && args.files.length === 0) throw new UsageError("files-required", { command });
  if (spec.files === "one" && args.files.length > 1) throw new UsageError("one-file", { command, count: args.files.length });
  for (const name of spec.required)
    if (!args.options.has(name)) throw new UsageError("option-required", { command, option: name, example: exampleOf(OPTIONS[name]) });
  for (const path of [...args.files, ...ofKind(args, "input")]) checkInput(path);
  checkOutputs(ofKind(args, "output"), args.flags.has("force"));
}
