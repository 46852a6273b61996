/**
 * The part of WPS 表格's ET object model (window.Application) the adapter uses, picked from
 * Kingsoft's own declarations (et-jsapi-declare, pinned in package.json). Every type here is a
 * Pick of the declared interface, so the real Application is assignable to EtApplication (checked
 * at the bottom of this file) and the test fake implements exactly this surface.
 *
 * The ET model is COM style and synchronous: every property read or write and every method
 * call is one call into WPS. The adapter reads and writes whole blocks (Range.Value2 of a
 * rectangle) so the number of calls does not grow with rows or units.
 *
 * Enumerations are declared as ambient enums (no runtime object), so their values are spelt
 * out below with the numbers the declarations give them.
 */

export type EtCount = Pick<Et.Range, "Count">;

export type EtFont = Pick<Et.Font, "Bold" | "Size" | "Name">;
export type EtInterior = Pick<Et.Interior, "Color">;
export type EtBorders = Pick<Et.Borders, "LineStyle" | "Weight">;
export type EtValidation = Pick<
  Et.Validation,
  "Add" | "Delete" | "InputMessage" | "ErrorMessage" | "ShowInput" | "ShowError" | "IgnoreBlank" | "Type"
>;

export type EtRange = Pick<
  Et.Range,
  | "NumberFormat"
  | "Address"
  | "Select"
  | "Activate"
  | "Merge"
  | "ColumnWidth"
  | "RowHeight"
  | "HorizontalAlignment"
  | "VerticalAlignment"
  | "WrapText"
  | "Locked"
> & {
  /**
   * A one-cell range's formula; for a block a 2D array of the block's size (COM's documented
   * Range.Formula: "set the formula to an array of the same dimensions"; the declarations type
   * only the one-cell case).
   */
  Formula: string | unknown[][];
  /**
   * A one-cell range's value (a number, text, boolean; empty reads as undefined); for a block a
   * 2D array of the block's size (COM's Range.Value2; the declarations say string | array).
   */
  Value2: string | number | boolean | null | undefined | unknown[];
  readonly Font: EtFont;
  readonly Interior: EtInterior;
  readonly Borders: EtBorders;
  readonly Validation: EtValidation;
};

export type EtPageSetup = Pick<
  Et.PageSetup,
  "PaperSize" | "Orientation" | "Zoom" | "FitToPagesWide" | "FitToPagesTall" | "CenterHorizontally" | "PrintArea" | "PrintTitleRows"
>;

export type EtWorksheet = Pick<
  Et.Worksheet,
  "Name" | "Index" | "Visible" | "Activate" | "Delete" | "Protect" | "Unprotect" | "ProtectContents"
> & {
  Range(Cell1: string): EtRange;
  readonly UsedRange: EtRange;
  readonly PageSetup: EtPageSetup;
  Move(Before?: EtWorksheet, After?: EtWorksheet): void;
};

export interface EtSheets {
  readonly Count: number;
  /** 1-based index or the sheet's name; throws when there is no such sheet. */
  Item(Index: string | number): EtWorksheet | object;
  /** Adds one worksheet before `Before` or after `After` (default: before the active sheet). */
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet;
}

export type EtName = Pick<Et.Name, "Name" | "RefersTo" | "Visible" | "Delete">;

export interface EtNames {
  readonly Count: number;
  Item(Index: string | number): EtName;
  Add(Name: string, RefersTo: string, Visible: boolean): EtName;
}

export type EtWorkbook = Pick<Et.Workbook, "ProtectStructure"> & {
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
  readonly ActiveSheet: EtWorksheet;
};

export type EtWindow = Pick<Et.Window, "FreezePanes" | "SplitRow" | "SplitColumn">;

/** What a SheetChange listener receives: the sheet changed (the changed range is not used). */
export type SheetChangeListener = (sheet: Pick<Et.Worksheet, "Name">, target: unknown) => void;

export interface EtApiEvents {
  AddApiEventListener(EventName: "SheetChange", callback: SheetChangeListener): void;
  RemoveApiEventListener(EventName: "SheetChange", callback?: SheetChangeListener): void;
}

export type EtApplication = Pick<Et.Application, "DisplayAlerts" | "Ready"> & {
  readonly ActiveWorkbook: EtWorkbook;
  readonly ActiveWindow: EtWindow;
  readonly ApiEvent: EtApiEvents;
};

// ---- enumeration values (ambient enums in et-jsapi-declare) ----

export const XL = {
  sheetVisible: -1 as Et.XlSheetVisibility,
  paperA4: 9 as Et.XlPaperSize,
  portrait: 1 as Et.XlPageOrientation,
  landscape: 2 as Et.XlPageOrientation,
  validateWholeNumber: 1 as Et.XlDVType,
  validateDecimal: 2 as Et.XlDVType,
  /** XlDVAlertStyle.xlValidAlertStop */
  alertStop: 1,
  /** XlFormatConditionOperator.xlGreaterEqual */
  greaterEqual: 7,
  /** XlLineStyle.xlContinuous */
  continuous: 1,
  /** XlBorderWeight.xlThin */
  thin: 2,
  hLeft: -4131,
  hCenter: -4108,
  hRight: -4152,
  vTop: -4160,
  vCenter: -4108,
  vBottom: -4107,
} as const;

// ---- the adapter is typed against the declarations: the real root satisfies EtApplication ----

type Satisfies<T extends U, U> = T;
export type DeclaredRootIsEtApplication = Satisfies<WPSMergedRoot, EtApplication>;
export type DeclaredSheetIsEtWorksheet = Satisfies<Et.Worksheet, EtWorksheet>;
export type DeclaredRangeIsEtRange = Satisfies<Et.Range, EtRange>;
export type DeclaredNamesIsEtNames = Satisfies<Et.Names, EtNames>;
