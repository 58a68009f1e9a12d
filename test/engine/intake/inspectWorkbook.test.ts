import fc from "fast-check";
import { type Issue } from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import {
  SAMPLE_DEFECTS,
  SAMPLE_SHEET,
  sampleNominationGrid,
} from "../../../src/samples/sampleNominations";
import { gridFromRows, workbookOf } from "../../support/grids";

const where = (i: Issue): string => `${i.code}@${i.sheet}!${i.cell ?? `row ${i.row}`}`;

describe("inspectWorkbook on the bundled sample", () => {
  const result = inspectWorkbook(sampleNominationGrid());

  it("finds the one table and skips the instructions sheet", () => {
    expect(result.tables.map((t) => [t.sheet, t.headerRows])).toEqual([[SAMPLE_SHEET, [3, 4]]]);
    expect(result.skippedSheets).toEqual(["填表说明"]);
  });

  it("reads thirty nominees over all eleven sectors and three tiers", () => {
    expect(result.nominees).toHaveLength(30);
    expect(new Set(result.nominees.map((n) => n.tier))).toEqual(
      new Set(["province", "city", "county"])
    );
    expect(new Set(result.nominees.map((n) => n.sector).filter(Boolean)).size).toBe(11);
  });

  it("classifies the blank, repeated header, 小计, 合计, note and sign-off rows", () => {
    const kinds = result.tables[0]?.rowKinds;
    expect([12, 21, 27, 38, 39, 40, 41].map((row) => kinds?.get(row))).toEqual([
      undefined,
      "header",
      "total",
      "total",
      "note",
      undefined,
      "stray",
    ]);
    expect(result.nominees.map((n) => n.row)).not.toContain(21);
  });

  it("reports every planted defect at its cell, and nothing else but the skipped sheet", () => {
    const expected = [
      ...SAMPLE_DEFECTS.map((d) => `${d.code}@${SAMPLE_SHEET}!${d.cell}`),
      "sheet_without_table@填表说明!row null",
    ];
    expect(result.issues.map(where).sort()).toEqual(expected.sort());
  });
});

describe("inspectWorkbook", () => {
  const city = (name: string, rows: Array<[string, string]>) =>
    gridFromRows([["名称", "类别", "级别"], ...rows.map(([n, sector]) => [n, sector, "市级"])], {
      name,
    });

  it("finds duplicates across sheets and reports them on the later sheet", () => {
    const result = inspectWorkbook(
      workbookOf(
        city("株洲市", [["湖南省水利水电科学研究院党委", "科研院所"]]),
        city("湘潭市", [["湖南省水利水電科學研究院黨委", "科研单位"]])
      )
    );
    expect(result.issues.map(where)).toEqual(["duplicate@湘潭市!A2"]);
    expect(result.issues[0]?.params).toEqual({
      otherSheet: "株洲市",
      otherRow: 2,
      otherCell: "A2",
    });
  });

  it("takes each sheet's name as the region when every city has its own sheet and no region column", () => {
    const result = inspectWorkbook(
      workbookOf(
        city("长沙市", [["岳麓区河西街道阳光社区党总支", "社区"]]),
        city(" 株洲市 ", [["芦淞区建设街道党工委", "街道"]])
      )
    );
    expect(result.nominees.map((n) => n.region)).toEqual(["长沙市", "株洲市"]);
  });

  it("keeps the region column when there is one, and a lone sheet's or a default sheet's name is no region", () => {
    const withRegion = gridFromRows(
      [
        ["名称", "类别", "级别", "推荐单位"],
        ["阳光社区党总支", "社区", "市级", "岳麓区"],
        ["星沙街道党工委", "街道", "市级", ""],
      ],
      { name: "长沙市" }
    );
    expect(
      inspectWorkbook(
        workbookOf(withRegion, city("株洲市", [["建设街道党工委", "街道"]]))
      ).nominees.map((n) => n.region)
    ).toEqual(["岳麓区", null, "株洲市"]);
    expect(
      inspectWorkbook(workbookOf(city("推荐汇总", [["阳光社区党总支", "社区"]]))).nominees.map(
        (n) => n.region
      )
    ).toEqual([null]);
    expect(
      inspectWorkbook(
        workbookOf(city("Sheet1", [["甲", "社区"]]), city("工作表2", [["乙", "社区"]]))
      ).nominees.map((n) => n.region)
    ).toEqual([null, null]);
  });

  it("reports a sheet without a table as a warning for the whole sheet", () => {
    const result = inspectWorkbook(
      workbookOf(gridFromRows([["填表说明"], ["请按十一个领域填写"]], { name: "填表说明" }))
    );
    expect(result.tables).toEqual([]);
    expect(result.issues).toEqual([
      {
        code: "sheet_without_table",
        severity: "warning",
        sheet: "填表说明",
        row: null,
        cell: null,
        field: null,
        params: {},
      },
    ]);
  });

  it("sorts issues by sheet order, row and column", () => {
    const result = inspectWorkbook(
      workbookOf(
        gridFromRows(
          [
            ["名称", "类别", "级别"],
            ["", "", "县级"],
            ["城关镇党委", "街道社区", "国家级"],
          ],
          { name: "B" }
        ),
        gridFromRows(
          [
            ["名称", "类别", "级别"],
            ["河西村党支部", "", ""],
          ],
          { name: "A" }
        )
      )
    );
    expect(result.issues.map(where)).toEqual([
      "missing_required@B!A2",
      "missing_required@B!B2",
      "ambiguous_sector@B!B3",
      "invalid_tier@B!C3",
      "missing_required@A!B2",
      "missing_required@A!C2",
    ]);
  });

  it("reads a hidden sheet that holds a table like any other", () => {
    const hidden = gridFromRows(
      [
        ["名称", "类别", "级别"],
        ["城关镇党委", "乡镇", "县级"],
      ],
      { name: "隐藏", hidden: true }
    );
    expect(inspectWorkbook(workbookOf(hidden)).nominees).toHaveLength(1);
  });
});

describe("inspectWorkbook on random sheets", () => {
  const cell = fc.oneof(
    fc.constantFrom(
      "",
      "名称",
      "类别",
      "级别",
      "推荐时间",
      "合计",
      "注：",
      "街道社区",
      "省级",
      "2011-02-30",
      "=1+1",
      "若干"
    ),
    fc.string({ maxLength: 5 }),
    fc.integer({ min: 0, max: 99999 })
  );

  it("never throws, reads one nominee per data row, and names a real cell or none in every issue", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 15 }), (rows) => {
        const sheet = gridFromRows([["序号", "名称", "类别", "级别", "推荐时间"], ...rows], {
          name: "S",
        });
        const result = inspectWorkbook(workbookOf(sheet));
        const dataRows = [...(result.tables[0]?.rowKinds ?? [])]
          .filter(([, kind]) => kind === "data")
          .map(([row]) => row);
        expect(result.nominees.map((n) => n.row)).toEqual(dataRows);
        for (const found of result.issues) {
          if (found.cell !== null) expect(found.cell).toMatch(new RegExp(`^[A-Z]+${found.row}$`));
        }
      }),
      { numRuns: 200 }
    );
  });
});

describe("inspectWorkbook with a person's column mapping", () => {
  // 内部编号 is unknown to the header vocabulary; 备注 maps to notes.
  const sheet = gridFromRows(
    [
      ["名称", "类别", "级别", "内部编号", "备注"],
      ["望城区东山镇建设村党支部", "村", "市级", "A-7", "新申报"],
    ],
    { name: "名单" }
  );

  it("maps an unknown column as chosen and takes the field from the column that had it", () => {
    const result = inspectWorkbook(workbookOf(sheet), {
      mappingOverrides: { 名单: { 4: "notes" } },
    });
    const columns = result.tables[0]?.columns ?? [];
    expect(columns.find((c) => c.col === 4)).toMatchObject({ field: "notes", confidence: 1 });
    expect(columns.find((c) => c.col === 5)?.field).toBeNull();
    expect(result.nominees[0]?.notes).toBe("A-7");
  });

  it("unmaps a column when the choice is null, and a required field then goes missing", () => {
    const result = inspectWorkbook(workbookOf(sheet), { mappingOverrides: { 名单: { 2: null } } });
    expect(result.nominees[0]?.sector).toBeNull();
    expect(result.issues.map((i) => i.code)).toContain("missing_required");
  });

  it("leaves the automatic mapping alone without overrides", () => {
    const result = inspectWorkbook(workbookOf(sheet));
    expect(result.nominees[0]?.notes).toBe("新申报");
    expect(result.nominees[0]?.sector).toBe("village");
  });
});
