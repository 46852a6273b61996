/**
 * Lets the benchmark require TypeScript (the Office.js adapter and the in-memory Excel fake
 * in test/support) without a build step: each .ts file is transpiled on load. Types are not
 * checked here; `npm test` does that.
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
