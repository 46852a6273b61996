import { templatePlan } from "../form/layout";
import { ANNEX } from "../form/spec";
import { writeWorkbook } from "../files/write";
import { UsageError, type ParsedArgs } from "./args";
import { common, writeOutput, type Io } from "./common";
import { say } from "./text";

export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args);
  const out = args.options.get("out");
  if (!out) throw new UsageError(say(c.lang, "请用 --out 指定输出文件，例如 --out 云集镇-2018-07.xlsx", "Give the output file with --out"));
  const unit = args.options.get("unit") ?? "";
  const bytes = writeWorkbook([templatePlan(ANNEX, c.period, unit)], { creator: "Yuebao" });
  await writeOutput(out, bytes, args.flags.has("force"), c.lang);
  io.out(
    say(
      c.lang,
      `已生成${c.period.year}年${c.period.month}月月报表模板：${out}`,
      `Template for ${c.period.year}-${String(c.period.month).padStart(2, "0")} written: ${out}`,
    ),
  );
  return 0;
}
