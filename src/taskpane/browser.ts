/** Browser-only helpers for file mode: downloads and a localStorage-backed store. */
import type { Ymd } from "../form/period";

export function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** localStorage when the page may use it (a file:// page or private mode may refuse). */
export function browserStore(): { get(key: string): string | null; set(key: string, value: string): void } {
  const memory = new Map<string, string>();
  const ls = (() => {
    try {
      const s = window.localStorage;
      s.setItem("yuebao.probe", "1");
      s.removeItem("yuebao.probe");
      return s;
    } catch {
      // Storage refused: remember for this visit only.
      return undefined;
    }
  })();
  return {
    get: (k) => (ls ? ls.getItem(k) : (memory.get(k) ?? null)),
    set: (k, v) => (ls ? ls.setItem(k, v) : void memory.set(k, v)),
  };
}

export function todayYmd(): Ymd {
  return ymdOf(new Date());
}

/** A date's day on this machine's calendar. */
export function ymdOf(d: Date): Ymd {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}
