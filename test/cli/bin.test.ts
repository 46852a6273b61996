/**
 * The real launcher, as `npx yuebao` runs it: bin/yuebao.js → lib/ (compiled by
 * `npm run build:cli`). The only test that starts node; lib/ is rebuilt first when it is
 * missing or older than the sources it is compiled from.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, readdirSync, statSync } from "fs";
import { join } from "path";
import { ROOT } from "./support";

const SOURCES = ["src/form", "src/files", "src/jobs", "src/cli"].map((d) => join(ROOT, d));
const BUILT = join(ROOT, "lib/cli/main.js");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith(".ts") ? statSync(p).mtimeMs : 0);
  }
  return t;
}

function libIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((d) => existsSync(d) && newest(d) > built);
}

describe("bin/yuebao.js", () => {
  beforeAll(() => {
    if (libIsStale())
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
        cwd: ROOT,
        stdio: "pipe",
      });
  }, 120000);

  it("prints the usage in Chinese for --help and exits 0", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/yuebao.js"), "--help"], { cwd: ROOT, encoding: "utf8", timeout: 30000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("用法：");
    for (const cmd of ["template", "validate", "fill", "merge"]) expect(r.stdout).toContain(`yuebao ${cmd} `);
    expect(r.stdout).toContain("退出码");
  });
});
