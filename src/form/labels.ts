/** Matching what people typed against the form's wording (spec.ts). */
import type { FormItem, FormSpec } from "./spec";
import { TextMemo } from "./text-memo";
import { matchKey, similarity, stripNumbering, worthRemembering } from "./text";

interface Candidate {
  key: string;
  /** The printed label scores above its aliases so that "执法活动" never steals row 1's label. */
  weight: number;
}

function candidates(label: string, aliases: readonly string[]): Candidate[] {
  return [label, ...aliases].map((c, i) => ({ key: matchKey(c), weight: i === 0 ? 1 : 0.97 })).filter((c) => c.key.length > 0);
}

/** Score of one normalised text against prepared candidates (0 = not this label). */
function scoreKeys(keys: readonly string[], cands: readonly Candidate[]): number {
  let best = 0;
  for (const { key, weight } of cands) {
    for (const t of keys) {
      let s = 0;
      if (t === key) s = 1;
      // "经济处罚(万元)" or "1.立案调查数" contain the label; a long label may be cut short.
      else if (key.length >= 2 && t.includes(key)) s = 0.92 * Math.min(1, key.length / t.length + 0.4);
      else if (t.length >= 4 && key.includes(t)) s = 0.85 * (t.length / key.length) + 0.1;
      else {
        // Dice can only reach 0.75 when the lengths are close: skip the bigram count otherwise.
        const lo = Math.min(t.length, key.length) - 1;
        const hi = Math.max(t.length, key.length) - 1;
        if (lo > 0 && (2 * lo) / (lo + hi) >= 0.75) {
          const d = similarity(t, key);
          if (d >= 0.75) s = d * 0.9;
        }
      }
      if (s * weight > best) best = s * weight;
    }
  }
  return best;
}

/** The keys a cell's text is compared by: as written and without a leading item number. */
function textKeys(text: string): readonly string[] {
  // A merge meets the same labels in every file (see matchKey).
  return textKeyMemo.get(text, makeTextKeys);
}

function makeTextKeys(text: string): readonly string[] {
  const raw = matchKey(text);
  if (raw.length === 0) return [];
  const stripped = matchKey(stripNumbering(text));
  return stripped && stripped !== raw ? [raw, stripped] : [raw];
}

const textKeyMemo = new TextMemo<readonly string[]>(4096, worthRemembering);
/** Cell texts folded and without spaces, for afterLabel. */
const compactMemo = new TextMemo<string>(4096, worthRemembering);
const compact = (text: string): string => text.normalize("NFKC").replace(/\s+/g, "");

/** Score 0..1 of how well a cell's text names a label; 0 means "not this label". */
export function labelScore(text: string, label: string, aliases: readonly string[] = []): number {
  return scoreKeys(textKeys(text), candidates(label, aliases));
}

interface PreparedSpec {
  items: { item: FormItem; cands: Candidate[] }[];
  /** Exact keys of printed labels and aliases → item, for the common case. */
  exact: Map<string, { item: FormItem; score: number }>;
}

// The form is data that does not change while a merge runs: prepare its keys once.
const prepared = new WeakMap<FormSpec, PreparedSpec>();

function prepare(spec: FormSpec): PreparedSpec {
  let p = prepared.get(spec);
  if (!p) {
    const items = spec.items.map((item) => ({ item, cands: candidates(item.label, item.aliases) }));
    const exact = new Map<string, { item: FormItem; score: number }>();
    for (const { item, cands } of items)
      for (const c of cands) {
        const prev = exact.get(c.key);
        // A key shared by two items is ambiguous and stays out of the fast path.
        if (prev && prev.item !== item) exact.set(c.key, { item, score: -1 });
        else if (!prev || c.weight > prev.score) exact.set(c.key, { item, score: c.weight });
      }
    p = { items, exact };
    prepared.set(spec, p);
  }
  return p;
}

/** Best item for a label cell, when one stands out. */
export function matchItem(text: string, spec: FormSpec): { item: FormItem; score: number } | undefined {
  const keys = textKeys(text);
  if (keys.length === 0) return undefined;
  const p = prepare(spec);
  for (const k of keys) {
    const hit = p.exact.get(k);
    if (hit && hit.score === 1) return hit;
  }
  let best: { item: FormItem; score: number } | undefined;
  let second = 0;
  for (const { item, cands } of p.items) {
    const s = scoreKeys(keys, cands);
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

const headerKeys = new WeakMap<FormSpec, { month: Set<string>; cumulative: Set<string>; unit: Set<string> }>();

function headers(spec: FormSpec) {
  let h = headerKeys.get(spec);
  if (!h) {
    const set = (xs: string[]) => new Set(xs.map(matchKey));
    h = {
      month: set([spec.columns.month, ...spec.columns.monthAliases]),
      cumulative: set([spec.columns.cumulative, ...spec.columns.cumulativeAliases]),
      unit: set([spec.columns.unit, ...spec.columns.unitAliases]),
    };
    headerKeys.set(spec, h);
  }
  return h;
}

export function isMonthHeader(text: string, spec: FormSpec): boolean {
  return headers(spec).month.has(matchKey(text));
}

export function isCumulativeHeader(text: string, spec: FormSpec): boolean {
  return headers(spec).cumulative.has(matchKey(text));
}

export function isUnitHeader(text: string, spec: FormSpec): boolean {
  return headers(spec).unit.has(matchKey(text));
}

/**
 * When a cell starts with one of the labels (e.g. "填报单位(盖章):云集镇"), returns what
 * follows the label (may be ""); undefined when the cell is not that label.
 */
const labelPatterns = new Map<string, RegExp>();

function labelPattern(label: string): RegExp {
  let re = labelPatterns.get(label);
  if (!re) {
    const key = label
      .normalize("NFKC")
      .replace(/[()（）]/g, "")
      .replace(/盖章/g, "");
    // Allow the optional "(盖章)" and a colon after the label.
    re = new RegExp("^" + [...key].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("") + "(\\(?盖章\\)?)?[:：]?", "u");
    labelPatterns.set(label, re);
  }
  return re;
}

export function afterLabel(text: string, labels: readonly string[]): string | undefined {
  const folded = compactMemo.get(text, compact);
  for (const label of labels) {
    // Cheap test first: the label's first character must start the cell.
    if (folded[0] !== label[0]) continue;
    const m = labelPattern(label).exec(folded);
    if (m)
      return folded
        .slice(m[0].length)
        .replace(/^\(?盖章\)?/, "")
        .replace(/^[:：]/, "");
  }
  return undefined;
}
