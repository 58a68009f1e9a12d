/**
 * The reason the writer works by surgery: everything the source package held is still there after a
 * write. Parts not edited are byte-identical; the few edited parts still hold every original element,
 * compared as parsed lists.
 */
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { FIXTURE_NAMES, featurePlan, richSourceWorkbook } from "../../support/xlsxFixtures";
import {
  canonical,
  child,
  descendants,
  parseXml,
  partText,
  storedParts,
  unzipParts,
  type XmlElement,
} from "../../support/xlsxPackage";

const EDITED_PARTS = [
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
];
const STYLE_COLLECTIONS = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
];

describe("writing a plan over a rich source workbook", () => {
  let source: Uint8Array;
  let written: Uint8Array;
  let before: Record<string, Uint8Array>;
  let after: Record<string, Uint8Array>;
  const xml = (parts: Record<string, Uint8Array>, path: string): XmlElement =>
    parseXml(partText(parts, path));

  beforeAll(async () => {
    source = await richSourceWorkbook();
    written = await writePlanToXlsx(source, featurePlan({ password: "test" }));
    before = unzipParts(source);
    after = unzipParts(written);
  });

  it("has the parts the fixture is meant to exercise", () => {
    // Guards the fixture itself: without these parts the checks below would prove little.
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        "xl/charts/chart1.xml",
        "xl/drawings/drawing1.xml",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
      ])
    );
    expect(descendants(xml(before, "xl/workbook.xml"), "definedName")).toHaveLength(
      FIXTURE_NAMES.length
    );
  });

  it("keeps every part it does not edit byte for byte", () => {
    const untouched = Object.keys(before).filter((p) => !EDITED_PARTS.includes(p));
    expect(untouched.length).toBeGreaterThan(8);
    for (const path of untouched) {
      expect({
        path,
        same: Buffer.from(after[path] ?? []).equals(Buffer.from(before[path]!)),
      }).toEqual({ path, same: true });
    }
  });

  it("copies the parts it does not edit as the source stored them, never inflated and deflated again", () => {
    const from = storedParts(source);
    const to = storedParts(written);
    const untouched = [...from.keys()].filter((p) => !EDITED_PARTS.includes(p) && !p.endsWith("/"));
    expect(untouched.filter((p) => from.get(p)?.method === 8).length).toBeGreaterThan(8);
    for (const path of untouched) {
      const was = from.get(path);
      const is = to.get(path);
      expect({
        path,
        method: is?.method,
        crc: is?.crc,
        same: is !== undefined && was !== undefined && Buffer.from(is.data).equals(was.data),
      }).toEqual({ path, method: was?.method, crc: was?.crc, same: true });
    }
  });

  it("leaves every edited part well-formed XML", () => {
    for (const path of EDITED_PARTS) expect(() => xml(after, path)).not.toThrow();
    for (const path of Object.keys(after).filter((p) => !(p in before) && p.endsWith(".xml")))
      expect(() => xml(after, path)).not.toThrow();
  });

  it("keeps every original sheet entry, in order, before the new ones", () => {
    const sheets = (parts: Record<string, Uint8Array>) =>
      descendants(xml(parts, "xl/workbook.xml"), "sheet").map(canonical);
    const original = sheets(before);
    expect(sheets(after).slice(0, original.length)).toEqual(original);
    expect(sheets(after)).toHaveLength(original.length + 2);
  });

  it("keeps every defined name: constants, ranges and sheet-scoped ones", () => {
    const names = (parts: Record<string, Uint8Array>) =>
      descendants(xml(parts, "xl/workbook.xml"), "definedName").map((n) => ({
        name: n.attributes["name"],
        localSheetId: n.attributes["localSheetId"],
        value: n.text,
      }));
    const kept = names(after);
    for (const expected of FIXTURE_NAMES) {
      expect(kept).toContainEqual({
        name: expected.name,
        localSheetId:
          expected.localSheetId === undefined ? undefined : String(expected.localSheetId),
        value: expected.value,
      });
    }
    expect(kept).toHaveLength(
      FIXTURE_NAMES.length +
        2 /* generated markers */ +
        1 /* print titles */ +
        1 /* filter database */ +
        1 /* plan name */
    );
  });

  it("keeps every workbook relationship and content type entry", () => {
    const rels = (parts: Record<string, Uint8Array>) =>
      xml(parts, "xl/_rels/workbook.xml.rels").children.map(canonical);
    expect(rels(after)).toEqual(expect.arrayContaining(rels(before)));
    expect(rels(after)).toHaveLength(rels(before).length + 2);
    const types = (parts: Record<string, Uint8Array>) =>
      xml(parts, "[Content_Types].xml").children.map(canonical);
    expect(types(after)).toEqual(expect.arrayContaining(types(before)));
  });

  it("appends styles at the end of each collection, so existing indices keep their meaning", () => {
    const styles = (parts: Record<string, Uint8Array>) => xml(parts, "xl/styles.xml");
    const original = styles(before);
    const edited = styles(after);
    for (const name of STYLE_COLLECTIONS) {
      const was = child(original, name)?.children.map(canonical) ?? [];
      const is = child(edited, name)?.children.map(canonical) ?? [];
      expect({ name, prefix: is.slice(0, was.length) }).toEqual({ name, prefix: was });
      expect(Number(child(edited, name)?.attributes["count"] ?? is.length)).toBe(is.length);
    }
    expect(child(edited, "cellXfs")!.children.length).toBeGreaterThan(
      child(original, "cellXfs")!.children.length
    );
    expect(child(edited, "dxfs")?.children.length).toBeGreaterThan(0);
    // The collections keep the schema's order after the edit.
    const order = edited.children.map((c) => c.local).filter((n) => STYLE_COLLECTIONS.includes(n));
    expect(order).toEqual(STYLE_COLLECTIONS.filter((n) => order.includes(n)));
  });

  it("flags the workbook for a full recalculation on load, keeping calcPr as it was otherwise", () => {
    const calc = (parts: Record<string, Uint8Array>) =>
      descendants(xml(parts, "xl/workbook.xml"), "calcPr")[0]?.attributes ?? {};
    expect(calc(after)).toEqual({ ...calc(before), fullCalcOnLoad: "1" });
  });

  it("gives the new notes a VML id block no source drawing uses", () => {
    const blocks = (parts: Record<string, Uint8Array>, path: string) =>
      /data="([^"]+)"/.exec(partText(parts, path))?.[1];
    const newVml = Object.keys(after).filter((p) => p.endsWith(".vml") && !(p in before));
    expect(newVml).toHaveLength(1);
    expect(blocks(after, newVml[0]!)).not.toBe(blocks(before, "xl/drawings/vmlDrawing1.vml"));
  });
});
