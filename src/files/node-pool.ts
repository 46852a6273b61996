/**
 * The command line's parse pool: worker_threads running node-worker, when the machine has more
 * than one core. From lib/ the worker is the compiled node-worker.js beside this file; from the
 * TypeScript sources (jest) it is node-worker.ts, loaded through the TypeScript compiler the
 * tests already have.
 */
import { existsSync } from "fs";
import { availableParallelism, tmpdir } from "os";
import { join } from "path";
import { Worker } from "worker_threads";
import { ParsePool, type ParsePoolOptions, type ParseWorker, type SpawnWorker, type WorkerEvents } from "./pool";

/**
 * Workers for a run over `files` files. None below MIN_CORES: measured on 2 cores (bench/cli.js,
 * 1,000 files), two workers took 0.86–0.95 s against 0.72 s in one thread, since copying each
 * workbook's cells back to the main thread, which merges and writes, costs more than the
 * second core gives. None for a handful of files either (starting one costs ~40 ms).
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = env.YUEBAO_WORKERS;
  if (asked !== undefined && asked !== "" && /^\d+$/.test(asked)) return Math.min(Number(asked), 16);
  if (cores < MIN_CORES || files < MIN_FILES) return 0;
  // The main thread merges and writes meanwhile: leave it a core.
  return Math.min(cores - 1, MAX_WORKERS);
}

/** Below this many cores the files are parsed in the main thread (legacy files still go to a worker: src/cli/common.ts). */
export const MIN_CORES = 4;

/** Below this many files a worker's start costs more than it saves. */
export const MIN_FILES = 16;
const MAX_WORKERS = 4;

export function nodeParsePool(size: number, opts: Omit<ParsePoolOptions, "size" | "spawn"> = {}): ParsePool {
  return new ParsePool({ ...opts, size, spawn: spawnNodeWorker });
}

const spawnNodeWorker: SpawnWorker = (events) => {
  const w = workerScript();
  return asParseWorker(new Worker(w.script, { eval: w.eval }), events);
};

/** A worker_threads Worker speaking the pool's messages, wired to the pool's events. */
export function asParseWorker(worker: Worker, events: WorkerEvents): ParseWorker {
  let gone = false;
  worker.on("message", (data: unknown) => events.message(data));
  worker.on("error", (err: Error) => {
    gone = true;
    events.failed(err.message);
  });
  worker.on("exit", (code) => {
    if (!gone) events.failed(`exit ${code}`);
    gone = true;
  });
  return {
    post: (req, transfer) => worker.postMessage(req, transfer),
    terminate: () => {
      gone = true;
      void worker.terminate();
    },
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

function workerScript(): { script: string; eval: boolean } {
  const js = join(__dirname, "node-worker.js");
  if (existsSync(js)) return { script: js, eval: false };
  // From sources (jest): each .ts module is transpiled as it is required (types are checked
  // elsewhere), and kept in a cache under the system's temp folder, so the next worker starts
  // without loading the compiler.
  const hook = `
    const fs = require("fs"), path = require("path"), crypto = require("crypto");
    const dir = path.join(${JSON.stringify(tmpdir())}, "yuebao-ts-cache");
    let ts;
    require.extensions[".ts"] = (m, f) => {
      const st = fs.statSync(f);
      const key = crypto.createHash("sha1").update(f + "\0" + st.mtimeMs + "\0" + st.size).digest("hex");
      const cached = path.join(dir, key + ".js");
      let out;
      try {
        out = fs.readFileSync(cached, "utf8");
      } catch {
        ts = ts || require(${JSON.stringify(require.resolve("typescript"))});
        out = ts.transpileModule(fs.readFileSync(f, "utf8"), {
          fileName: f,
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
        }).outputText;
        try {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(cached + "." + process.pid, out);
          fs.renameSync(cached + "." + process.pid, cached);
        } catch {}
      }
      m._compile(out, f);
    };
    require(${JSON.stringify(join(__dirname, "node-worker.ts"))});`;
  return { script: hook, eval: true };
}
