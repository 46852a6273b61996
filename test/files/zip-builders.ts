/**
 * Builders for hostile zip files in tests: a raw zip writer that lets the central
 * directory say anything, and a hand-made DEFLATE stream that expands ~1000:1, so a
 * 1 GiB bomb costs ~1 MB and a few milliseconds to build.
 */
import { deflateSync, strToU8 } from "fflate";

export interface RawEntry {
  name: string;
  /** Bytes as stored in the archive (already compressed when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared uncompressed size (may lie). */
  size: number;
}

/** Entries of a minimal workbook whose only sheet is `sheetXml` (compressed normally). */
export function workbookEntries(sheet: RawEntry | string): RawEntry[] {
  const plain = (name: string, text: string): RawEntry => {
    const raw = strToU8(text);
    return { name, data: deflateSync(raw), method: 8, size: raw.length };
  };
  const NS =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return [
    plain("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    plain(
      "_rels/.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    plain("xl/workbook.xml", `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    plain(
      "xl/_rels/workbook.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    typeof sheet === "string" ? plain("xl/worksheets/sheet1.xml", sheet) : sheet,
  ];
}

function le(n: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
  return out;
}

/** A zip archive with exactly the declared sizes given (CRCs are zero: the reader does not check them). */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: number[][] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = [
      ...le(0x04034b50, 4),
      ...le(20, 2),
      ...le(0x800, 2),
      ...le(e.method, 2),
      ...le(0, 4),
      ...le(0, 4),
      ...le(e.data.length, 4),
      ...le(Math.min(e.size, 0xfffffffe), 4),
      ...le(name.length, 2),
      ...le(0, 2),
    ];
    chunks.push(new Uint8Array(local), name, e.data);
    central.push([
      ...le(0x02014b50, 4),
      ...le(20, 2),
      ...le(20, 2),
      ...le(0x800, 2),
      ...le(e.method, 2),
      ...le(0, 4),
      ...le(0, 4),
      ...le(e.data.length, 4),
      ...le(Math.min(e.size, 0xfffffffe), 4),
      ...le(name.length, 2),
      ...le(0, 2),
      ...le(0, 2),
      ...le(0, 2),
      ...le(0, 2),
      ...le(0, 4),
      ...le(offset, 4),
      ...name,
    ]);
    offset += local.length + name.length + e.data.length;
  }
  const cd = central.flat();
  const eocd = [
    ...le(0x06054b50, 4),
    ...le(0, 4),
    ...le(entries.length, 2),
    ...le(entries.length, 2),
    ...le(cd.length, 4),
    ...le(offset, 4),
    ...le(0, 2),
  ];
  chunks.push(new Uint8Array(cd), new Uint8Array(eocd));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

class BitWriter {
  bytes: Uint8Array;
  private bit = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  /** Value's bits LSB first (header fields, extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.put((value >> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  code(code: string): void {
    for (const ch of code) this.put(ch === "1" ? 1 : 0);
  }
  skipZeroBits(count: number): void {
    this.bit += count;
  }
  private put(b: number): void {
    if (b) this.bytes[this.bit >> 3] |= 1 << (this.bit & 7);
    this.bit++;
  }
  get length(): number {
    return (this.bit + 7) >> 3;
  }
}

/**
 * Raw DEFLATE of (1 + 258 × repeats) zero bytes in one dynamic block where "copy 258 bytes
 * from distance 1" costs 2 bits: ~1 MB of input per GiB of output.
 */
export function zeroBomb(repeats: number): { data: Uint8Array; size: number } {
  const w = new BitWriter(Math.ceil((repeats * 2) / 8) + 64);
  w.bits(1, 1); // BFINAL
  w.bits(2, 2); // dynamic Huffman
  w.bits(29, 5); // HLIT: 286 literal/length codes
  w.bits(0, 5); // HDIST: 1 distance code
  w.bits(14, 4); // HCLEN: 18 code-length codes
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLen: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const sym of order) w.bits(clLen[sym] ?? 0, 3);
  // Code-length codes: 18 → "0", 1 → "10", 2 → "11".
  w.code("11"); // literal 0: length 2
  w.code("0");
  w.bits(127, 7); // 138 zeros
  w.code("0");
  w.bits(106, 7); // 117 zeros (literals 1..255)
  w.code("11"); // 256 (end of block): length 2
  w.code("0");
  w.bits(17, 7); // 28 zeros (257..284)
  w.code("10"); // 285 (length 258): length 1
  w.code("10"); // distance 0 (distance 1): length 1
  // Literal/length codes: 285 → "0", 0 → "10", 256 → "11"; distance 0 → "0".
  w.code("10"); // one literal zero byte
  w.skipZeroBits(repeats * 2); // repeats × (285 "0" + distance "0")
  w.code("11"); // end of block
  return { data: w.bytes.subarray(0, w.length), size: 1 + 258 * repeats };
}
