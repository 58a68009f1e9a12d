/** The worksheet handler's whole-cell path (valueCell) reads every cell as its six events would. */
import fc from "fast-check";
import { XmlFormatError } from "../../../src/adapters/xlsx/read/xmlEvents";
import { XmlScanner } from "../../../src/adapters/xlsx/read/xmlScanner";
import {
  WorksheetHandler,
  type WorksheetContext,
} from "../../../src/adapters/xlsx/read/worksheetHandler";

const context = (): WorksheetContext => ({
  sharedStrings: ["共享 & 文字", "second"],
  formats: [undefined, "yyyy-mm-dd", "0.0"],
  date1904: false,
  textCells: new Map(),
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
