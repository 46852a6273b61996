/**
 * Starts the parsing worker. Only webpack sees this module (it turns the `new URL` into the
 * worker's own chunk); it is imported where `Worker` exists, never under jest.
 */
export function spawnParseWorker(): Worker {
  // @ts-expect-error -- import.meta: webpack compiles the pane as ES modules; tsconfig.json says CommonJS for jest and the command line.
  return new Worker(/* webpackChunkName: "parse-worker" */ new URL("./parse-worker.ts", import.meta.url), { name: "yuebao-parse" });
}
