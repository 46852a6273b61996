/**
 * What the pane and the command line say when fill wrote a legacy unit file's result as a new
 * .xlsx. Types only besides the text, so the fill panel's chunk stays small.
 */
import type { LegacyFormat } from "../files/formats";
import type { Bilingual, Lang } from "../form/lang";

const FORMAT_WORDS: Record<LegacyFormat, Bilingual> = {
  xls: { zh: "Excel 97-2003 或 WPS 格式（.xls/.et）", en: "Excel 97-2003 or WPS format (.xls/.et)" },
  ods: { zh: "OpenDocument 格式（.ods）", en: "OpenDocument format (.ods)" },
  xlsb: { zh: "Excel 二进制格式（.xlsb）", en: "Excel binary format (.xlsb)" },
};

/** What the pane and the command line say when a fill's result was written as a new .xlsx. */
export function convertedNote(from: LegacyFormat, target: string, lang: Lang): string {
  return lang === "zh"
    ? `原文件为${FORMAT_WORDS[from].zh}，结果已另存为 .xlsx 文件“${target}”，原文件未改动。`
    : `The original is in ${FORMAT_WORDS[from].en}; the result is saved as the .xlsx file "${target}", the original is left as it is.`;
}
