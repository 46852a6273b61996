#!/usr/bin/env node
// Thin launcher: the command line is compiled to lib/ (`npm run build:cli`, run by `npm install`
// in a clone and by `npm pack` for the tarball). Written in old, plain JavaScript so that an old
// Node reaches the version check below instead of failing on newer syntax in lib/.
"use strict";
var required = require("../package.json").engines.node; // ">=20.9"
var min = /(\d+)\.(\d+)/.exec(required);
var have = process.versions.node.split(".");
var major = Number(have[0]);
var minor = Number(have[1]);
if (!min || major < Number(min[1]) || (major === Number(min[1]) && minor < Number(min[2]))) {
  var need = min ? min[1] + "." + min[2] : required;
  process.stderr.write(
    "yuebao 需要 Node.js " +
      need +
      " 或更高版本，当前为 " +
      process.versions.node +
      "。请从 https://nodejs.org 安装新版 Node.js 后再试。\n" +
      "yuebao needs Node.js " +
      need +
      " or later; this is " +
      process.versions.node +
      ". Install a newer Node.js (https://nodejs.org) and try again.\n",
  );
  process.exit(2);
}
require("../lib/cli/main.js").run(process.argv.slice(2));
