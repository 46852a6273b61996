/**
 * A small non-validating XML scanner for SpreadsheetML parts. It walks the string with
 * indexOf/charCodeAt and hands out one token at a time (no DOM, no allocation per token
 * beyond the names), which is what makes reading hundreds of workbooks a second possible.
 * Every step looks only at the token it is on, so a part is scanned in time linear in its
 * length, whatever it holds.
 *
 * Names: given the namespaces a part is written in (`home`, e.g. SpreadsheetML's transitional
 * and strict URIs), an element in one of them, or in no namespace at all, is named by its
 * local name whatever prefix the document binds to it (`x:c` and `c` are both "c"); an element
 * of any other namespace gets its expanded name `{uri}local`, so Excel's
 * `<x15:workbookPr/>` never passes for `workbookPr`. Without `home`, every element is named
 * by its local name. Attributes are matched by local name.
 *
 * Text follows XML's rules: line ends (CR LF, lone CR) read as LF, and in attribute values
 * line ends and tabs read as spaces; the five predefined entities and character references
 * are expanded; a DOCTYPE is skipped, so entity-expansion attacks have nothing to expand.
 */

export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 0;
export type Token = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

/** SpreadsheetML's main namespace, as Excel writes it (transitional) and in ISO strict files. */
export const SPREADSHEETML: readonly string[] = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
];
/** Namespace of `_rels/*.rels` parts (the same in strict files). */
export const RELATIONSHIPS: readonly string[] = ["http://schemas.openxmlformats.org/package/2006/relationships"];

/** Prefix → namespace URI in scope; "" is the default namespace. */
type Bindings = ReadonlyMap<string, string>;
const NO_BINDINGS: Bindings = new Map();

export class XmlScanner {
  pos: number;
  /** Name of the current OPEN/CLOSE token: local name, or `{uri}local` outside `home`. */
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
  /** Element depth: OPEN tags not yet closed. */
  private depth = 0;
  private bindings: Bindings = NO_BINDINGS;
  /** Bindings to restore, with the depth at which their element ends. */
  private readonly scopes: { depth: number; outer: Bindings }[] = [];
  /** A self-closing tag declared namespaces: they end with the tag. */
  private popAfterTag = false;
  private readonly home: ReadonlySet<string> | undefined;
  /** The current OPEN tag declared namespaces (its scope was pushed). */
  private openDeclared = false;
  /** Memo of the last prefix resolved under the current bindings (the hot path repeats one). */
  private lastPrefix: string | undefined;
  private lastForeign: string | undefined = undefined;

  constructor(
    readonly src: string,
    start = 0,
    private readonly end = src.length,
    home?: readonly string[],
  ) {
    this.pos = start;
    this.home = home ? new Set(home) : undefined;
  }

  next(): Token {
    const s = this.src;
    const end = this.end;
    if (this.popAfterTag) this.popScope();
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
          const stop = q < 0 || q > end ? end : q;
          this.textStart = p + 9;
          this.textEnd = stop;
          this.cdata = true;
          this.pos = stop === end ? end : q + 3;
          return TEXT;
        }
        this.pos = this.pastMarkup(p);
        continue;
      }
      if (c1 === 63 /* ? */) {
        this.pos = this.pastMarkup(p);
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
      const r = this.tagClose(q);
      const declares = this.tagDeclares;
      this.tagStart = p;
      this.tagEnd = r >= end ? end : r + 1;
      this.pos = this.tagEnd;
      if (close) {
        this.selfClosing = false;
        this.name = this.qualify(s, nameStart, colon, q);
        this.depth--;
        const top = this.scopes.length ? this.scopes[this.scopes.length - 1] : undefined;
        if (top && top.depth === this.depth) this.popAfterTag = true;
        return CLOSE;
      }
      this.selfClosing = r < end && s.charCodeAt(r - 1) === 47;
      this.attrStart = q;
      this.attrEnd = this.selfClosing ? r - 1 : Math.min(r, end);
      this.openDeclared = declares && this.home !== undefined;
      if (this.openDeclared) this.pushScope();
      this.name = this.qualify(s, nameStart, colon, q);
      if (!this.selfClosing) this.depth++;
      return OPEN;
    }
  }

  /**
   * At "<!" (not CDATA) or "<?": the position just past the comment, instruction or DOCTYPE
   * (with its internal subset [...]: skipped, never expanded).
   */
  private pastMarkup(p: number): number {
    const s = this.src;
    const end = this.end;
    if (s.charCodeAt(p + 1) === 63 /* ? */) {
      const q = s.indexOf("?>", p + 2);
      return q < 0 ? end : q + 2;
    }
    if (s.startsWith("<!--", p)) {
      const q = s.indexOf("-->", p + 4);
      return q < 0 ? end : q + 3;
    }
    let depth = 0;
    let q = p + 2;
    for (; q < end; q++) {
      const c = s.charCodeAt(q);
      if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === 62 && depth <= 0) break;
    }
    return q + 1;
  }

  /** Set by tagClose: the tag declares namespaces. */
  private tagDeclares = false;

  /** From after a tag's name: the index of its '>' outside quoted attribute values (or the end). */
  private tagClose(q: number): number {
    const s = this.src;
    const end = this.end;
    let r = q;
    let declares = false;
    for (; r < end; r++) {
      const c = s.charCodeAt(r);
      if (c === 62) break;
      if (c === 34 || c === 39) {
        const z = s.indexOf(c === 34 ? '"' : "'", r + 1);
        r = z < 0 || z > end ? end : z;
      } else if (c === 120 /* x */ && !declares && s.startsWith("xmlns", r)) declares = true;
    }
    this.tagDeclares = declares;
    return r;
  }

  /** The token's name under the bindings in scope (see the class comment). */
  private qualify(s: string, nameStart: number, colon: number, nameEnd: number): string {
    const local = s.slice(colon >= 0 ? colon + 1 : nameStart, nameEnd);
    if (!this.home) return local;
    const prefix = colon >= 0 ? s.slice(nameStart, colon) : "";
    if (prefix !== this.lastPrefix) {
      this.lastPrefix = prefix;
      const uri = this.bindings.get(prefix);
      // No namespace at all (no default declared) counts as home: sloppy writers omit it.
      const home = uri === undefined ? prefix === "" : this.home.has(uri);
      this.lastForeign = home ? undefined : `{${uri ?? prefix + ":"}}`;
    }
    return this.lastForeign === undefined ? local : this.lastForeign + local;
  }

  /** The current OPEN tag declares namespaces: they hold for it and its content. */
  private pushScope(): void {
    const s = this.src;
    const next = new Map(this.bindings);
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      const a = this.nextAttr(i, end);
      if (!a) break;
      const { nameStart, nameEnd, vStart, vEnd } = a;
      if (s.startsWith("xmlns", nameStart)) {
        const prefix = nameEnd - nameStart === 5 ? "" : s.charCodeAt(nameStart + 5) === 58 ? s.slice(nameStart + 6, nameEnd) : undefined;
        if (prefix !== undefined) next.set(prefix, decodeEntities(s.slice(vStart, vEnd)));
      }
      i = vEnd + 1;
    }
    this.scopes.push({ depth: this.depth, outer: this.bindings });
    this.bindings = next;
    this.lastPrefix = undefined;
    if (this.selfClosing) this.popAfterTag = true;
  }

  private popScope(): void {
    this.popAfterTag = false;
    const top = this.scopes.pop();
    if (top) this.bindings = top.outer;
    this.lastPrefix = undefined;
  }

  /**
   * The attribute starting at or after `i` (before `end`): name and value bounds (value
   * without its quotes), or undefined when there is none. Looks only inside the tag.
   */
  private nextAttr(i: number, end: number): { nameStart: number; nameEnd: number; vStart: number; vEnd: number } | undefined {
    const s = this.src;
    let c = s.charCodeAt(i);
    while (i < end && (c === 32 || c === 9 || c === 10 || c === 13)) c = s.charCodeAt(++i);
    if (i >= end) return undefined;
    let eq = i;
    while (eq < end && s.charCodeAt(eq) !== 61 /* = */) eq++;
    if (eq >= end) return undefined;
    let nameEnd = eq;
    while (nameEnd > i && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
    let vStart = eq + 1;
    while (vStart < end && s.charCodeAt(vStart) <= 32) vStart++;
    const quote = s.charCodeAt(vStart);
    if (quote !== 34 && quote !== 39) return undefined;
    let vEnd = vStart + 1;
    while (vEnd < end && s.charCodeAt(vEnd) !== quote) vEnd++;
    if (vEnd >= end) return undefined;
    return { nameStart: i, nameEnd, vStart: vStart + 1, vEnd };
  }

  /**
   * After the OPEN of an element whose whole content is one child holding text and nothing
   * else, unprefixed, the way nearly every writer puts a cell's value (`<v>12</v></c>`) or a
   * shared string (`<t>…</t></si>`): that text, decoded, with the scanner left past the
   * element's end tag exactly as next() would leave it. Anything else (a prefix, attributes
   * other than xml:space, more children, a comment): undefined, and nothing has moved.
   */
  simpleContent(child: string, element: string): string | undefined {
    if (this.selfClosing || this.openDeclared) return undefined;
    const s = this.src;
    const p = this.pos;
    if (s.charCodeAt(p) !== 60 || !s.startsWith(child, p + 1)) return undefined;
    let at = p + 1 + child.length;
    if (s.charCodeAt(at) !== 62 /* > */) {
      if (!s.startsWith(' xml:space="preserve">', at)) return undefined;
      at += 22;
    } else at++;
    const q = s.indexOf("<", at);
    const close = q + 3 + child.length; // "</" child ">"
    const stop = close + 2 + element.length + 1; // "</" element ">"
    if (q < 0 || stop > this.end) return undefined;
    if (s.charCodeAt(q + 1) !== 47 || !s.startsWith(child, q + 2) || s.charCodeAt(close - 1) !== 62) return undefined;
    if (s.charCodeAt(close) !== 60 || s.charCodeAt(close + 1) !== 47 || !s.startsWith(element, close + 2) || s.charCodeAt(stop - 1) !== 62)
      return undefined;
    // Unprefixed names must be in the part's own namespace, as next() would name them.
    const uri = this.bindings.get("");
    if (this.home && uri !== undefined && !this.home.has(uri)) return undefined;
    const raw = s.slice(at, q);
    // The state next() leaves after the element's CLOSE.
    this.pos = stop;
    this.tagStart = close;
    this.tagEnd = stop;
    this.name = element;
    this.depth--;
    const top = this.scopes.length ? this.scopes[this.scopes.length - 1] : undefined;
    if (top && top.depth === this.depth) this.popAfterTag = true;
    return decodeEntities(normalizeLineEnds(raw));
  }

  /** The current OPEN tag's name as written, prefix included ("x:sheetData"). */
  rawName(): string {
    return this.src.slice(this.tagStart + 1, this.attrStart);
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
   * the decoded value of names[i], or undefined. Looks only inside the tag: a search that
   * ran on past it (say, back to the part's start for a namespace colon) would make a
   * part's reading quadratic in its length.
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
      let eq = i;
      while (eq < end && s.charCodeAt(eq) !== 61 /* = */) eq++;
      if (eq >= end) break;
      let nameEnd = eq;
      while (nameEnd > i && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
      let vStart = eq + 1;
      while (vStart < end && s.charCodeAt(vStart) <= 32) vStart++;
      const quote = s.charCodeAt(vStart);
      if (quote !== 34 && quote !== 39) break;
      let vEnd = vStart + 1;
      while (vEnd < end && s.charCodeAt(vEnd) !== quote) vEnd++;
      if (vEnd >= end) break;
      let ls = nameEnd;
      while (ls > i && s.charCodeAt(ls - 1) !== 58 /* : */) ls--;
      for (let k = 0; k < names.length; k++) {
        const n = names[k];
        if (nameEnd - ls === n.length && s.startsWith(n, ls)) {
          out[k] = attributeValue(s.slice(vStart + 1, vEnd));
          break;
        }
      }
      i = vEnd + 1;
    }
  }

  /** Decoded text of the current TEXT token. */
  text(): string {
    const raw = this.src.slice(this.textStart, this.textEnd);
    return this.cdata ? normalizeLineEnds(raw) : decodeEntities(normalizeLineEnds(raw));
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

  /**
   * After an OPEN token: moves past the element's subtree, ending as next() would have left
   * it after the matching CLOSE. The subtree is walked by the same rules as next() (tags,
   * quotes, comments, CDATA, DOCTYPE, instructions) without naming its elements, which is
   * most of a token's cost: a sheet's views and a style sheet's fonts, fills and borders are
   * skipped this way. A tag inside that declares namespaces hands over to next(), which
   * keeps the bindings.
   */
  skip(): void {
    if (this.selfClosing) return;
    const s = this.src;
    const end = this.end;
    let depth = 1;
    let p = this.pos;
    for (;;) {
      if (p >= end) {
        this.pos = p;
        return;
      }
      if (s.charCodeAt(p) !== 60 /* < */) {
        const q = s.indexOf("<", p);
        p = q < 0 || q > end ? end : q;
        continue;
      }
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 33 /* ! */) {
        if (s.startsWith("<![CDATA[", p)) {
          const q = s.indexOf("]]>", p + 9);
          p = q < 0 || q >= end ? end : q + 3;
          continue;
        }
        p = this.pastMarkup(p);
        continue;
      }
      if (c1 === 63 /* ? */) {
        p = this.pastMarkup(p);
        continue;
      }
      const close = c1 === 47; /* / */
      if (close && depth === 1) {
        // The element's own end: next() takes it, so depth and bindings end as they should.
        this.pos = p;
        this.next();
        return;
      }
      let q = close ? p + 2 : p + 1;
      for (; q < end; q++) {
        const c = s.charCodeAt(q);
        if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) break;
      }
      const r = this.tagClose(q);
      if (this.tagDeclares && this.home && !close) {
        // The elements open inside count in next()'s depth from here on.
        this.depth += depth - 1;
        this.pos = p;
        this.skipByTokens(depth);
        return;
      }
      if (close) depth--;
      else if (!(r < end && s.charCodeAt(r - 1) === 47)) depth++;
      p = r >= end ? end : r + 1;
    }
  }

  /** skip() token by token, `depth` elements deep (1: just after the OPEN). */
  private skipByTokens(depth: number): void {
    for (;;) {
      const t = this.next();
      if (t === END) return;
      if (t === OPEN) {
        if (!this.selfClosing) depth++;
      } else if (t === CLOSE && --depth === 0) return;
    }
  }
}

/** XML end-of-line handling: CR LF and a lone CR read as LF. */
export function normalizeLineEnds(raw: string): string {
  return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
}

/** XML attribute-value normalisation (CDATA type): line ends and tabs read as spaces; references kept. */
function attributeValue(raw: string): string {
  const v = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, " ") : raw;
  return decodeEntities(v);
}

/** A Map, not an object: `&constructor;` must not find Object's own properties. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

/**
 * Expands `&name;` (the five predefined), `&#NNN;` and `&#xHHH;`; anything else is kept as
 * written. A hand-written scan: openpyxl writes every non-ASCII character as a character
 * reference (`&#22635;&#25253;…`), so this is the reader's hottest path on its files.
 */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let last = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(";", amp + 1);
    if (semi < 0) break;
    const rep = reference(raw, amp + 1, semi);
    if (rep === undefined) {
      amp = raw.indexOf("&", amp + 1);
      continue;
    }
    out += raw.slice(last, amp) + rep;
    last = semi + 1;
    amp = raw.indexOf("&", last);
  }
  return last === 0 ? raw : out + raw.slice(last);
}

/** The text of the reference between `&` and `;` (raw[from, to)), or undefined when it is none. */
function reference(raw: string, from: number, to: number): string | undefined {
  if (to === from) return undefined;
  if (raw.charCodeAt(from) === 35 /* # */) {
    const hex = raw.charCodeAt(from + 1) === 120; /* x */
    let i = hex ? from + 2 : from + 1;
    if (i >= to) return undefined;
    let code = 0;
    for (; i < to; i++) {
      const c = raw.charCodeAt(i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (hex && c >= 97 && c <= 102) d = c - 87;
      else if (hex && c >= 65 && c <= 70) d = c - 55;
      else return undefined;
      // Past the last code point it stays past it (and is then kept as written).
      if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + d;
    }
    return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return undefined;
  }
  return NAMED.get(raw.slice(from, to));
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

/**
 * Excel's `_xHHHH_` escapes in cell text (characters XML cannot carry, such as `_x000D_` for a
 * CR, which XML would read as LF). `_x005F_` is the escaped underscore, so `_x005F_x000D_` is
 * the literal text "_x000D_": one left-to-right pass decodes it so.
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
