import fc from "fast-check";
import { CLOSE, END, OPEN, TEXT, XmlScanner, decodeEntities, escapeXml } from "../../src/files/xml";
import { shiftFormula } from "../../src/files/formula";
import { isDateFormat } from "../../src/files/numfmt";
import { isoToSerial } from "../../src/files/read";

function tokens(xml: string): string[] {
  const sc = new XmlScanner(xml);
  const out: string[] = [];
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t === OPEN) out.push(`<${sc.name}${sc.selfClosing ? "/" : ""}>`);
    else if (t === CLOSE) out.push(`</${sc.name}>`);
    else if (t === TEXT) out.push(sc.text());
  }
  return out;
}

describe("XmlScanner", () => {
  it("drops namespace prefixes, skips declarations, comments and DOCTYPE", () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><!-- c --><x:row r="1"><x:c r="A1"/></x:row>';
    expect(tokens(xml)).toEqual(["<row>", "<c/>", "</row>"]);
  });

  it("decodes entities and character references, keeps CDATA and unknown entities literal", () => {
    expect(tokens("<t>a&amp;b&lt;&gt;&quot;&apos;&#49;&#x4E00;&a;</t>")).toEqual(["<t>", "a&b<>\"'1一&a;", "</t>"]);
    expect(tokens("<t><![CDATA[<b>&amp;]]></t>")).toEqual(["<t>", "<b>&amp;", "</t>"]);
    expect(decodeEntities("&#128512;")).toBe("😀");
  });

  it("decodes references as the XML rule says, by a hand-written scan that agrees with the plain regular expression", () => {
    const NAMED = new Map([
      ["amp", "&"],
      ["lt", "<"],
      ["gt", ">"],
      ["quot", '"'],
      ["apos", "'"],
    ]);
    const reference = (raw: string) =>
      raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
        if (e.charCodeAt(0) === 35) {
          const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
        }
        return NAMED.get(e) ?? m;
      });
    // openpyxl's way with Chinese text, edge cases, and Object's own property names.
    const cases = [
      "&#22635;&#25253;&#21333;&#20301;(&#30422;&#31456;):",
      "&amp&lt;&;&#;&#x;&#xZ;&#12a;&#X41;&#x41;&#1114111;&#1114112;&#99999999999999999999;",
      "&constructor;&toString;&__proto__;&AMP;&Amp;a&b;c;&#0;&#x10FFFF;&#x110000;",
      "no references",
      "&",
      ";&",
    ];
    for (const c of cases) expect(decodeEntities(c)).toBe(reference(c));
    const piece = fc.oneof(
      fc.constantFrom("&", ";", "#", "x", "X", "amp", "lt", "quot", "apos", "gt", "constructor", "1", "9", "a", "F", "g", "中"),
      fc.integer({ min: 0, max: 0x11ffff }).map((n) => `&#${n};`),
      fc.integer({ min: 0, max: 0x11ffff }).map((n) => `&#x${n.toString(16)};`),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join("");
        expect(decodeEntities(s)).toBe(reference(s));
      }),
      { numRuns: 3000, seed: 20181207 },
    );
  });

  it("reads attributes by local name, with either quote and '>' inside values", () => {
    const sc = new XmlScanner(`<sheet name='a>b' r:id="rId3" x:state = "hidden" />`);
    expect(sc.next()).toBe(OPEN);
    expect(sc.selfClosing).toBe(true);
    expect(sc.attr("name")).toBe("a>b");
    expect(sc.attr("id")).toBe("rId3");
    expect(sc.attr("state")).toBe("hidden");
    expect(sc.attr("missing")).toBeUndefined();
  });

  it("keeps spaces of text exactly (xml:space=preserve or not)", () => {
    const sc = new XmlScanner('<si><t xml:space="preserve">  两端  </t></si>');
    sc.next();
    sc.next();
    expect(sc.readText()).toBe("  两端  ");
  });

  it("skips a subtree exactly as walking it token by token does, on any text at all", () => {
    // The plain skip, through the public API: the fast one must leave the scanner in the same
    // place, with the same depth and namespace bindings (seen in every token that follows).
    const slowSkip = (sc: XmlScanner) => {
      if (sc.selfClosing) return;
      let depth = 1;
      for (;;) {
        const t = sc.next();
        if (t === END) return;
        if (t === OPEN) {
          if (!sc.selfClosing) depth++;
        } else if (t === CLOSE && --depth === 0) return;
      }
    };
    const rest = (sc: XmlScanner) => {
      const out: string[] = [];
      for (let t = sc.next(); t !== END; t = sc.next())
        out.push(t === TEXT ? `T${sc.text()}` : `${t}${sc.name}${sc.selfClosing ? "/" : ""}@${sc.tagStart}`);
      return out;
    };
    const piece = fc.constantFrom(
      "<a>",
      "</a>",
      "<x:a>",
      "</x:a>",
      "<b/>",
      "<b />",
      "<x:b/>",
      "</b>",
      "<c r='1>2'>",
      '<c r="/>">',
      "</c>",
      '<a xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      '<y:a xmlns:y="urn:other">',
      '<b xmlns:x="urn:other"/>',
      '<x:a xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main">',
      "</y:a>",
      "<!-- </a> -->",
      "<![CDATA[</a><a>]]>",
      "<!DOCTYPE d [<!ENTITY e '</a>'>]>",
      "<?pi </a>?>",
      "text",
      "&amp;",
      "<",
      ">",
      "'",
      '"',
      "<a",
      "</a",
      "<!--",
      "<![CDATA[",
      "/",
    );
    for (const home of [
      undefined,
      ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
    ])
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 24 }), fc.nat(12), fc.nat(8), (parts, k, cut) => {
          const xml = parts.join("");
          // Sometimes the scanner's range ends before the text does.
          const end = Math.max(0, xml.length - (cut < 4 ? 0 : cut));
          const scanners = [new XmlScanner(xml, 0, end, home), new XmlScanner(xml, 0, end, home)];
          let opens = 0;
          for (let t = scanners[0].next(); t !== END; t = scanners[0].next()) {
            scanners[1].next();
            if (t === OPEN && opens++ === k) {
              scanners[0].skip();
              slowSkip(scanners[1]);
              // At the end of the text the last name is stale either way; before it, it is the CLOSE's.
              expect(scanners[0].pos).toBe(scanners[1].pos);
              if (scanners[1].pos < end) expect(scanners[0].name).toBe(scanners[1].name);
              break;
            }
          }
          expect(rest(scanners[0])).toEqual(rest(scanners[1]));
        }),
        { numRuns: 4000, seed: 20181208 },
      );
    // A namespace declared deep inside the skipped subtree: the root's own binding must still
    // end with the root (so y:q after it is no longer urn:other's).
    const deep = '<r xmlns:y="urn:other"><a><b><c xmlns:z="urn:z"><y:d/></c></b></a><y:e/></r><y:q/>';
    const sc = new XmlScanner(deep, 0, deep.length, ["urn:home"]);
    sc.next();
    sc.next();
    sc.skip();
    expect(rest(sc)).toEqual([`1{urn:other}e/@${deep.indexOf("<y:e")}`, `2r@${deep.indexOf("</r>")}`, `1{y:}q/@${deep.indexOf("<y:q")}`]);
  });

  it("reads an element's one text child in one step exactly as token by token, or leaves it to them", () => {
    const rest = (sc: XmlScanner) => {
      const out: string[] = [];
      for (let t = sc.next(); t !== END; t = sc.next())
        out.push(t === TEXT ? `T${sc.text()}` : `${t}${sc.name}${sc.selfClosing ? "/" : ""}@${sc.tagStart}`);
      return out;
    };
    // How the reader takes a cell's value token by token (src/files/read.ts: parseCell).
    const slow = (sc: XmlScanner, child: string, element: string) => {
      let v: string | undefined;
      for (let t = sc.next(); t !== END; t = sc.next()) {
        if (t === CLOSE) {
          if (sc.name === element) break;
          continue;
        }
        if (t !== OPEN) continue;
        if (sc.name === child) v = sc.readText();
        else sc.skip();
      }
      return v;
    };
    const piece = fc.constantFrom(
      "<c>",
      "<c r='A1'>",
      "</c>",
      "<v>",
      "</v>",
      "<x:v>",
      "</x:v>",
      "<v/>",
      '<v xml:space="preserve">',
      "<v a='1'>",
      "<f>",
      "</f>",
      "12",
      "&amp;",
      "a\r\nb",
      "<!-- -->",
      "<![CDATA[3]]>",
      " ",
      "<c xmlns='urn:other'>",
      '<c xmlns:y="urn:y">',
      "<y:v>",
      "</y:v>",
      ">",
      "</c",
      "<c><v>12</v></c>",
      "<c><v></v></c>",
      '<c><v xml:space="preserve"> 1&#10;</v></c>',
      "<c><v>1</v></x:c>",
      "<c><v>1</v><f>",
      "<c><v>a\rb</v></c>",
      "<r xmlns='urn:other'>",
      "<r xmlns='urn:other' xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>",
      "<x:c><v>1</v></c>",
      "</r>",
    );
    let hits = 0;
    for (const home of [undefined, ["http://schemas.openxmlformats.org/spreadsheetml/2006/main"]])
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 16 }), fc.nat(6), (parts, k) => {
          const xml = parts.join("");
          const a = new XmlScanner(xml, 0, xml.length, home);
          const b = new XmlScanner(xml, 0, xml.length, home);
          let opens = 0;
          for (let t = a.next(); t !== END; t = a.next()) {
            b.next();
            if (t === OPEN && opens++ === k && a.name === "c") {
              const at = a.pos;
              const fast = a.simpleContent("v", "c");
              if (fast === undefined) {
                expect(a.pos).toBe(at);
                break;
              }
              hits++;
              expect(fast).toBe(slow(b, "v", "c"));
              expect([a.pos, a.name]).toEqual([b.pos, b.name]);
              break;
            }
          }
          expect(rest(a)).toEqual(rest(b));
        }),
        { numRuns: 6000, seed: 20181210 },
      );
    expect(hits).toBeGreaterThan(500);
  });

  it("escapes what it writes and drops characters XML cannot hold", () => {
    expect(escapeXml(`a&<>"'\u0001b`)).toBe("a&amp;&lt;&gt;&quot;&apos;b");
  });
});

describe("shared formulas, date formats, ISO dates", () => {
  it("moves relative references only", () => {
    expect(shiftFormula("E6+'2018年6月'!F6", 2, 0)).toBe("E8+'2018年6月'!F8");
    expect(shiftFormula("SUM($A$1:A1)*B$2+$C3", 1, 1)).toBe("SUM($A$1:B2)*C$2+$C4");
    expect(shiftFormula('IF(A1="A1",LOG10(A1),0)', 1, 0)).toBe('IF(A2="A1",LOG10(A2),0)');
    expect(shiftFormula("'It''s A1'!B2", 1, 0)).toBe("'It''s A1'!B3");
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });

  it("recognises date formats, not number formats", () => {
    for (const f of [
      'yyyy"年"m"月"d"日"',
      "yyyy\\年m\\月d\\日",
      "yyyy-mm-dd",
      "m/d/yy h:mm",
      "[$-804]yyyy年m月d日",
      "[h]:mm:ss",
      '上午/下午h"时"mm"分"',
    ]) {
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    }
    for (const f of ["0", "0.0000", "#,##0.00", "@", "0%", '0"人"', '#,##0.00 "元"', "[Red]0.00", "General"]) {
      expect([f, isDateFormat(f)]).toEqual([f, false]);
    }
  });

  it("turns ISO dates into 1900-system serials", () => {
    expect(isoToSerial("2018-08-05")).toBe(43317);
    expect(isoToSerial("2018-08-05T12:00:00Z")).toBe(43317.5);
    expect(isoToSerial("1900-03-01")).toBe(61);
    expect(isoToSerial("1900-01-01")).toBe(1);
    expect(isoToSerial("nonsense")).toBeUndefined();
  });
});
