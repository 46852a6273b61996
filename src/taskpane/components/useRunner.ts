/**
 * Runs a panel's action: tracks busy state and turns a thrown error into the clerk's words
 * (describeError: what happened and what to do) for an error MessageBar, so no failure is
 * swallowed or left in the console only, and no English host message reaches a clerk.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Lang } from "../../form/lang";
import { describeError } from "../../form/problem-messages";

export interface Runner {
  busy: boolean;
  /** The last failure, described for the user, or undefined. */
  error: string | undefined;
  /** Runs `fn` (which stores its own results); resolves false when it threw (the error is shown). */
  run(fn: () => Promise<void>): Promise<boolean>;
  clearError(): void;
}

export function useRunner(lang: Lang): Runner {
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
        if (mounted.current) setError(describeError(e, lang));
        return false;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [lang],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
