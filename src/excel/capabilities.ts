/**
 * What this Excel can do, from Office.context.requirements.isSetSupported. The manifest
 * declares ExcelApi 1.7 (Office 2019 volume editions stop there); richer features light up
 * only where supported, and what is left out is reported so the pane can show a note.
 * Requirement sets: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 */

export interface Capabilities {
  /** ExcelApi 1.7: our baseline (worksheet.onChanged, freezePanes, NamedItem.formula). */
  baseline: boolean;
  /** ExcelApi 1.4: NamedItemCollection.add (our marks) and getUsedRangeOrNullObject. */
  names: boolean;
  /** ExcelApi 1.8: range.dataValidation. */
  dataValidation: boolean;
  /** ExcelApi 1.9: worksheet.pageLayout (paper, orientation, fit to width, print titles). */
  pageLayout: boolean;
  /** ExcelApi 1.9: fill.tintAndShade, which tells "no fill" (null) from a white fill. */
  fillTint: boolean;
  /** ExcelApi 1.7: worksheet.onChanged. */
  changeEvents: boolean;
  /**
   * Excel.run({ delayForCellEdit }). The reference page gives no requirement set; an earlier
   * version of the ExcelApi 1.5 API table (office-js-docs-reference docs/includes/excel-1_5.md)
   * lists RunOptions.delayForCellEdit there, i.e. inside our 1.7 baseline. An office.js that
   * does not know the option ignores it, so asking for it is harmless either way.
   */
  delayForCellEdit: boolean;
}

/** A feature left out on this Excel, for a note in the pane. */
export type DegradedFeature = "dataValidation" | "pageLayout" | "changeEvents" | "fillTint";

export interface RequirementsLike {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export function detectCapabilities(requirements: RequirementsLike | undefined): Capabilities {
  const has = (v: string): boolean => requirements?.isSetSupported("ExcelApi", v) === true;
  return {
    baseline: has("1.7"),
    names: has("1.4"),
    dataValidation: has("1.8"),
    pageLayout: has("1.9"),
    fillTint: has("1.9"),
    changeEvents: has("1.7"),
    delayForCellEdit: has("1.5"),
  };
}

/** The features this Excel lacks, in a stable order. */
export function degradedFeatures(c: Capabilities): DegradedFeature[] {
  const out: DegradedFeature[] = [];
  if (!c.dataValidation) out.push("dataValidation");
  if (!c.pageLayout) out.push("pageLayout");
  if (!c.changeEvents) out.push("changeEvents");
  if (!c.fillTint) out.push("fillTint");
  return out;
}
