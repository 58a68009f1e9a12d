import { XlsxReadError, readXlsxBytes } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { shiftFormulaText } from "../../../src/adapters/xlsx/read/shiftFormulaText";
import { readZipDirectory } from "../../../src/adapters/xlsx/read/zipDirectory";
import { handPackage, handParts, zipTextParts } from "../../support/handPackage";

const sheetData = (rows: string): string => `<sheetData>${rows}</sheetData>`;
const only = (body: string, options = {}) =>
  readXlsxBytes(handPackage([{ name: "表", body }], options)).grid.sheets[0]!;

function readCode(bytes: Uint8Array): string {
  try {
    readXlsxBytes(bytes);
  } catch (err) {
    if (err instanceof XlsxReadError) return err.code;
    throw err;
  }
  return "read";
}

describe("readXlsxPackage: memory follows the cells present", () => {
  it("stores one row for one cell at row 1,048,576, whatever the dimension, spans and merges declare", () => {
    const sheet = only(
      '<dimension ref="A1:XFD1048576"/>' +
        sheetData(
          '<row r="1048576" spans="1:16384"><c r="XFD1048576" t="inlineStr"><is><t>末行</t></is></c></row>'
        ) +
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048575"/></mergeCells>'
    );
    expect(Object.keys(sheet.rows)).toEqual(["1048575"]);
    expect(Object.keys(sheet.rows[1048575]!)).toEqual(["16383"]);
    expect(sheet.rows[1048575]![16383]).toEqual({ type: "text", text: "末行" });
    expect(sheet.merges).toEqual([{ top: 1, left: 1, bottom: 1048575, right: 16384 }]);
  });

  it("stores no row for rows declared without cells (failure twin: a row with a cell is stored)", () => {
    const sheet = only(
      sheetData(
        '<row r="5" hidden="1"/><row r="900000" customHeight="1" ht="30"/><row r="7"><c r="B7"><v>1</v></c></row>'
      )
    );
    expect(Object.keys(sheet.rows)).toEqual(["6"]);
    expect(sheet.hiddenRows).toEqual([5]);
  });

  it("lists hidden columns within Excel's 16,384 however wide the declared range", () => {
    const sheet = only('<cols><col min="3" max="99999999" hidden="1"/></cols>' + sheetData(""));
    expect(sheet.hiddenColumns.length).toBe(16384 - 2);
    expect(sheet.hiddenColumns[0]).toBe(3);
  });

  it("refuses a cell beyond Excel's grid as a damaged file instead of looping to it", () => {
    expect(
      readCode(
        handPackage([
          { name: "表", body: sheetData('<row r="1"><c r="A99999999"><v>1</v></c></row>') },
        ])
      )
    ).toBe("damaged_file");
    expect(
      readCode(
        handPackage([
          { name: "表", body: sheetData('<row r="1"><c r="A1048576"><v>1</v></c></row>') },
        ])
      )
    ).toBe("read");
  });

  it("keeps one cell for a text repeated on every sheet (failure twin: other texts, values and formulas apart)", () => {
    const row = (r: number) =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>SF-0001</t></is></c><c r="B${r}" t="str"><f>""&amp;""</f><v></v></c>` +
      `<c r="C${r}" t="inlineStr"><is><t>SF-000${r}</t></is></c><c r="D${r}"><v>1</v></c></row>`;
    const { sheets } = readXlsxBytes(
      handPackage([
        { name: "考核表", body: sheetData(row(1) + row(2)) },
        { name: "评委1", body: sheetData(row(3)) },
      ])
    ).grid;
    const [main, judge] = sheets;
    const a1 = main!.rows[0]![0]!;
    expect(a1).toEqual({ type: "text", text: "SF-0001" });
    expect(main!.rows[1]![0]).toBe(a1);
    expect(judge!.rows[2]![0]).toBe(a1);
    expect(main!.rows[1]![2]).toEqual({ type: "text", text: "SF-0002" });
    expect(main!.rows[1]![2]).not.toBe(main!.rows[0]![2]);
    expect(main!.rows[0]![1]).toEqual({ type: "text", text: "", formula: '""&""' });
    expect(main!.rows[1]![1]).not.toBe(main!.rows[0]![1]);
    expect(main!.rows[1]![3]).toEqual({ type: "number", value: 1 });
  });

  it("gives each text cell its own object when told not to share them, the grid otherwise the same", () => {
    // Inline, shared-string and formula text, on two sheets: what a returned copy re-saved by Excel holds too.
    const row = (r: number) =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>SF-0001</t></is></c><c r="B${r}" t="s"><v>0</v></c>` +
      `<c r="C${r}" t="str"><f>""&amp;""</f><v></v></c><c r="D${r}"><v>1</v></c></row>`;
    const bytes = handPackage(
      [
        { name: "评委1", body: sheetData(row(1) + row(2)) },
        { name: "shifan", body: sheetData(row(3)) },
      ],
      { sharedStrings: ["测试示范点"] }
    );
    const shared = readXlsxBytes(bytes).grid;
    const own = readXlsxBytes(bytes, { shareTextCells: false }).grid;
    expect(own).toEqual(shared);
    const [judge, identity] = own.sheets;
    for (const col of [0, 1, 2]) {
      expect(judge!.rows[1]![col]).toEqual(judge!.rows[0]![col]);
      expect(judge!.rows[1]![col]).not.toBe(judge!.rows[0]![col]);
      expect(identity!.rows[2]![col]).not.toBe(judge!.rows[0]![col]);
    }
    expect(shared.sheets[0]!.rows[1]![1]).toBe(shared.sheets[0]!.rows[0]![1]);
  });

  it("never trusts a part's declared size: a directory claiming 4 GB still reads the real bytes", () => {
    const bytes = handPackage([
      { name: "表", body: sheetData('<row r="1"><c r="A1"><v>42</v></c></row>') },
    ]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entry = readZipDirectory(bytes).get("xl/worksheets/sheet1.xml")!;
    // Find the central header of the sheet and overwrite its uncompressed size.
    for (let at = bytes.length - 22; at > 0; at--) {
      if (
        view.getUint32(at, true) === 0x02014b50 &&
        view.getUint32(at + 42, true) === entry.localHeaderOffset
      ) {
        view.setUint32(at + 24, 0xfffffff0, true);
        break;
      }
    }
    expect(readZipDirectory(bytes).get("xl/worksheets/sheet1.xml")!.declaredSize).toBe(0xfffffff0);
    expect(readXlsxBytes(bytes).grid.sheets[0]!.rows[0]![0]).toEqual({ type: "number", value: 42 });
  });
});

describe("readXlsxPackage: values", () => {
  it("decodes _xHHHH_ escapes once: a pasted CR LF reads as a line break, an escaped literal as typed", () => {
    const sheet = only(
      sheetData(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
          '<c r="C1" t="inlineStr"><is><t>_x005F_x000D_</t></is></c><c r="D1" t="str"><f>A1</f><v>甲_x000A_乙</v></c></row>'
      ),
      { sharedStrings: ["第一行_x000D_\n第二行", "_x005F_x0041_党委"] }
    );
    expect(sheet.rows[0]).toEqual([
      { type: "text", text: "第一行\r\n第二行" },
      { type: "text", text: "_x0041_党委" },
      { type: "text", text: "_x000D_" },
      { type: "text", text: "甲\n乙", formula: "A1" },
    ]);
  });

  it("leaves out phonetic guides and joins rich-text runs", () => {
    const parts = handParts(
      [{ name: "表", body: sheetData('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
      {
        sharedStrings: ["x"],
      }
    );
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"]!.replace(
      '<si><t xml:space="preserve">x</t></si>',
      '<si><r><t>阳光</t></r><r><rPr><b/></rPr><t>社区</t></r><rPh sb="0" eb="2"><t>ヨウコウ</t></rPh></si>'
    );
    expect(readXlsxBytes(zipTextParts(parts)).grid.sheets[0]!.rows[0]![0]).toEqual({
      type: "text",
      text: "阳光社区",
    });
  });

  it("gives a shared formula's followers the master's formula moved to their cell", () => {
    const sheet = only(
      sheetData(
        '<row r="2"><c r="C2"><f t="shared" ref="C2:C4" si="0">A2+$B$1*B2</f><v>3</v></c></row>' +
          '<row r="3"><c r="C3"><f t="shared" si="0"/><v>4</v></c></row>'
      )
    );
    expect(sheet.rows[2]![2]).toEqual({ type: "number", value: 4, formula: "A3+$B$1*B3" });
  });

  it("reads dates of a 1904 workbook as 1900-system serials (failure twin: a 1900 workbook unchanged)", () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>';
    const body = sheetData(
      '<row r="1"><c r="A1" s="1"><v>39231</v></c><c r="B1" s="0"><v>7</v></c></row>'
    );
    const in1904 = readXlsxBytes(
      handPackage([{ name: "表", body }], { styles, workbookPr: '<workbookPr date1904="1"/>' })
    );
    const in1900 = readXlsxBytes(handPackage([{ name: "表", body }], { styles }));
    expect(in1904.grid.sheets[0]!.rows[0]).toEqual([
      { type: "date", serial: 39231 + 1462, numberFormat: "yyyy-mm-dd" },
      { type: "number", value: 7 },
    ]);
    expect(in1900.grid.sheets[0]!.rows[0]![0]).toEqual({
      type: "date",
      serial: 39231,
      numberFormat: "yyyy-mm-dd",
    });
  });

  it("reads built-in Chinese date formats by id", () => {
    const sheet = only(sheetData('<row r="1"><c r="A1" s="1"><v>40693</v></c></row>'), {
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs>',
    });
    expect(sheet.rows[0]![0]).toEqual({
      type: "date",
      serial: 40693,
      numberFormat: 'yyyy"年"m"月"d"日"',
    });
  });
});

describe("readXlsxPackage: the workbook part", () => {
  it("carries sheet visibility and defined names of every scope", () => {
    const reading = readXlsxBytes(
      handPackage(
        [
          { name: "名单", body: sheetData("") },
          { name: "隐藏", body: sheetData(""), state: "veryHidden" },
        ],
        {
          definedNames:
            '<definedName name="SF_PassLine">\'名单\'!$B$2</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1" hidden="1">\'隐藏\'!$1:$1</definedName>',
        }
      )
    );
    expect(reading.sheets.map((s) => [s.name, s.state])).toEqual([
      ["名单", "visible"],
      ["隐藏", "veryHidden"],
    ]);
    expect(reading.grid.sheets.map((s) => s.hidden)).toEqual([false, true]);
    expect(reading.definedNames).toEqual([
      { name: "SF_PassLine", hidden: false, refersTo: "'名单'!$B$2" },
      { name: "_xlnm.Print_Titles", hidden: true, localSheetId: 1, refersTo: "'隐藏'!$1:$1" },
    ]);
  });

  it("refuses a sheet whose relationship or part is missing, naming the sheet", () => {
    const parts = handParts([{ name: "名单", body: sheetData("") }]);
    delete parts["xl/worksheets/sheet1.xml"];
    expect(() => readXlsxBytes(zipTextParts(parts))).toThrow(/名单.*sheet1\.xml/);
    const noRel = handParts([{ name: "名单", body: sheetData("") }]);
    noRel["xl/_rels/workbook.xml.rels"] = noRel["xl/_rels/workbook.xml.rels"]!.replace(
      /<Relationship [^>]*worksheet[^>]*\/>/,
      ""
    );
    expect(readCode(zipTextParts(noRel))).toBe("damaged_file");
  });

  it("refuses two sheets pointing at one part (failure twin: two parts read)", () => {
    const parts = handParts([
      { name: "甲", body: sheetData("") },
      { name: "乙", body: sheetData("") },
    ]);
    expect(readCode(zipTextParts(parts))).toBe("read");
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"]!.replace(
      "sheet2.xml",
      "sheet1.xml"
    );
    expect(() => readXlsxBytes(zipTextParts(parts))).toThrow(/甲.*乙/);
  });

  it("says not_xlsx for a zip that holds no workbook (a .docx)", () => {
    expect(readCode(zipTextParts({ "word/document.xml": "<document/>" }))).toBe("not_xlsx");
  });
});

describe("shiftFormulaText", () => {
  it.each([
    ["SUM(B2:C2)*$D$1", 3, 0, "SUM(B5:C5)*$D$1"],
    ["A$1+$A1", 2, 1, "B$1+$A3"],
    ["IF(A1=\"B2\",'Sheet A1'!C3,LOG10(A1))", 1, 0, "IF(A2=\"B2\",'Sheet A1'!C4,LOG10(A2))"],
    ["SF_PassLine+A1", 1, 0, "SF_PassLine+A2"],
    ["A1", -1, 0, "#REF!"],
    ["B2", 0, -1, "A2"],
    ["B2", 0, -2, "#REF!"],
    ["a1*2", 1, 0, "A2*2"],
  ])("moves %s by %i rows and %i columns", (formula, rows, cols, expected) => {
    expect(shiftFormulaText(formula, rows, cols)).toBe(expected);
  });

  it("moves one master to each follower's own offset (the master is cut once)", () => {
    const master = "ROUND(A1*$B$1,2)&\"A1\"&'评委1'!C1";
    expect([1, 2, 9999].map((rows) => shiftFormulaText(master, rows, rows - 1))).toEqual([
      "ROUND(A2*$B$1,2)&\"A1\"&'评委1'!C2",
      "ROUND(B3*$B$1,2)&\"A1\"&'评委1'!D3",
      "ROUND(NTO10000*$B$1,2)&\"A1\"&'评委1'!NTQ10000",
    ]);
  });
});
