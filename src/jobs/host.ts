/**
 * What a job needs from the workbook it runs in. The Office.js adapter (src/excel) is the
 * live workbook; tests use the in-memory fake behind the same adapter. Each method is one
 * batch: a fixed number of context.sync() calls whatever the size of the data.
 */
import type { SheetGrid } from "../form/grid";
import type { RangeWrite, SheetPlan } from "../form/plan";

export interface SheetInfo {
  name: string;
  /**
   * Our marks on the sheet, e.g. { period: "2018-07", form: "annex" }: in Excel a workbook-
   * scoped defined name "Yuebao_<n>.<key>.<value>..." referring to the sheet's A1 (see
   * src/form/marks.ts), so it follows the sheet when renamed and loads with the sheet list.
   */
  marks: Record<string, string>;
  visible: boolean;
}

export type ConflictChoice = "fail" | "copy" | "replace";

export interface AddSheetsResult {
  /** Names the sheets actually got (a copy gets " (2)", " (3)" ...). */
  names: string[];
}

export interface Host {
  /** Names, marks and visibility of all sheets, and the active sheet's name. One sync, the first time too. */
  listSheets(): Promise<{ sheets: SheetInfo[]; active: string }>;
  /** Used ranges of the named sheets (values, formulas, number formats) plus marks. One sync. */
  readSheets(names: string[]): Promise<SheetGrid[]>;
  /**
   * Everything a job reads: every worksheet's used range (as readSheets), the sheet list with
   * marks, and the active sheet's name. One sync once the host knows the workbook's sheets
   * (after any read or insert in the session); the first read of a workbook with more than a
   * few sheets takes two (see OfficeHost.readAll). Report workbooks are small (a sheet a
   * month), so this beats a listSheets + readSheets pair.
   */
  readAll(): Promise<{ sheets: SheetGrid[]; infos: SheetInfo[]; active: string }>;
  /**
   * Adds sheets from plans. On conflict: "fail" throws SheetExistsError before writing
   * anything; "copy" picks a free numbered name; "replace" deletes the old sheet only
   * after the new one is written. All or nothing: a failure removes what was added.
   * `known`: the `sheets` of a listSheets() or the `infos` of a readAll() just made on this
   * host; the host then writes without reading again (insert = 1 read + 1 write). If the
   * workbook changed meanwhile the host reads afresh itself.
   */
  addSheets(plans: SheetPlan[], onConflict: ConflictChoice, known?: readonly SheetInfo[]): Promise<AddSheetsResult>;
  /** Writes ranges into existing sheets in one batch. Throws SheetProtectedError. */
  writeRanges(writes: RangeWrite[]): Promise<void>;
  /** Selects a cell (and activates its sheet) so the user sees it. */
  selectCell(sheet: string, address: string): Promise<void>;
  activateSheet(sheet: string): Promise<void>;
}
