/**
 * The OLE2 / Compound File Binary container (.xls, WPS .et, encrypted OOXML) checked before
 * any parser sees it: header, sector size, FAT / DIFAT / directory chains followed with a
 * step bound (a cycle or an out-of-file sector is "corrupt", not a hang), the directory's
 * entry count and every stream's size bounded by the limits. Only the few streams we need
 * (the workbook stream's globals, to look for FILEPASS) are ever read. Pure TypeScript.
 */
import { WorkbookReadError } from "./errors";
import { fileKind } from "./file-kind";

export interface CfbLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxEntries: number;
}

export interface CfbStream {
  name: string;
  start: number;
  size: number;
}

export interface Cfb {
  /** Stream entries (type 2) of the directory, any storage. */
  streams: CfbStream[];
  find(name: string): CfbStream | undefined;
  /** A stream's bytes (its first `max` bytes when given). */
  read(stream: CfbStream, max?: number): Uint8Array;
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

export function openCfb(bytes: Uint8Array, file: string, limits: CfbLimits): Cfb {
  const corrupt = (why: string): never => {
    throw new WorkbookReadError("corrupt", file, `OLE2: ${why}`);
  };
  if (bytes.length > limits.maxFileBytes) throw new WorkbookReadError("too-large", file, `${Math.ceil(bytes.length / 1048576)} MB`);
  if (bytes.length < 512) throw new WorkbookReadError("truncated", file, "OLE2 header cut off");
  if (u16(bytes, 0x1c) !== 0xfffe) corrupt("byte order mark");
  const major = u16(bytes, 0x1a);
  const shift = u16(bytes, 0x1e);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) corrupt(`version ${major}, sector shift ${shift}`);
  if (u16(bytes, 0x20) !== 6) corrupt("mini sector size");
  const size = 1 << shift;
  const perSector = size / 4;
  // Sectors after the header (which fills sector "-1"); a last partial sector counts.
  const sectors = Math.max(0, Math.ceil((bytes.length - size) / size));
  const fatCount = u32(bytes, 0x2c);
  const dirStart = u32(bytes, 0x30);
  const miniCutoff = u32(bytes, 0x38);
  const miniFatStart = u32(bytes, 0x3c);
  const difatStart = u32(bytes, 0x44);
  const difatCount = u32(bytes, 0x48);
  if (fatCount === 0 || fatCount > sectors) corrupt(`${fatCount} FAT sectors in ${sectors}`);
  if (difatCount > sectors) corrupt(`${difatCount} DIFAT sectors in ${sectors}`);
  if (miniCutoff !== 4096) corrupt("mini stream cutoff");

  const offset = (id: number): number => (id + 1) * size;
  const sectorOk = (id: number): boolean => id < sectors;

  // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
  const fatIds: number[] = [];
  for (let i = 0; i < 109 && fatIds.length < fatCount; i++) fatIds.push(u32(bytes, 0x4c + i * 4));
  let difat = difatStart;
  for (let n = 0; fatIds.length < fatCount; n++) {
    if (n >= difatCount || !sectorOk(difat)) corrupt("DIFAT chain");
    const at = offset(difat);
    for (let i = 0; i < perSector - 1 && fatIds.length < fatCount; i++) fatIds.push(u32(bytes, at + i * 4));
    difat = u32(bytes, at + (perSector - 1) * 4);
  }
  const fat = new Uint32Array(fatCount * perSector).fill(FREE);
  fatIds.forEach((id, k) => {
    if (!sectorOk(id)) corrupt("FAT sector outside the file");
    const at = offset(id);
    const n = Math.min(perSector, Math.floor((bytes.length - at) / 4));
    for (let i = 0; i < n; i++) fat[k * perSector + i] = u32(bytes, at + i * 4);
  });

  /** A chain of sector ids, each in the file, at most `sectors` long (so a cycle ends it). */
  const chain = (start: number, table: Uint32Array, bound: number): number[] => {
    const out: number[] = [];
    for (let id = start; id !== END_OF_CHAIN; id = table[id]) {
      if (id >= bound || out.length >= bound) corrupt("sector chain");
      out.push(id);
    }
    return out;
  };

  const dirSectors = chain(dirStart, fat, Math.min(sectors, fat.length));
  if (dirSectors.length * (size / 128) > limits.maxEntries) {
    throw new WorkbookReadError("zip-bomb", file, `${dirSectors.length * (size / 128)} directory entries`);
  }
  const streams: CfbStream[] = [];
  let root: CfbStream | undefined;
  let total = 0;
  for (const id of dirSectors) {
    const at = offset(id);
    for (let e = 0; e < size / 128; e++) {
      const p = at + e * 128;
      if (p + 128 > bytes.length) break;
      const type = bytes[p + 0x42];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      const nameLen = Math.min(64, u16(bytes, p + 0x40));
      let name = "";
      for (let i = 0; i + 1 < nameLen - 1; i += 2) name += String.fromCharCode(u16(bytes, p + i));
      const start = u32(bytes, p + 0x74);
      // Version 3 files may leave garbage in the high half of the size: read the low half only.
      const len = u32(bytes, p + 0x78);
      if (type === 1) continue;
      if (len > bytes.length) corrupt(`stream ${name} larger than the file`);
      total += len;
      if (total > limits.maxTotalBytes) throw new WorkbookReadError("zip-bomb", file, "streams over the size limit");
      const entry = { name, start, size: len };
      if (type === 5) root = entry;
      else streams.push(entry);
    }
  }
  if (!root) corrupt("no root entry");
  const rootEntry = root as CfbStream;

  let mini: { fat: Uint32Array; data: Uint8Array } | undefined;
  const miniStream = (): { fat: Uint32Array; data: Uint8Array } => {
    if (mini) return mini;
    const ids = miniFatStart === END_OF_CHAIN ? [] : chain(miniFatStart, fat, Math.min(sectors, fat.length));
    const table = new Uint32Array(ids.length * perSector).fill(FREE);
    ids.forEach((id, k) => {
      const at = offset(id);
      for (let i = 0; i < perSector && at + i * 4 + 4 <= bytes.length; i++) table[k * perSector + i] = u32(bytes, at + i * 4);
    });
    mini = { fat: table, data: gather(chain(rootEntry.start, fat, Math.min(sectors, fat.length)), size, rootEntry.size) };
    return mini;
  };

  function gather(ids: number[], unit: number, want: number, from?: Uint8Array): Uint8Array {
    const src = from ?? bytes;
    const out = new Uint8Array(Math.min(want, ids.length * unit));
    let at = 0;
    for (const id of ids) {
      if (at >= out.length) break;
      const o = from ? id * unit : offset(id);
      const part = src.subarray(o, Math.min(o + unit, src.length, o + out.length - at));
      out.set(part, at);
      at += part.length;
    }
    if (at < out.length || out.length < want) throw new WorkbookReadError("truncated", file, "OLE2 stream cut off");
    return out;
  }

  return {
    streams,
    find: (name) => streams.find((s) => s.name.toLowerCase() === name.toLowerCase()),
    read(stream, max) {
      const want = max === undefined ? stream.size : Math.min(max, stream.size);
      if (stream.size < miniCutoff) {
        const m = miniStream();
        const ids = chain(stream.start, m.fat, m.fat.length);
        return gather(ids.slice(0, Math.ceil(want / 64)), 64, want, m.data);
      }
      const ids = chain(stream.start, fat, Math.min(sectors, fat.length));
      return gather(ids.slice(0, Math.ceil(want / size)), size, want);
    },
  };
}

/** BIFF record ids the guard looks at. */
const BOF_BIFF8 = 0x0809;
const BOF_EARLY = [0x0009, 0x0209, 0x0409];
const FILEPASS = 0x002f;
const EOF = 0x000a;

export interface BiffInfo {
  /** 2, 3, 4 (bare streams), 5 (Excel 5/95) or 8 (Excel 97 and later, WPS .et). */
  version: 2 | 3 | 4 | 5 | 8;
  encrypted: boolean;
}

/** Whether `b` starts with a BIFF BOF record, and which BIFF version it says. */
export function biffStart(b: Uint8Array): BiffInfo["version"] | undefined {
  if (b.length < 8) return undefined;
  const id = u16(b, 0);
  const len = u16(b, 2);
  if (id === BOF_BIFF8 && (len === 8 || len === 16)) return u16(b, 4) === 0x0600 ? 8 : 5;
  const early = BOF_EARLY.indexOf(id);
  if (early >= 0 && len >= 4 && len <= 16) return (early + 2) as 2 | 3 | 4;
  return undefined;
}

/** Walks the workbook globals (up to their EOF) for a FILEPASS record: the file is encrypted. */
export function scanBiff(b: Uint8Array): BiffInfo | undefined {
  const version = biffStart(b);
  if (version === undefined) return undefined;
  let p = 0;
  while (p + 4 <= b.length) {
    const id = u16(b, p);
    const len = u16(b, p + 2);
    if (id === FILEPASS) return { version, encrypted: true };
    if (id === EOF && p > 0) break;
    p += 4 + len;
  }
  return { version, encrypted: false };
}

/**
 * A file that is not a zip: BIFF in OLE2 (.xls, WPS .et), a bare BIFF2-4 stream, or the typed
 * refusal naming what it is (encrypted, a Word file, HTML, CSV...).
 */
export function nonZipFormat(bytes: Uint8Array, file: string, limits: CfbLimits): { format: "xls"; biff: BiffInfo["version"] } {
  if (bytes.length >= 8 && OLE2_MAGIC.every((b, i) => bytes[i] === b)) return oleFormat(bytes, file, limits);
  const bare = scanBiff(bytes);
  if (bare) {
    if (bare.encrypted) throw new WorkbookReadError("encrypted", file, "BIFF FILEPASS");
    return { format: "xls", biff: bare.version };
  }
  const kind = fileKind(bytes);
  throw new WorkbookReadError("not-a-workbook", file, kind === "empty" ? "empty file" : "", kind);
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function oleFormat(bytes: Uint8Array, file: string, limits: CfbLimits): { format: "xls"; biff: BiffInfo["version"] } {
  const cfb = openCfb(bytes, file, limits);
  if (cfb.find("EncryptedPackage") || cfb.find("EncryptionInfo")) throw new WorkbookReadError("encrypted", file, "EncryptedPackage");
  const stream = cfb.find("Workbook") ?? cfb.find("Book");
  if (!stream) {
    if (cfb.find("WordDocument")) throw new WorkbookReadError("not-a-workbook", file, "", "word");
    throw new WorkbookReadError("not-a-workbook", file, "OLE2 file without a workbook stream");
  }
  // The globals (where FILEPASS sits, right after BOF) are at the start: 64 KB is plenty.
  const info = scanBiff(cfb.read(stream, 64 * 1024));
  if (!info) throw new WorkbookReadError("corrupt", file, "workbook stream does not start with BOF");
  if (info.encrypted) throw new WorkbookReadError("encrypted", file, "BIFF FILEPASS");
  return { format: "xls", biff: info.version };
}
