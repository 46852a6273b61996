import { readFileSync } from "fs";
import { join } from "path";
import { describeError } from "../../src/form/problem-messages";
import { deflateSync, inflateSync } from "fflate";
import { readWorkbook, WorkbookReadError, listSheetNames } from "../../src/files";
import { DEFAULT_LIMITS, installRawInflate, ZipArchive } from "../../src/files/guard";
import { readWorkbookFile, zlibInflate } from "../../src/files/node";
import { buildZip, workbookEntries, zeroBomb } from "./zip-builders";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof WorkbookReadError) return err.code;
    throw err;
  }
  return "no error";
}

describe("the hand-made DEFLATE bomb", () => {
  it("really inflates to 1 + 258 × repeats zero bytes", () => {
    const { data, size } = zeroBomb(1000);
    const out = inflateSync(data);
    expect(out.length).toBe(size);
    expect(out.every((b) => b === 0)).toBe(true);
  });
});

// Importing node.ts installed zlib's inflater; the browser's fflate is tested as well.
describe.each(["zlib (Node)", "fflate (browser)"])("zip bombs are refused fast and without memory: %s inflater", (which) => {
  // 4,161,790 × 258 + 1 bytes ≈ 1 GiB from ≈ 1 MB of input.
  const bomb = zeroBomb(4_161_790);
  beforeAll(() => installRawInflate(which.startsWith("zlib") ? zlibInflate : undefined));
  afterAll(() => installRawInflate(zlibInflate));

  it("is a 1 MB file that expands to 1 GiB", () => {
    expect(bomb.data.length).toBeLessThan(1.1 * 1024 * 1024);
    expect(bomb.size).toBeGreaterThan(1023 * 1024 * 1024);
  });

  function assertRefusedQuickly(bytes: Uint8Array): void {
    const heap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    expect(codeOf(() => readWorkbook(bytes, "bomb.xlsx"))).toBe("zip-bomb");
    const ms = performance.now() - t0;
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heap;
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(100 * 1024 * 1024);
  }

  it("honest header: the declared 1 GiB is refused from the central directory", () => {
    const sheet = { name: "xl/worksheets/sheet1.xml", data: bomb.data, method: 8 as const, size: bomb.size };
    assertRefusedQuickly(buildZip(workbookEntries(sheet)));
  });

  it("lying header: a sheet declared as 2 KB is stopped once inflating passes 2 KB", () => {
    const sheet = { name: "xl/worksheets/sheet1.xml", data: bomb.data, method: 8 as const, size: 2048 };
    assertRefusedQuickly(buildZip(workbookEntries(sheet)));
  });

  it("lying header on a small entry (inflated in one call) is caught by the spare byte", () => {
    const small = zeroBomb(60_000); // ~15 KB in, ~15 MB out
    expect(small.data.length).toBeLessThan(16 * 1024);
    const sheet = { name: "xl/worksheets/sheet1.xml", data: small.data, method: 8 as const, size: 4096 };
    assertRefusedQuickly(buildZip(workbookEntries(sheet)));
  });

  it("lying header on a part we would read first (the workbook rels) is caught too", () => {
    const entries = workbookEntries("<worksheet/>");
    entries[3] = { ...entries[3], data: bomb.data, size: entries[3].size };
    assertRefusedQuickly(buildZip(entries));
  });

  it("a compression ratio above 200:1 past 1 MB is refused before inflating", () => {
    const small = zeroBomb(10_000); // 2.5 MB out of ~2.5 KB in
    const sheet = { name: "xl/worksheets/sheet1.xml", data: small.data, method: 8 as const, size: small.size };
    expect(codeOf(() => readWorkbook(buildZip(workbookEntries(sheet)), "ratio.xlsx"))).toBe("zip-bomb");
    // The same entry passes when the caller allows the ratio: the bytes themselves are fine.
    const grids = readWorkbook(buildZip(workbookEntries({ ...sheet })), "ratio.xlsx", { limits: { maxRatio: 2000 } });
    expect(grids.sheets[0].cells).toEqual([]);
  });

  it("too many entries, too large a total, too large a file", () => {
    const many = workbookEntries("<worksheet/>");
    for (let i = 0; i < 20; i++) many.push({ name: `x/${i}.bin`, data: new Uint8Array(1), method: 0, size: 1 });
    expect(codeOf(() => readWorkbook(buildZip(many), "many.xlsx", { limits: { maxEntries: 10 } }))).toBe("zip-bomb");

    const big = workbookEntries("<worksheet/>");
    for (let i = 0; i < 3; i++) big.push({ name: `x/${i}.bin`, data: new Uint8Array(800_000), method: 8, size: 120 * 1024 * 1024 });
    expect(codeOf(() => readWorkbook(buildZip(big), "total.xlsx"))).toBe("zip-bomb");

    const ok = buildZip(workbookEntries("<worksheet/>"));
    expect(codeOf(() => readWorkbook(ok, "large.xlsx", { limits: { maxFileBytes: 100 } }))).toBe("too-large");
  });
});

describe("files that are not readable workbooks get a typed error naming them", () => {
  it("reads an .et that is really an xlsx (sniffed by content)", () => {
    const g = readWorkbook(fixture("xlsx-in-disguise.et"), "xlsx-in-disguise.et");
    expect(g.sheets.map((s) => s.sheet)).toEqual(["2018年7月", "旧表"]);
  });

  it("refuses an encrypted OOXML file (OLE2 with an EncryptedPackage stream), whatever its name", () => {
    for (const name of ["加密.xlsx", "加密.xls", "加密.et"]) {
      let err: unknown;
      try {
        readWorkbook(fixture("encrypted-ooxml.xlsx"), name);
      } catch (e) {
        err = e;
      }
      expect((err as WorkbookReadError).code).toBe("encrypted");
      expect(describeError(err, "zh")).toContain("取消密码");
    }
  });

  it("truncated, text and empty files", () => {
    expect(codeOf(() => readWorkbook(fixture("truncated.xlsx"), "truncated.xlsx"))).toBe("truncated");
    expect(codeOf(() => readWorkbook(fixture("text-renamed.xlsx"), "text-renamed.xlsx"))).toBe("not-a-workbook");
    expect(codeOf(() => readWorkbook(new Uint8Array(0), "empty.xlsx"))).toBe("not-a-workbook");
    expect(codeOf(() => listSheetNames(fixture("truncated.xlsx"), "t.xlsx"))).toBe("truncated");
  });

  it("a zip whose data is cut off after the directory was copied is truncated or corrupt, never a crash", () => {
    const whole = fixture("lo-unit.xlsx");
    // Keep the directory (the last 2 KB) but zero the middle: inflating must fail cleanly.
    const damaged = whole.slice();
    damaged.fill(0x55, 200, whole.length - 2500);
    expect(["corrupt", "truncated"]).toContain(codeOf(() => readWorkbook(damaged, "damaged.xlsx")));
  });

  it("two parts of one name (a trick that makes readers disagree on the figures) are refused, not guessed", () => {
    const sheet = (v: number) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>${v}</v></c></row></sheetData></worksheet>`;
    const entries = workbookEntries(sheet(1));
    const [second] = workbookEntries(sheet(2)).slice(-1);
    expect(codeOf(() => readWorkbook(buildZip([...entries, second]), "twice.xlsx"))).toBe("corrupt");
    // Names that differ only in case are one name in OPC: a lookup that needs folding is refused...
    const folded = workbookEntries(sheet(1)).map((e) =>
      e.name === "xl/worksheets/sheet1.xml" ? { ...e, name: "xl/worksheets/Sheet1.xml" } : e,
    );
    const upper = { ...second, name: "xl/worksheets/SHEET1.XML" };
    expect(codeOf(() => readWorkbook(buildZip([...folded, upper]), "case.xlsx"))).toBe("corrupt");
    // ...while one part named in another case is found, and an exact name is taken as written.
    expect(readWorkbook(buildZip(folded), "case.xlsx").sheets[0].cells[0][0]?.value).toBe(1);
    expect(readWorkbook(buildZip([...entries, upper]), "exact.xlsx").sheets[0].cells[0][0]?.value).toBe(1);
  });

  it("a part met before is not inflated again, and only the very same bytes count as met", () => {
    const part = (text: string, size?: number) => {
      const raw = new TextEncoder().encode(text);
      return { name: "xl/x.xml", data: deflateSync(raw), method: 8 as const, size: size ?? raw.length };
    };
    const a = part("<a>1</a>");
    const b = part("<a>2</a>");
    // Same declared and compressed sizes, other bytes: the second file must read its own.
    expect([b.size, b.data.length]).toEqual([a.size, a.data.length]);
    const open = (e: typeof a) => new ZipArchive(buildZip([e]), "t.xlsx", DEFAULT_LIMITS);
    expect(open(a).text("xl/x.xml", true)).toBe("<a>1</a>");
    expect(open(b).text("xl/x.xml", true)).toBe("<a>2</a>");
    expect(open(a).text("xl/x.xml", true)).toBe("<a>1</a>");
    // The same bytes declared larger than they inflate to are still refused.
    expect(codeOf(() => open(part("<a>1</a>", a.size + 1)).text("xl/x.xml", true))).toBe("corrupt");
    // And through the reader: two workbooks whose workbook parts differ in one letter.
    const named = (n: string) =>
      workbookEntries("<worksheet/>")
        .map((e) =>
          e.name === "xl/workbook.xml"
            ? part(
                `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${n}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
              )
            : e,
        )
        .map((e) => (e.name === "xl/x.xml" ? { ...e, name: "xl/workbook.xml" } : e));
    expect(["S", "T", "S"].map((n) => listSheetNames(buildZip(named(n)), `${n}.xlsx`)[0])).toEqual(["S", "T", "S"]);
  });

  it("a zip that is not a workbook (no workbook part)", () => {
    const zip = buildZip([{ name: "word/document.xml", data: new Uint8Array([60, 97, 47, 62]), method: 0, size: 4 }]);
    expect(codeOf(() => readWorkbook(zip, "doc.docx"))).toBe("not-a-workbook");
  });

  it("missing files from disk are WorkbookReadErrors too", async () => {
    await expect(readWorkbookFile(join(__dirname, "no-such-file.xlsx"))).rejects.toMatchObject({
      name: "WorkbookReadError",
      code: "not-a-workbook",
      file: "no-such-file.xlsx",
    });
    await expect(readWorkbookFile(__dirname)).rejects.toMatchObject({ code: "not-a-workbook" });
    const g = await readWorkbookFile(join(__dirname, "../fixtures/lo-unit.xlsx"), { sheets: (n) => n === "2018年7月" });
    expect(g.source).toBe("lo-unit.xlsx");
    expect(g.sheets.map((s) => s.sheet)).toEqual(["2018年7月"]);
  });
});
