/** Reading a unit's file from disk on the command line: what is not a plain file is refused at once. */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { WorkbookReadError } from "../../src/files/errors";
import { readFileBytesSync } from "../../src/files/node";

const dir = mkdtempSync(join(tmpdir(), "yuebao-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(path: string, maxBytes?: number): { problem: string; detail: string } {
  try {
    readFileBytesSync(path, maxBytes);
  } catch (err) {
    if (!(err instanceof WorkbookReadError)) throw err;
    return { problem: err.problem.code, detail: String(err.params.detail) };
  }
  throw new Error(`${path} was read`);
}

test("a plain file is read whole, byte for byte", () => {
  const path = join(dir, "a.xlsx");
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251));
  writeFileSync(path, bytes);
  expect(Buffer.from(readFileBytesSync(path)).equals(readFileSync(path))).toBe(true);
});

test("a missing file, a folder and a file over the limit are the typed refusals", () => {
  expect(refusal(join(dir, "none.xlsx"))).toEqual({ problem: "not-a-workbook", detail: "file not found" });
  expect(refusal(dir)).toEqual({ problem: "not-a-workbook", detail: "not a file" });
  const big = join(dir, "big.xlsx");
  writeFileSync(big, Buffer.alloc(3 * 1024 * 1024));
  expect(refusal(big, 1024 * 1024).problem).toBe("too-large");
});

// A named pipe with no writer: opening it the plain way would wait for ever.
(process.platform === "win32" ? test.skip : test)("a named pipe is refused at once, not waited on", () => {
  const fifo = join(dir, "pipe.xlsx");
  execFileSync("mkfifo", [fifo]);
  const t0 = Date.now();
  expect(refusal(fifo)).toEqual({ problem: "not-a-workbook", detail: "not a file" });
  expect(Date.now() - t0).toBeLessThan(5000);
});
