/**
 * The build folds Fluent's `tokens.x` reads into strings (scripts/fold-tokens-loader.js), so a
 * split bundle does not carry the whole token table in its first chunk.
 */
import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";
import { tokens } from "@fluentui/tokens";

interface LoaderModule {
  foldTokens(source: string): string;
}
interface ConfigModule {
  createConfig(options: { mode: "production"; entry: string; outDir: string; officeJs: "none"; copy?: boolean }): webpack.Configuration;
}
// Plain CommonJS build scripts: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { foldTokens } = require("../../scripts/fold-tokens-loader.js") as LoaderModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ConfigModule;

const REPO = path.resolve(__dirname, "..", "..");
const TMP = path.join(REPO, "test", ".tmp", `fold-tokens-${process.pid}`);

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("foldTokens", () => {
  it("replaces reads of the imported tokens with their values, zIndex numbers included", () => {
    const src =
      'import { makeStyles, tokens } from "@fluentui/react-components";\nconst a = { color: tokens.colorNeutralForeground3, z: tokens.zIndexPopup };';
    expect(foldTokens(src)).toBe(
      `import { makeStyles, tokens } from "@fluentui/react-components";\nconst a = { color: "var(--colorNeutralForeground3)", z: ${JSON.stringify(tokens.zIndexPopup)} };`,
    );
    expect(foldTokens("import { tokens } from '@fluentui/react-theme';\nx(tokens.spacingVerticalM)")).toContain(
      'x("var(--spacingVerticalM)")',
    );
  });

  it("leaves alone what it cannot prove is a token read", () => {
    const cases = [
      'import { tokens } from "@fluentui/react-components"; f(tokens[name], tokens.notAToken, theme.tokens.colorNeutralForeground1)',
      'import { tokens as t } from "@fluentui/react-components"; f(tokens.colorNeutralForeground1)', // renamed: `tokens` here is something else
      "const tokens = lex(text); f(tokens.colorNeutralForeground1)", // not imported
      'import { tokens } from "./my-tokens"; f(tokens.colorNeutralForeground1)', // not Fluent's
    ];
    for (const src of cases) expect(foldTokens(src)).toBe(src);
  });
});

describe("a production build with a lazy chunk", () => {
  const out = path.join(TMP, "out");
  beforeAll(async () => {
    const c = config.createConfig({
      mode: "production",
      entry: path.join(__dirname, "fixtures", "tokens", "index.ts"),
      outDir: out,
      officeJs: "none",
      copy: false,
    });
    await new Promise<void>((resolve, reject) =>
      webpack(c, (err, stats) => (err ? reject(err) : stats?.hasErrors() ? reject(new Error(stats.toString("errors-only"))) : resolve())),
    );
  }, 120_000);

  const chunk = (prefix: string): string => {
    const name = fs.readdirSync(out).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
    if (!name) throw new Error(`no ${prefix} chunk in ${out}`);
    return fs.readFileSync(path.join(out, name), "utf8");
  };

  it("puts each token's value where it is used and leaves the table out", () => {
    const first = chunk("taskpane");
    const later = chunk("later");
    expect(first).toContain("var(--colorNeutralForeground2)");
    expect(later).toContain("var(--colorBrandBackground2)");
    // A token nobody reads: present only if the ~470-entry table were bundled.
    for (const js of [first, later]) expect(js).not.toContain("colorPaletteLilacBorderActive");
  });
});
