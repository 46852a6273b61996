/**
 * Parsing on workers, for any host: worker_threads on the command line (node-pool.ts), a Web
 * Worker in the browser (src/taskpane/parse-worker.ts). The pool knows neither: it is handed a
 * `spawn` that starts one worker and wires its messages to the events given.
 *
 * - Bytes go to a worker as a copy, or (command line) just the path, which the worker reads
 *   itself; grids come back as plain data, and a typed error comes back as its code and params and is made again
 *   here as the same ProblemError, so the faces describe it exactly as an in-thread read.
 * - A time limit per file: a worker still busy with one file after `timeoutMs` is ended and
 *   replaced, and that file is a typed "timeout" refusal. Nothing a file does can hold the
 *   caller longer than the limit.
 * - A worker that dies (out of memory, a crash) fails the file it had with a typed
 *   "read-failed" and is replaced; the other files go on.
 * - Each worker takes `depth` files at a time (the next one is waiting when it finishes, so no
 *   round trip is lost between files); a file's clock starts when the one before it is done,
 *   and a file waiting behind one that is stopped goes to another worker.
 */
import type { FileKind } from "../form/problems";
import type { WorkbookGrids } from "../form/grid";
import { isProblemError, ProblemError, type Problem } from "../form/problems";
import { WorkbookReadError, type WorkbookReadErrorCode } from "./errors";

// ---- messages (structured-clone friendly) ----

/** The file's bytes, or (command line) its path, read by the worker itself. */
export interface ParseRequest {
  id: number;
  name: string;
  bytes?: Uint8Array;
  path?: string;
}

/** An error as it crosses to the other thread: a typed one keeps its code and params. */
export type WireError = { problem: Problem; message: string; read: boolean } | { problem?: undefined; name: string; message: string };

export type ParseReply = { id: number; grids: WorkbookGrids; error?: undefined } | { id: number; error: WireError };

/** What a worker sends once its code is loaded and it listens (before that, requests queue in the port). */
export const READY = "yuebao-parse-ready";

export function errorToWire(err: unknown): WireError {
  if (isProblemError(err)) return { problem: err.problem, message: err.message, read: err instanceof WorkbookReadError };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}

const READ_CODES: ReadonlySet<string> = new Set<WorkbookReadErrorCode>([
  "too-large",
  "zip-bomb",
  "not-a-workbook",
  "encrypted",
  "truncated",
  "corrupt",
  "timeout",
]);

/** The error as the worker threw it: a WorkbookReadError again, another ProblemError, or an Error with its text. */
export function errorFromWire(w: WireError): Error {
  if (w.problem) {
    const p = w.problem;
    if (w.read && READ_CODES.has(p.code)) {
      const q = p.params as { file: string; detail: string; kind?: FileKind; seconds?: number };
      return new WorkbookReadError(p.code as WorkbookReadErrorCode, q.file, q.detail, q.kind, q.seconds);
    }
    return new ProblemError(p.code, p.params, w.message);
  }
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

/**
 * The worker's side: one request → one reply. `parse` is the same read-any dispatch the
 * caller's thread would use (the project's .xlsx reader, the legacy parser loaded lazily).
 */
export async function answer(
  req: ParseRequest,
  parse: (bytes: Uint8Array, name: string) => WorkbookGrids | Promise<WorkbookGrids>,
  read?: (path: string) => Uint8Array,
): Promise<ParseReply> {
  try {
    const bytes = req.bytes ?? (req.path !== undefined && read ? read(req.path) : undefined);
    if (!bytes) throw new Error("parse request without bytes");
    return { id: req.id, grids: await parse(bytes, req.name) };
  } catch (err) {
    return { id: req.id, error: errorToWire(err) };
  }
}

// ---- the pool (caller's side) ----

export interface WorkerEvents {
  /** A reply from the worker (or its READY note, ignored). */
  message(data: unknown): void;
  /** The worker died or could not start; `reason` is technical text. */
  failed(reason: string): void;
}

export interface ParseWorker {
  post(req: ParseRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
  /** Told whether the worker has files (Node: an idle worker must not keep the process alive). */
  hold?(busy: boolean): void;
  /** Already listening: its READY was seen by whoever started it (the pane's first worker). */
  ready?: boolean;
}

export type SpawnWorker = (events: WorkerEvents) => ParseWorker;

export interface ParsePoolOptions {
  /** Workers at most (started when files come, not before). */
  size: number;
  spawn: SpawnWorker;
  /** Per-file time limit in ms (none when 0 or absent). */
  timeoutMs?: number;
  /** Files queued on one worker at a time (default 2). */
  depth?: number;
}

interface Job {
  id: number;
  name: string;
  bytes?: Uint8Array;
  path?: string;
  resolve(g: WorkbookGrids): void;
  reject(e: Error): void;
}

interface Slot {
  worker: ParseWorker;
  jobs: Job[];
  timer?: ReturnType<typeof setTimeout>;
  dead: boolean;
  /** Its code is loaded (READY seen): until then a file's clock allows for the start. */
  ready: boolean;
}

/**
 * Added to the first file's limit while its worker is still loading (a cold start on a busy
 * machine, or from sources under jest), so the time to start is not charged to the file.
 */
export const START_GRACE_MS = 30_000;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly depth: number;
  /** Workers started (replacements included): for tests and figures. */
  spawned = 0;

  constructor(private readonly opts: ParsePoolOptions) {
    this.depth = Math.max(1, opts.depth ?? 2);
  }

  get size(): number {
    return Math.max(1, this.opts.size);
  }

  /** Parses on a worker; rejects with the same typed errors an in-thread read throws. */
  parse(bytes: Uint8Array, name: string): Promise<WorkbookGrids> {
    return this.add({ name, bytes });
  }

  /** Has the worker read the file itself (the command line's workers read from disk). */
  parseFile(path: string, name: string): Promise<WorkbookGrids> {
    return this.add({ name, path });
  }

  private add(what: { name: string; bytes?: Uint8Array; path?: string }): Promise<WorkbookGrids> {
    if (this.closed) return Promise.reject(new Error("parse pool closed"));
    return new Promise<WorkbookGrids>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, ...what, resolve, reject });
      this.pump();
    });
  }

  /** Ends every worker; files still waiting fail. */
  close(): void {
    this.closed = true;
    for (const s of this.slots.splice(0)) {
      this.retire(s);
      for (const j of s.jobs) j.reject(new Error("parse pool closed"));
    }
    for (const j of this.queue.splice(0)) j.reject(new Error("parse pool closed"));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      // An idle worker first, then a new one, then the least busy with room in its queue.
      let slot = this.slots.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.start();
      slot ??= this.slots.filter((s) => s.jobs.length < this.depth).sort((a, b) => a.jobs.length - b.jobs.length)[0];
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.jobs.push(job);
      if (slot.jobs.length === 1) {
        slot.worker.hold?.(true);
        this.arm(slot);
      }
      this.send(slot, job);
    }
  }

  private start(): Slot {
    const slot: Slot = { worker: undefined as unknown as ParseWorker, jobs: [], dead: false, ready: false };
    slot.worker = this.opts.spawn({
      message: (data) => this.onMessage(slot, data),
      failed: (reason) => this.onFailed(slot, reason),
    });
    slot.ready = slot.worker.ready === true;
    this.spawned++;
    this.slots.push(slot);
    return slot;
  }

  /**
   * The worker gets a copy of the bytes (the caller's stay usable: fill patches the same bytes
   * it had parsed), and the job keeps them until answered, so that a file queued behind one
   * that is stopped goes to another worker rather than being lost. A view into a larger
   * buffer is cut out first, so only the file is copied.
   */
  private send(slot: Slot, job: Job): void {
    const b = job.bytes;
    if (!b) {
      slot.worker.post({ id: job.id, name: job.name, path: job.path }, []);
      return;
    }
    const own = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
    slot.worker.post({ id: job.id, name: job.name, bytes: own ? b : b.slice() }, []);
  }

  /** Starts the clock of the file at the head of the worker's queue (again once the worker is ready). */
  private arm(slot: Slot): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    const ms = this.opts.timeoutMs ?? 0;
    if (ms > 0 && slot.jobs.length > 0) slot.timer = setTimeout(() => this.onTimeout(slot), slot.ready ? ms : ms + START_GRACE_MS);
  }

  private onMessage(slot: Slot, data: unknown): void {
    if (slot.dead) return;
    if (data === READY) {
      if (!slot.ready) {
        slot.ready = true;
        this.arm(slot);
      }
      return;
    }
    const reply = data as ParseReply;
    const i = slot.jobs.findIndex((j) => j.id === reply.id);
    if (i < 0) return;
    const [job] = slot.jobs.splice(i, 1);
    this.arm(slot);
    if (slot.jobs.length === 0) slot.worker.hold?.(false);
    if (reply.error) job.reject(errorFromWire(reply.error));
    else job.resolve(reply.grids);
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    const [job, ...rest] = slot.jobs;
    if (!job) return;
    this.drop(slot, rest);
    job.reject(WorkbookReadError.timeout(job.name, Math.round((this.opts.timeoutMs ?? 0) / 100) / 10));
    this.pump();
  }

  private onFailed(slot: Slot, reason: string): void {
    if (slot.dead) return;
    const [job, ...rest] = slot.jobs;
    this.drop(slot, rest);
    job?.reject(new ProblemError("read-failed", { file: job.name, detail: `reader stopped: ${reason}` }));
    this.pump();
  }

  /** Ends a worker; the files queued behind the one it was on (not started) go back to the front of the queue. */
  private drop(slot: Slot, rest: Job[]): void {
    const k = this.slots.indexOf(slot);
    if (k >= 0) this.slots.splice(k, 1);
    this.retire(slot);
    this.queue.unshift(...rest);
  }

  private retire(slot: Slot): void {
    slot.dead = true;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    try {
      slot.worker.terminate();
    } catch {
      // already gone
    }
  }
}
