/**
 * Is this part well-formed XML 1.0 with namespaces, as libxml2 (xmllint) and Excel require?
 * The patcher copies every part it does not change byte for byte, so it checks them with
 * this first and refuses a workbook holding a malformed one: it must never write a file
 * Excel has to "repair". One pass over the text, linear in its length. Checked: one root
 * element, matching end tags, names, attribute syntax and uniqueness, references, the
 * characters XML allows, comments, CDATA, processing instructions, declared prefixes, and
 * that the declared encoding is UTF-8 (parts are decoded as UTF-8). A DOCTYPE is refused
 * (OOXML parts never have one).
 */

/** The first problem found ("line 3: ..."), or undefined when the text is well-formed. */
export function wellFormedProblem(xml: string): string | undefined {
  try {
    check(xml);
    return undefined;
  } catch (err) {
    if (err instanceof NotWellFormed) return err.message;
    throw err;
  }
}

class NotWellFormed extends Error {}

function isNameStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    c === 58 ||
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameChar(c: number): boolean {
  return (
    isNameStart(c) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 46 ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    c === 0x203f ||
    c === 0x2040
  );
}

/** XML 1.0 Char. */
function isChar(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);

function check(s: string): void {
  const n = s.length;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const fail = (what: string): never => {
    for (let k = 0; k < Math.min(i, n); k++) if (s.charCodeAt(k) === 10) line++;
    throw new NotWellFormed(`line ${line}: ${what}`);
  };

  /** Code point at i (surrogate pairs joined); a lone surrogate is not a character. */
  const cp = (at: number): number => {
    const c = s.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(at + 1);
      return d >= 0xdc00 && d <= 0xdfff ? ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000 : -1;
    }
    return c >= 0xdc00 && c <= 0xdfff ? -1 : c;
  };
  const width = (c: number): number => (c >= 0x10000 ? 2 : 1);

  const readName = (): string => {
    const start = i;
    let c = cp(i);
    if (i >= n || !isNameStart(c)) fail("a name was expected");
    i += width(c);
    while (i < n && isNameChar((c = cp(i)))) i += width(c);
    return s.slice(start, i);
  };

  /** A reference after "&" (at i): "amp;" or "#123;" or "#x1F;". */
  const readReference = (): void => {
    if (s.charCodeAt(i) === 35) {
      i++;
      const hex = s.charCodeAt(i) === 120;
      if (hex) i++;
      const start = i;
      while (i < n && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(s[i])) i++;
      if (i === start || s.charCodeAt(i) !== 59) fail("bad character reference");
      const code = parseInt(s.slice(start, i), hex ? 16 : 10);
      if (!isChar(code) || i - start > 8) fail("character reference to a character XML does not allow");
      i++;
      return;
    }
    const name = readName();
    if (s.charCodeAt(i) !== 59) fail("reference without ';'");
    if (!PREDEFINED.has(name)) fail(`undefined entity &${name};`);
    i++;
  };

  /** Character data up to the next '<' (or end). */
  const readText = (inRoot: boolean): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 60) return;
      if (c === 38) {
        if (!inRoot) fail("text outside the root element");
        i++;
        readReference();
        continue;
      }
      if (!inRoot && !isSpace(c)) fail("text outside the root element");
      if (c === 93 && s.startsWith("]]>", i)) fail("']]>' in text");
      const p = cp(i);
      if (!isChar(p)) fail(`character U+${c.toString(16).toUpperCase().padStart(4, "0")} is not allowed`);
      i += width(p);
    }
  };

  const skipSpace = (): boolean => {
    const start = i;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    return i > start;
  };

  const expect = (lit: string, what: string): void => {
    if (!s.startsWith(lit, i)) fail(what);
    i += lit.length;
  };

  /** Through the closing delimiter, every character allowed. */
  const readUntil = (stop: string, what: string): number => {
    const end = s.indexOf(stop, i);
    if (end < 0) fail(`${what} not closed`);
    for (let k = i; k < end;) {
      const p = cp(k);
      if (!isChar(p)) {
        i = k;
        fail(`character not allowed in ${what}`);
      }
      k += width(p);
    }
    const start = i;
    i = end + stop.length;
    return start;
  };

  // Prolog: the XML declaration must come first when present.
  if (s.startsWith("<?xml", i) && isSpace(s.charCodeAt(i + 5))) {
    const start = readUntil("?>", "XML declaration");
    const decl = s.slice(start, i - 2);
    if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl)) fail("bad XML declaration");
    const enc = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
    if (enc && !/^utf-?8$/i.test(enc[2])) fail(`encoding ${enc[2]} (parts are read as UTF-8)`);
  }

  type Scope = { name: string; prefixes?: Map<string, string> };
  const stack: Scope[] = [];
  let rootSeen = false;
  const declared = (prefix: string): boolean => {
    if (prefix === "xml") return true;
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].prefixes?.has(prefix)) return true;
    return false;
  };

  while (i < n) {
    if (s.charCodeAt(i) !== 60) {
      readText(stack.length > 0);
      continue;
    }
    if (s.startsWith("<!--", i)) {
      i += 4;
      const start = readUntil("-->", "comment");
      if (s.slice(start, i - 3).includes("--") || s.charCodeAt(i - 4) === 45) fail("'--' inside a comment");
      continue;
    }
    if (s.startsWith("<![CDATA[", i)) {
      if (stack.length === 0) fail("CDATA outside the root element");
      i += 9;
      readUntil("]]>", "CDATA section");
      continue;
    }
    if (s.startsWith("<!", i)) fail("DOCTYPE or declaration (not allowed in OOXML parts)");
    if (s.startsWith("<?", i)) {
      i += 2;
      const target = readName();
      if (target.toLowerCase() === "xml") fail("XML declaration not at the start");
      if (!s.startsWith("?>", i) && !skipSpace()) fail("bad processing instruction");
      readUntil("?>", "processing instruction");
      continue;
    }
    if (s.charCodeAt(i + 1) === 47) {
      i += 2;
      const name = readName();
      skipSpace();
      expect(">", "end tag not closed");
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> without a start tag`);
      else if (open.name !== name) fail(`end tag </${name}> closes <${open.name}>`);
      continue;
    }
    // Start tag.
    i++;
    if (stack.length === 0 && rootSeen) fail("a second root element");
    const name = readName();
    const scope: Scope = { name };
    const attrNames: string[] = [];
    // Past a few attributes a set keeps the uniqueness check linear.
    let attrSet: Set<string> | undefined;
    for (;;) {
      const spaced = skipSpace();
      const c = s.charCodeAt(i);
      if (c === 62 || (c === 47 && s.charCodeAt(i + 1) === 62)) break;
      if (i >= n) fail(`start tag <${name}> not closed`);
      if (!spaced) fail("attributes must be separated by space");
      const an = readName();
      skipSpace();
      expect("=", `attribute ${an} without '='`);
      skipSpace();
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) fail(`attribute ${an} not quoted`);
      i++;
      const vStart = i;
      while (i < n && s.charCodeAt(i) !== q) {
        const v = s.charCodeAt(i);
        if (v === 60) fail(`'<' in attribute ${an}`);
        if (v === 38) {
          i++;
          readReference();
          continue;
        }
        const p = cp(i);
        if (!isChar(p)) fail(`character not allowed in attribute ${an}`);
        i += width(p);
      }
      if (i >= n) fail(`attribute ${an} not closed`);
      const value = s.slice(vStart, i);
      i++;
      if (attrSet ? attrSet.has(an) : attrNames.includes(an)) fail(`attribute ${an} twice`);
      attrNames.push(an);
      if (attrSet) attrSet.add(an);
      else if (attrNames.length > 8) attrSet = new Set(attrNames);
      if (an === "xmlns" || an.startsWith("xmlns:")) {
        const prefix = an === "xmlns" ? "" : an.slice(6);
        if (prefix && value === "") fail(`empty namespace for prefix ${prefix}`);
        (scope.prefixes ??= new Map()).set(prefix, value);
      }
    }
    stack.push(scope);
    const colon = name.indexOf(":");
    if (colon >= 0 && !declared(name.slice(0, colon))) fail(`prefix of <${name}> not declared`);
    for (const an of attrNames) {
      const k = an.indexOf(":");
      if (k >= 0 && !an.startsWith("xmlns:") && !declared(an.slice(0, k))) fail(`prefix of attribute ${an} not declared`);
    }
    if (s.charCodeAt(i) === 47) {
      i += 2;
      stack.pop();
    } else i++;
    rootSeen = true;
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> not closed`);
  if (!rootSeen) fail("no root element");
}
