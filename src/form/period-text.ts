/** Periods written in sheet names, titles and file names. */
import { isValidPeriod, type Period } from "./period";
import { fold } from "./text";

/**
 * A year-month anywhere in a name or title ("2018年7月", "2018-07", "2018.7", "2018_07月报"),
 * or a bare month ("7月", "07月份") whose year must come from elsewhere. Full dates
 * ("2018-08-03") are not periods.
 */
export function readPeriodFromName(name: string): { full?: Period; month?: number } | undefined {
  const t = fold(name).replace(/\s+/g, "");
  const full =
    /(?:^|[^\d])((?:19|20|21)\d{2})(?:年|[-./_])(\d{1,2})(?!\d)(?:月|(?![-./]\d))/.exec(t) ??
    /(?:^|[^\d])((?:19|20|21)\d{2})(0[1-9]|1[0-2])(?!\d)/.exec(t);
  if (full) {
    const p = { year: Number(full[1]), month: Number(full[2]) };
    if (isValidPeriod(p)) return { full: p };
  }
  const bare = /(?:^|[^\d.])(\d{1,2})月/.exec(t);
  if (bare) {
    const m = Number(bare[1]);
    if (m >= 1 && m <= 12) return { month: m };
  }
  return undefined;
}
