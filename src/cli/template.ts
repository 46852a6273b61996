import { templatePlan } from "../form/layout";
import { ANNEX } from "../form/spec";
import { writeWorkbook } from "../files/write";
import type { ParsedArgs } from "./args";
import { common, writeOutputs, type Io } from "./common";
import { say } from "./text";

export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args);
  const out = args.options.get("out") as string; // required: checked by prepare
  const unit = args.options.get("unit") ?? "";
  const bytes = writeWorkbook([templatePlan(ANNEX, c.period, unit)], { creator: "Yuebao" });
  await writeOutputs([{ path: out, data: bytes }], args);
  io.out(
    say(
      c.lang,
      `已生成${c.period.year}年${c.period.month}月月报表模板：${out}`,
      `Template for ${c.period.year}-${String(c.period.month).padStart(2, "0")} written: ${out}`,
    ),
  );
  return 0;
}
