/** A small argument parser: positional files and --name value / --flag options. */
export interface ParsedArgs {
  command: string;
  files: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

const FLAGS = new Set(["force", "help", "version", "formulas"]);
const OPTIONS = new Set([
  "period",
  "unit",
  "out",
  "prior",
  "roster",
  "json",
  "lang",
  "deadline-day",
  "start-month",
  "county",
  "office",
  "mode",
]);

const EXAMPLES: Record<string, string> = { period: "2018-07", unit: "云集镇", out: "云集镇-2018-07.xlsx", lang: "en", mode: "values" };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = "help", ...rest] = argv;
  const files: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
      if (FLAGS.has(name) && eq < 0) {
        flags.add(name);
        continue;
      }
      if (!OPTIONS.has(name))
        throw new UsageError(`未知选项 --${name}（用 yuebao --help 查看用法）/ Unknown option --${name} (see yuebao --help)`);
      const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--")))
        throw new UsageError(`--${name} 缺少取值，例如 --${name} ${EXAMPLES[name] ?? "…"} / --${name} needs a value`);
      options.set(name, value);
    } else if (a === "-h") flags.add("help");
    else files.push(a);
  }
  return { command: command === "-h" || command === "--help" ? "help" : command, files, options, flags };
}
