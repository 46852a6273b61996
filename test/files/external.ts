/**
 * Other programs as judges of our output: LibreOffice (one soffice start converts a batch
 * of files, with a private profile) and openpyxl (Debian's python3).
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";

export function hasProgram(cmd: string, args: string[] = ["--version"]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 20000 });
  return r.status === 0;
}

/** A python3 that has openpyxl (pyenv may shadow Debian's, which has it). */
export function pythonWithOpenpyxl(): string | undefined {
  for (const py of ["python3", "/usr/bin/python3"]) {
    if (hasProgram(py, ["-c", "import openpyxl"])) return py;
  }
  return undefined;
}

/** Converts the files to UTF-8 CSV (first sheet) in one soffice run; returns name → text. */
export function sofficeToCsv(files: string[]): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), "yb-csv-"));
  const profile = mkdtempSync(join(tmpdir(), "yb-lo-"));
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1",
      "--outdir",
      out,
      ...files,
    ],
    { stdio: "ignore", timeout: 120000 },
  );
  const result = new Map<string, string>();
  for (const f of files) {
    const csv = join(out, basename(f).replace(/\.[^.]+$/, ".csv"));
    if (existsSync(csv)) result.set(basename(f), readFileSync(csv, "utf8"));
  }
  return result;
}
