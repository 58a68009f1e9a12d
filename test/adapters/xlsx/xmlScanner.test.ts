import fc from "fast-check";
import { XmlFormatError } from "../../../src/adapters/xlsx/read/xmlEvents";
import { MAX_CONSTRUCT, XmlScanner, scanXml } from "../../../src/adapters/xlsx/read/xmlScanner";

/** Every event as a line: `<name a=v …>`, `</name>`, `"text"` (adjacent text runs joined). */
function events(chunks: readonly string[], attributeNames: readonly string[] = ["r", "t", "s"]) {
  const seen: string[] = [];
  let collecting = false;
  const scanner = new XmlScanner({
    open(name, attributes, selfClosing) {
      const shown = attributeNames.flatMap((a) => {
        const value = attributes.get(a);
        return value === undefined ? [] : [`${a}=${value}`];
      });
      seen.push(`<${[name, ...shown].join(" ")}${selfClosing ? "/" : ""}>`);
      collecting = name === "v" || name === "t";
    },
    wantsText: () => collecting,
    text(text) {
      const last = seen.at(-1);
      if (last?.startsWith('"')) seen[seen.length - 1] = `${last.slice(0, -1)}${text}"`;
      else seen.push(`"${text}"`);
    },
    close(name) {
      seen.push(`</${name}>`);
      collecting = false;
    },
  });
  for (const chunk of chunks) scanner.write(chunk);
  scanner.close();
  return seen;
}

const scanError = (xml: string): string => {
  try {
    scanXml(xml, { open: () => undefined, wantsText: () => true, text: () => undefined });
  } catch (err) {
    if (err instanceof XmlFormatError) return err.message;
    throw err;
  }
  return "read";
};

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<x:worksheet xmlns:x="urn:main"><!-- a comment --><x:sheetData>' +
  '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲 &amp; 乙 &lt;&#x4E19;&#19969;&gt;</x:t></x:is></x:c>' +
  '<x:c r=\'B1\' s="3"><x:v>1.5</x:v></x:c><x:c r="C1"/></x:row>' +
  '<x:row r="2"><x:c r="A2" t="str"><x:v><![CDATA[a<b]]>\r\nc</x:v></x:c></x:row>' +
  "</x:sheetData></x:worksheet>";

describe("XmlScanner", () => {
  it("reads tags, attributes in either quote, references, CDATA and line ends as XML gives them", () => {
    expect(events([SHEET])).toEqual([
      "<worksheet>",
      "<sheetData>",
      "<row r=1>",
      "<c r=A1 t=inlineStr>",
      "<is>",
      "<t>",
      '"甲 & 乙 <丙丁>"',
      "</t>",
      "</is>",
      "</c>",
      "<c r=B1 s=3>",
      "<v>",
      '"1.5"',
      "</v>",
      "</c>",
      "<c r=C1/>",
      "</c>",
      "</row>",
      "<row r=2>",
      "<c r=A2 t=str>",
      "<v>",
      '"a<b\nc"',
      "</v>",
      "</c>",
      "</row>",
      "</sheetData>",
      "</worksheet>",
    ]);
  });

  it("gives the same events however the part is cut into chunks (failure twin: the whole part)", () => {
    const whole = events([SHEET]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: SHEET.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), SHEET.length];
          const chunks = at.slice(1).map((end, k) => SHEET.slice(at[k], end));
          expect(events(chunks)).toEqual(whole);
        }
      ),
      { numRuns: 300 }
    );
  });

  it.each([
    ["a document type declaration", '<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', /DTD/],
    ["an undeclared entity", "<x>&e;</x>", /reference/],
    ["a bare ampersand", "<x>a & b</x>", /reference/],
    ["a reference to a character XML forbids", "<x>&#0;</x>", /character 0/],
    ["a tag closed by another name", "<a><b></a>", /<\/a> closes <b>/],
    ["an end tag with nothing open", "<a/></b>", /closes nothing/],
    ["an element left open", "<a><b></b>", /<a> is never closed/],
    ["an end inside a tag", '<a><b c="1', /ends inside a tag/],
    ["no root element", "  ", /no root element/],
    ["two root elements", "<a/><b/>", /second root/],
    ["text outside the root", "<a/>junk", /outside the root/],
    ["an unquoted attribute", "<a b=1/>", /unquoted/],
    ["< inside an attribute", '<a b="<"/>', /"<" in an attribute/],
    ["< inside a later attribute", '<a b="1" c="2" d=\'x<y\'/>', /"<" in an attribute/],
    ["< inside a later attribute, the tag cut after it", '<a b="1" c="<"', /"<" in an attribute/],
    ["attributes run together", '<a b="1"c="2"/>', /run together/],
  ])("refuses %s (failure twin: the sound part reads)", (_case, xml, message) => {
    expect(scanError(xml)).toMatch(message);
    expect(scanError("<a><b c='1'>x &amp; y</b></a>")).toBe("read");
  });

  it("refuses a tag that never ends instead of scanning it again at every chunk", () => {
    const scanner = new XmlScanner({ open: () => undefined });
    scanner.write('<a b="');
    const piece = "x".repeat(1024 * 1024);
    expect(() => {
      for (let k = 0; k <= MAX_CONSTRUCT / piece.length; k++) scanner.write(piece);
    }).toThrow(XmlFormatError);
  });

  it("passes long text through in pieces without holding it back (failure twin: the pieces join to the text)", () => {
    const text = "长".repeat(200_000);
    const seen: string[] = [];
    const scanner = new XmlScanner({
      open: () => undefined,
      wantsText: () => true,
      text: (t) => void seen.push(t),
    });
    scanner.write("<v>");
    for (let at = 0; at < text.length; at += 10_000) scanner.write(text.slice(at, at + 10_000));
    expect(seen.length).toBeGreaterThan(1);
    scanner.write("</v>");
    scanner.close();
    expect(seen.join("")).toBe(text);
  });
});
