/** The worksheet handler's whole-cell path (valueCell) reads every cell as its six events would. */
import fc from "fast-check";
import { XmlFormatError } from "../../../src/adapters/xlsx/read/xmlEvents";
import { XmlScanner } from "../../../src/adapters/xlsx/read/xmlScanner";
import {
  WorksheetHandler,
  plainNumber,
  type WorksheetContext,
} from "../../../src/adapters/xlsx/read/worksheetHandler";

const context = (): WorksheetContext => ({
  sharedStrings: ["共享 & 文字", "second"],
  formats: [undefined, "yyyy-mm-dd", "0.0"],
  date1904: false,
  textCells: new Map(),
  numberCells: [],
});

/** The sheet read by the handler, its chunks as given; `events` leaves the whole-cell path out. */
function read(
  chunks: readonly string[],
  options: { events?: boolean; leftOut?: boolean } = {}
): WorksheetHandler["content"] {
  const handler = new WorksheetHandler(
    "xl/worksheets/sheet1.xml",
    context(),
    Infinity,
    Infinity,
    options.leftOut ? { belowRow: 1, from: 2, to: 2 } : undefined
  );
  const scanner = new XmlScanner(
    options.events ? Object.assign(handler, { valueCell: undefined }) : handler
  );
  for (const chunk of chunks) scanner.write(chunk);
  scanner.close();
  return handler.content;
}

/** Cell contents of every shape a worksheet holds, whole-cell ones and others. */
const CELLS = [
  '<c r="{}"><v>12.5</v></c>',
  '<c r="{}" s="1"><v>40000</v></c>',
  '<c r="{}" s="2"><v>3</v></c>',
  '<c r="{}"><v></v></c>',
  '<c r="{}" t="s"><v>0</v></c>',
  '<c r="{}" t="str"><v>甲 &amp; 乙 &#x4E19;</v></c>',
  '<c r="{}" t="str"><v></v></c>',
  '<c r="{}" t="b"><v>1</v></c>',
  '<c r="{}" t="e"><v>#N/A</v></c>',
  '<c r="{}" t="inlineStr"><is><t>测试示范点00001党支部</t></is></c>',
  '<c r="{}" t="inlineStr"><is><t></t></is></c>',
  '<c r="{}" t="inlineStr"><is><t xml:space="preserve"> 前后 </t></is></c>',
  '<c r="{}" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>',
  '<c r="{}" t="inlineStr"><is><t>读音</t><rPh sb="0" eb="1"><t>du</t></rPh></is></c>',
  '<c r="{}"><is><t>not an inline cell</t></is></c>',
  '<c r="{}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
  '<c r="{}"/>',
  '<c r="{}" s="2"></c>',
  // Numbers read in place (plainNumber) and ones left to Number().
  '<c r="{}"><v>-0</v></c>',
  '<c r="{}"><v>007.50</v></c>',
  '<c r="{}"><v>.5</v></c>',
  '<c r="{}"><v>1.</v></c>',
  '<c r="{}"><v>.</v></c>',
  '<c r="{}"><v>-</v></c>',
  '<c r="{}"><v>1e3</v></c>',
  '<c r="{}"><v> 12 </v></c>',
  '<c r="{}"><v>+4</v></c>',
  '<c r="{}"><v>1.2.3</v></c>',
  '<c r="{}"><v>18.333333333333332</v></c>',
  '<c r="{}"><v>123456789012345</v></c>',
  '<c r="{}"><v>0.1</v></c>',
  '<c r="{}"><v>-200.5</v></c>',
  '<c r="{}"><v>200.5</v></c>',
];

const sheetXml = (cells: readonly number[]): string => {
  const columns = ["A", "B", "C"];
  const rows: string[] = [];
  for (let at = 0; at < cells.length; at += columns.length) {
    const row = at / columns.length + 1;
    const xml = cells
      .slice(at, at + columns.length)
      .map((kind, c) => (CELLS[kind] ?? "").replace("{}", `${columns[c] ?? "A"}${row}`))
      .join("");
    rows.push(`<row r="${row}">${xml}</row>`);
  }
  return `<worksheet><sheetData>${rows.join("")}</sheetData></worksheet>`;
};

/** `xml` cut at the given places. */
const cut = (xml: string, places: readonly number[]): string[] => {
  const at = [...new Set(places.map((p) => p % (xml.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => xml.slice(from, at[i] ?? xml.length));
};

describe("WorksheetHandler's whole cells", () => {
  it("reads every kind of cell as its events do, however the part is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: CELLS.length - 1 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (cells, places, leftOut) => {
          const chunks = cut(sheetXml(cells), places);
          expect(read(chunks, { leftOut })).toEqual(read(chunks, { leftOut, events: true }));
        }
      ),
      { numRuns: 300 }
    );
  });

  it("reads a value and an inline string whole, with their references replaced", () => {
    const rows = read([sheetXml([0, 5, 9])]).rows;
    expect(rows[0]).toEqual([
      { type: "number", value: 12.5 },
      { type: "text", text: "甲 & 乙 丙" },
      { type: "text", text: "测试示范点00001党支部" },
    ]);
  });

  it("shares one cell for each General number from 0 to 200 in half steps, and none for -0, 200.5 or a formatted one", () => {
    const cells = (values: string): string =>
      values
        .split(" ")
        .map(
          (v, c) =>
            `<c r="${"ABCDEF"[c] ?? "A"}1"${v.startsWith("s") ? ' s="2"' : ""}><v>${v.replace("s", "")}</v></c>`
        )
        .join("");
    const rows = read([
      `<worksheet><sheetData><row r="1">${cells("12.5 12.5 s3 s3 -0 0")}</row></sheetData></worksheet>`,
    ]).rows;
    const [half, again, formatted, formattedAgain, minusZero, zero] = rows[0] ?? [];
    expect(half).toBe(again);
    expect(formatted).toEqual({ type: "number", value: 3, numberFormat: "0.0" });
    expect(formattedAgain).toEqual(formatted);
    expect(formattedAgain).not.toBe(formatted);
    expect(Object.is(minusZero?.type === "number" && minusZero.value, -0)).toBe(true);
    expect(zero).toEqual({ type: "number", value: 0 });
    const beyond =
      read([
        `<worksheet><sheetData><row r="1">${cells("200.5 200.5 200 200")}</row></sheetData></worksheet>`,
      ]).rows[0] ?? [];
    expect(beyond[0]).not.toBe(beyond[1]);
    expect(beyond[2]).toBe(beyond[3]);
  });

  it("still refuses a cell that does not close as it opened", () => {
    const broken = sheetXml([9]).replace("</t></is></c>", "</t></c>");
    expect(() => read([broken])).toThrow(XmlFormatError);
    const unclosed = sheetXml([0, 0]).replace("</v></c>", "</v>");
    expect(() => read([unclosed])).toThrow(XmlFormatError);
  });
});

describe("XmlScanner's whole cells", () => {
  it("hands a cell of one value or one plain inline string over whole, any other cell as events", () => {
    const seen: string[] = [];
    const scanner = new XmlScanner({
      open: (name) => void seen.push(`<${name}>`),
      valueCell: (attributes, inline, raw, start, end) =>
        void seen.push(
          `${attributes.get("r") ?? ""}${inline ? " inline" : ""} ${raw.slice(start, end)}`
        ),
    });
    scanner.write(
      '<worksheet><row><c r="A1"><v>1.5</v></c><c r="B1" t="inlineStr"><is><t>甲&amp;乙</t></is></c>' +
        '<c r="C1"><f>1+1</f><v>2</v></c><c r="D1"/></row></worksheet>'
    );
    scanner.close();
    expect(seen).toEqual([
      "<worksheet>",
      "<row>",
      "A1 1.5",
      "B1 inline 甲&amp;乙",
      "<c>",
      "<f>",
      "<v>",
      "<c>",
    ]);
  });
});

describe("plainNumber", () => {
  it("reads a plain decimal in place as Number() does, or leaves it to Number()", () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{0,17}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,17}$/))
      )
      .map(
        ([minus, whole, fraction]) =>
          `${minus ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`
      );
    fc.assert(
      fc.property(decimal, fc.string({ maxLength: 3 }), (text, around) => {
        const raw = `${around}${text}${around}`;
        const read = plainNumber(raw, around.length, around.length + text.length);
        if (read !== undefined) expect(Object.is(read, Number(text))).toBe(true);
        // Failure twin: every decimal of up to 15 digits is read in place.
        const digits = text.replace(/[^0-9]/g, "").length;
        if (digits > 0 && digits <= 15) expect(read).not.toBeUndefined();
      }),
      { numRuns: 2000 }
    );
    for (const text of ["", ".", "-", "1e3", " 1", "+1", "1.2.3", "0x10", "1234567890123456"])
      expect(plainNumber(text, 0, text.length)).toBeUndefined();
  });
});
