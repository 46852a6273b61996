/** Runs `fn` once the browser is idle after the first paint; returns a cancel. */
export function whenIdle(fn: () => void): () => void {
  // Safari (Excel on Mac) has no requestIdleCallback.
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(fn, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 200);
  return () => clearTimeout(id);
}
