/**
 * The look-ahead behind merge's reading: results in input order whatever finishes first, at
 * most `ahead + 1` items in flight, failures kept to their item.
 */
import { forEachInOrder, type Settled } from "../../src/jobs/ordered";
import { mergeFiles } from "../../src/jobs/merge-files";
import { gridFromValues, type WorkbookGrids } from "../../src/form/grid";
import { ANNEX } from "../../src/form/spec";
import type { ByteSource } from "../../src/jobs/sources";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("forEachInOrder", () => {
  it("hands results over in input order when later items finish first", async () => {
    const delays = [40, 5, 30, 0, 20, 10, 0, 35, 1, 15];
    const finished: number[] = [];
    const consumed: number[] = [];
    await forEachInOrder(
      delays,
      async (ms, i) => {
        await sleep(ms);
        finished.push(i);
        return i * 10;
      },
      (r) => {
        if (r.ok) consumed.push(r.value);
      },
      4,
    );
    expect(consumed).toEqual(delays.map((_, i) => i * 10));
    // The look-ahead did overlap: something finished before an earlier item.
    expect(finished).not.toEqual([...finished].sort((a, b) => a - b));
  });

  it("keeps at most ahead + 1 items started and not yet consumed, however long the list", async () => {
    for (const ahead of [0, 1, 3, 8]) {
      let open = 0;
      let most = 0;
      await forEachInOrder(
        Array.from({ length: 200 }, (_, i) => i),
        async (i) => {
          open++;
          most = Math.max(most, open);
          await sleep(i % 3);
          return i;
        },
        () => {
          open--;
        },
        ahead,
      );
      expect(most).toBe(ahead + 1);
    }
  });

  it("a failure (thrown or rejected) is that item's result only; the others go on", async () => {
    const results: Settled<number>[] = [];
    await forEachInOrder(
      [1, 2, 3, 4],
      (x) => {
        if (x === 2) throw new Error("sync two");
        if (x === 3) return Promise.reject(new Error("async three"));
        return x;
      },
      (r) => {
        results.push(r);
      },
      2,
    );
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([1, "sync two", "async three", 4]);
  });
});

describe("mergeFiles reads ahead and still merges in input order", () => {
  const book = (unit: string): WorkbookGrids => ({
    source: unit,
    sheets: [
      gridFromValues("2018年7月", [
        ["填报单位：", unit],
        ["项目", "本月数", "累计数"],
        ...ANNEX.items.map((item, i) => [item.label, i === 1 ? 2 : 1, i === 1 ? 2 : 1]),
      ]),
    ],
  });

  it("the same outcome whichever file takes longest to read, progress counting up to the total", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `单位${String(i + 1).padStart(2, "0")}`);
    const run = async (delay: (i: number) => number) => {
      const progress: number[] = [];
      const sources: ByteSource[] = names.map((n, i) => ({
        name: `${n}.xlsx`,
        read: async () => {
          await sleep(delay(i));
          if (i === 4) throw new Error("disk on fire");
          return new Uint8Array([i]);
        },
      }));
      const result = await mergeFiles(sources, (bytes) => book(names[bytes[0]]), {
        spec: ANNEX,
        period: { year: 2018, month: 7 },
        startMonth: 1,
        deadlineDay: 10,
        onProgress: (done) => progress.push(done),
        ahead: 5,
      });
      return { result, progress };
    };
    const a = await run(() => 0);
    const b = await run((i) => (12 - i) * 3);
    expect(b.result).toEqual(a.result);
    expect(a.result.files.map((f) => f.status)).toEqual(names.map((_, i) => (i === 4 ? "unreadable" : "included")));
    expect(b.progress).toEqual(Array.from({ length: 13 }, (_, i) => i));
  });
});
