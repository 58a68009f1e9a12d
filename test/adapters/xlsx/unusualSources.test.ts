/** Source packages that Excel did not write: prefixed SpreadsheetML, sparse style sheets, a calc chain. */
import { strToU8, zipSync } from "fflate";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { num, op, ref } from "../../../src/engine/formula/build";
import type { WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { child, descendants, parseXml, partText, unzipParts } from "../../support/xlsxPackage";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A workbook written with the `x:` prefix, no <definedNames>, no <calcPr>, one font, one fill, no numFmts or dxfs. */
function prefixedSource(options: { calcChain?: boolean } = {}): Uint8Array {
  const calcChainOverride = options.calcChain
    ? '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
    : "";
  const calcChainRel = options.calcChain
    ? `<Relationship Id="rId3" Type="${REL}/calcChain" Target="calcChain.xml"/>`
    : "";
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      DECL +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        calcChainOverride +
        "</Types>"
    ),
    "_rels/.rels": strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`
    ),
    "xl/workbook.xml": strToU8(
      `${DECL}<x:workbook xmlns:x="${MAIN}" xmlns:rel="${REL}"><x:bookViews><x:workbookView/></x:bookViews><x:sheets><x:sheet name="名单" sheetId="7" rel:id="rIdA"/></x:sheets></x:workbook>`
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdA" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${calcChainRel}</Relationships>`
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `${DECL}<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`
    ),
    "xl/styles.xml": strToU8(
      `${DECL}<x:styleSheet xmlns:x="${MAIN}"><x:fonts count="1"><x:font><x:sz val="12"/><x:name val="宋体"/></x:font></x:fonts>` +
        '<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders>' +
        '<x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>'
    ),
  };
  if (options.calcChain)
    parts["xl/calcChain.xml"] = strToU8(
      `${DECL}<calcChain xmlns="${MAIN}"><c r="A1" i="8"/></calcChain>`
    );
  return zipSync(parts);
}

const plan: WorkbookPlan = {
  styles: { score: { numberFormat: "#,##0.000", fill: "FFEEDD", bold: true } },
  names: [],
  sheets: [
    {
      name: "结果",
      cells: [
        {
          row: 1,
          col: 1,
          content: {
            kind: "formula",
            formula: op(ref(1, 1, { sheet: "名单" }), "*", num(2)),
            cached: 10,
          },
          style: "score",
        },
      ],
      columns: [],
      merges: [],
      validations: [],
      conditionalFormats: [
        {
          range: { top: 1, left: 1, bottom: 1, right: 1 },
          when: op(ref(1, 1), ">", num(5)),
          style: { bold: true },
          priority: 1,
        },
      ],
    },
  ],
};

describe("a prefixed, sparse source package", () => {
  let parts: Record<string, Uint8Array>;
  beforeAll(async () => {
    parts = unzipParts(await writePlanToXlsx(prefixedSource(), plan));
  });

  it("writes new workbook entries with the part’s own prefixes", () => {
    const workbook = partText(parts, "xl/workbook.xml");
    expect(workbook).toContain('<x:sheet name="结果" sheetId="8" rel:id="');
    expect(workbook).toContain(
      '<x:definedNames><x:definedName name="_shifan_generated" localSheetId="1" hidden="1">TRUE</x:definedName></x:definedNames>'
    );
    expect(workbook).toMatch(/<\/x:definedNames><x:calcPr fullCalcOnLoad="1"\/><\/x:workbook>/);
    expect(() => parseXml(workbook)).not.toThrow();
  });

  it("adds missing style collections in schema order and pads the reserved fills", () => {
    const styles = parseXml(partText(parts, "xl/styles.xml"));
    expect(styles.children.map((c) => c.local)).toEqual([
      "numFmts",
      "fonts",
      "fills",
      "borders",
      "cellXfs",
      "dxfs",
    ]);
    expect(child(styles, "numFmts")?.children.map((c) => c.attributes)).toEqual([
      { numFmtId: "164", formatCode: "#,##0.000" },
    ]);
    const fills = child(styles, "fills")!.children.map(
      (f) => child(f, "patternFill")?.attributes["patternType"]
    );
    expect(fills).toEqual(["none", "gray125", "solid"]);
    const xf = child(styles, "cellXfs")!.children[1]!;
    expect(xf.attributes).toMatchObject({ numFmtId: "164", fontId: "1", fillId: "2" });
    // The new font copies the default font's face and size.
    expect(partText(parts, "xl/styles.xml")).toContain(
      '<x:font><x:b/><x:sz val="12"/><x:name val="宋体"/></x:font>'
    );
  });

  it("resolves absolute relationship targets for new parts", () => {
    expect(Object.keys(parts)).toContain("xl/worksheets/sheet2.xml");
    const rels = parseXml(partText(parts, "xl/_rels/workbook.xml.rels"));
    expect(rels.children.map((r) => r.attributes["Target"])).toEqual([
      "/xl/worksheets/sheet1.xml",
      "styles.xml",
      "worksheets/sheet2.xml",
    ]);
  });

  it("writes the new sheet with a cross-sheet formula and the appended style index", () => {
    // (ExcelJS cannot read prefixed SpreadsheetML at all, so the new part is checked directly.)
    const cell = descendants(parseXml(partText(parts, "xl/worksheets/sheet2.xml")), "c")[0]!;
    expect(cell.attributes).toEqual({ r: "A1", s: "1" });
    expect(child(cell, "f")?.text).toBe("'名单'!A1*2");
    expect(child(cell, "v")?.text).toBe("10");
  });
});

describe("replacing a generated sheet in a package with a calculation chain", () => {
  it("drops the calc chain, its relationship and its content type, which may name the old cells", async () => {
    const once = await writePlanToXlsx(prefixedSource({ calcChain: true }), plan);
    expect(Object.keys(unzipParts(once))).toContain("xl/calcChain.xml");
    const twice = unzipParts(await writePlanToXlsx(once, plan));
    expect(Object.keys(twice)).not.toContain("xl/calcChain.xml");
    expect(partText(twice, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(partText(twice, "[Content_Types].xml")).not.toContain("calcChain");
    expect(descendants(parseXml(partText(twice, "xl/workbook.xml")), "sheet")).toHaveLength(2);
  });
});
