/** Navigating a package: relationship targets resolve as the plain reading of the rules does. */
import fc from "fast-check";
import { resolveTarget } from "../../src/files/package";
import type { ZipArchive } from "../../src/files/guard";

/** resolveTarget as first written (decode, fold "." and "..", fall back to a root path): the fast path must agree. */
function reference(has: (p: string) => boolean, sourcePath: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURIComponent(t);
  } catch {
    // as written
  }
  const absolute = t.startsWith("/");
  const i = sourcePath.lastIndexOf("/");
  const joined = absolute ? t.slice(1) : (i < 0 ? "" : sourcePath.slice(0, i + 1)) + t;
  const parts: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  const resolved = parts.join("/");
  if (!absolute && !has(resolved) && has(t)) return t.replace(/^\/+/, "");
  return resolved;
}

test("targets resolve the same by the fast path and the full rules, whatever the package holds", () => {
  const seg = fc.constantFrom(
    "xl",
    "worksheets",
    "sheet1.xml",
    "workbook.xml",
    "..",
    ".",
    "",
    "%41",
    "a%",
    "\\",
    "中",
    "[Content_Types].xml",
    "a-b",
    "_rels",
    "x.y.z",
  );
  const path = fc.array(seg, { minLength: 1, maxLength: 5 }).map((xs) => xs.join("/"));
  const source = fc.constantFrom("", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "workbook.xml");
  fc.assert(
    fc.property(source, fc.boolean(), path, fc.array(path, { maxLength: 6 }), (src, abs, target, present) => {
      const t = (abs ? "/" : "") + target;
      const names = new Set(present.map((p) => p.replace(/^\/+/, "")));
      // Plus what the target would resolve to, either way, half the time.
      if (present.length % 2 === 0) names.add(reference(() => false, src, t));
      const has = (p: string) => names.has(p.replace(/^\/+/, ""));
      const zip = { has } as unknown as ZipArchive;
      expect(resolveTarget(zip, src, t)).toBe(reference(has, src, t));
    }),
    { numRuns: 5000, seed: 20181209 },
  );
});
