/**
 * The request context and the proxy base class: statements are queued and run only at
 * context.sync(), in order; loaded values become readable only after that sync; reading a
 * property that was not loaded throws PropertyNotLoaded.
 * https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
 */
import { FakeOfficeError, officeError, propertyNotLoaded } from "./errors";
import type { FakeWorkbook } from "./model";
import type { WorkbookProxy } from "./proxies";

interface Op {
  label: string;
  run: () => void;
  bytes: number;
}

export interface RunOptionsLike {
  delayForCellEdit?: boolean;
}

const encoder = new TextEncoder();

/** UTF-8 size of the JSON a statement would carry to Excel. */
export function payloadBytes(v: unknown): number {
  return encoder.encode(JSON.stringify(v) ?? "").length;
}

export class FakeContext {
  private queue: Op[] = [];
  /** Cell edits made by the current sync, delivered to onChanged handlers after it. */
  private changes: { sheetId: string; address: string }[] = [];
  /** Set right after construction (index.ts); a type-only import keeps modules acyclic. */
  workbook!: WorkbookProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(
    readonly book: FakeWorkbook,
    readonly options: RunOptionsLike = {},
  ) {}

  enqueue(label: string, run: () => void, bytes = 64): void {
    this.queue.push({ label, run, bytes });
  }

  get pending(): number {
    return this.queue.length;
  }

  dropPending(): number {
    const n = this.queue.length;
    this.queue = [];
    return n;
  }

  noteChange(sheetId: string, address: string): void {
    this.changes.push({ sheetId, address });
  }

  /**
   * Runs the queued statements in order. A failing statement stops the batch; statements
   * before it stay applied (Excel has no transaction across a batch), which is why the
   * adapter must clean up after a failed write.
   */
  async sync(): Promise<void> {
    const book = this.book;
    book.syncCount += 1;
    const n = book.syncCount;
    const ops = this.queue;
    this.queue = [];
    this.changes = [];
    await Promise.resolve();
    if (book.cellEditMode && !this.options.delayForCellEdit) throw officeError("InvalidOperationInCellEditMode");
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    book.maxPayloadBytes = Math.max(book.maxPayloadBytes, bytes);
    // https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
    if (bytes > book.payloadLimitBytes) throw officeError("RequestPayloadSizeLimitExceeded");
    const failure = book.takeFailure(n);
    try {
      ops.forEach((op, i) => {
        const hit = failure && (failure.atStatement !== undefined ? op.label === failure.atStatement : i === failure.afterOps);
        if (failure && hit) throw officeError(failure.code, `Fake: injected failure at sync ${n}`).withLocation(op.label);
        try {
          op.run();
        } catch (e) {
          if (e instanceof FakeOfficeError) throw e.withLocation(op.label);
          throw e;
        }
      });
      if (failure && failure.atStatement === undefined) throw officeError(failure.code, `Fake: injected failure at sync ${n}`);
    } finally {
      this.deliverChanges();
    }
  }

  private deliverChanges(): void {
    const changes = this.changes;
    this.changes = [];
    for (const ch of changes) {
      const sheet = this.book.sheets.find((s) => s.id === ch.sheetId);
      if (!sheet) continue;
      for (const l of sheet.listeners) setTimeout(() => l({ address: ch.address, worksheetId: ch.sheetId, source: "Local" }), 0);
    }
  }
}

/** Where a proxy points, fixed by the statement that created it (as Excel does). */
export class Handle<T> {
  private state: { bound: false } | { bound: true; value: T | null } = { bound: false };

  bind(value: T | null): void {
    this.state = { bound: true, value };
  }

  get bound(): boolean {
    return this.state.bound;
  }

  get isNull(): boolean {
    return this.state.bound && this.state.value === null;
  }

  /** At sync time: the target, or an error for a null object. */
  get(): T {
    if (!this.state.bound) throw officeError("GeneralException", "Fake: proxy used before the statement that creates it ran");
    if (this.state.value === null)
      // The documentation does not say what a statement on a null object does; the fake
      // refuses so that the adapter never relies on it.
      throw officeError("InvalidOperation", "Fake: statement on a null object");
    return this.state.value;
  }
}

export type LoadOption = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

/** "a, b/c" / ["a","b/c"] / {select:"a"} / {a:true, b:{c:true}} → [["a"],["b","c"]]. */
export function parseLoad(opt: LoadOption): string[][] {
  if (opt === undefined) return [];
  if (typeof opt === "string")
    return opt
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => s.split("/"));
  if (Array.isArray(opt)) return opt.flatMap((s) => parseLoad(s));
  if (typeof opt.select === "string") return parseLoad(opt.select);
  const out: string[][] = [];
  const walk = (o: Record<string, unknown>, prefix: string[]): void => {
    for (const [k, v] of Object.entries(o)) {
      if (k === "$all") continue;
      if (v === true) out.push([...prefix, k]);
      else if (v && typeof v === "object") walk(v as Record<string, unknown>, [...prefix, k]);
    }
  };
  walk(opt as Record<string, unknown>, []);
  return out;
}

export abstract class FakeClientObject {
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(readonly context: FakeContext) {}

  /** Readers of the scalar properties, run at sync time. */
  protected abstract readers(): Record<string, () => unknown>;

  /** Navigation properties that a load path may go through ("format/fill/color"). */
  protected navigation(): Record<string, FakeClientObject> {
    return {};
  }

  /** Whether the target is a null object (only meaningful once bound). */
  protected targetIsNull(): boolean {
    return false;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded("isNullObject");
    return this.nullState;
  }

  load(option?: LoadOption): this {
    this.queueLoad(parseLoad(option));
    return this;
  }

  /** Statements that bind a proxy also record whether it is a null object. */
  protected markNull(isNull: boolean): void {
    this.nullState = isNull;
  }

  queueLoad(paths: string[][]): void {
    const readers = this.readers();
    const nav = this.navigation();
    const scalars: string[] = [];
    const deeper = new Map<string, string[][]>();
    if (paths.length === 0) scalars.push(...Object.keys(readers));
    for (const p of paths) {
      const [head, ...rest] = p;
      if (rest.length === 0 && head in readers) scalars.push(head);
      else if (head in nav) deeper.set(head, [...(deeper.get(head) ?? []), ...(rest.length ? [rest] : [])]);
      else throw new Error(`Fake: cannot load "${p.join("/")}" on ${this.constructor.name}`);
    }
    this.context.enqueue(`${this.constructor.name}.load`, () => {
      const isNull = this.targetIsNull();
      this.nullState = isNull;
      for (const s of scalars) this.loaded.set(s, isNull ? null : readers[s]());
    });
    for (const [head, rest] of deeper) nav[head].queueLoad(rest);
  }

  /** Sets a loaded value directly (collections fill their items this way at sync). */
  protected setLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  protected loadedNow(names: string[]): void {
    const readers = this.readers();
    this.nullState = false;
    for (const n of names) this.loaded.set(n, readers[n]());
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) throw propertyNotLoaded(name);
    return this.loaded.get(name) as T;
  }

  /** Queues a property set or method call; it runs at the next sync. */
  protected queue(label: string, run: () => void, payload?: unknown): void {
    this.context.enqueue(label, run, payload === undefined ? 64 : payloadBytes(payload) + 64);
  }
}
