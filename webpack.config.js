/**
 * Builds the task pane (dist/taskpane.html + bundles), copies the icons and the manifest.
 *
 *   npm run build                     production, Office.js copied into dist/office-js/
 *   npm run build -- --env officejs=cdn        Office.js from Microsoft's CDN instead
 *   YUEBAO_BASE_URL=https://srv/yuebao/ npm run build   base URL written into dist/manifest.xml
 *   npm run build:dev / webpack serve --mode development   dev build / dev server on :3000
 *
 * Settings come from `--env name=value` first, then the environment (see docs/deploy.md):
 *   baseUrl  (YUEBAO_BASE_URL)  where dist/ will be served; replaces https://localhost:3000/
 *                               in the production manifest (like the official template)
 *   officejs (YUEBAO_OFFICEJS)  "local" (default) or "cdn"
 *
 * The output is relocatable: publicPath "auto" and relative URLs, so dist/ works from any
 * folder of a web server and straight from disk (file://) in file mode.
 *
 * dist/ is also the WPS 表格 add-in (WPS 加载项, src/wps/addin): ribbon.xml and index.html at its
 * root, wps/ribbon.js; and its deployment files (see WpsAddinPlugin and README, WPS 表格):
 *   dist/wps/jsplugins.xml            online: the add-in served from the base URL (oem.ini JSPluginsServer)
 *   dist/wps/publish.xml              online: the same entry for a user's jsaddons folder
 *   dist/wps/offline/publish.xml      offline: the entry naming the folder beside it
 *   dist/wps/offline/yuebao_<version>/   offline: the add-in itself, to copy into jsaddons
 */
"use strict";
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const ROOT = __dirname;
const URL_DEV = "https://localhost:3000/";
const URL_PROD_DEFAULT = "https://intranet.example/yuebao/"; // replace: see docs/deploy.md
const DEV_PORT = 3000;
const OFFICE_JS = {
  cdn: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
  local: "./office-js/office.js",
};
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
/**
 * What dist/office-js/ leaves out of the package: debug builds, typings and IntelliSense files,
 * and the scripts of other Office applications (this pane only ever runs in Excel). Office.js
 * picks its Excel script (excel-win32-16.01.js, excel-web-16.00.js, ...) and locale strings at
 * run time, so every excel* file and every locale folder stays. 86 MB → about 16 MB.
 */
const OFFICE_JS_IGNORE = [
  "**/*.debug.js",
  "**/*.d.ts",
  "**/*vsdoc.js",
  "**/{word,wordios,outlook,outlookwebapp,powerpoint,powerpointios,onenote,project,access}-*.js",
];
/**
 * Everything the parser needs (src/files and its zip library) goes into one lazy chunk named
 * "xlsx", whatever the import() says; the pane must reach src/files only through import().
 */
const XLSX_CHUNK_TEST = /[\\/](src[\\/]files|node_modules[\\/]fflate)[\\/]/;
/** A chunk loaded by import(), not one of an entry point (the page's, or a Web Worker's). */
function lazyChunk(chunk) {
  // A worker's chunk is an entry point loaded asynchronously: not "initial", but an Entrypoint.
  return !chunk.canBeInitial() && ![...chunk.groupsIterable].some((g) => typeof g.getEntrypointChunk === "function");
}
/** Folds Fluent's `tokens.x` reads to strings, so chunks do not need the token table (see the loader). */
const FOLD_TOKENS_LOADER = path.join(ROOT, "scripts", "fold-tokens-loader.js");
/** The WPS add-in's name in the deployment files (the offline folder is <name>_<version>). */
const WPS_ADDIN_NAME = "yuebao";
const WPS_ADDIN_DIR = path.join(ROOT, "src", "wps", "addin");
const PACKAGE_VERSION = require(path.join(ROOT, "package.json")).version;

const xmlAttr = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The WPS deployment files. type="et": WPS 表格. Online, WPS loads <url>index.html and
 * <url>ribbon.xml from the base URL; offline, from the folder <name>_<version> in jsaddons.
 */
function wpsDeployment(baseUrl, version = PACKAGE_VERSION) {
  const folder = `${WPS_ADDIN_NAME}_${version}`;
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const online = `<jspluginonline name="${xmlAttr(WPS_ADDIN_NAME)}" type="et" url="${xmlAttr(baseUrl)}"`;
  return {
    folder,
    files: {
      "wps/jsplugins.xml": `${head}<jsplugins>\n  ${online}/>\n</jsplugins>\n`,
      "wps/publish.xml": `${head}<jsplugins>\n  ${online} enable="enable" install="null"/>\n</jsplugins>\n`,
      "wps/offline/publish.xml":
        `${head}<jsplugins>\n  <jsplugin name="${xmlAttr(WPS_ADDIN_NAME)}" type="et" url="${xmlAttr(folder)}" version="${xmlAttr(version)}"` +
        ` enable="enable_dev" install="null"/>\n</jsplugins>\n`,
    },
  };
}

/** What the offline add-in folder leaves out: Office.js and the Excel manifest (WPS needs neither), the deployment files. */
const WPS_OFFLINE_SKIP = /^(office-js\/|manifest\.xml$|wps\/(offline\/|jsplugins\.xml$|publish\.xml$))/;

/**
 * Emits the WPS deployment files and the offline add-in folder (a copy of everything else the
 * build made), once every other asset is final.
 */
class WpsAddinPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("WpsAddinPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "WpsAddinPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const { folder, files } = wpsDeployment(this.baseUrl);
        for (const a of compilation.getAssets()) {
          if (WPS_OFFLINE_SKIP.test(a.name) || a.name.endsWith(".map")) continue;
          compilation.emitAsset(`wps/offline/${folder}/${a.name}`, a.source, { ...a.info, minimized: true });
        }
        for (const [name, text] of Object.entries(files)) compilation.emitAsset(name, new sources.RawSource(text));
      });
    });
  }
}

/**
 * The pane's Content-Security-Policy, as a meta tag in taskpane.html and as a header from the
 * dev server and scripts/serve.js. Scripts: this origin only (plus Microsoft's Office.js origin
 * in the CDN build); no inline script, no eval. Connections: this origin only (the pane sends
 * nothing anywhere). Styles allow inline: Fluent UI (Griffel) and Office.js's Excel scripts
 * insert style elements at run time (OfficeDev/office-js#1687). blob: images for the downloads;
 * data: for Fluent's inline icons. Workers: the parsing worker, a script of this origin (never
 * a blob: URL).
 */
function contentSecurityPolicy(officeJs) {
  const office = officeJs === "cdn" ? ` ${new URL(OFFICE_JS.cdn).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${office}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Reads `--env` first, then the environment; "" counts as unset. */
function setting(env, name, variable, fallback) {
  const fromEnv = env && typeof env[name] === "string" && env[name] !== "" ? env[name] : undefined;
  const fromVar = process.env[variable] ? process.env[variable] : undefined;
  return fromEnv ?? fromVar ?? fallback;
}

/** The production base URL: https only (Office refuses http add-ins), always ending in "/". */
function normaliseBaseUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Yuebao: base URL "${raw}" is not a URL (set YUEBAO_BASE_URL or --env baseUrl=https://server/path/)`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`Yuebao: base URL "${raw}" must start with https:// — Office loads add-ins over https only`);
  }
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** The dev manifest with every dev URL pointed at `baseUrl`. */
function rewriteManifest(xml, baseUrl) {
  return xml.split(URL_DEV).join(baseUrl);
}

/**
 * Dev-server certificates. Windows/macOS: office-addin-dev-certs makes and trusts them like
 * the official template. Linux: that package would run `sudo update-ca-certificates` to touch
 * the system trust store, so only certificates made earlier (`npx office-addin-dev-certs
 * install`) are used. No certificates → null → plain http with a note.
 */
async function devHttpsOptions() {
  let certs;
  try {
    certs = require("office-addin-dev-certs");
  } catch {
    return null;
  }
  try {
    if (process.platform === "linux") {
      const d = require("office-addin-dev-certs/lib/defaults");
      if (![d.caCertificatePath, d.localhostCertificatePath, d.localhostKeyPath].every((f) => fs.existsSync(f))) return null;
      return {
        ca: fs.readFileSync(d.caCertificatePath),
        cert: fs.readFileSync(d.localhostCertificatePath),
        key: fs.readFileSync(d.localhostKeyPath),
      };
    }
    const o = await certs.getHttpsServerOptions();
    return { ca: o.ca, cert: o.cert, key: o.key };
  } catch (err) {
    console.warn(`Yuebao: could not prepare https certificates (${err && err.message ? err.message : err}).`);
    return null;
  }
}

async function devServerOptions(officeJs) {
  const https = await devHttpsOptions();
  if (!https) {
    console.warn(
      "\nYuebao: no localhost certificates: the dev server uses http://localhost:3000/ instead of https.\n" +
        "  The page works in a browser (file mode); Excel needs https: run `npx office-addin-dev-certs install` first.\n",
    );
  }
  return {
    port: DEV_PORT,
    host: "localhost",
    headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": contentSecurityPolicy(officeJs) },
    server: https ? { type: "https", options: https } : { type: "http" },
    static: false,
    hot: false,
    client: { overlay: { warnings: false, errors: true } },
  };
}

/**
 * One webpack configuration. Also used by scripts/bundle-size.js to build the bare Fluent
 * baseline with exactly the same loaders and optimisation.
 */
function createConfig({ mode, entry, outDir, baseUrl, officeJs, copy = true }) {
  const dev = mode === "development";
  const hashed = dev ? "[name].js" : "[name].[contenthash:8].js";
  const patterns = [];
  if (copy) {
    // Copied files are final: `info.minimized` keeps terser off them (14 MB of Office.js).
    patterns.push({ from: "assets", to: "assets", context: ROOT, info: { minimized: true } });
    // The page's own small scripts and styles (no inline script under the CSP); kept as written.
    patterns.push({ from: "src/taskpane/static", to: "static", context: ROOT, info: { minimized: true } });
    patterns.push({
      from: "manifest.xml",
      to: "manifest.xml",
      context: ROOT,
      transform: (content) => (dev ? content : Buffer.from(rewriteManifest(content.toString("utf8"), baseUrl), "utf8")),
    });
    // The WPS add-in's own files (its deployment files come from WpsAddinPlugin).
    patterns.push({ from: "ribbon.xml", to: "ribbon.xml", context: WPS_ADDIN_DIR, info: { minimized: true } });
    patterns.push({ from: "ribbon.js", to: "wps/ribbon.js", context: WPS_ADDIN_DIR, info: { minimized: true } });
    patterns.push({
      from: "index.html",
      to: "index.html",
      context: WPS_ADDIN_DIR,
      info: { minimized: true },
      transform: (content) => Buffer.from(content.toString("utf8").split("%CSP%").join(contentSecurityPolicy(officeJs)), "utf8"),
    });
    if (officeJs === "local") {
      patterns.push({
        from: "**/*",
        to: "office-js",
        context: OFFICE_JS_DIR,
        globOptions: { ignore: OFFICE_JS_IGNORE },
        info: { minimized: true },
      });
    }
  }
  return {
    mode,
    context: ROOT,
    entry: { taskpane: entry },
    devtool: dev ? "source-map" : false,
    output: {
      path: outDir,
      filename: hashed,
      chunkFilename: hashed,
      publicPath: "auto",
      clean: true,
      // The runtime's global lookup then needs no `new Function("return this")`: no unsafe-eval.
      environment: { globalThis: true },
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js"],
      // fflate by a plain import in the browser, so only what is used is bundled (see the file).
      alias: { [path.resolve(__dirname, "src/files/fflate-lazy.ts")]: path.resolve(__dirname, "src/files/fflate-static.ts") },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Loaders run last to first: TypeScript out, then tokens folded.
          use: [
            FOLD_TOKENS_LOADER,
            {
              loader: "ts-loader",
              options: {
                // Type errors are `npm run typecheck`'s job; the build only transpiles.
                transpileOnly: true,
                configFile: path.join(ROOT, "tsconfig.json"),
                // ES modules out, so webpack can tree-shake and turn import() into a chunk
                // (tsconfig.json emits CommonJS for jest and the command line).
                compilerOptions: { module: "esnext", moduleResolution: "node", sourceMap: dev, removeComments: false },
              },
            },
          ],
        },
        // Fluent's own modules read `tokens` too (most styles are precompiled, some are not).
        { test: /\.js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, use: FOLD_TOKENS_LOADER },
        { test: /\.(png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name].[contenthash:8][ext]" } },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // Lazy chunks only; not the parsing worker's own chunk (an entry point of its own, which
          // holds the parser itself: it runs in another global and cannot load the page's chunk).
          xlsx: { test: XLSX_CHUNK_TEST, name: "xlsx", chunks: lazyChunk, enforce: true, priority: 20 },
          // Without this, webpack's default vendors group pulls fflate out of the xlsx chunk
          // into an unnamed one: two requests instead of one when the parser is first needed.
          defaultVendors: false,
        },
      },
    },
    performance: { hints: false }, // scripts/bundle-size.js measures what matters
    plugins: [
      new HtmlWebpackPlugin({
        template: path.join(ROOT, "src", "taskpane", "taskpane.html"),
        filename: "taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        inject: "head",
        officeJs,
        officeJsUrl: OFFICE_JS[officeJs] || "",
        csp: contentSecurityPolicy(officeJs),
      }),
      ...(patterns.length ? [new CopyWebpackPlugin({ patterns })] : []),
      ...(copy ? [new WpsAddinPlugin(dev || !baseUrl ? URL_DEV : baseUrl)] : []),
    ],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const officeJs = setting(env, "officejs", "YUEBAO_OFFICEJS", "local");
  if (officeJs !== "local" && officeJs !== "cdn") {
    throw new Error(`Yuebao: officejs must be "local" or "cdn", not "${officeJs}"`);
  }
  const baseUrl = normaliseBaseUrl(setting(env, "baseUrl", "YUEBAO_BASE_URL", URL_PROD_DEFAULT));
  const config = createConfig({
    mode,
    entry: "./src/taskpane/index.tsx",
    outDir: path.join(ROOT, "dist"),
    baseUrl,
    officeJs,
  });
  if (mode === "production" && baseUrl === URL_PROD_DEFAULT) {
    console.warn(
      `Yuebao: dist/manifest.xml points at the placeholder ${URL_PROD_DEFAULT}; set YUEBAO_BASE_URL to deploy (docs/deploy.md).`,
    );
  }
  if (env.WEBPACK_SERVE) config.devServer = await devServerOptions(officeJs);
  return config;
};

Object.assign(module.exports, {
  contentSecurityPolicy,
  createConfig,
  normaliseBaseUrl,
  rewriteManifest,
  URL_DEV,
  URL_PROD_DEFAULT,
  OFFICE_JS,
  XLSX_CHUNK_TEST,
  wpsDeployment,
  WPS_ADDIN_NAME,
});
