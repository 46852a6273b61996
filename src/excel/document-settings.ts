/**
 * Small per-document values (the remembered unit, settings) in Office's document settings,
 * which travel with the workbook. Saving is asynchronous; a failed save is reported to the
 * caller's onError instead of being dropped.
 */
import { officeEnv } from "./office-env";

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function documentSettings(globalObj: object, onError: (err: Error) => void): KeyValueStore {
  const { Office } = officeEnv(globalObj);
  const settings = Office.context.document.settings;
  return {
    get(key) {
      const v = settings.get(key) as unknown;
      return typeof v === "string" ? v : null;
    },
    set(key, value) {
      settings.set(key, value);
      settings.saveAsync((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) onError(new Error(result.error?.message ?? "saveAsync failed"));
      });
    },
  };
}
