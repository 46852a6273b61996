/**
 * Parsing off the pane's thread: every workbook the pane reads from a file (unit files, a
 * roster, last month's total, the file to fill) goes to a Web Worker, so the page (and Excel
 * around the add-in) keeps responding and the merge's progress bar moves while files are read.
 * A file still being read after the time limit has its worker ended and replaced, and is
 * reported as unreadable ("读取时间过长"), like any other file that cannot be read.
 *
 * Where no worker can run (no `Worker`, as under jest; a page opened from file://, whose
 * scripts a worker may not load), files are parsed on the page's thread as before.
 */
import type { ParseWorkbook } from "../jobs/sources";

/** The time limit per file, in seconds: far beyond any real report workbook on a slow office PC. */
export const DEFAULT_PARSE_SECONDS = 20;
/** localStorage key that changes it (an office with very slow machines; the browser tests). */
export const PARSE_SECONDS_KEY = "yuebao.parseTimeoutSeconds";
/** How long a new worker may take to load before the page gives up on workers. */
const START_MS = 15_000;

let parser: Promise<ParseWorkbook> | undefined;

/** The pane's parser: on a worker when one can run, else `inThread`. One pool per page. */
export function offThreadParser(inThread: ParseWorkbook): Promise<ParseWorkbook> {
  parser ??= start(inThread).catch(() => inThread);
  return parser;
}

function timeLimitMs(): number {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(PARSE_SECONDS_KEY);
  } catch {
    // storage refused: the default
  }
  const s = raw === null ? NaN : Number(raw);
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_PARSE_SECONDS) * 1000;
}

async function start(inThread: ParseWorkbook): Promise<ParseWorkbook> {
  if (typeof Worker !== "function") return inThread;
  const [{ ParsePool, READY }, { spawnParseWorker }] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../files/pool"),
    import(/* webpackChunkName: "parse-worker-spawn" */ "./parse-worker-spawn"),
  ]);
  // A first worker proves workers can run here; it becomes the pool's first worker.
  let spare: Worker | undefined = await new Promise<Worker | undefined>((resolve) => {
    let w: Worker;
    try {
      w = spawnParseWorker();
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => {
      w.terminate();
      resolve(undefined);
    }, START_MS);
    w.onmessage = (e: MessageEvent) => {
      if (e.data !== READY) return;
      clearTimeout(timer);
      resolve(w);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      clearTimeout(timer);
      w.terminate();
      resolve(undefined);
    };
  });
  if (!spare) return inThread;
  const pool = new ParsePool({
    size: 1,
    depth: 1,
    timeoutMs: timeLimitMs(),
    spawn: (events) => {
      const ready = spare !== undefined;
      const w = spare ?? spawnParseWorker();
      spare = undefined;
      w.onmessage = (e: MessageEvent) => events.message(e.data);
      w.onmessageerror = () => events.failed("message could not be read");
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        events.failed(e.message || "worker error");
      };
      return { post: (req, transfer) => w.postMessage(req, transfer), terminate: () => w.terminate(), ready };
    },
  });
  return (bytes, name) => pool.parse(bytes, name);
}
