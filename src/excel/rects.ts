/**
 * Groups cells that share a key (a style, "has a formula") into few rectangles, so one
 * statement formats a whole block instead of one statement per cell.
 */

export interface KeyedCell<K> {
  row: number;
  col: number;
  key: K;
}

export interface KeyedRect<K> {
  key: K;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Row runs of equal keys, then runs with the same columns and key stacked downwards. */
export function groupRects<K extends string>(cells: KeyedCell<K>[]): KeyedRect<K>[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const done: KeyedRect<K>[] = [];
  let open = new Map<string, KeyedRect<K>>();
  let i = 0;
  while (i < sorted.length) {
    const row = sorted[i].row;
    const next = new Map<string, KeyedRect<K>>();
    while (i < sorted.length && sorted[i].row === row) {
      const start = sorted[i];
      let right = start.col;
      i++;
      while (i < sorted.length && sorted[i].row === row && sorted[i].col === right + 1 && sorted[i].key === start.key) {
        right = sorted[i].col;
        i++;
      }
      const id = `${start.key}\u0000${start.col}\u0000${right}`;
      const above = open.get(id);
      if (above && above.bottom === row - 1) {
        above.bottom = row;
        open.delete(id);
        next.set(id, above);
      } else next.set(id, { key: start.key, top: row, left: start.col, bottom: row, right });
    }
    for (const r of open.values()) done.push(r);
    open = next;
  }
  for (const r of open.values()) done.push(r);
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}
