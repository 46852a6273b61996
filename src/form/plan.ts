/**
 * A sheet to write, as data: values, styles, merges, widths, print set-up, marks. The .xlsx
 * writer and the Office.js adapter both render the same plan, so the template looks the
 * same whichever host made it.
 */
import type { CellValue } from "./grid";

export interface PlanStyle {
  bold?: boolean;
  /** Points. */
  fontSize?: number;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Excel number format code, e.g. "0", "0.0000", "@", "yyyy\"年\"m\"月\"d\"日\"". */
  numberFormat?: string;
  /** Cells are locked by default (as in Excel); inputs set this to false. */
  locked?: boolean;
  /** Background fill, "#RRGGBB". */
  fill?: string;
}

export interface PlanCell {
  /**
   * The value. A string is always written as text, never parsed as a formula or number,
   * even when it starts with "=", "+", "-" or "@" (it may come from someone else's file).
   */
  value: CellValue;
  /** A live formula (our own, never text from a file), e.g. "=C5+'2018年6月'!D5". */
  formula?: string;
  /** Key into SheetPlan.styles. */
  style?: string;
}

export interface PlanValidation {
  /** A1 range. */
  range: string;
  kind: "whole" | "decimal";
  min: number;
  /** Decimal places allowed (for the prompt; Excel's rule itself only checks min). */
  decimals: number;
  /** Short prompt / error text shown by Excel. */
  prompt: string;
}

export interface SheetPlan {
  /** Wanted sheet name; the host may add " (2)" etc. when asked to make a copy. */
  name: string;
  /** Row-major from A1; null or a missing cell is left empty. */
  rows: (PlanCell | null)[][];
  styles: Record<string, PlanStyle>;
  /** A1 ranges to merge, e.g. "A1:D1". */
  merges: string[];
  /** Column widths in Excel character units, from column A. */
  columnWidths: number[];
  /** Row heights in points, from row 1 (undefined = default). */
  rowHeights?: (number | undefined)[];
  print?: {
    paper: "A4";
    orientation: "portrait" | "landscape";
    /** Fit all columns on one page wide. */
    fitToWidth: boolean;
    centerHorizontally: boolean;
    /** A1 range. */
    printArea?: string;
    /** Rows repeated on each printed page, e.g. "1:3". */
    printTitleRows?: string;
  };
  /** Where the user types (unlocked when the sheet is protected). */
  inputs?: string[];
  /** Protect the sheet (no password) so labels cannot be typed over by accident. */
  protect?: boolean;
  validations?: PlanValidation[];
  /**
   * Our metadata (e.g. { form, period, kind }), written as a hidden workbook-scoped defined
   * name that spells the marks and refers to the sheet's cell A1 (src/form/marks.ts), so
   * later jobs find the sheet even after it is renamed or moved, and Excel lists it with the
   * sheets in one request.
   */
  marks?: Record<string, string>;
  /** Freeze panes below this many rows (0 or undefined = none). */
  freezeRows?: number;
}

/**
 * Prefix of the defined names that carry marks: "Yuebao_<n>.<key>.<value>..." today; the
 * earlier sheet-scoped "Yuebao_<key>" string constants are still read from files.
 */
export const MARK_PREFIX = "Yuebao_";

/** Cells written into an existing sheet (fill), by any host. */
export interface RangeWrite {
  sheet: string;
  /** A1 address of the top-left cell. */
  address: string;
  /** Rectangular; a string is written as text, never as a formula. */
  values: CellValue[][];
  /** Same shape; where non-null the cell gets this live formula instead of the value. */
  formulas?: (string | null)[][];
  /** Same shape or a single format for all; e.g. "0" / "0.0000". */
  numberFormat?: string;
}
