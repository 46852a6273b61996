/**
 * Where is the pane running? Inside Excel (Office.js reports the Excel host) or inside WPS 表格
 * (a WPS add-in page: WPS sets its ET Application object, src/wps/env.ts) the jobs run on the
 * live workbook; anywhere else — a plain browser tab, a page opened from disk, or Excel when
 * office.js could not be loaded — the same pane runs on picked files.
 *
 * WPS is recognised first and at once: its Application is there before any script runs, also
 * for an offline add-in opened from the jsaddons folder (a file:// page).
 *
 * taskpane.html loads office.js before the bundle but tolerates its failure (offline), and skips
 * it for a page opened from disk, so `Office` may simply not exist: that is file mode at once,
 * with no waiting. A page opened from disk is file mode at once in any case: Office only ever
 * loads an add-in over http(s), and on file:// office.js cannot even load its own helper files.
 */

import type { Lang } from "../form/lang";
import { isWpsHost } from "../wps/env";

export type HostMode = "excel" | "wps" | "file";

export interface HostInfo {
  mode: HostMode;
  language: Lang;
}

/** Default wait for Office.onReady: Excel desktop on a slow PC can take a few seconds. */
export const DEFAULT_READY_TIMEOUT_MS = 10_000;

/** English for any en-* tag, Chinese otherwise: the form and its users are Chinese. */
export function languageOf(tag: string | null | undefined): Lang {
  return typeof tag === "string" && /^en(-|_|$)/i.test(tag.trim()) ? "en" : "zh";
}

/**
 * Outside Office the pane speaks Chinese unless the address asks for English (?lang=en):
 * the form is a Chinese official form, and a browser's default locale on an office PC
 * (often en-US on unlocalised installs) says little about its user.
 */
function navigatorLanguage(): Lang {
  return languageOf(typeof navigator === "undefined" ? undefined : navigator.language);
}

function browserLanguage(): Lang {
  const search = (globalThis as { location?: { search?: string } }).location?.search ?? "";
  const asked = /[?&]lang=([A-Za-z-]+)/.exec(search)?.[1];
  return asked ? languageOf(asked) : "zh";
}

/** The subset of the Office global this module touches (the real one or a test fake). */
interface OfficeLike {
  onReady(callback: (info: { host: unknown; platform?: unknown }) => void): unknown;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string };
}

function officeGlobal(): OfficeLike | undefined {
  // Read through globalThis: a bare `Office` reference throws when office.js did not load.
  const candidate = (globalThis as { Office?: unknown }).Office;
  if (candidate && typeof (candidate as OfficeLike).onReady === "function") return candidate as OfficeLike;
  return undefined;
}

function openedFromDisk(): boolean {
  const loc = (globalThis as { location?: { protocol?: string } }).location;
  return loc?.protocol === "file:";
}

function excelLanguage(office: OfficeLike): Lang {
  try {
    const tag = office.context?.displayLanguage;
    return tag ? languageOf(tag) : navigatorLanguage();
  } catch {
    // Some hosts throw while the context is half-built; the browser's language is a fine guess.
    return navigatorLanguage();
  }
}

/**
 * Resolves once: WPS mode at once inside WPS 表格; Excel mode when Office.onReady names the Excel host; file mode when it names
 * another host or none, when Office is missing, when the page is a file:// page, when onReady
 * throws, or after `timeoutMs`.
 * Never rejects: a pane that cannot find Excel still has work to do on files.
 */
export function detectHost(timeoutMs: number = DEFAULT_READY_TIMEOUT_MS): Promise<HostInfo> {
  if (isWpsHost(globalThis)) {
    // office.js may have loaded too (the online add-in is the same page): keep it quiet.
    keepOfficeQuiet(globalThis);
    return Promise.resolve({ mode: "wps", language: browserLanguage() });
  }
  const office = officeGlobal();
  const fileMode = (): HostInfo => ({ mode: "file", language: browserLanguage() });
  if (!office || openedFromDisk()) return Promise.resolve(fileMode());

  return new Promise<HostInfo>((resolve) => {
    let settled = false;
    const settle = (info: HostInfo): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(info);
    };
    const outside = (): HostInfo => {
      keepOfficeQuiet(globalThis);
      return fileMode();
    };
    const timer = setTimeout(() => settle(outside()), Math.max(0, timeoutMs));
    try {
      office.onReady((info) => {
        const excel = office.HostType?.Excel ?? "Excel";
        settle(info && info.host === excel ? { mode: "excel", language: excelLanguage(office) } : outside());
      });
    } catch {
      settle(outside());
    }
  });
}

/** The parts of office.js's internal logger we switch off (see keepOfficeQuiet). */
interface OfficeLoggerGlobals {
  OSF?: { Logger?: { ulsEndpoint?: { loadProxyFrame?: unknown; writeLog?: unknown } | null } };
  OSFAppTelemetry?: { enableTelemetry?: boolean };
}

/**
 * Outside Office, office.js (its host-less loader, o15apptofilemappingtable.js) opens a hidden
 * iframe to Microsoft's telemetry service three seconds after it loads (OSF.Logger.ulsEndpoint).
 * File mode promises that nothing leaves the machine, so once we know no Office host is
 * there, that endpoint is switched off; inside Office nothing is touched. The logger may not
 * exist yet when onReady answers, so we look again a few times within those three seconds.
 * Returns whether the endpoint was found (for tests).
 */
export function keepOfficeQuiet(g: object, tries = 8, everyMs = 400): boolean {
  const globals = g as OfficeLoggerGlobals;
  try {
    if (globals.OSFAppTelemetry) globals.OSFAppTelemetry.enableTelemetry = false;
    const endpoint = globals.OSF?.Logger?.ulsEndpoint;
    if (endpoint) {
      endpoint.loadProxyFrame = () => undefined;
      endpoint.writeLog = () => undefined;
      return true;
    }
  } catch {
    // A frozen or odd office.js object: nothing we can switch off, and file mode still works.
    return false;
  }
  if (tries > 1) setTimeout(() => keepOfficeQuiet(g, tries - 1, everyMs), everyMs);
  return false;
}
