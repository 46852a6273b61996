/**
 * The legacy parser (SheetJS) in the browser: the real loader (src/jobs/files-module.ts) built
 * with the real webpack configuration must leave it out of every bundle the page loads at
 * start and out of the .xlsx chunk, in a "legacy" chunk of its own, with the code page tables
 * (needed for Excel 95 files only) in another.
 */
import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";

interface ConfigModule {
  createConfig(options: {
    mode: "production";
    entry: string;
    outDir: string;
    baseUrl: string;
    officeJs: "none";
    copy?: boolean;
  }): webpack.Configuration;
}
// webpack.config.js is plain CommonJS: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ConfigModule;

const REPO = path.resolve(__dirname, "..", "..");
const OUT = path.join(REPO, "test", ".tmp", `legacy-chunk-${process.pid}`);
const ENTRY = path.join(__dirname, "fixtures", "legacy", "index.ts");

const groups: Record<string, string[]> = {};
let initial: string[] = [];

beforeAll(async () => {
  const c = config.createConfig({
    mode: "production",
    entry: ENTRY,
    outDir: OUT,
    baseUrl: "https://x.example/",
    officeJs: "none",
    copy: false,
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(c, (err, s) =>
      err ? reject(err) : s?.hasErrors() ? reject(new Error(s.toString({ all: false, errors: true }))) : resolve(s!),
    ),
  );
  const json = stats.toJson({ all: false, chunkGroups: true });
  for (const [name, g] of Object.entries(json.namedChunkGroups ?? {}))
    groups[name] = (g.assets ?? []).map((a) => a.name).filter((f) => f.endsWith(".js"));
  initial = groups.taskpane ?? [];
}, 240_000);
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const text = (files: string[]) => files.map((f) => fs.readFileSync(path.join(OUT, f), "utf8")).join("\n");
/** Strings only SheetJS's code, and only its code page tables, hold (they survive minifying). */
const SHEETJS = "SheetJS";
const CODEPAGES = "encache";

it("puts the parser in a lazy chunk of its own, not in the initial bundles nor in the xlsx chunk", () => {
  expect(groups.legacy).toBeDefined();
  expect(groups.xlsx).toBeDefined();
  expect(text(groups.legacy)).toContain(SHEETJS);
  expect(text(initial)).not.toContain(SHEETJS);
  expect(text(groups.xlsx)).not.toContain(SHEETJS);
  // The initial bundle holds neither chunk's files.
  for (const f of [...groups.legacy, ...groups.xlsx]) expect(initial).not.toContain(f);
});

it("keeps the code page tables apart from the parser (fetched for Excel 95 files only)", () => {
  expect(groups["legacy-codepages"]).toBeDefined();
  const own = groups["legacy-codepages"].filter((f) => !groups.legacy.includes(f));
  expect(own.length).toBeGreaterThan(0);
  expect(text(own)).toContain(CODEPAGES);
  expect(text(groups.legacy)).not.toContain(CODEPAGES);
  expect(text(initial)).not.toContain(CODEPAGES);
  for (const f of own) expect(initial).not.toContain(f);
});
