import { strFromU8, unzipSync } from "fflate";
import { XlsxPlanSink } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { XlsxWorkbookSource } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { gridToXlsxBuffer } from "../../../src/samples/writeSampleXlsx";
import { describeAdapterContract } from "../contract/adapterContract";

/** The XML of the worksheet part named `sheet`, found through workbook.xml and its relationships. */
function worksheetXml(bytes: Uint8Array, sheet: string): string {
  const parts = unzipSync(bytes);
  const part = (name: string): string => {
    const found = parts[name];
    if (!found) throw new Error(`no part ${name}`);
    return strFromU8(found);
  };
  const workbook = part("xl/workbook.xml");
  const escaped = sheet
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/'/g, "&apos;")
    .replace(/"/g, "&quot;");
  const entry = new RegExp(
    `<sheet\\b[^>]*\\bname="${escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`
  ).exec(workbook)?.[0];
  const relId = entry && /\br:id="([^"]+)"/.exec(entry)?.[1];
  if (!relId) throw new Error(`no sheet ${sheet} in workbook.xml`);
  const rels = part("xl/_rels/workbook.xml.rels");
  const relationship = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${relId}"`));
  const target = relationship && /\bTarget="([^"]+)"/.exec(relationship)?.[1];
  if (!target) throw new Error(`no relationship ${relId}`);
  return part(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
}

/** The xlsx spelling of a validation kind, in the office-js spelling the contract uses. */
const KIND: Readonly<Record<string, string>> = {
  decimal: "decimal",
  whole: "wholeNumber",
  list: "list",
  date: "date",
};

describeAdapterContract({
  name: "xlsx",
  async open(grid) {
    let current = await gridToXlsxBuffer(grid);
    return {
      source: XlsxWorkbookSource.fromBuffer(current),
      // Each apply starts from the latest output, as applying to a saved assessment workbook does.
      sink: {
        apply: (plan, options) =>
          new XlsxPlanSink(current, (bytes) => void (current = bytes)).apply(plan, options),
      },
      reopen: async () => XlsxWorkbookSource.fromBuffer(current),
      inspect: {
        validations: async (sheet) =>
          [...worksheetXml(current, sheet).matchAll(/<dataValidation\b[^>]*>/g)].map((m) => ({
            range: /\bsqref="([^"]+)"/.exec(m[0])?.[1] ?? "",
            type: KIND[/\btype="([^"]+)"/.exec(m[0])?.[1] ?? ""] ?? "unknown",
          })),
        isProtected: async (sheet) =>
          /<sheetProtection\b[^>]*\bsheet="(1|true)"/.test(worksheetXml(current, sheet)),
        definedNames: async () => {
          const workbook = strFromU8(unzipSync(current)["xl/workbook.xml"] ?? new Uint8Array());
          return [...workbook.matchAll(/<definedName\b[^>]*\bname="([^"]+)"/g)].map(
            (m) => m[1] ?? ""
          );
        },
      },
    };
  },
});
