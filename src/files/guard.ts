/**
 * Everything that touches a user's bytes before any parser does: sniff the container by
 * content (never by extension), enforce size limits from the zip central directory, and
 * inflate entries with a hard cap so a lying header cannot make us allocate more than the
 * limits allow. Pure TypeScript (fflate, or the host's own inflater): runs in Node and in the browser.
 */
import { fflateInflate } from "./fflate-lazy";
import { WorkbookReadError } from "./errors";
import { nonZipFormat } from "./cfb";

export interface ReadLimits {
  /** Size of the input file in bytes. */
  maxFileBytes: number;
  /** Sum of uncompressed sizes of the entries we inflate (and of all declared sizes). */
  maxTotalBytes: number;
  /** Uncompressed size of one entry. */
  maxEntryBytes: number;
  maxEntries: number;
  /** Largest compression ratio allowed for an entry larger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxTotalBytes: 320 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export type Container = "zip" | "ole2" | "unknown";

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniff(bytes: Uint8Array): Container {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) {
    return "zip";
  }
  if (bytes.length >= 8 && OLE2_MAGIC.every((b, i) => bytes[i] === b)) return "ole2";
  return "unknown";
}

/**
 * Refuses, with a typed error, anything the .xlsx reader cannot open: the container is sniffed
 * by content (workbookFormat below), so an OLE2 or ODS file reaching the .xlsx reader directly
 * is named for what it is rather than called damaged.
 */
export function assertZipWorkbook(bytes: Uint8Array, file: string, limits: ReadLimits): void {
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbookReadError("too-large", file, `${mb(bytes.length)} > ${mb(limits.maxFileBytes)}`);
  }
  if (sniff(bytes) === "zip") return;
  // Throws the real reason (encrypted, a CSV, an HTML page...); a readable legacy workbook
  // here is a caller that skipped the dispatch (src/files/formats.ts): a bug, not the user's file.
  const { format } = nonZipFormat(bytes, file, limits);
  throw new Error(`${file}: a ${format} workbook was handed to the .xlsx reader`);
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/**
 * An entry's name, with "\\" read as "/". Bit 11 of the flags: UTF-8; older writers use the
 * OEM code page, but part names are ASCII, read here without a decoder (the usual case).
 */
function entryName(bytes: Uint8Array, at: number, len: number, flags: number): string {
  let plain = "";
  for (let i = at; i < at + len; i++) {
    const b = bytes[i];
    if (b >= 0x80) return ((flags & 0x800) !== 0 ? utf8 : latin1).decode(bytes.subarray(at, at + len)).replace(/\\/g, "/");
    plain += String.fromCharCode(b === 0x5c ? 0x2f : b);
  }
  return plain;
}

/** Reads the central directory (never the entries' data) and checks the declared sizes. */
export function readCentralDirectory(bytes: Uint8Array, file: string, limits: ReadLimits): ZipEntry[] {
  const n = bytes.length;
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 65535; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new WorkbookReadError("truncated", file, "no zip directory");
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // Zip64: the locator sits just before the EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw new WorkbookReadError("corrupt", file, "bad zip64 locator");
    const z = u64(bytes, loc + 8);
    if (z + 56 > n || u32(bytes, z) !== 0x06064b50) throw new WorkbookReadError("truncated", file, "zip64 directory missing");
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > limits.maxEntries) throw new WorkbookReadError("zip-bomb", file, `${count} entries`);
  if (cdOffset + cdSize > n) throw new WorkbookReadError("truncated", file, "zip directory cut off");

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) throw new WorkbookReadError("corrupt", file, "bad zip directory entry");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const name = entryName(bytes, p + 46, nameLen, flags);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 1) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
          break;
        }
        e += 4 + len;
      }
    }
    if (size > limits.maxEntryBytes) throw new WorkbookReadError("zip-bomb", file, `${name}: ${mb(size)}`);
    total += size;
    if (total > limits.maxTotalBytes) throw new WorkbookReadError("zip-bomb", file, `declared ${mb(total)}`);
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxRatio) {
      throw new WorkbookReadError("zip-bomb", file, `${name}: ratio ${Math.round(size / Math.max(1, compressedSize))}:1`);
    }
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * DEFLATE expands at most 1032:1, so handing the inflater at most (room left ÷ 1032) bytes
 * of input at a time means one push cannot overshoot the cap by more than ~1 MB.
 */
const MAX_RATIO = 1032;
const MIN_CHUNK = 1024;
const MAX_CHUNK = 64 * 1024;

/**
 * A zip archive whose entries are inflated on demand, each capped at its declared size
 * (a header that lies is caught the moment the output passes it) and all together capped
 * at the total limit.
 */
export class ZipArchive {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /** Made on the first miss: most packages name their parts as their relationships do. */
  private byLowerName: Map<string, ZipEntry | null> | undefined;
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    readonly file: string,
    private readonly limits: ReadLimits,
  ) {
    assertZipWorkbook(bytes, file, limits);
    this.entries = readCentralDirectory(bytes, file, limits);
    for (const e of this.entries) {
      const key = stripSlashes(e.name);
      // Two parts of one name: readers differ on which is the workbook's, so none is taken.
      if (this.byName.has(key)) throw new WorkbookReadError("corrupt", file, `two parts named ${key.slice(0, 60)}`);
      this.byName.set(key, e);
    }
  }

  /** Finds a part by name; part names are case-insensitive in OPC. */
  entry(name: string): ZipEntry | undefined {
    const key = stripSlashes(name);
    const hit = this.byName.get(key);
    if (hit !== undefined) return hit;
    if (!this.byLowerName) {
      this.byLowerName = new Map();
      for (const e of this.entries) {
        const lower = stripSlashes(e.name).toLowerCase();
        this.byLowerName.set(lower, this.byLowerName.has(lower) ? null : e);
      }
    }
    const folded = this.byLowerName.get(key.toLowerCase());
    // Names that differ only in case are one part name in OPC: which one is meant is unknowable.
    if (folded === null) throw new WorkbookReadError("corrupt", this.file, `two parts named ${key.slice(0, 60)}`);
    return folded;
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  read(name: string): Uint8Array | undefined {
    const e = this.entry(name);
    return e ? this.inflate(e) : undefined;
  }

  /**
   * A part as text (UTF-8). A part whose compressed bytes are those of one met before (in
   * this file or an earlier one) is not inflated and decoded again: the units' copies of one
   * template hold the same relationships, styles and workbook part byte for byte. Only an
   * exact match of the bytes counts, so no file can pass its text off as another's. `shared`
   * says the part is of that kind; a unit's own sheet and strings are not remembered (they
   * would only fill the memory and make the collector copy them).
   */
  text(name: string, shared = false): string | undefined {
    const e = this.entry(name);
    if (!e) return undefined;
    const data = this.stored(e);
    if (!shared || e.method !== 8 || e.size > PART_CACHE_SIZE) return utf8.decode(this.expand(e, data));
    const key = `${e.size}:${data.length}`;
    const seen = partTexts.get(key);
    if (seen) for (const p of seen) if (sameBytes(p.data, data)) return p.text;
    const text = utf8.decode(this.expand(e, data));
    rememberPart(key, data, text);
    return text;
  }

  inflate(e: ZipEntry): Uint8Array {
    return this.expand(e, this.stored(e));
  }

  /** The entry's stored bytes, after the checks every read makes (counted against the total). */
  private stored(e: ZipEntry): Uint8Array {
    const { bytes, file } = this;
    if ((e.flags & 1) !== 0) throw new WorkbookReadError("encrypted", file, `${e.name} is encrypted`);
    const h = e.localOffset;
    if (h + 30 > bytes.length) throw new WorkbookReadError("truncated", file, `${e.name} cut off`);
    if (u32(bytes, h) !== 0x04034b50) throw new WorkbookReadError("corrupt", file, `${e.name}: bad local header`);
    const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw new WorkbookReadError("truncated", file, `${e.name} cut off`);
    this.inflated += e.size;
    if (this.inflated > this.limits.maxTotalBytes)
      throw new WorkbookReadError("zip-bomb", file, `total over ${mb(this.limits.maxTotalBytes)}`);
    return bytes.subarray(start, end);
  }

  private expand(e: ZipEntry, data: Uint8Array): Uint8Array {
    const { file } = this;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new WorkbookReadError("corrupt", file, `${e.name}: stored size mismatch`);
      return data;
    }
    if (e.method !== 8) throw new WorkbookReadError("corrupt", file, `${e.name}: compression method ${e.method}`);
    return inflateCapped(data, e.size, file, e.name);
  }
}

/** Parts up to this size (inflated) are remembered by their compressed bytes; see ZipArchive.text. */
const PART_CACHE_SIZE = 64 * 1024;
/** At most this many (a few MB at worst); then the memory starts over. */
const PART_CACHE_ENTRIES = 64;
const partTexts = new Map<string, { data: Uint8Array; text: string }[]>();
let partCount = 0;

function rememberPart(key: string, data: Uint8Array, text: string): void {
  if (partCount >= PART_CACHE_ENTRIES) {
    partTexts.clear();
    partCount = 0;
  }
  const list = partTexts.get(key) ?? [];
  if (list.length >= 4) return;
  // A copy: the file's own buffer is let go once it is read.
  list.push({ data: data.slice(), text });
  partTexts.set(key, list);
  partCount++;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function stripSlashes(name: string): string {
  return name.charCodeAt(0) === 47 ? name.replace(/^\/+/, "") : name;
}

class OverCap extends Error {}

/**
 * Compressed entries up to this size are inflated in one call into a buffer one byte
 * larger than declared (a lying header fills the spare byte): at most ~17 MB of wasted
 * work, once, before the error. Larger entries stream with a running cap. The one-call path
 * avoids the streaming inflater's 128 KB scratch buffer per entry, which dominated the
 * time of reading small unit workbooks.
 */
const ONE_SHOT_MAX = 16 * 1024;

/**
 * A host's own inflater (Node's zlib, native and about twice as fast as fflate on unit
 * workbooks): raw DEFLATE in; out, the data, or `undefined` when it would pass `limit` bytes
 * (it must stop there, never inflate further); throws on bad data.
 */
export type RawInflate = (data: Uint8Array, limit: number) => Uint8Array | undefined;
let hostInflate: RawInflate | undefined;

/** Installs (or with undefined removes) the host's inflater; src/files/node.ts installs zlib's. */
export function installRawInflate(f: RawInflate | undefined): void {
  hostInflate = f;
}

/** Inflates raw DEFLATE data into exactly `size` bytes, refusing output beyond it. */
export function inflateCapped(data: Uint8Array, size: number, file: string, part: string): Uint8Array {
  if (hostInflate) {
    let out: Uint8Array | undefined;
    try {
      out = hostInflate(data, size + 1);
    } catch {
      throw new WorkbookReadError("corrupt", file, `${part}: bad compressed data`);
    }
    if (out === undefined || out.length > size)
      throw new WorkbookReadError("zip-bomb", file, `${part} inflates past its declared ${mb(size)}`);
    if (out.length < size) throw new WorkbookReadError("corrupt", file, `${part}: ${out.length} of ${size} bytes`);
    return out;
  }
  if (data.length <= ONE_SHOT_MAX) {
    let out: Uint8Array;
    try {
      out = fflateInflate().inflateSync(data, { out: new Uint8Array(size + 1) });
    } catch {
      throw new WorkbookReadError("corrupt", file, `${part}: bad compressed data`);
    }
    if (out.length > size) throw new WorkbookReadError("zip-bomb", file, `${part} inflates past its declared ${mb(size)}`);
    if (out.length < size) throw new WorkbookReadError("corrupt", file, `${part}: ${out.length} of ${size} bytes`);
    return out;
  }
  const out = new Uint8Array(size);
  let at = 0;
  let done = false;
  const inf = new (fflateInflate().Inflate)((chunk, final) => {
    if (at + chunk.length > size) throw new OverCap();
    out.set(chunk, at);
    at += chunk.length;
    if (final) done = true;
  });
  try {
    let i = 0;
    do {
      const room = Math.ceil((size - at) / MAX_RATIO);
      const step = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, room));
      const last = i + step >= data.length;
      inf.push(last ? data.subarray(i) : data.subarray(i, i + step), last);
      i += step;
    } while (i < data.length);
  } catch (err) {
    if (err instanceof OverCap) throw new WorkbookReadError("zip-bomb", file, `${part} inflates past its declared ${mb(size)}`);
    throw new WorkbookReadError("corrupt", file, `${part}: bad compressed data`);
  }
  if (!done || at !== size) throw new WorkbookReadError("corrupt", file, `${part}: ${at} of ${size} bytes`);
  return out;
}
