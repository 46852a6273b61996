/**
 * Runs a panel's action: tracks busy state and turns a thrown error into text for an error
 * MessageBar, so no failure is swallowed or left in the console only.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export interface Runner {
  busy: boolean;
  /** The last failure's message, or undefined. */
  error: string | undefined;
  /** Runs `fn` (which stores its own results); resolves false when it threw (the error is shown). */
  run(fn: () => Promise<void>): Promise<boolean>;
  clearError(): void;
}

export function errorText(e: unknown, fallback: string): string {
  if (e instanceof Error) return e.message.trim() || fallback;
  if (typeof e === "string") return e.trim() || fallback;
  if (e && typeof e === "object" && "message" in e && typeof e.message === "string") return e.message.trim() || fallback;
  return fallback;
}

export function useRunner(unknownError: string): Runner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  // An action may settle after the pane is closed or the panel unmounted: skip state updates then.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (fn: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await fn();
        return true;
      } catch (e) {
        if (mounted.current) setError(errorText(e, unknownError));
        return false;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [unknownError],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
