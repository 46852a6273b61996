/**
 * What a file that is no workbook really is, from its first bytes, so the clerk is told
 * "这是HTML/CSV文件，不是工作簿" instead of "damaged". Many systems export a web page or a CSV
 * under an .xls name; a PDF or a photo of the form is picked by mistake.
 */
import type { FileKind } from "../form/problems";

const HEAD = 4096;

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
}

/** The text of the file's head, or undefined when it does not look like text. */
function headText(bytes: Uint8Array): string | undefined {
  let b = bytes.subarray(0, HEAD);
  let encoding = "utf-8";
  if (startsWith(b, [0xef, 0xbb, 0xbf])) b = b.subarray(3);
  else if (startsWith(b, [0xff, 0xfe])) {
    encoding = "utf-16le";
    b = b.subarray(2);
  } else if (startsWith(b, [0xfe, 0xff])) {
    encoding = "utf-16be";
    b = b.subarray(2);
  }
  let control = 0;
  if (encoding === "utf-8") {
    for (const c of b) if (c === 0 || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) control++;
    // A few stray bytes are allowed (a GBK file read as UTF-8 has none below 0x20).
    if (control > b.length / 100) return undefined;
  }
  try {
    // Not fatal: GBK text (common in county offices) decodes to replacement characters, still text.
    return new TextDecoder(encoding).decode(b);
  } catch {
    return undefined;
  }
}

export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "pdf";
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x42, 0x4d]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
  ) {
    return "image";
  }
  const text = headText(bytes);
  if (text === undefined) return "unknown";
  const head = text.trimStart().slice(0, 1024).toLowerCase();
  if (
    /^<(!doctype\s+html|html|head|body|table|meta|style|title)\b/.test(head) ||
    /^mime-version:/.test(head) ||
    (head.startsWith("<") && /<html[\s>]/.test(head))
  ) {
    return "html";
  }
  const lines = text
    .split(/\r\n|\n|\r/)
    .slice(0, 20)
    .filter((l) => l.trim() !== "");
  // The last line may be cut off at HEAD: judge by the full ones.
  const full = bytes.length > HEAD ? lines.slice(0, -1) : lines;
  if (full.length > 0) {
    for (const sep of [",", "\t", ";"]) {
      const counts = full.map((l) => l.split(sep).length - 1);
      if (counts[0] > 0 && counts.every((n) => n === counts[0])) return "csv";
    }
  }
  return "text";
}
