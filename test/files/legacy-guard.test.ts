/**
 * The guard in front of the legacy parser: OLE2 containers walked with bounds (a damaged or
 * hostile header is "corrupt" or "zip-bomb" in milliseconds, never a hang or a huge
 * allocation), ODS packages inflated under the .xlsx caps, encryption found in all three
 * forms, and a file no reader accepts named for what it is.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { deflateSync, strToU8 } from "fflate";
import { describeError } from "../../src/form/problem-messages";
import { readAnyWorkbook, workbookFormat, WorkbookReadError, type SheetJs } from "../../src/files";
import { nodeSheetJs } from "../../src/files/node";
import { buildZip, zeroBomb, type RawEntry } from "./zip-builders";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../fixtures", name)));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the parser's own CFB writer builds test containers
const X = require("@e965/xlsx") as SheetJs;

function errorOf(run: () => unknown): WorkbookReadError {
  try {
    run();
  } catch (err) {
    if (err instanceof WorkbookReadError) return err;
    throw err;
  }
  throw new Error("no error");
}
const codeOf = (bytes: Uint8Array, name = "x.xls", limits?: Parameters<typeof workbookFormat>[2]) =>
  errorOf(() => readAnyWorkbook(bytes, name, nodeSheetJs, { limits })).code;

const u32 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
const put32 = (b: Uint8Array, o: number, v: number) => {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
};

describe("OLE2 containers are checked before the parser sees them", () => {
  const xls = fixture("lo-unit.xls");
  const edited = (edit: (b: Uint8Array) => void) => {
    const b = xls.slice();
    edit(b);
    return b;
  };

  it("a bad header (sector size, FAT count, byte order) is corrupt", () => {
    expect(codeOf(edited((b) => (b[0x1e] = 20)))).toBe("corrupt");
    expect(codeOf(edited((b) => put32(b, 0x2c, 0x00ffffff)))).toBe("corrupt");
    expect(codeOf(edited((b) => (b[0x1c] = 0)))).toBe("corrupt");
  });

  it("a sector chain that loops or leaves the file is corrupt, at once", () => {
    // The directory's FAT entry pointing at itself: a cycle the walk must not follow forever.
    const loop = edited((b) => {
      const dir = u32(b, 0x30);
      const fat0 = u32(b, 0x4c);
      put32(b, (fat0 + 1) * 512 + dir * 4, dir);
    });
    const t0 = Date.now();
    expect(codeOf(loop)).toBe("corrupt");
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(codeOf(edited((b) => put32(b, 0x30, 0x7fffffff)))).toBe("corrupt");
  });

  it("a stream that claims to be larger than the file is corrupt; too many entries is refused", () => {
    const huge = edited((b) => {
      const dir = (u32(b, 0x30) + 1) * 512;
      // Entry 1 (after the root) is the workbook stream in LibreOffice's files.
      put32(b, dir + 128 + 0x78, 0x7fffffff);
    });
    expect(codeOf(huge)).toBe("corrupt");
    expect(codeOf(xls, "x.xls", { maxEntries: 2 })).toBe("zip-bomb");
    expect(codeOf(xls, "x.xls", { maxFileBytes: 1000 })).toBe("too-large");
  });

  it("a download cut short is truncated or corrupt, never a crash", () => {
    expect(codeOf(xls.slice(0, 300))).toBe("truncated");
    for (const keep of [0.3, 0.6, 0.9]) expect(["truncated", "corrupt"]).toContain(codeOf(xls.slice(0, Math.floor(xls.length * keep))));
  });

  /** lo-unit.xls with 8 bytes of its workbook stream overwritten (a seeded, repeatable damage). */
  const damaged = (seed: number) => {
    const b = xls.slice();
    let s = seed;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const from = 512 + Math.floor(rnd() * 4000);
    for (let i = 0; i < 8; i++) b[from + i] = Math.floor(rnd() * 256);
    return b;
  };

  it("what the parser throws on a damaged workbook stream becomes a typed error naming the file", () => {
    const e = errorOf(() => readAnyWorkbook(damaged(1), "损坏.xls", nodeSheetJs));
    expect(e.code).toBe("corrupt");
    expect(e.params.detail).toBe("BIFF parser refused it");
    expect(describeError(e, "zh")).toContain("文件“损坏.xls”已损坏");
  });

  it("any damage: grids or a typed error, never the parser's own exception", () => {
    for (let seed = 1; seed <= 80; seed++) {
      try {
        readAnyWorkbook(damaged(seed), "x.xls", nodeSheetJs);
      } catch (e) {
        expect({ seed, typed: e instanceof WorkbookReadError }).toEqual({ seed, typed: true });
      }
    }
  });
});

describe("ODS and XLSB packages get the .xlsx caps before the parser inflates them", () => {
  const mimetype = (mime = "application/vnd.oasis.opendocument.spreadsheet"): RawEntry => {
    const raw = strToU8(mime);
    return { name: "mimetype", data: raw, method: 0, size: raw.length };
  };
  const plain = (name: string, text: string): RawEntry => {
    const raw = strToU8(text);
    return { name, data: deflateSync(raw), method: 8, size: raw.length };
  };

  it("a content.xml whose header lies about its size is a zip bomb, refused fast", () => {
    const { data } = zeroBomb(200_000); // ~50 MB of zeros
    const lying: RawEntry = { name: "content.xml", data, method: 8, size: 1000 };
    const t0 = Date.now();
    expect(codeOf(buildZip([mimetype(), lying]), "bomb.ods")).toBe("zip-bomb");
    expect(Date.now() - t0).toBeLessThan(2000);
    const honest: RawEntry = { name: "xl/workbook.bin", data, method: 8, size: 1 + 258 * 200_000 };
    expect(codeOf(buildZip([honest]), "bomb.xlsb")).toBe("zip-bomb");
  });

  it("too many entries are refused from the directory alone", () => {
    const many = Array.from({ length: 20 }, (_, i) => plain(`p${i}.xml`, "<a/>"));
    expect(codeOf(buildZip([mimetype(), ...many]), "many.ods", { maxEntries: 10 })).toBe("zip-bomb");
  });

  it("an OpenDocument text is not a workbook", () => {
    const e = errorOf(() =>
      workbookFormat(buildZip([mimetype("application/vnd.oasis.opendocument.text"), plain("content.xml", "<a/>")]), "a.ods"),
    );
    expect(e.code).toBe("not-a-workbook");
  });
});

describe("password-protected files are the typed encrypted refusal, in every format", () => {
  it.each([
    ["encrypted.xls", "BIFF FILEPASS (LibreOffice, RC4)"],
    ["encrypted.ods", "ODF encryption (LibreOffice)"],
    ["encrypted-ooxml.xlsx", "OOXML EncryptedPackage in OLE2"],
  ])("%s: %s", (name) => {
    const e = errorOf(() => readAnyWorkbook(fixture(name), name, nodeSheetJs));
    expect(e.code).toBe("encrypted");
    expect(describeError(e, "zh")).toContain(`文件“${name}”设有打开密码`);
    expect(describeError(e, "en")).toContain("password-protected");
  });

  it("a bare BIFF stream with FILEPASS is encrypted too", () => {
    const rec = (id: number, data: number[]) => [id & 0xff, id >> 8, data.length & 0xff, data.length >> 8, ...data];
    const bytes = new Uint8Array([...rec(0x0009, [2, 0, 0x10, 0]), ...rec(0x002f, [0, 0, 0, 0]), ...rec(0x000a, [])]);
    expect(codeOf(bytes)).toBe("encrypted");
  });
});

describe("a file no reader accepts is named for what it is", () => {
  const kindOf = (bytes: Uint8Array, name: string) => {
    const e = errorOf(() => readAnyWorkbook(bytes, name, nodeSheetJs));
    expect(e.code).toBe("not-a-workbook");
    return (e.params as { kind?: string }).kind;
  };
  it.each([
    ["html-as.xls", "html", "网页（HTML）文件"],
    ["text-renamed.xlsx", "csv", "CSV 文本文件"],
  ])("%s → %s", (name, kind, words) => {
    expect(kindOf(fixture(name), name)).toBe(kind);
    expect(
      describeError(
        errorOf(() => readAnyWorkbook(fixture(name), name, nodeSheetJs)),
        "zh",
      ),
    ).toContain(`是${words}，不是工作簿`);
  });

  it("PDF, images, plain text, empty files, Word documents and plain zips", () => {
    expect(kindOf(strToU8("%PDF-1.7\n..."), "a.xls")).toBe("pdf");
    expect(kindOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]), "a.xls")).toBe("image");
    expect(kindOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "a.xls")).toBe("image");
    expect(kindOf(strToU8("云集镇 7月 本月数 5\n没有分隔符的一段话\n"), "a.xls")).toBe("text");
    expect(kindOf(new Uint8Array(0), "a.xls")).toBe("empty");
    expect(kindOf(strToU8("\ufeff<!DOCTYPE html><html><body><table></table></body></html>"), "a.xls")).toBe("html");
    expect(kindOf(buildZip([{ name: "word/document.xml", data: strToU8("<a/>"), method: 0, size: 4 }]), "a.xlsx")).toBe("word");
    expect(kindOf(buildZip([{ name: "photo.jpg", data: strToU8("xx"), method: 0, size: 2 }]), "a.xlsx")).toBe("zip");
    const doc = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(doc, "/WordDocument", Buffer.alloc(5000, 1));
    expect(kindOf(new Uint8Array(X.CFB.write(doc, { type: "buffer" }) as Buffer), "a.xls")).toBe("word");
  });
});
