/**
 * Workbook files: .xlsx bytes ↔ grids and plans; .xls / .et / .ods / .xlsb → grids through the
 * legacy parser the caller supplies. Pure TypeScript (fflate), Node and browser.
 */
export { WorkbookReadError, WorkbookPlanError } from "./errors";
export type { WorkbookReadErrorCode, WorkbookPlanErrorCode } from "./errors";
export { DEFAULT_LIMITS, sniff, inflateCapped } from "./guard";
export type { ReadLimits, Container } from "./guard";
export { readWorkbook, listSheetNames, isoToSerial } from "./read";
export { workbookFormat } from "./formats";
export type { WorkbookFormat, LegacyFormat, FormatInfo } from "./formats";
export { readLegacyWorkbook } from "./legacy";
export type { SheetJs } from "./legacy";
export { readAnyWorkbook, readAnyWorkbookAsync } from "./read-any";
export { gridsToPlans } from "./rebuild";
export type { ReadOptions } from "./read";
export { writeWorkbook } from "./write";
export type { WriteOptions } from "./write";
export { patchWorkbook } from "./patch";
export { isDateFormat, BUILTIN_FORMATS } from "./numfmt";
export { shiftFormula } from "./formula";
export { checkSheetName, quoteSheet } from "./sheet-names";
export { XmlScanner, decodeEntities, escapeXml } from "./xml";
