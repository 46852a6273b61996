// Syntax probe, loaded as its own file so that the page needs no inline script and no eval
// (the Content-Security-Policy forbids both). An engine too old for the bundle (Internet
// Explorer 11, Edge Legacy) fails to parse this file, so the flag stays unset and
// engine-check.js, the next script, shows a plain message instead of "Loading…" forever.
window.yuebaoModernEngine = (() => {
  const a = { b: 1 };
  const c = { ...a };
  return (a?.b ?? c.b) === 1;
})();
