/* eslint-disable no-control-regex -- escaping for XML has to match control characters. */
import fc from "fast-check";
import { textElement } from "../../../src/adapters/xlsx/worksheetXml";
import { legacyPasswordHash } from "../../../src/adapters/xlsx/legacyPasswordHash";
import {
  escapeAttr,
  escapeCellText,
  findElement,
  namespacePrefix,
  readAttributes,
  setAttribute,
} from "../../../src/adapters/xlsx/xmlText";

describe("legacyPasswordHash", () => {
  // Published vectors of the ECMA-376 legacy algorithm (openpyxl's and NanoXLSX's tests agree on them).
  it.each([
    ["test", "CBEB"],
    ["x", "CEBA"],
    [" ", "CE0A"],
    ["Test@1-2,3!", "F767"],
  ])("hashes %j to %s", (password, hash) => {
    expect(legacyPasswordHash(password)).toBe(hash);
  });

  it("gives different passwords different hashes", () => {
    expect(legacyPasswordHash("test")).not.toBe(legacyPasswordHash("tset"));
  });

  it("gives no hash for an empty password", () => {
    expect(legacyPasswordHash("")).toBe("");
  });
});

describe("escapeCellText", () => {
  it("escapes markup characters", () => {
    expect(escapeCellText("a<b & c>d")).toBe("a&lt;b &amp; c&gt;d");
  });

  it("encodes control characters and CR as _xHHHH_, keeping tab and LF", () => {
    expect(escapeCellText("a\u0001b\rc\td\ne")).toBe("a_x0001_b_x000D_c\td\ne");
  });

  it("escapes a literal _xHHHH_ so a reader does not decode it", () => {
    expect(escapeCellText("_x0041_ and _x12")).toBe("_x005F_x0041_ and _x12");
  });

  it("drops lone surrogates but keeps pairs", () => {
    expect(escapeCellText("a\uD800b😀")).toBe("ab😀");
  });

  it("returns plain text unchanged, and changes every string that needs escaping like the full rules do", () => {
    expect(escapeCellText("测试示范点00003党支部")).toBe("测试示范点00003党支部");
    // The rules spelled out once more, without the shortcut for plain text.
    const fullRules = (value: string): string =>
      value
        .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
        .replace(
          /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g,
          (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
        )
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;");
    const pieces = fc.constantFrom(
      "a",
      "名",
      "_",
      "_x0041_",
      "&",
      "<",
      ">",
      "\t",
      "\n",
      "\r",
      "\u0001",
      "\uD800",
      "\uDC00",
      "😀",
      "\uFFFE",
      " "
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) =>
        expect(escapeCellText(parts.join(""))).toBe(fullRules(parts.join("")))
      )
    );
  });
});

describe("textElement", () => {
  it("marks whitespace to keep only where a reader could drop it", () => {
    expect(textElement("阳光社区党支部")).toBe("<t>阳光社区党支部</t>");
    expect(textElement("a b")).toBe("<t>a b</t>");
    expect(textElement(" 前导")).toBe('<t xml:space="preserve"> 前导</t>');
    expect(textElement("末尾 ")).toBe('<t xml:space="preserve">末尾 </t>');
    expect(textElement("两行\n文字")).toBe('<t xml:space="preserve">两行\n文字</t>');
    expect(textElement("a  b")).toBe('<t xml:space="preserve">a  b</t>');
  });
});

describe("escapeAttr", () => {
  it("escapes quotes and keeps line breaks as references", () => {
    expect(escapeAttr('say "是"\n& go')).toBe("say &quot;是&quot;&#10;&amp; go");
  });
});

describe("tag surgery", () => {
  it("reads attributes, unescaping values", () => {
    expect([...readAttributes("<sheet name=\"A&amp;B\" r:id='rId3'/>")]).toEqual([
      ["name", "A&B"],
      ["r:id", "rId3"],
    ]);
  });

  it("sets a new attribute and replaces an existing one without touching the rest", () => {
    expect(setAttribute('<calcPr calcId="191029"/>', "fullCalcOnLoad", "1")).toBe(
      '<calcPr calcId="191029" fullCalcOnLoad="1"/>'
    );
    expect(setAttribute('<calcPr fullCalcOnLoad="0" calcId="1">', "fullCalcOnLoad", "1")).toBe(
      '<calcPr fullCalcOnLoad="1" calcId="1">'
    );
  });

  it("finds an element whose attribute holds a raw >", () => {
    const xml = '<sheets><sheet name="a>b" sheetId="1"/></sheets>';
    const span = findElement(xml, "sheet");
    expect(span?.openTag).toBe('<sheet name="a>b" sheetId="1"/>');
    expect(span?.selfClosing).toBe(true);
  });

  it("does not take <sheets> for <sheet>", () => {
    expect(findElement("<sheets></sheets>", "sheet")).toBeUndefined();
  });

  it("finds the prefix a part binds to a namespace", () => {
    expect(
      namespacePrefix(
        '<?xml version="1.0"?><x:workbook xmlns:x="urn:main" xmlns:r="urn:rel"/>',
        "urn:main"
      )
    ).toBe("x:");
    expect(namespacePrefix('<workbook xmlns="urn:main"/>', "urn:main")).toBe("");
    expect(namespacePrefix('<workbook xmlns="urn:main"/>', "urn:other")).toBeUndefined();
  });
});
