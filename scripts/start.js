#!/usr/bin/env node
/**
 * `npm start`
 *
 * Windows / macOS with desktop Excel: starts the https dev server and sideloads manifest.xml
 * into Excel, like the official Office add-in template
 * (`office-addin-debugging start manifest.xml desktop --app excel`); `npm run stop` ends it.
 *
 * Anywhere else (Linux, or `npm start -- --serve`, or when sideloading cannot start): builds
 * the pane and serves dist/ over http on localhost:3000 (the next free port if taken), so the
 * pane opens in a browser in file mode. Excel on the web needs the manifest uploaded and an
 * https address: see docs/deploy.md.
 *
 * Options: --serve (never sideload), --port N, --prod (production build instead of development).
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const portArg = args.indexOf("--port");
const PORT = portArg >= 0 ? Number(args[portArg + 1]) : 3000;

function officeDebuggingCli() {
  try {
    return require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  } catch {
    return null;
  }
}

/** Desktop Excel sideloading; resolves false when it could not even start. */
function sideload(cli) {
  return new Promise((resolve) => {
    const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const devServer = `"${process.execPath}" "${webpackCli}" serve --mode development`;
    console.log("Starting the dev server and sideloading manifest.xml into desktop Excel…");
    const child = spawn(
      process.execPath,
      [cli, "start", "manifest.xml", "desktop", "--app", "excel", "--dev-server", devServer, "--dev-server-port", String(PORT)],
      { cwd: ROOT, stdio: "inherit" },
    );
    child.on("error", (err) => {
      console.error(`Could not start office-addin-debugging: ${err.message}`);
      resolve(false);
    });
    child.on("exit", (code) => {
      if (code === 0) resolve(true);
      else {
        console.error(`office-addin-debugging exited with code ${code}.`);
        resolve(false);
      }
    });
  });
}

async function build(mode) {
  const webpack = require("webpack");
  const factory = require(path.join(ROOT, "webpack.config.js"));
  const config = await factory({}, { mode });
  console.log(`Building the task pane (${mode})…`);
  await new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve();
    });
  });
}

async function listen(dir) {
  const { serve } = require("./serve.js");
  for (let port = PORT; port < PORT + 10; port++) {
    try {
      return await serve(dir, { port, host: "127.0.0.1" });
    } catch (err) {
      if (err.code !== "EADDRINUSE") throw err;
      console.log(`Port ${port} is taken, trying ${port + 1}…`);
    }
  }
  throw new Error(`No free port between ${PORT} and ${PORT + 9}`);
}

async function serveInBrowser(reason) {
  console.log(reason);
  await build(flag("--prod") ? "production" : "development");
  const server = await listen(path.join(ROOT, "dist"));
  const url = `http://localhost:${server.address().port}/taskpane.html`;
  console.log("");
  console.log(`执法月报助手（文件模式）已启动 / Yuebao pane (file mode): ${url}`);
  console.log("Excel 网页版：将 dist 部署到 https 地址后，在 插入 > 加载项 > 上传我的加载项 上传 manifest.xml（见 docs/deploy.md）。");
  console.log(
    "Excel on the web: serve dist/ over https, then upload manifest.xml via Insert > Add-ins > Upload My Add-in (docs/deploy.md).",
  );
  console.log("Ctrl+C to stop.");
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function main() {
  const desktop = process.platform === "win32" || process.platform === "darwin";
  const cli = desktop && !flag("--serve") ? officeDebuggingCli() : null;
  if (cli && (await sideload(cli))) return;
  const reason = flag("--serve")
    ? "Serving the pane in a browser (--serve)."
    : desktop
      ? "Sideloading into desktop Excel is not possible here; serving the pane in a browser instead."
      : `No desktop Excel on ${process.platform}: serving the pane in a browser instead.`;
  await serveInBrowser(reason);
}

main().catch((err) => {
  console.error(err && err.message ? err.message : err);
  process.exitCode = 1;
});
