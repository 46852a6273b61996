/**
 * A list worked through in order with a bounded look-ahead: the work on an item (reading a
 * file, parsing it, perhaps on a worker) starts up to `ahead` items before its result is
 * wanted, and results are handed over strictly in input order. So reading overlaps parsing,
 * parsing can run on several workers, outputs do not depend on which finished first, and at
 * most `ahead + 1` items are held at a time however long the list is.
 */

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** `for await (const { item, result } of inOrder(...))`: each item's outcome, in input order. */
export async function* inOrder<T, R>(
  items: readonly T[],
  start: (item: T, index: number) => R | Promise<R>,
  ahead: number,
): AsyncGenerator<{ item: T; index: number; result: Settled<R> }, void, undefined> {
  const window = Math.max(0, Math.floor(ahead));
  const started = new Map<number, Promise<Settled<R>>>();
  const launch = (i: number) => {
    // Started in a promise so that a synchronous throw is a failed item too, never unhandled.
    started.set(
      i,
      Promise.resolve()
        .then(() => start(items[i], i))
        .then(
          (value): Settled<R> => ({ ok: true, value }),
          (error: unknown): Settled<R> => ({ ok: false, error }),
        ),
    );
  };
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next <= i + window) launch(next++);
    const result = await (started.get(i) as Promise<Settled<R>>);
    // Dropped as soon as it is taken: nothing but the look-ahead is held.
    started.delete(i);
    yield { item: items[i], index: i, result };
  }
}

/** The same with a callback per item. */
export async function forEachInOrder<T, R>(
  items: readonly T[],
  start: (item: T, index: number) => R | Promise<R>,
  consume: (result: Settled<R>, item: T, index: number) => void | Promise<void>,
  ahead: number,
): Promise<void> {
  for await (const { item, index, result } of inOrder(items, start, ahead)) await consume(result, item, index);
}
