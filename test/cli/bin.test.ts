/**
 * The real launcher, as `npx yuebao` runs it: bin/yuebao.js → lib/ (compiled by
 * `npm run build:cli`). The only test that starts node; lib/ is rebuilt first when it is
 * missing or older than the sources it is compiled from.
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { ensureCliBuilt, ROOT } from "./support";

describe("bin/yuebao.js", () => {
  beforeAll(ensureCliBuilt, 120000);

  it("prints the usage in Chinese for --help and exits 0", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/yuebao.js"), "--help"], { cwd: ROOT, encoding: "utf8", timeout: 30000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("用法：");
    for (const cmd of ["template", "validate", "fill", "merge"]) expect(r.stdout).toContain(`yuebao ${cmd} `);
    expect(r.stdout).toContain("退出码");
  });
});
