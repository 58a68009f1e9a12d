import { FakeWorkbook } from "../../../src/adapters/officejs/fake/FakeExcel";
import {
  OfficeJsPlanSink,
  OfficeJsWorkbookSource,
} from "../../../src/adapters/officejs/OfficeJsWorkbook";
import { TRICKY_TEXTS, describeAdapterContract } from "../contract/adapterContract";

const RULE_KINDS = ["decimal", "wholeNumber", "list", "date"] as const;

describeAdapterContract({
  name: "office-js (over the in-memory fake)",
  async open(grid) {
    const book = FakeWorkbook.fromGrid(grid);
    const host = book.host();
    return {
      source: new OfficeJsWorkbookSource(host),
      sink: new OfficeJsPlanSink(host),
      reopen: async () => new OfficeJsWorkbookSource(host),
      inspect: {
        validations: async (sheet) =>
          book.validations(sheet).map((v) => ({
            range: v.range,
            type: RULE_KINDS.find((kind) => v.rule[kind] !== undefined) ?? "unknown",
          })),
        isProtected: async (sheet) => book.protection(sheet).protected,
        definedNames: async () => book.definedNames().map((n) => n.name),
      },
    };
  },
});

describe("the contract has teeth", () => {
  it("would catch an adapter that writes nomination text plainly: Excel turns it into formulas, numbers or dates", async () => {
    const plain = TRICKY_TEXTS.filter((text) => text !== "示范点");
    const book = FakeWorkbook.fromGrid({
      sheets: [
        { name: "S", hidden: false, rows: [], merges: [], hiddenRows: [], hiddenColumns: [] },
      ],
    });
    await book.host().run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange(`A1:A${plain.length}`).values = plain.map(
        (text) => [text]
      );
    });
    const sheet = (await new OfficeJsWorkbookSource(book.host()).read()).sheets[0];
    const readBack = plain.map((_, i) => sheet?.rows[i]?.[0] ?? null);
    // Not one of them comes back as the same text without a formula, which is what the contract checks.
    readBack.forEach((raw, i) =>
      expect(raw?.type === "text" && raw.text === plain[i] && raw.formula === undefined).toBe(false)
    );
  });
});
