/** onReportChanged: worksheet.onChanged subscriptions and their removal. */
import { setup } from "./helpers";

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe("onReportChanged", () => {
  test("reports edits on the watched sheets until unsubscribed", async () => {
    const { book, host, syncs } = setup();
    book.addSheet("R");
    book.addSheet("Other");
    const seen: unknown[] = [];
    let off: () => Promise<void> = async () => undefined;
    expect(await syncs(async () => (off = await host.onReportChanged(["R"], (c) => seen.push(c))))).toBe(1);
    book.userEdit("R", 4, 2, 7);
    book.userEdit("Other", 0, 0, 1);
    await host.writeRanges([{ sheet: "R", address: "D5", values: [[1]] }]);
    await tick();
    expect(seen).toEqual([
      { sheet: "R", address: "C5" },
      { sheet: "R", address: "D5" },
    ]);
    await off();
    book.userEdit("R", 0, 0, 1);
    await tick();
    expect(seen).toHaveLength(2);
    expect(book.droppedOps).toBe(0);
  });

  test("without event support it is a no-op and says so through capabilities", async () => {
    const { book, host, syncs } = setup({ excelApi: "1.6" });
    book.addSheet("R");
    expect(host.capabilities.changeEvents).toBe(false);
    expect(host.degraded).toContain("changeEvents");
    let off: () => Promise<void> = async () => undefined;
    expect(await syncs(async () => (off = await host.onReportChanged(["R"], () => undefined)))).toBe(0);
    await off();
  });
});
