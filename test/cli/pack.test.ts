/**
 * The install an office gets: `npm pack` makes yuebao-<version>.tgz (prepack compiles lib/, the
 * runtime dependencies travel inside it), and `npm install -g` of that file into an empty prefix
 * works with no registry at all; the installed `yuebao --help` runs. Packed from a copy of the
 * package's sources, so that rebuilding lib/ there cannot disturb tests running meanwhile.
 */
import { execFileSync, spawnSync } from "child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "fs";
import { join } from "path";
import { ROOT, tempDir } from "./support";

jest.setTimeout(240_000);

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; engines: { node: string } };
// The npm that runs these tests (npm sets npm_execpath), else the one beside this node.
const NPM_CLI = process.env.npm_execpath?.endsWith("npm-cli.js")
  ? process.env.npm_execpath
  : join(process.execPath, "../../lib/node_modules/npm/bin/npm-cli.js");
/** No registry is reachable: an install that tried to fetch would fail at once. */
const OFFLINE = {
  npm_config_registry: "http://127.0.0.1:9/",
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
};

describe("npm pack → npm install -g <tgz>, offline", () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir("pack")));
  afterAll(() => t.remove());

  it("installs into an empty prefix with no registry and `yuebao --help` runs", () => {
    const src = join(t.dir, "src");
    mkdirSync(src);
    for (const f of [
      "package.json",
      "tsconfig.json",
      "tsconfig.cli.json",
      "README.md",
      "bin",
      "src/form",
      "src/files",
      "src/jobs",
      "src/cli",
    ])
      cpSync(join(ROOT, f), join(src, f), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(src, "node_modules"));
    const npm = (args: string[], cwd: string) =>
      execFileSync(process.execPath, [NPM_CLI, ...args], { cwd, env: { ...process.env, ...OFFLINE }, encoding: "utf8", stdio: "pipe" });

    const started = Date.now();
    npm(["pack", "--pack-destination", t.dir], src);
    const tgz = `${pkg.name}-${pkg.version}.tgz`;
    expect(readdirSync(t.dir).filter((f) => f.endsWith(".tgz"))).toEqual([tgz]);
    const packed = Date.now();

    const prefix = join(t.dir, "prefix");
    mkdirSync(prefix);
    npm(["install", "-g", "--prefix", prefix, join(t.dir, tgz)], t.dir);
    const installed = Date.now();
    const bin = join(prefix, "bin", "yuebao");
    expect(existsSync(bin)).toBe(true);
    // Only what the command line needs at run time is installed (bundled in the tarball).
    const lib = join(prefix, "lib", "node_modules", "yuebao");
    expect(readdirSync(lib).sort()).toEqual(["README.md", "bin", "lib", "node_modules", "package.json"]);
    expect(existsSync(join(lib, "node_modules", "fflate"))).toBe(true);
    expect(existsSync(join(lib, "node_modules", "react"))).toBe(false);

    const r = spawnSync(bin, ["--help"], {
      cwd: t.dir,
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(prefix, "bin")}:${process.env.PATH}` },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("用法：");
    const v = spawnSync(bin, ["--version"], { cwd: t.dir, encoding: "utf8" });
    expect(v.stdout.trim()).toBe(`yuebao ${pkg.version}`);
    console.log(`npm pack ${((packed - started) / 1000).toFixed(1)} s, offline install ${((installed - packed) / 1000).toFixed(1)} s`);
  });

  it("the launcher refuses an older Node in both languages, exit 2, before loading anything else", () => {
    // Pretend to be Node 18.19.0: the version check runs before lib/ is required.
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `Object.defineProperty(process.versions, "node", { value: "18.19.0" }); process.argv.splice(1, 0, "yuebao"); require(${JSON.stringify(join(ROOT, "bin/yuebao.js"))});`,
        "--",
        "--help",
      ],
      { encoding: "utf8" },
    );
    const need = /(\d+\.\d+)/.exec(pkg.engines.node)?.[1];
    expect(pkg.engines.node).toBe(">=20.9");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`yuebao 需要 Node.js ${need} 或更高版本，当前为 18.19.0。`);
    expect(r.stderr).toContain(`yuebao needs Node.js ${need} or later; this is 18.19.0.`);
  });
});
