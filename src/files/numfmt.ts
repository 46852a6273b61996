/**
 * Number formats: Excel's built-in ids (including the zh-CN ones WPS and Chinese Excel
 * write without defining them) and a test for "this format shows a date".
 */

const DATE_ZH_YM = 'yyyy"年"m"月"';
const DATE_ZH_MD = 'm"月"d"日"';
const DATE_ZH_YMD = 'yyyy"年"m"月"d"日"';
const TIME_ZH_HM = 'h"时"mm"分"';
const TIME_ZH_HMS = 'h"时"mm"分"ss"秒"';
const TIME_ZH_AMPM_HM = '上午/下午h"时"mm"分"';
const TIME_ZH_AMPM_HMS = '上午/下午h"时"mm"分"ss"秒"';

export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "yyyy/m/d",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy/m/d h:mm",
  27: DATE_ZH_YM,
  28: DATE_ZH_MD,
  29: DATE_ZH_MD,
  30: "m-d-yy",
  31: DATE_ZH_YMD,
  32: TIME_ZH_HM,
  33: TIME_ZH_HMS,
  34: TIME_ZH_AMPM_HM,
  35: TIME_ZH_AMPM_HMS,
  36: DATE_ZH_YM,
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: DATE_ZH_YM,
  51: DATE_ZH_MD,
  52: DATE_ZH_YM,
  53: DATE_ZH_MD,
  54: DATE_ZH_MD,
  55: TIME_ZH_AMPM_HM,
  56: TIME_ZH_AMPM_HMS,
  57: DATE_ZH_YM,
  58: DATE_ZH_MD,
};

/** Built-in id for a format code we write, so plain "0" does not need a custom entry. */
export function builtinId(code: string): number | undefined {
  for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 49]) if (BUILTIN_FORMATS[id] === code) return id;
  return undefined;
}

const dateCache = new Map<string, boolean>();

/** True when the format shows a date or time (quoted text, [colour] and escapes ignored). */
export function isDateFormat(code: string): boolean {
  let hit = dateCache.get(code);
  if (hit !== undefined) return hit;
  // The first section decides how positive numbers (and so serial dates) are shown.
  const stripped = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    .replace(/\[(h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "");
  const first = stripped.split(";")[0];
  hit = /[dmyhs]|上午|下午|AM\/PM|A\/P/i.test(first.replace(/General/gi, "")) && !/^[#0.,%E+\- ?/@]*$/.test(first);
  if (dateCache.size < 1000) dateCache.set(code, hit);
  return hit;
}
