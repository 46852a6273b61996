import { ANNEX } from "../form/spec";
import { workbookFormat } from "../files/formats";
import { patchWorkbook } from "../files/patch";
import { gridsToPlans } from "../files/rebuild";
import { writeWorkbook } from "../files/write";
import { convertedNote } from "../jobs/converted-note";
import type { FillConflict } from "../jobs/actions";
import { fillFile } from "../jobs/fill-file";
import type { Lang } from "../form/lang";
import type { ParsedArgs } from "./args";
import { common, findingLine, parse, pathSource, writeOutputs, type Io } from "./common";
import { checkOutput } from "./output";
import { say } from "./text";

export async function fillCommand(args: ParsedArgs, io: Io): Promise<number> {
  const c = common(args);
  // One file and --out, both checked by prepare.
  const [path] = args.files;
  const out = args.options.get("out") as string;
  const mode = args.options.get("mode") === "formulas" || args.flags.has("formulas") ? "formulas" : "values";
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
  // prepare checked --out; a renamed target gets the same check before anything is written.
  if (target !== out) checkOutput(target, args.flags.has("force"));
  await writeOutputs([{ path: target, data: result.bytes }], args);
  if (result.convertedFrom) io.out(convertedNote(result.convertedFrom, target, c.lang));
  // Every typed 累计数 that was wrong, with what it was and what it is now.
  for (const ch of result.changed) io.out(changedLine(ch, result.sheet, c.lang));
  io.out(
    say(
      c.lang,
      `已在“${result.sheet}”填入${result.written}个累计数${result.changed.length ? `（其中${result.changed.length}个原填写有误，已改正）` : ""}${result.priorSource ? `，上月数据取自“${result.priorSource}”` : "（本月为累计起始月）"}，已写入：${target}`,
      `Filled ${result.written} cumulative cells (${result.sheet})${result.changed.length ? `, ${result.changed.length} of them typed wrong and corrected` : ""}${result.priorSource ? `, last month from ${result.priorSource}` : ", this month starts the running total"}: ${target}`,
    ),
  );
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

function changedLine(ch: FillConflict, sheet: string | undefined, lang: Lang): string {
  const where = [sheet, ch.cell].filter(Boolean).join(" › ");
  const was = ch.current === undefined ? say(lang, "非数字内容", "not a number") : String(ch.current);
  return say(lang, `  【改正】${where}：原为${was}，现为${ch.computed}`, `  [corrected] ${where}: was ${was}, now ${ch.computed}`);
}
