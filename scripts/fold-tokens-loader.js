/**
 * webpack loader: replaces `tokens.someName` with the token's value ("var(--someName)") in
 * modules that import Fluent UI's `tokens` object, at build time.
 *
 * Why: in one bundle, terser folds these property reads itself and drops the ~470-entry table.
 * Once the pane is split into chunks, panels in other chunks read `tokens` through webpack's
 * module exports, so the whole table (about 30 KB raw) has to stay in the first load. Folding
 * before bundling gives every chunk the strings it uses and leaves the table unused.
 *
 * The values come from the installed @fluentui/tokens itself, so they cannot drift from it.
 * Only a plain `import { tokens } from "<a Fluent package>"` is handled (no renaming); a name
 * that is not a token, a computed `tokens[x]` or a file without that import is left alone.
 */
"use strict";

const { tokens } = require("@fluentui/tokens");

const SOURCES = new Set(["@fluentui/react-components", "@fluentui/react-theme", "@fluentui/tokens"]);
const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
const READ = /(?<![\w$.])tokens\.([A-Za-z_$][\w$]*)/g;

function importsTokens(source) {
  for (const m of source.matchAll(IMPORT)) {
    if (!SOURCES.has(m[2])) continue;
    if (m[1].split(",").some((s) => s.trim() === "tokens")) return true;
  }
  return false;
}

function foldTokens(source) {
  if (!source.includes("tokens.") || !importsTokens(source)) return source;
  return source.replace(READ, (all, name) => (Object.prototype.hasOwnProperty.call(tokens, name) ? JSON.stringify(tokens[name]) : all));
}

module.exports = function foldTokensLoader(source) {
  return foldTokens(source);
};
module.exports.foldTokens = foldTokens;
