/** The worker's hand-off of returned copies: what is posted comes back as it was read. */
import type { RawCell, ReturnedCopy, WorkbookGrid } from "../../src/engine";
import { postedCopy, receivedCopy } from "../../src/cli/readReturnedCopies";

const cells: (RawCell | null | undefined)[] = [
  { type: "text", text: "SF-0001" },
  { type: "number", value: 12.5 },
  { type: "number", value: 0 },
  null,
  undefined,
  { type: "text", text: "" },
  { type: "text", text: "12", formula: 'TEXT(12,"0")' },
  { type: "number", value: 3, numberFormat: "0.##" },
  { type: "number", value: 4, formula: "2+2" },
  { type: "date", serial: 40_000, numberFormat: "yyyy-mm-dd" },
  { type: "boolean", value: false },
  { type: "error", error: "#N/A", formula: "NA()" },
];

const grid: WorkbookGrid = {
  sheets: [
    {
      name: "评委2",
      hidden: false,
      rows: [[{ type: "text", text: "评委2 评分表" }], undefined, cells],
      merges: [{ top: 1, left: 1, bottom: 1, right: 4 }],
      hiddenRows: [5],
      hiddenColumns: [],
    },
    {
      name: "shifan",
      hidden: true,
      visibility: "veryHidden",
      rows: [],
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    },
  ],
  names: [{ name: "SF_Role_judge_2", refersTo: "'评委2'!$A$1", hidden: true }],
};

/** What JSON makes of a blank left out (undefined, or a hole): null, which a grid reads as blank too. */
function asJsonKeeps(copy: ReturnedCopy): ReturnedCopy {
  return JSON.parse(JSON.stringify(copy)) as ReturnedCopy;
}

describe("postedCopy / receivedCopy", () => {
  it("gives back every cell as read: plain numbers and texts posted bare, anything with more to it whole", () => {
    const copy: ReturnedCopy = { file: "c2.xlsx", grid };
    expect(receivedCopy(postedCopy(copy))).toEqual(asJsonKeeps(copy));
  });

  it("posts a plain number or text cell as its bare value, a cell with a format or formula whole", () => {
    const posted = JSON.parse(postedCopy({ file: "c2.xlsx", grid })) as {
      grid: { sheets: { rows: unknown[][] }[] };
    };
    expect(posted.grid.sheets[0]?.rows[2]?.slice(0, 9)).toEqual([
      "SF-0001",
      12.5,
      0,
      null,
      null,
      "",
      { type: "text", text: "12", formula: 'TEXT(12,"0")' },
      { type: "number", value: 3, numberFormat: "0.##" },
      { type: "number", value: 4, formula: "2+2" },
    ]);
  });

  it("gives back each plain number as one shared cell per value, other cells each their own", () => {
    const scores = [12.5, 12.5, 0, 12.5].map((value): RawCell => ({ type: "number", value }));
    const text = (t: string): RawCell => ({ type: "text", text: t });
    const sheet = grid.sheets[0] as WorkbookGrid["sheets"][number];
    const copy: ReturnedCopy = {
      file: "c3.xlsx",
      grid: {
        ...grid,
        sheets: [{ ...sheet, rows: [scores, [text("SF-1"), text("SF-1"), text(""), text("")]] }],
      },
    };
    const [numbers, texts] = receivedCopy(postedCopy(copy)).grid?.sheets[0]?.rows ?? [];
    expect(numbers).toEqual(scores);
    expect(numbers?.[1]).toBe(numbers?.[0]);
    expect(numbers?.[3]).toBe(numbers?.[0]);
    expect(numbers?.[2]).not.toBe(numbers?.[0]);
    expect(texts?.[1]).not.toBe(texts?.[0]);
    expect(texts?.[3]).toBe(texts?.[2]);
  });

  it("gives back an unreadable copy as it was", () => {
    const copy: ReturnedCopy = {
      file: "junk.xlsx",
      grid: null,
      unreadable: "不是 xlsx / not an xlsx",
    };
    expect(receivedCopy(postedCopy(copy))).toEqual(copy);
  });
});
