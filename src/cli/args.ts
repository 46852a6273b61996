/**
 * The command line's grammar as data: every option once (what kind of value it takes), and per
 * command the options it accepts. Adding an option to a command is one entry in its list;
 * `prepare` (main.ts) then checks it like the others before any input is read.
 */
import { UsageError } from "./usage-errors";

export type CommandName = "template" | "validate" | "fill" | "merge";
export const COMMAND_NAMES: readonly CommandName[] = ["template", "validate", "fill", "merge"];

/** What an option's value is, so that `prepare` can check it before the command runs. */
export type OptionSpec =
  | { kind: "flag" }
  | { kind: "text"; example: string }
  /** A file the command reads: it must exist and be a file. */
  | { kind: "input"; example: string }
  /** A file the command writes: its folder must exist and the target must be free (or --force). */
  | { kind: "output"; example: string }
  | { kind: "period"; example: string }
  /** A day: 2018-08-15 (also 2018年8月15日). */
  | { kind: "date"; example: string }
  | { kind: "choice"; choices: readonly string[] }
  | { kind: "integer"; min: number; max: number; example: string };

export const OPTIONS = {
  period: { kind: "period", example: "2018-07" },
  unit: { kind: "text", example: "云集镇" },
  out: { kind: "output", example: "云集镇-2018-07.xlsx" },
  json: { kind: "output", example: "结果.json" },
  prior: { kind: "input", example: "上月.xlsx" },
  roster: { kind: "input", example: "名册.txt" },
  lang: { kind: "choice", choices: ["zh", "en"] },
  mode: { kind: "choice", choices: ["values", "formulas"] },
  "deadline-day": { kind: "integer", min: 1, max: 31, example: "10" },
  "start-month": { kind: "integer", min: 1, max: 12, example: "1" },
  county: { kind: "text", example: "衡南县" },
  office: { kind: "text", example: "县安委办" },
  "resend-by": { kind: "date", example: "2018-08-15" },
  force: { kind: "flag" },
  formulas: { kind: "flag" },
  help: { kind: "flag" },
  version: { kind: "flag" },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Accepted by every command. */
const GLOBAL: readonly OptionName[] = ["lang", "help", "version"];

export interface CommandSpec {
  /** Positional files: none, exactly one, or one or more (all inputs). */
  files: "none" | "one" | "many";
  /** Options that must be given (besides the positional files). */
  required: readonly OptionName[];
  options: readonly OptionName[];
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  template: { files: "none", required: ["period", "out"], options: ["period", "unit", "out", "force"] },
  validate: {
    files: "many",
    required: [],
    options: ["period", "roster", "prior", "json", "deadline-day", "start-month", "force"],
  },
  fill: {
    files: "one",
    required: ["period", "out"],
    options: ["period", "prior", "mode", "formulas", "start-month", "out", "force"],
  },
  merge: {
    files: "many",
    required: ["period", "out"],
    options: ["period", "roster", "prior", "json", "out", "county", "office", "resend-by", "deadline-day", "start-month", "force"],
  },
};

export function acceptedOptions(command: CommandName): OptionName[] {
  return [...COMMANDS[command].options, ...GLOBAL];
}

export interface ParsedArgs {
  command: string;
  files: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

const isOptionName = (name: string): name is OptionName => Object.prototype.hasOwnProperty.call(OPTIONS, name);
const isCommand = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

/** `--lang` as early as possible, so that even a parse error is said in the asked language. */
export function langOf(argv: readonly string[]): "zh" | "en" {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") break;
    if (argv[i] === "--lang=en" || (argv[i] === "--lang" && argv[i + 1] === "en")) return "en";
  }
  return "zh";
}

/**
 * Splits argv into command, files, options and flags, refusing an option the command does not
 * take (with the list of those it does) and an option without its value.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first = "help", ...rest] = argv;
  const command = first === "-h" || first === "--help" ? "help" : first === "--version" ? "version" : first;
  const files: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  if (command === "help" || command === "version") return { command, files, options, flags };
  if (!isCommand(command)) throw new UsageError("unknown-command", { command, commands: [...COMMAND_NAMES] });
  const accepted = acceptedOptions(command);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a === "-h") {
      flags.add("help");
      continue;
    }
    if (!a.startsWith("--")) {
      files.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
    if (!isOptionName(name) || !accepted.includes(name))
      throw new UsageError("option-not-accepted", { command, option: name, accepted: accepted.map(String) });
    const spec: OptionSpec = OPTIONS[name];
    if (spec.kind === "flag") {
      if (eq > 0) throw new UsageError("flag-takes-no-value", { option: name });
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
      throw new UsageError("option-needs-value", { option: name, example: exampleOf(spec) });
    options.set(name, value);
  }
  return { command, files, options, flags };
}

export function exampleOf(spec: OptionSpec): string {
  if (spec.kind === "flag") return "";
  if (spec.kind === "choice") return spec.choices.join("|");
  return spec.example;
}
