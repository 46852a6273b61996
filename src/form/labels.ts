/** Matching what people typed against the form's wording (spec.ts). */
import type { FormItem, FormSpec } from "./spec";
import { matchKey, similarity, stripNumbering } from "./text";

/** Score 0..1 of how well a cell's text names a label; 0 means "not this label". */
export function labelScore(text: string, label: string, aliases: readonly string[] = []): number {
  const raw = matchKey(text);
  if (raw.length === 0) return 0;
  const stripped = matchKey(stripNumbering(text));
  let best = 0;
  for (const [i, candidate] of [label, ...aliases].entries()) {
    const key = matchKey(candidate);
    if (key.length === 0) continue;
    // The printed label scores above its aliases so that "执法活动" never steals row 1's label.
    const weight = i === 0 ? 1 : 0.97;
    for (const t of [raw, stripped]) {
      let s = 0;
      if (t === key) s = 1;
      // "经济处罚(万元)" or "1.立案调查数" contain the label; a long label may be cut short.
      else if (t.includes(key) && key.length >= 2) s = 0.92 * Math.min(1, key.length / t.length + 0.4);
      else if (key.includes(t) && t.length >= 4) s = 0.85 * (t.length / key.length) + 0.1;
      else {
        const d = similarity(t, key);
        if (d >= 0.75) s = d * 0.9;
      }
      best = Math.max(best, s * weight);
    }
  }
  return best;
}

/** Best item for a label cell, when one stands out. */
export function matchItem(text: string, spec: FormSpec): { item: FormItem; score: number } | undefined {
  let best: { item: FormItem; score: number } | undefined;
  let second = 0;
  for (const item of spec.items) {
    const s = labelScore(text, item.label, item.aliases);
    if (s <= 0) continue;
    if (!best || s > best.score) {
      second = best?.score ?? 0;
      best = { item, score: s };
    } else if (s > second) second = s;
  }
  if (!best || best.score < 0.6) return undefined;
  // Ambiguous text (two items score the same) is not a match.
  if (second >= best.score - 0.01 && best.score < 1) return undefined;
  return best;
}

export function isMonthHeader(text: string, spec: FormSpec): boolean {
  const k = matchKey(text);
  return [spec.columns.month, ...spec.columns.monthAliases].some((a) => matchKey(a) === k);
}

export function isCumulativeHeader(text: string, spec: FormSpec): boolean {
  const k = matchKey(text);
  return [spec.columns.cumulative, ...spec.columns.cumulativeAliases].some((a) => matchKey(a) === k);
}

export function isUnitHeader(text: string, spec: FormSpec): boolean {
  const k = matchKey(text);
  return [spec.columns.unit, ...spec.columns.unitAliases].some((a) => matchKey(a) === k);
}

/**
 * When a cell starts with one of the labels (e.g. "填报单位(盖章):云集镇"), returns what
 * follows the label (may be ""); undefined when the cell is not that label.
 */
export function afterLabel(text: string, labels: readonly string[]): string | undefined {
  const folded = text.normalize("NFKC").replace(/\s+/g, "");
  for (const label of labels) {
    const key = label.normalize("NFKC").replace(/[()（）]/g, "").replace(/盖章/g, "");
    // Allow the optional "(盖章)" and punctuation between the label's characters.
    const pattern = new RegExp(
      "^" + [...key].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("") + "(\\(?盖章\\)?)?[:：]?",
      "u",
    );
    const m = pattern.exec(folded);
    if (m) return folded.slice(m[0].length).replace(/^\(?盖章\)?/, "").replace(/^[:：]/, "");
  }
  return undefined;
}
