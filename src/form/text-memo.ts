/**
 * Remembered results of work on a text that comes again and again when 1,000 unit files are
 * merged: labels, a template's relationships, styles and mark names. Bounded: when full it
 * starts over, so memory never grows with the number of files. `keep` says which texts are
 * worth remembering (a figure or a unit's own sheet would only fill it).
 */
export class TextMemo<V> {
  private readonly known = new Map<string, V>();

  constructor(
    private readonly size: number,
    private readonly keep: (text: string) => boolean = () => true,
  ) {}

  /** What `make` gives for `text`: remembered, or made now (and remembered when worth it). */
  get(text: string, make: (text: string) => V): V {
    const hit = this.known.get(text);
    if (hit !== undefined || this.known.has(text)) return hit as V;
    const value = make(text);
    if (this.keep(text)) {
      if (this.known.size >= this.size) this.known.clear();
      this.known.set(text, value);
    }
    return value;
  }
}
