/** Year-month arithmetic. A period is the calendar month a report covers. */
export interface Period {
  year: number;
  /** 1..12 */
  month: number;
}

export function periodKey(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.year === b.year && a.month === b.month;
}

export function addMonths(p: Period, n: number): Period {
  const idx = p.year * 12 + (p.month - 1) + n;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

export function isValidPeriod(p: Period): boolean {
  return Number.isInteger(p.year) && Number.isInteger(p.month) && p.year >= 1990 && p.year <= 2200 && p.month >= 1 && p.month <= 12;
}

/** Parses "2018-07", "2018-7", "2018.7", "2018/07", "201807", "2018年7月". Undefined when not a period. */
export function parsePeriod(text: string): Period | undefined {
  const t = text.normalize("NFKC").trim();
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?(份)?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const p = { year: Number(m[1]), month: Number(m[2]) };
  return isValidPeriod(p) ? p : undefined;
}

/** "2018年7月" */
export function periodLabelZh(p: Period): string {
  return `${p.year}年${p.month}月`;
}

/** A calendar date (no time zone games: these are dates written on a form). */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymdKey(d: Ymd): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return (a.year - b.year) * 400 + (a.month - b.month) * 32 + (a.day - b.day);
}

/** Excel serial date (1900 system, with Excel's fictitious 1900-02-29) → Ymd. */
export function ymdFromSerial(serial: number): Ymd | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const whole = Math.floor(serial);
  // Serial 60 is the non-existent 1900-02-29; days after it are shifted by one.
  const days = whole > 60 ? whole - 1 : whole;
  const ms = Date.UTC(1899, 11, 31) + days * 86400000;
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Ymd → Excel serial date (1900 system). */
export function serialFromYmd(d: Ymd): number {
  const days = Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 31)) / 86400000);
  return days >= 60 ? days + 1 : days;
}

function validYmd(y: number, m: number, d: number): Ymd | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2200) return undefined;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1) return undefined;
  return { year: y, month: m, day: d };
}

/**
 * Parses a date as clerks write it: "2018年8月3日", "2018-08-03", "2018.8.3", "2018/8/3",
 * "20180803". Undefined when the text holds no full date.
 */
export function parseYmd(text: string): Ymd | undefined {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  const m = /(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?/.exec(t) ?? /(?:^|\D)(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(t);
  if (!m) return undefined;
  return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}
