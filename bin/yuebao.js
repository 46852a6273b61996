#!/usr/bin/env node
// Thin launcher: the command line is compiled to lib/ by `npm install` (the prepare script).
require("../lib/cli/main.js")
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      console.error(err && err.stack ? err.stack : String(err));
      process.exit(2);
    },
  );
