/**
 * Text normalising for matching labels and unit names written by hand in many offices:
 * full-width vs half-width characters, spaces inside labels, punctuation, 或 vs 或者.
 */

import { TextMemo } from "./text-memo";

/** NFKC folds full-width letters, digits, parentheses and colons to their ASCII forms. */
export function fold(text: string): string {
  return text.normalize("NFKC");
}

/**
 * A matching key: folded, lower-cased, with every character that is not a letter or digit
 * removed (spaces, punctuation, quotes, brackets), and common wording variants unified.
 */
export function matchKey(text: string): string {
  // Merging 1,000 files asks for the same labels and headers over and over (a third of the
  // merge's time went here): recent keys are remembered.
  return keys.get(text, makeKey);
}

function makeKey(text: string): string {
  return isAscii(text)
    ? text.toLowerCase().replace(/[^a-z0-9]+/g, "") // NFKC leaves ASCII as it is; no 或者 either
    : fold(text)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, "")
        .replace(/或者/g, "或")
        .replace(/以及/g, "及");
}

/**
 * Whether a cell's text may come again in the next file: labels do; figures ("87", "18.6526")
 * and long texts mostly do not, and remembering them only makes the collector copy them.
 */
export function worthRemembering(text: string): boolean {
  if (text.length > 80) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 44 || c === 45 || c === 43 || c === 32)) return true;
  }
  return false;
}

const keys = new TextMemo<string>(4096, worthRemembering);

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Strips a leading item number such as "1.", "(一)", "一、", "第1项". */
export function stripNumbering(text: string): string {
  return fold(text)
    .trim()
    .replace(/^(第?\s*[0-9一二三四五六七八九十]+\s*[项]?\s*[.、,:)]\s*|\(\s*[0-9一二三四五六七八九十]+\s*\)\s*)/u, "")
    .trim();
}

/** Bigram Dice coefficient of two keys (0..1); used only as a last resort for labels. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let hits = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      hits++;
      grams.set(g, n - 1);
    }
  }
  return (2 * hits) / (a.length - 1 + b.length - 1);
}

/** Plain text of a cell value for matching (numbers and booleans as written). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}
