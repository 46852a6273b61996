#!/usr/bin/env node
/**
 * A tiny static file server for a built dist/ (no dependencies): `npm start` uses it where
 * Excel cannot be sideloaded, and browser tests can use it too.
 *
 *   node scripts/serve.js [dir] [port]        default: dist/ on http://localhost:3000/
 *
 * Listens on the loopback interface only; refuses paths that leave the folder.
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Maps a request path to a file inside `root`, or null when it would escape it. */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return file === root || file.startsWith(rootWithSep) ? file : null;
}

/** The page's own policy, from its meta tag, so the header always matches the build served. */
function pagePolicy(file) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(fs.readFileSync(file, "utf8"));
  return m ? m[1] : null;
}

/**
 * Starts serving `dir`; resolves with the listening server (its address() gives the port,
 * useful with port 0 in tests).
 */
function serve(dir, { port = 3000, host = "127.0.0.1", log = false } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let file = resolveInside(root, req.url || "/");
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, fs.existsSync(path.join(file, "index.html")) ? "index.html" : "taskpane.html");
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      if (log) console.log(`404 ${req.url}`);
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
    const policy = type.startsWith("text/html") ? pagePolicy(file) : null;
    res.writeHead(200, {
      ...(policy ? { "Content-Security-Policy": policy } : {}),
      "Content-Type": type,
      "Content-Length": fs.statSync(file).size,
      // Hashed bundles may be cached; the page, manifest and Office.js must be revalidated.
      "Cache-Control": /\.[0-9a-f]{8}\.js$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

module.exports = { serve, resolveInside };

if (require.main === module) {
  const dir = process.argv[2] || path.join(__dirname, "..", "dist");
  const port = Number(process.argv[3] || 3000);
  serve(dir, { port, log: true })
    .then((s) => console.log(`Serving ${path.resolve(dir)} on http://localhost:${s.address().port}/`))
    .catch((err) => {
      console.error(`Cannot serve on port ${port}: ${err.message}`);
      process.exitCode = 1;
    });
}
