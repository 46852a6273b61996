/**
 * Text files in the encodings offices save them in: a byte-order mark (UTF-8, UTF-16 LE/BE)
 * first, then strict UTF-8, then GB18030 (a superset of GBK, what Windows Notepad writes on a
 * Chinese system). A text that decodes cleanly in none is refused, never shown as mojibake.
 * Pure: TextDecoder is in every browser and in Node with full ICU.
 */
import { ProblemError } from "./problems";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

function strict(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function bomOf(b: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** The text of `bytes`, or a ProblemError "text-encoding" naming `file`. */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const bom = bomOf(bytes);
  if (bom) {
    const text = strict(bom.encoding, bytes.subarray(bom.length));
    if (text !== undefined) return { text, encoding: bom.encoding };
    throw new ProblemError("text-encoding", { file, detail: `invalid ${bom.encoding} after its byte-order mark` });
  }
  for (const encoding of ["utf-8", "gb18030"] as const) {
    const text = strict(encoding, bytes);
    if (text !== undefined) return { text, encoding };
  }
  throw new ProblemError("text-encoding", { file, detail: "" });
}
