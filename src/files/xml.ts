/**
 * A small non-validating XML scanner for SpreadsheetML parts. It walks the string with
 * indexOf/charCodeAt and hands out one token at a time (no DOM, no allocation per token
 * beyond the names), which is what makes reading hundreds of workbooks a second possible.
 * Element and attribute names are matched by local name, so `x:c` and `c` are the same.
 * Only the five predefined entities and character references are expanded; a DOCTYPE is
 * skipped, so entity-expansion attacks have nothing to expand.
 */

export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 0;
export type Token = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

export class XmlScanner {
  pos: number;
  /** Local name (prefix dropped) of the current OPEN/CLOSE token. */
  name = "";
  /** True for `<x/>`: no CLOSE token follows. */
  selfClosing = false;
  /** Start of the current tag's `<` and the index just after its `>`. */
  tagStart = 0;
  tagEnd = 0;
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;

  constructor(
    readonly src: string,
    start = 0,
    private readonly end = src.length,
  ) {
    this.pos = start;
  }

  next(): Token {
    const s = this.src;
    const end = this.end;
    for (;;) {
      const p = this.pos;
      if (p >= end) return END;
      if (s.charCodeAt(p) !== 60 /* < */) {
        let q = s.indexOf("<", p);
        if (q < 0 || q > end) q = end;
        this.textStart = p;
        this.textEnd = q;
        this.cdata = false;
        this.pos = q;
        return TEXT;
      }
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 33 /* ! */) {
        if (s.startsWith("<![CDATA[", p)) {
          const q = s.indexOf("]]>", p + 9);
          const stop = q < 0 ? end : q;
          this.textStart = p + 9;
          this.textEnd = stop;
          this.cdata = true;
          this.pos = q < 0 ? end : q + 3;
          return TEXT;
        }
        if (s.startsWith("<!--", p)) {
          const q = s.indexOf("-->", p + 4);
          this.pos = q < 0 ? end : q + 3;
          continue;
        }
        // <!DOCTYPE ...> possibly with an internal subset [...]: skipped, never expanded.
        let depth = 0;
        let q = p + 2;
        for (; q < end; q++) {
          const c = s.charCodeAt(q);
          if (c === 91) depth++;
          else if (c === 93) depth--;
          else if (c === 62 && depth <= 0) break;
        }
        this.pos = q + 1;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const q = s.indexOf("?>", p + 2);
        this.pos = q < 0 ? end : q + 2;
        continue;
      }
      const close = c1 === 47; /* / */
      let q = close ? p + 2 : p + 1;
      const nameStart = q;
      let colon = -1;
      for (; q < end; q++) {
        const c = s.charCodeAt(q);
        if (c === 58) colon = q;
        else if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) break;
      }
      this.name = s.slice(colon >= 0 ? colon + 1 : nameStart, q);
      // Find the tag's '>' outside quoted attribute values.
      let r = q;
      for (; r < end; r++) {
        const c = s.charCodeAt(r);
        if (c === 62) break;
        if (c === 34 || c === 39) {
          const z = s.indexOf(c === 34 ? '"' : "'", r + 1);
          r = z < 0 ? end : z;
        }
      }
      this.tagStart = p;
      this.tagEnd = r + 1;
      this.pos = r + 1;
      if (close) {
        this.selfClosing = false;
        return CLOSE;
      }
      this.selfClosing = s.charCodeAt(r - 1) === 47;
      this.attrStart = q;
      this.attrEnd = this.selfClosing ? r - 1 : r;
      return OPEN;
    }
  }

  /** Attribute of the current OPEN tag by local name, entities decoded. */
  attr(local: string): string | undefined {
    this.attrs([local], this.one);
    return this.one[0];
  }

  /** Reused by attr() so that a single lookup allocates nothing. */
  private readonly one: (string | undefined)[] = [undefined];

  /**
   * Several attributes of the current OPEN tag in one pass (hot path: cells): out[i] is
   * the decoded value of names[i], or undefined.
   */
  attrs(names: readonly string[], out: (string | undefined)[]): void {
    for (let k = 0; k < names.length; k++) out[k] = undefined;
    const s = this.src;
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      let c = s.charCodeAt(i);
      while (i < end && (c === 32 || c === 9 || c === 10 || c === 13)) c = s.charCodeAt(++i);
      if (i >= end) break;
      const eq = s.indexOf("=", i);
      if (eq < 0 || eq >= end) break;
      let nameEnd = eq;
      while (nameEnd > i && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
      let vStart = eq + 1;
      while (vStart < end && s.charCodeAt(vStart) <= 32) vStart++;
      const quote = s.charCodeAt(vStart);
      const vEnd = s.indexOf(quote === 39 ? "'" : '"', vStart + 1);
      if (vEnd < 0) break;
      const colon = s.lastIndexOf(":", nameEnd);
      const ls = colon >= i ? colon + 1 : i;
      for (let k = 0; k < names.length; k++) {
        const n = names[k];
        if (nameEnd - ls === n.length && s.startsWith(n, ls)) {
          out[k] = decodeEntities(s.slice(vStart + 1, vEnd));
          break;
        }
      }
      i = vEnd + 1;
    }
  }

  /** Decoded text of the current TEXT token. */
  text(): string {
    const raw = this.src.slice(this.textStart, this.textEnd);
    return this.cdata ? raw : decodeEntities(raw);
  }

  /**
   * After an OPEN token: the concatenated text inside the element (nested elements'
   * text included, elements named in `skipNames` left out), positioned after its CLOSE.
   */
  readText(skipNames?: ReadonlySet<string>): string {
    if (this.selfClosing) return "";
    let depth = 1;
    let out = "";
    for (;;) {
      const t = this.next();
      if (t === END) return out;
      if (t === TEXT) out += this.text();
      else if (t === OPEN) {
        if (skipNames && skipNames.has(this.name)) this.skip();
        else if (!this.selfClosing) depth++;
      } else if (--depth === 0) return out;
    }
  }

  /** After an OPEN token: moves past the element's subtree. */
  skip(): void {
    if (this.selfClosing) return;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === END) return;
      if (t === OPEN) {
        if (!this.selfClosing) depth++;
      } else if (t === CLOSE && --depth === 0) return;
    }
  }
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(raw: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) === 35) {
      const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e] ?? m;
  });
}

/** Escapes text for element content and attribute values (both quote kinds). */
export function escapeXml(s: string): string {
  // Characters not allowed in XML 1.0 are dropped: a writer must never emit them.
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
  return clean.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

/** Excel's _xHHHH_ escapes in shared strings (control characters written by Excel). */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
