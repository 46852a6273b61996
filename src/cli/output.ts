/**
 * Writing the command's outputs: checked before any input is read, then written beside the
 * target and put in place all together or not at all. Without --force a target is created
 * exclusively (a hard link from the temporary file fails if the name exists), so of two runs
 * writing the same file exactly one wins and the other says so. With --force only a plain file
 * (or a symbolic link, which is replaced, never written through) is replaced. Temporary files
 * are `<target>.<pid>.tmp`; a killed run's leftovers are removed by the next run writing there.
 */
import * as fs from "fs";
import { basename, dirname, resolve } from "path";
import { UsageError } from "./usage-errors";

/** Bytes in a file name on the file systems we meet (ext4, NTFS in UTF-16 units, APFS). */
const NAME_MAX = 255;
/** Bytes in a whole path on Linux (PATH_MAX 4096, with its terminating zero). */
const PATH_MAX = 4095;
/** The longest suffix we add: ".old.<pid>.tmp" with a pid of up to 7 digits (Linux pid_max 4194304). */
const LONGEST_SUFFIX = ".old.".length + 7 + ".tmp".length;
const LEFTOVER = /\.(\d{1,10})\.tmp$/;

export interface Output {
  path: string;
  data: Uint8Array | string;
}

const errno = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));

function lstatOrUndefined(path: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(path);
  } catch (e) {
    if (errno(e) === "ENOENT" || errno(e) === "ENOTDIR") return undefined;
    throw new UsageError("output-write-failed", { path, reason: errno(e) });
  }
}

/** Refuses an output that cannot or must not be written. Reads nothing but the file system's entries. */
export function checkOutput(path: string, force: boolean): void {
  if (/[\\/]$/.test(path)) {
    if (lstatOrUndefined(path)) throw new UsageError("output-is-folder", { path: path.replace(/[\\/]+$/, "") || path });
    throw new UsageError("output-folder-missing", { path, folder: path });
  }
  const nameBytes = Buffer.byteLength(basename(path)) + LONGEST_SUFFIX;
  if (nameBytes > NAME_MAX) throw new UsageError("output-name-too-long", { path, bytes: nameBytes, limit: NAME_MAX });
  const pathBytes = Buffer.byteLength(resolve(path)) + LONGEST_SUFFIX;
  if (pathBytes > PATH_MAX) throw new UsageError("output-name-too-long", { path, bytes: pathBytes, limit: PATH_MAX });
  const folder = dirname(path);
  let dir: fs.Stats | undefined;
  try {
    dir = fs.statSync(folder);
  } catch {
    dir = undefined;
  }
  if (!dir || !dir.isDirectory()) throw new UsageError("output-folder-missing", { path, folder });
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UsageError("output-folder-not-writable", { path, folder });
  }
  const st = lstatOrUndefined(path);
  if (!st) return;
  if (st.isDirectory()) throw new UsageError("output-is-folder", { path });
  if (st.isSymbolicLink()) {
    let target: fs.Stats | undefined;
    try {
      target = fs.statSync(path);
    } catch {
      throw new UsageError("output-dangling-symlink", { path });
    }
    if (!target.isFile()) throw new UsageError(target.isDirectory() ? "output-is-folder" : "output-not-a-file", { path });
    if (!force) throw new UsageError("output-symlink", { path });
    return;
  }
  if (!st.isFile()) throw new UsageError("output-not-a-file", { path });
  if (!force) throw new UsageError("output-exists", { path });
}

/** Checks every output, and that no two are the same file. */
export function checkOutputs(paths: string[], force: boolean): void {
  const seen = new Set<string>();
  for (const p of paths) {
    const key = resolve(p);
    if (seen.has(key)) throw new UsageError("outputs-same", { path: p });
    seen.add(key);
  }
  for (const p of paths) checkOutput(p, force);
}

// ---- temporary files, removed on every way out ----

const temps = new Set<string>();

function removeTemps(): void {
  for (const t of temps) {
    try {
      fs.unlinkSync(t);
    } catch {
      // already gone
    }
  }
  temps.clear();
}

let installed = false;

/** For the real process only (not for tests calling main): SIGINT → 130, SIGTERM → 143, temps removed. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  const on = (signal: NodeJS.Signals, code: number) =>
    process.on(signal, () => {
      removeTemps();
      process.exit(code);
    });
  on("SIGINT", 130);
  on("SIGTERM", 143);
  on("SIGHUP", 129);
  process.on("exit", removeTemps);
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1 || pid > 0x7fffffff) return true; // never signal a group or init
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) !== "ESRCH";
  }
}

/** Removes `*.<pid>.tmp` plain files left in the folder by runs that are no longer alive. */
export function cleanLeftovers(folder: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const p = resolve(folder, name);
    try {
      if (!fs.lstatSync(p).isFile()) continue;
      fs.unlinkSync(p);
      removed.push(p);
    } catch {
      // another run cleaned it first
    }
  }
  return removed;
}

interface Committed {
  path: string;
  /** Our hard link to the file we replaced (--force), to put back if a later output fails. */
  backup?: string;
}

/** Filesystems without hard links (FAT USB sticks, some shares): fall back to an exclusive copy. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

function createExclusive(temp: string, path: string): void {
  try {
    fs.linkSync(temp, path);
  } catch (e) {
    if (errno(e) === "EEXIST") throw new UsageError("output-taken", { path });
    if (!NO_LINKS.has(errno(e))) throw new UsageError("output-write-failed", { path, reason: errno(e) });
    try {
      fs.copyFileSync(temp, path, fs.constants.COPYFILE_EXCL);
    } catch (e2) {
      if (errno(e2) === "EEXIST") throw new UsageError("output-taken", { path });
      throw new UsageError("output-write-failed", { path, reason: errno(e2) });
    }
  }
}

function replace(temp: string, path: string): Committed {
  // Checked again now: never over a folder, device or link to one, whatever happened meanwhile.
  checkOutput(path, true);
  const existing = lstatOrUndefined(path);
  let backup: string | undefined;
  if (existing) {
    backup = `${path}.old.${process.pid}.tmp`;
    try {
      fs.linkSync(path, backup);
      temps.add(backup);
    } catch {
      backup = undefined; // no hard links here: the replaced file cannot be put back
    }
  }
  try {
    fs.renameSync(temp, path);
  } catch (e) {
    throw new UsageError("output-write-failed", { path, reason: errno(e) });
  }
  return { path, backup };
}

function undo(done: Committed[]): void {
  for (const c of done.reverse()) {
    try {
      if (c.backup) fs.renameSync(c.backup, c.path);
      else fs.unlinkSync(c.path);
    } catch {
      // best effort: the error that made us undo is reported
    }
  }
}

/** Test seam: with YUEBAO_TEST_GATE=<file>, wait after writing the temporary files until that file exists. */
async function testGate(): Promise<void> {
  const gate = process.env.YUEBAO_TEST_GATE;
  if (!gate) return;
  process.stderr.write(`yuebao-test: temporary files written ${[...temps].join(" ")}\n`);
  while (!fs.existsSync(gate)) await new Promise((r) => setTimeout(r, 5));
}

/**
 * Writes every output or none: all temporary files first, then each put in place; if one fails,
 * those already in place are removed (or the replaced file restored) and the error is thrown.
 */
export async function commitOutputs(outputs: Output[], force: boolean): Promise<void> {
  for (const folder of new Set(outputs.map((o) => dirname(o.path)))) cleanLeftovers(folder);
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const o of outputs) {
      const temp = `${o.path}.${process.pid}.tmp`;
      try {
        // Only a dead run that had our pid can have left this name: it is ours to remove.
        if (lstatOrUndefined(temp)?.isFile()) fs.unlinkSync(temp);
        fs.writeFileSync(temp, o.data, { flag: "wx" });
        temps.add(temp);
      } catch (e) {
        if (errno(e) !== "EEXIST") temps.add(temp); // a partial write may be there
        throw new UsageError("output-write-failed", { path: o.path, reason: errno(e) });
      }
      staged.push({ temp, path: o.path });
    }
    await testGate();
    const done: Committed[] = [];
    try {
      for (const s of staged) {
        if (force) done.push(replace(s.temp, s.path));
        else {
          createExclusive(s.temp, s.path);
          done.push({ path: s.path });
        }
      }
    } catch (e) {
      undo(done);
      throw e;
    }
  } finally {
    removeTemps();
  }
}
