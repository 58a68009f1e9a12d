import type { XlContext } from "../../../src/adapters/officejs/excelApiSubset";
import {
  FAKE_REQUEST_LIMIT_BYTES,
  FakeExcelError,
  FakeWorkbook,
} from "../../../src/adapters/officejs/fake/FakeExcel";
import {
  excelWouldReinterpret,
  interpretTypedString,
  utf8Length,
} from "../../../src/adapters/officejs/fake/excelText";
import type { WorkbookGrid } from "../../../src/engine";

const oneSheet = (): WorkbookGrid => ({
  sheets: [
    {
      name: "Sheet1",
      hidden: false,
      rows: [
        [
          { type: "text", text: "name" },
          { type: "number", value: 7 },
        ],
      ],
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    },
  ],
});

function run<T>(
  book: FakeWorkbook,
  batch: (xl: XlContext) => Promise<T>,
  apiVersion?: string
): Promise<T> {
  return book.host(apiVersion ? { apiVersion } : {}).run((context) => batch(context));
}

async function failure(promise: Promise<unknown>): Promise<FakeExcelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FakeExcelError) return error;
    throw error;
  }
  throw new Error("expected the batch to fail");
}

describe("FakeWorkbook: load before read", () => {
  it("throws PropertyNotLoaded when a property is read without load()", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        const range = xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
        await xl.sync();
        return range.values;
      })
    );
    expect(error.code).toBe("PropertyNotLoaded");
  });

  it("throws PropertyNotLoaded when a property is loaded but read before sync()", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        const range = xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").load("values");
        return range.values;
      })
    );
    expect(error.code).toBe("PropertyNotLoaded");
  });

  it("returns a property once loaded and synced", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const values = await run(book, async (xl) => {
      const range = xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").load("values");
      await xl.sync();
      return range.values;
    });
    expect(values).toEqual([["name", 7]]);
  });

  it("only the loaded properties are readable", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        const range = xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").load("values");
        await xl.sync();
        return range.numberFormat;
      })
    );
    expect(error.code).toBe("PropertyNotLoaded");
  });

  it("refuses objects from a batch that has ended", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const range = await run(book, async (xl) =>
      xl.workbook.worksheets.getItem("Sheet1").getRange("A1")
    );
    expect(() => (range.values = [[1]])).toThrow(/InvalidObjectPath/);
  });
});

describe("FakeWorkbook: queued writes and requests", () => {
  it("applies a write only at sync()", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const seenBeforeSync = await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [[42]];
      const before = book.cellValue("Sheet1", "C1");
      await xl.sync();
      return before;
    });
    expect(seenBeforeSync).toBeNull();
    expect(book.cellValue("Sheet1", "C1")).toBe(42);
  });

  it("flushes what is left when the batch ends, like Excel.run", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [[1]];
    });
    expect(book.cellValue("Sheet1", "C1")).toBe(1);
    expect(book.stats.syncs).toBe(1);
  });

  it("counts syncs and the UTF-8 bytes of each request", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [["示范点".repeat(1000)]];
      await xl.sync();
      xl.workbook.worksheets.getItem("Sheet1").getRange("C2").values = [["x".repeat(3000)]];
      await xl.sync();
    });
    expect(book.stats.syncs).toBe(2);
    const [chinese = 0, ascii = 0] = book.stats.requestBytes;
    // 3,000 Chinese characters are 9,000 bytes; 3,000 ASCII ones are 3,000.
    expect(chinese - ascii).toBeGreaterThanOrEqual(5_990);
    expect(book.stats.largestRequest).toBe(chinese);
  });

  it(`refuses a request over ${FAKE_REQUEST_LIMIT_BYTES} bytes and applies none of it`, async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        const sheet = xl.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("C1").values = [[1]];
        sheet.getRange("C2").values = [["x".repeat(FAKE_REQUEST_LIMIT_BYTES)]];
        await xl.sync();
      })
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(book.cellValue("Sheet1", "C1")).toBeNull();
    expect(book.stats.syncs).toBe(0);
  });

  it("accepts a request just under the limit", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C2").values = [
        ["x".repeat(FAKE_REQUEST_LIMIT_BYTES - 500)],
      ];
      await xl.sync();
    });
    expect(String(book.cellValue("Sheet1", "C2"))).toHaveLength(FAKE_REQUEST_LIMIT_BYTES - 500);
  });

  it("refuses a values array whose shape differs from the range", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await xl.sync();
      })
    );
    expect(error.code).toBe("InvalidArgument");
  });

  it("leaves a cell alone where the array holds null", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[null, 8]];
    });
    expect(book.cellValue("Sheet1", "A1")).toBe("name");
    expect(book.cellValue("Sheet1", "B1")).toBe(8);
  });
});

describe("FakeWorkbook: strings read as Excel reads typing", () => {
  it.each([
    ["=SUM(A1)", { kind: "formula", formula: "=SUM(A1)" }],
    ["+abc", { kind: "formula", formula: "=+abc" }],
    ["-x", { kind: "formula", formula: "=-x" }],
    ["@x", { kind: "formula", formula: "=@x" }],
    ["-5", { kind: "number", value: -5 }],
    ["00123", { kind: "number", value: 123 }],
    ["TRUE", { kind: "boolean", value: true }],
    ["2020-01-05", { kind: "number", value: 43835, numberFormat: "yyyy-mm-dd" }],
    ["50%", { kind: "number", value: 0.5, numberFormat: "0%" }],
    ["'=x", { kind: "text", text: "=x" }],
    ["-", { kind: "text", text: "-" }],
    ["2020-02-30", { kind: "text", text: "2020-02-30" }],
    ["城关镇", { kind: "text", text: "城关镇" }],
  ])("reads %p in a General cell as %p", (typed, entry) => {
    expect(interpretTypedString(typed, undefined)).toEqual(entry);
  });

  it.each(["=SUM(A1)", "+abc", "-x", "@x", "00123", "TRUE", "'x"])(
    "keeps %p as text in a cell formatted @",
    (typed) => {
      expect(interpretTypedString(typed, "@")).toEqual({ kind: "text", text: typed });
    }
  );

  it("turns =SUM(A1) written through values into a formula in a General cell", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [["=SUM(A1)"]];
    });
    expect(book.cellFormula("Sheet1", "C1")).toBe("=SUM(A1)");
    expect(book.cellValue("Sheet1", "C1")).toBeNull();
  });

  it("keeps =SUM(A1) as text when the text format is set first in the same request", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      const range = xl.workbook.worksheets.getItem("Sheet1").getRange("C1");
      range.numberFormat = [["@"]];
      range.values = [["=SUM(A1)"]];
    });
    expect(book.cellFormula("Sheet1", "C1")).toBeNull();
    expect(book.cellValue("Sheet1", "C1")).toBe("=SUM(A1)");
  });

  it("says which strings need the text format", () => {
    expect(["=a", "+a", "-a", "@a", "1", "true", "'a"].filter(excelWouldReinterpret)).toHaveLength(
      7
    );
    expect(["城关镇", "a-b", "合计："].filter(excelWouldReinterpret)).toEqual([]);
  });

  it("counts UTF-8 bytes, including characters outside the basic plane", () => {
    expect(utf8Length("a示𠀀")).toBe(1 + 3 + 4);
  });
});

describe("FakeWorkbook: charts.add reads a block as Excel does", () => {
  /** A 3 × 3 block at A1: row 1 and column A labels, B2:C3 numbers; `corner` in A1. */
  const block = (corner: string | null): WorkbookGrid => ({
    sheets: [
      {
        name: "Sheet1",
        hidden: false,
        rows: [
          [
            corner === null ? null : { type: "text", text: corner },
            { type: "text", text: "甲" },
            { type: "text", text: "乙" },
          ],
          [
            { type: "text", text: "省级" },
            { type: "number", value: 1 },
            { type: "number", value: 2 },
          ],
          [
            { type: "text", text: "市级" },
            { type: "number", value: 3 },
            { type: "number", value: 4 },
          ],
        ],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  });
  const chartOver = async (grid: WorkbookGrid) => {
    const book = FakeWorkbook.fromGrid(grid);
    await run(book, async (xl) => {
      const sheet = xl.workbook.worksheets.getItem("Sheet1");
      sheet.charts.add("ColumnClustered", sheet.getRange("A1:C3"), "Columns");
      await xl.sync();
    });
    return book.charts("Sheet1")[0]?.series;
  };

  it("takes the first row as linked series names and the first column as categories when the corner is empty", async () => {
    expect(await chartOver(block(null))).toEqual([
      { values: "B2:B3", nameSource: "B1", xValues: "A2:A3" },
      { values: "C2:C3", nameSource: "C1", xValues: "A2:A3" },
    ]);
  });

  it("takes every column as a series when the corner holds something (failure twin)", async () => {
    expect(await chartOver(block("类别"))).toEqual([
      { values: "A1:A3" },
      { values: "B1:B3" },
      { values: "C1:C3" },
    ]);
  });
});

describe("FakeWorkbook: sheets, names and protection", () => {
  it("fails getItem for a missing sheet at sync, and getItemOrNullObject gives a null object", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => {
        xl.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
        await xl.sync();
      })
    );
    expect(error.code).toBe("ItemNotFound");
    const isNull = await run(book, async (xl) => {
      const sheet = xl.workbook.worksheets.getItemOrNullObject("Nope").load("name");
      await xl.sync();
      return sheet.isNullObject;
    });
    expect(isNull).toBe(true);
  });

  it("adds a sheet usable in the same request and refuses a duplicate name", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      xl.workbook.worksheets.add("评分");
      xl.workbook.worksheets.getItem("评分").getRange("A1").values = [[1]];
    });
    expect(book.sheetNames()).toEqual(["Sheet1", "评分"]);
    const error = await failure(run(book, async (xl) => void xl.workbook.worksheets.add("评分")));
    expect(error.code).toBe("ItemAlreadyExists");
  });

  it("refuses to delete the last visible sheet", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => xl.workbook.worksheets.getItem("Sheet1").delete())
    );
    expect(error.code).toBe("InvalidOperation");
  });

  it("refuses writes to locked cells of a protected sheet and accepts unlocked ones", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => {
      const sheet = xl.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C1").format.protection.locked = false;
      sheet.protection.protect({ allowSort: true }, "pw");
    });
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [[5]];
    });
    expect(book.cellValue("Sheet1", "C1")).toBe(5);
    const error = await failure(
      run(book, async (xl) => {
        xl.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [[5]];
      })
    );
    expect(error.code).toBe("InvalidOperation");
    expect(book.protection("Sheet1")).toMatchObject({ protected: true, password: "pw" });
  });

  it("adds names and refuses a duplicate", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    await run(book, async (xl) => void xl.workbook.names.add("Full", "=100"));
    expect(book.definedNames()).toEqual([
      { name: "Full", reference: "=100", comment: "", visible: true },
    ]);
    const error = await failure(run(book, async (xl) => void xl.workbook.names.add("full", "=1")));
    expect(error.code).toBe("ItemAlreadyExists");
  });

  it("selects only on the active sheet", async () => {
    const book = FakeWorkbook.fromGrid({
      sheets: [...oneSheet().sheets, { ...oneSheet().sheets[0]!, name: "Other" }],
    });
    const error = await failure(
      run(book, async (xl) => xl.workbook.worksheets.getItem("Other").getRange("B2").select())
    );
    expect(error.code).toBe("InvalidOperation");
    await run(book, async (xl) => {
      const sheet = xl.workbook.worksheets.getItem("Other");
      sheet.activate();
      sheet.getRange("B2").select();
    });
    expect(book.selectedCell()).toEqual({ sheet: "Other", address: "B2" });
  });

  it("reports hidden rows as true, false or null (mixed), like office-js", async () => {
    const grid = oneSheet();
    const book = FakeWorkbook.fromGrid({ sheets: [{ ...grid.sheets[0]!, hiddenRows: [2] }] });
    const [all, none, mixed] = await run(book, async (xl) => {
      const sheet = xl.workbook.worksheets.getItem("Sheet1");
      const ranges = ["A2", "A3", "A1:A3"].map((a) => sheet.getRange(a).load("rowHidden"));
      await xl.sync();
      return ranges.map((r) => r.rowHidden);
    });
    expect([all, none, mixed]).toEqual([true, false, null]);
  });

  it("tells listeners which sheets a sync changed", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const changes: string[][] = [];
    const stop = book.onChange((change) => changes.push([...change.sheets]));
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [[1]];
    });
    stop();
    await run(book, async (xl) => {
      xl.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [[2]];
    });
    expect(changes).toEqual([["Sheet1"]]);
  });

  it("has no members newer than the ExcelApi version it pretends to support", async () => {
    const book = FakeWorkbook.fromGrid(oneSheet());
    const error = await failure(
      run(book, async (xl) => xl.application.suspendScreenUpdatingUntilNextSync(), "1.8")
    );
    expect(error.code).toBe("ApiNotFound");
    await run(book, async (xl) => xl.application.suspendScreenUpdatingUntilNextSync(), "1.9");
    expect(book.stats.syncs).toBe(1);
  });

  it("reports the ExcelApi version it pretends to support", () => {
    const host = FakeWorkbook.fromGrid(oneSheet()).host({ apiVersion: "1.8" });
    expect(host.isSetSupported?.("ExcelApi", "1.8")).toBe(true);
    expect(host.isSetSupported?.("ExcelApi", "1.9")).toBe(false);
  });

  it("renames and deletes sheets as a person does: references follow a rename and break on a delete", () => {
    const text = (t: string) => ({ type: "text" as const, text: t });
    const sheet = (name: string, rows: WorkbookGrid["sheets"][number]["rows"]) => ({
      name,
      hidden: false,
      rows,
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    });
    const book = FakeWorkbook.fromGrid({
      sheets: [
        sheet("评委2", [[{ type: "number", value: 7 }]]),
        sheet("表", [
          [
            { ...text("7"), formula: "'评委2'!A1+评委2!$A$1" },
            { ...text(""), formula: '"评委2!A1"' },
          ],
        ]),
      ],
      names: [{ name: "Where", refersTo: "'评委2'!$A$1:$B$3", hidden: true }],
    });
    book.renameSheet("评委2", "张 三");
    expect(book.cellFormula("表", "A1")).toBe("='张 三'!A1+'张 三'!$A$1");
    expect(book.cellFormula("表", "B1")).toBe('="评委2!A1"');
    expect(book.definedNames()[0]?.reference).toBe("='张 三'!$A$1:$B$3");
    book.deleteSheet("张 三");
    expect(book.sheetNames()).toEqual(["表"]);
    expect(book.cellFormula("表", "A1")).toBe("=#REF!+#REF!");
    expect(book.definedNames()[0]?.reference).toBe("=#REF!");
  });

  it("gives back the grid it was built from", () => {
    const grid: WorkbookGrid = {
      sheets: [
        {
          name: "S",
          hidden: true,
          rows: [
            [
              { type: "text", text: "a" },
              null,
              { type: "date", serial: 45000, numberFormat: 'yyyy"年"m"月"d"日"' },
            ],
            [],
            [
              { type: "error", error: "#N/A" },
              { type: "boolean", value: false },
              { type: "number", value: 3, formula: "A9+1" },
            ],
          ],
          merges: [{ top: 1, left: 1, bottom: 2, right: 2 }],
          hiddenRows: [2],
          hiddenColumns: [3],
          visibility: "veryHidden",
        },
      ],
      names: [{ name: "Where", refersTo: "'S'!$A$1", hidden: true }],
    };
    expect(FakeWorkbook.fromGrid(grid).toGrid()).toEqual(grid);
  });
});
