/** scripts/bundle-size.js: what it counts as the pane's first load must match the sources. */
import * as fs from "fs";
import * as path from "path";

type Mode = "file" | "excel" | "wps";
const MODES: readonly Mode[] = ["file", "excel", "wps"];

interface SizeModule {
  scriptSources(html: string): string[];
  BEFORE_RENDER: Record<Mode, string[]>;
  AFTER_IDLE: Record<Mode, string[]>;
  ON_FIRST_PARSE: string[];
}
// A plain CommonJS script: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const size = require("../../scripts/bundle-size.js") as SizeModule;

const PANE = path.resolve(__dirname, "..", "..", "src", "taskpane");

/** Every webpackChunkName the pane's sources give an import(). */
function chunkNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chunkNames(full).forEach((n) => names.add(n));
    else if (/\.tsx?$/.test(entry.name))
      for (const m of fs.readFileSync(full, "utf8").matchAll(/webpackChunkName:\s*"([^"]+)"/g)) names.add(m[1]);
  }
  return names;
}

it("lists only chunks the pane really names, and every panel and job chunk", () => {
  const named = chunkNames(PANE);
  for (const mode of MODES) {
    for (const n of [...size.BEFORE_RENDER[mode], ...size.AFTER_IDLE[mode]]) expect({ n, named: named.has(n) }).toEqual({ n, named: true });
  }
  for (const n of size.ON_FIRST_PARSE) expect({ n, named: named.has(n) }).toEqual({ n, named: true });
  // Nothing named is left uncounted (the parser and its worker are measured apart).
  const counted = new Set([...MODES.flatMap((m) => [...size.AFTER_IDLE[m], ...size.BEFORE_RENDER[m]]), ...size.ON_FIRST_PARSE]);
  expect([...named].filter((n) => !counted.has(n))).toEqual([]);
});

it("reads script sources quoted or not", () => {
  expect(size.scriptSources('<script src="./a.js"></script><script defer src=b.1234.js></script><script>x</script>')).toEqual([
    "./a.js",
    "b.1234.js",
  ]);
});
