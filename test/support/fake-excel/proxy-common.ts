/** Helpers shared by the proxy modules. */
import { officeError } from "./errors";
import type { FakeContext } from "./context";
import type { FakeSheet } from "./model";

export const DEFAULT_COLUMN_WIDTH_PT = 48; // 8.43 characters = 64 px = 48 pt
export const DEFAULT_ROW_HEIGHT_PT = 15;

export function need(ctx: FakeContext, version: string): void {
  // A host without the requirement set fails the statement at sync with ApiNotFound.
  if (!ctx.book.supports(version)) throw officeError("ApiNotFound");
}

export function live(s: FakeSheet): FakeSheet {
  if (s.deleted) throw officeError("ItemNotFound", "Fake: the worksheet was deleted");
  return s;
}
