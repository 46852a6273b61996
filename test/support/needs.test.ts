/**
 * The interop guard itself: a test whose program is missing is skipped locally and fails under
 * CI. Runs jest on a probe file (in test/.tmp) twice, with and without CI.
 */
import { spawnSync } from "child_process";
import { mkdirSync, rmSync, writeFileSync } from "fs";
import { join, resolve } from "path";

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, "../..");
const PROBE_DIR = join(ROOT, "test/.tmp/needs-probe");

function runProbe(ci: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  return spawnSync(process.execPath, [join(ROOT, "node_modules/jest/bin/jest.js"), "--roots", PROBE_DIR, "--ci", "--colors=false"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
}

beforeAll(() => {
  mkdirSync(PROBE_DIR, { recursive: true });
  writeFileSync(
    join(PROBE_DIR, "probe.test.ts"),
    `import { describeWith, testWith } from "../../support/needs";
const gone = { what: "a program that is not here", install: "nothing to install", available: false };
describeWith(gone)("a group that needs it", () => { test("inner", () => undefined); });
testWith(gone)("a test that needs it", () => undefined);
test("an ordinary test", () => undefined);
`,
  );
});
afterAll(() => rmSync(PROBE_DIR, { recursive: true, force: true }));

test("without CI: skipped with a note, the run passes", () => {
  const r = runProbe(undefined);
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/Tests:\s+2 skipped, 1 passed, 3 total/);
  expect(`${r.stdout}${r.stderr}`).toContain("skipping interop");
});

test("with CI=1: each one fails, naming what is missing", () => {
  const r = runProbe("1");
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/Tests:\s+2 failed, 1 passed, 3 total/);
  expect(r.stderr).toContain("a program that is not here not found (nothing to install): CI is set, so interop tests must run.");
});
