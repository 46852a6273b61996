/**
 * The roster: the units expected to report. Names are matched after normalising, so
 * "泉湖镇人民政府" and "衡南县泉湖镇" both find 泉湖镇.
 */
import type { SheetGrid } from "./grid";
import { presentRows } from "./grid";
import { cleanUnitName } from "./locate";
import { matchKey } from "./text";

export interface RosterUnit {
  name: string;
  aliases: string[];
}

export interface Roster {
  units: RosterUnit[];
}

/** A comparable key for a unit name: punctuation, stamp words and "人民政府" dropped. */
export function unitKey(name: string): string {
  return matchKey(cleanUnitName(name)).replace(/(人民政府|政府)$/u, "");
}

const HEADER_WORDS = new Set(["单位", "单位名称", "单位名册", "名称", "序号", "应报单位", "别名"].map(matchKey));

/**
 * One unit per line; "#" starts a comment; aliases may follow the name after a comma, tab,
 * 、 or |, e.g. "泉湖镇,泉湖镇人民政府". A leading number ("1." / "1、") is ignored.
 */
export function parseRosterText(text: string): Roster {
  const units: RosterUnit[] = [];
  const seen = new Set<string>();
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (!line) continue;
    const parts = line
      .split(/[,，\t、|;；]/)
      .map((s) => s.trim().replace(/^\d+\s*[.、)]\s*/, ""))
      .filter(Boolean);
    addUnit(units, seen, parts);
  }
  return { units };
}

function addUnit(units: RosterUnit[], seen: Set<string>, parts: string[]): void {
  if (parts.length === 0) return;
  const [name, ...aliases] = parts;
  const key = unitKey(name);
  if (!key || HEADER_WORDS.has(key) || seen.has(key)) return;
  seen.add(key);
  units.push({ name: cleanUnitName(name), aliases });
}

/** A 单位名册 sheet: names in the first column that holds text; aliases in the columns after it. */
export function rosterFromGrid(grid: SheetGrid): Roster {
  const units: RosterUnit[] = [];
  const seen = new Set<string>();
  for (const { cells } of presentRows(grid)) {
    const parts: string[] = [];
    for (const { cell } of cells) {
      const v = cell.value;
      // Serial numbers in a 序号 column are not names.
      if (v === null || v === undefined || typeof v !== "string") continue;
      const t = v.trim();
      if (t && !/^\d+$/.test(t)) parts.push(t);
    }
    addUnit(units, seen, parts);
  }
  return { units };
}

/** The roster unit a written name belongs to, or undefined. */
export function matchUnit(name: string, roster: Roster): RosterUnit | undefined {
  const key = unitKey(name);
  if (!key) return undefined;
  const keyed = roster.units.map((u) => ({ u, keys: [u.name, ...u.aliases].map(unitKey).filter((k) => k.length > 0) }));
  const exact = keyed.find((k) => k.keys.includes(key));
  if (exact) return exact.u;
  // "衡南县泉湖镇" contains "泉湖镇": the longest roster name inside the written one wins.
  let best: { u: RosterUnit; len: number } | undefined;
  let tie = false;
  for (const k of keyed)
    for (const rk of k.keys)
      if (rk.length >= 2 && key.includes(rk)) {
        if (!best || rk.length > best.len) {
          best = { u: k.u, len: rk.length };
          tie = false;
        } else if (rk.length === best.len && best.u !== k.u) tie = true;
      }
  if (best && !tie) return best.u;
  // "泉湖" for 泉湖镇: a shortened name that fits exactly one roster unit.
  if (key.length >= 2) {
    const hits = keyed.filter((k) => k.keys.some((rk) => rk.startsWith(key)));
    if (hits.length === 1) return hits[0].u;
  }
  return undefined;
}

/** Roster unit named in a file name ("云集镇-2018-07.xlsx"), for reports whose 填报单位 is blank. */
export function unitFromFileName(fileName: string, roster: Roster): RosterUnit | undefined {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  const key = matchKey(base);
  let best: { u: RosterUnit; len: number } | undefined;
  for (const u of roster.units)
    for (const rk of [u.name, ...u.aliases].map(unitKey))
      if (rk.length >= 2 && key.includes(rk) && (!best || rk.length > best.len)) best = { u, len: rk.length };
  return best?.u;
}

export function rosterNames(roster: Roster): string[] {
  return roster.units.map((u) => u.name);
}
