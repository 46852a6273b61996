/** `yuebao` entry: dispatches commands, turns usage mistakes into a message and exit code 2. */
import type { Lang } from "../form/lang";
import { WorkbookReadError } from "../files/errors";
import { describeError } from "../form/problem-messages";
import { parseArgs, UsageError } from "./args";
import type { Io } from "./common";
import { fillCommand } from "./fill";
import { mergeCommand } from "./merge";
import { templateCommand } from "./template";
import { usage } from "./text";
import { validateCommand } from "./validate";

const defaultIo: Io = {
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l.startsWith("\r") ? l : l + "\n"),
  tty: Boolean(process.stderr.isTTY),
  today: () => new Date(),
};

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let lang: Lang = "zh";
  try {
    const args = parseArgs(argv);
    lang = args.options.get("lang") === "en" ? "en" : "zh";
    if (args.flags.has("version") || args.command === "--version") {
      io.out("yuebao 0.1.0");
      return 0;
    }
    if (args.flags.has("help") || args.command === "help") {
      io.out(usage(lang));
      return 0;
    }
    switch (args.command) {
      case "template":
        return await templateCommand(args, io);
      case "validate":
        return await validateCommand(args, io);
      case "fill":
        return await fillCommand(args, io);
      case "merge":
        return await mergeCommand(args, io);
      default:
        io.err(lang === "zh" ? `未知命令“${args.command}”。` : `Unknown command "${args.command}".`);
        io.err(usage(lang));
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof WorkbookReadError) {
      io.err(describeError(err, lang));
      return 2;
    }
    throw err;
  }
}
