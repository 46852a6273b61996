/** scripts/serve.js: the static server `npm start` uses where Excel cannot be sideloaded. */
import * as fs from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

interface ServeModule {
  serve(dir: string, options?: { port?: number; host?: string }): Promise<Server>;
  resolveInside(root: string, urlPath: string): string | null;
}
// scripts/serve.js is plain CommonJS: typed at this boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve, resolveInside } = require("../../scripts/serve.js") as ServeModule;

const root = fs.mkdtempSync(path.join(os.tmpdir(), "yuebao-serve-"));
let server: Server;
let base = "";

beforeAll(async () => {
  fs.writeFileSync(path.join(root, "taskpane.html"), "<!doctype html><title>t</title>");
  fs.mkdirSync(path.join(root, "assets"));
  fs.writeFileSync(path.join(root, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(root, "taskpane.0123abcd.js"), "console.log(1)");
  fs.writeFileSync(path.join(os.tmpdir(), "yuebao-serve-secret.txt"), "secret");
  server = await serve(root, { port: 0 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), "yuebao-serve-secret.txt"), { force: true });
});

it("serves the page, scripts and icons with their types", async () => {
  const page = await fetch(`${base}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await page.text()).toContain("<title>t</title>");
  const js = await fetch(`${base}/taskpane.0123abcd.js`);
  expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
  expect(js.headers.get("cache-control")).toContain("immutable");
  const png = await fetch(`${base}/assets/icon-16.png?v=1`);
  expect(png.headers.get("content-type")).toBe("image/png");
  expect(Buffer.from(await png.arrayBuffer())).toHaveLength(4);
});

it("answers 404 for missing files and never leaves the folder", async () => {
  expect((await fetch(`${base}/nope.js`)).status).toBe(404);
  expect((await fetch(`${base}/%2e%2e/yuebao-serve-secret.txt`)).status).toBe(404);
  expect((await fetch(`${base}/..%2fyuebao-serve-secret.txt`)).status).toBe(404);
  expect(resolveInside(root, "/../yuebao-serve-secret.txt")).toBe(path.join(root, "yuebao-serve-secret.txt"));
  expect(resolveInside(root, "/%2e%2e/%2e%2e/etc/passwd")).toBe(path.join(root, "etc", "passwd"));
  expect(resolveInside(root, "/%E0%A4%A")).toBeNull();
  expect(resolveInside(root, "/a%00b")).toBeNull();
});

it("refuses methods other than GET and HEAD", async () => {
  expect((await fetch(`${base}/taskpane.html`, { method: "POST", body: "x" })).status).toBe(405);
  const head = await fetch(`${base}/taskpane.html`, { method: "HEAD" });
  expect(head.status).toBe(200);
});

it("sends a page's own Content-Security-Policy as a header, the same as its meta tag", async () => {
  const policy = "default-src 'self'; script-src 'self'";
  fs.writeFileSync(
    path.join(root, "csp.html"),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}" /><title>c</title>`,
  );
  expect((await fetch(`${base}/csp.html`)).headers.get("content-security-policy")).toBe(policy);
  expect((await fetch(`${base}/taskpane.html`)).headers.get("content-security-policy")).toBeNull(); // none declared
  expect((await fetch(`${base}/taskpane.0123abcd.js`)).headers.get("content-security-policy")).toBeNull();
});
