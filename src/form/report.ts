/** What the locator reads off a sheet: one unit's report for one period. */
import type { Finding } from "./findings";
import type { Period, Ymd } from "./period";

export type PeriodSource = "mark" | "sheet-name" | "title" | "date" | "requested";

/** One figure as read: its exact value in 1/10000 units (see SCALE), or undefined if unusable. */
export interface Figure {
  /** A1 address of the cell. */
  cell: string;
  /** value × 10000 as an integer; undefined when the cell could not be read as a number. */
  scaled: number | undefined;
  /** True when the cell was blank (counted as 0). */
  blank: boolean;
  /** True when the cell holds a formula (as opposed to a typed number). */
  formula: boolean;
}

export interface ItemFigures {
  item: string;
  /** 0-based sheet row of the item. */
  row: number;
  month: Figure;
  cumulative: Figure;
}

export interface UnitReport {
  sheet: string;
  period?: Period;
  periodSource?: PeriodSource;
  /** 填报单位 as written (stamp words removed), and where. */
  unit?: { name: string; cell: string };
  /** 填报时间, and where. */
  submitted?: { date: Ymd; cell: string };
  /** Where to write 填报单位 / 填报时间 if they are blank (the cell right of the label). */
  unitCell?: string;
  dateCell?: string;
  /** Figures by item id, in form order; items the sheet lacks are absent. */
  items: ItemFigures[];
  /** Findings made while reading (blank cells, text numbers, missing items...). */
  findings: Finding[];
}

/** Human-readable number from a scaled integer: 12345 → "1.2345", 20000 → "2". */
export function formatScaled(scaled: number): string {
  const neg = scaled < 0;
  const abs = Math.abs(scaled);
  const whole = Math.floor(abs / 10000);
  const frac = abs % 10000;
  const fracText = frac === 0 ? "" : "." + String(frac).padStart(4, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + String(whole) + fracText;
}

/**
 * Scaled integer → JS number: the double nearest to the decimal formatScaled writes. Division
 * is correctly rounded, so `scaled / 10000` is that same double for any safe integer (a
 * property test holds it to Number(formatScaled(x))), without making the text first.
 */
export function fromScaled(scaled: number): number {
  return scaled / 10000 + 0; // + 0: never -0
}
