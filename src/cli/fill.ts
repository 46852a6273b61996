import { ANNEX } from "../form/spec";
import { workbookFormat } from "../files/formats";
import { patchWorkbook } from "../files/patch";
import { gridsToPlans } from "../files/rebuild";
import { writeWorkbook } from "../files/write";
import { convertedNote } from "../jobs/converted-note";
import { fillFile } from "../jobs/fill-file";
import { UsageError, type ParsedArgs } from "./args";
import { assertWritable, common, findingLine, parse, pathSource, writeOutput, type Io } from "./common";
import { say } from "./text";

export async function fillCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args);
  const [path] = args.files;
  const out = args.options.get("out");
  if (!path || args.files.length > 1) throw new UsageError(say(c.lang, "请指定一个要计算累计数的文件", "Name one file to fill"));
  if (!out)
    throw new UsageError(
      say(c.lang, "请用 --out 指定输出文件（原文件不作改动）", "Give the output file with --out (the original is left as it is)"),
    );
  const mode = args.options.get("mode") ?? (args.flags.has("formulas") ? "formulas" : "values");
  if (mode !== "values" && mode !== "formulas") throw new UsageError("--mode values|formulas");
  await assertWritable(out, args.flags.has("force"), c.lang);
  const src = pathSource(path);
  const priorPath = args.options.get("prior");
  const prior = priorPath ? { name: pathSource(priorPath).name, bytes: await pathSource(priorPath).read() } : undefined;
  const result = await fillFile(
    { bytes: await src.read(), name: src.name, period: c.period, startMonth: c.startMonth, mode, prior, spec: ANNEX },
    parse,
    {
      format: (bytes, name) => workbookFormat(bytes, name).format,
      patch: (bytes, name, writes) => patchWorkbook(bytes, name, writes),
      rebuild: (grids, writes) => writeWorkbook(gridsToPlans(grids, writes), { creator: "Yuebao" }),
    },
  );
  for (const f of result.findings) io.out(findingLine(f, c.lang, src.name));
  if (!result.bytes) {
    io.err(say(c.lang, "累计数无法计算，未写出文件。", "Nothing written: the cumulative figures could not be computed."));
    return 2;
  }
  // A legacy unit file (.xls, .et, .ods, .xlsb) is written as a new .xlsx: its name says so.
  const target = result.convertedFrom ? out.replace(/(\.[^./\\]*)?$/, ".xlsx") : out;
  await writeOutput(target, result.bytes, args.flags.has("force"), c.lang);
  if (result.convertedFrom) io.out(convertedNote(result.convertedFrom, target, c.lang));
  io.out(
    say(
      c.lang,
      `已在“${result.sheet}”填入${result.written}个累计数${result.priorSource ? `，上月数据取自“${result.priorSource}”` : "（本月为累计起始月）"}，已写入：${target}`,
      `Filled ${result.written} cumulative cells (${result.sheet})${result.priorSource ? `, last month from ${result.priorSource}` : ", this month starts the running total"}: ${target}`,
    ),
  );
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}
