/**
 * `yuebao` entry: parses and checks the whole command line (prepare) before a command reads
 * anything, and turns every refusal into one line in the user's language and exit code 2.
 */
import type { Lang } from "../form/lang";
import { describeError } from "../form/problem-messages";
import { langOf, parseArgs, type CommandName } from "./args";
import type { Io } from "./common";
import { installSignalCleanup } from "./output";
import { prepare } from "./prepare";
import { usage } from "./text";
import { describeUsage, UsageError } from "./usage-errors";
import type { ParsedArgs } from "./args";

export const VERSION = "0.1.0";

const defaultIo: Io = {
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l.startsWith("\r") ? l : l + "\n"),
  tty: Boolean(process.stderr.isTTY),
  today: () => new Date(),
};

/** Each command's code is loaded when it runs: a merge does not pay for loading fill's patcher. */
const RUN: Record<CommandName, (args: ParsedArgs, io: Io) => Promise<number>> = {
  template: async (args, io) => (await import("./template")).templateCommand(args, io),
  validate: async (args, io) => (await import("./validate")).validateCommand(args, io),
  fill: async (args, io) => (await import("./fill")).fillCommand(args, io),
  merge: async (args, io) => (await import("./merge")).mergeCommand(args, io),
};

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const lang: Lang = langOf(argv);
  try {
    const args = parseArgs(argv);
    if (args.command === "version" || args.flags.has("version")) {
      io.out(`yuebao ${VERSION}`);
      return 0;
    }
    if (args.command === "help" || args.flags.has("help")) {
      io.out(usage(lang));
      return 0;
    }
    const command = args.command as CommandName; // parseArgs refuses any other
    prepare(command, args);
    return await RUN[command](args, io);
  } catch (err) {
    if (err instanceof UsageError) io.err(describeUsage(err, lang));
    else {
      // A typed problem in the clerk's words; anything else is our fault, said plainly.
      io.err(describeError(err, lang));
      if (process.env.YUEBAO_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    }
    return 2;
  }
}

/** The process: signals clean up temporary files, the exit code is main's. */
export function run(argv: readonly string[]): void {
  installSignalCleanup();
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
