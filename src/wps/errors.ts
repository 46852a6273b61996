/**
 * WPS errors translated into ours. An ET call that WPS refuses throws a plain JS error whose
 * message is WPS's own (localized, sometimes with a COM HRESULT); the pane keys its text on the
 * typed errors of src/jobs/host-errors.ts instead.
 */
import { isProblemError } from "../form/problems";
import { CellEditModeError, HostApiError, SheetExistsError, SheetNotFoundError, SheetProtectedError } from "../jobs/host-errors";

/** The code HostApiError carries for WPS failures we cannot name more precisely. */
export const WPS_ERROR_CODE = "WpsApiError";

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  if (typeof e === "object" && e !== null) {
    const m = (e as { message?: unknown; description?: unknown }).message ?? (e as { description?: unknown }).description;
    if (typeof m === "string") return m;
  }
  return String(e);
}

/** COM's "call rejected" (RPC_E_CALL_REJECTED, 0x80010001) is what an ET call gets while a cell is being edited. */
const EDIT_MODE = /edit(ing)? mode|cell.?edit|编辑(状态|模式)|0x80010001|-2147418111|RPC_E_CALL_REJECTED/i;
const PROTECTED = /protect|受保护|保护/i;
const NOT_FOUND = /not found|不存在|找不到|out of range|越界|0x8002000B|DISP_E_BADINDEX/i;
const EXISTS = /already|duplicate|重名|已存在|同名/i;

export interface ErrorHint {
  /** The sheet the failed call was about, when the caller knows it. */
  sheet?: string;
}

/** A typed error for a WPS exception (ours pass through unchanged). */
export function translateWpsError(e: unknown, hint: ErrorHint = {}): Error {
  if (isProblemError(e)) return e;
  const message = messageOf(e);
  if (EDIT_MODE.test(message)) return new CellEditModeError();
  if (hint.sheet !== undefined) {
    if (PROTECTED.test(message)) return new SheetProtectedError(hint.sheet);
    if (EXISTS.test(message)) return new SheetExistsError(hint.sheet);
    if (NOT_FOUND.test(message)) return new SheetNotFoundError(hint.sheet);
  }
  return new HostApiError(WPS_ERROR_CODE, message);
}
