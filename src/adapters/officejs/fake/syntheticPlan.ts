/**
 * A made-up assessment plan of any size, shaped like the real one (source columns copied as text, judges'
 * input cells, score formulas, validations, protection), for the bench and the chunking tests.
 * Its sizes are what matters, not its scoring.
 */
import type { CellPlan, SheetPlan, WorkbookPlan } from "../../../engine";
import { formula } from "../../../engine";

const SECTORS = [
  "乡镇党委",
  "村党组织",
  "街道党组织",
  "社区党组织",
  "国有企业党组织",
  "机关党组织",
];
const TIERS = ["省级", "市级", "县级"];

export interface SyntheticPlanSize {
  readonly nominees: number;
  /** Total columns of the main sheet; about half copied text, a third inputs, the rest formulas. */
  readonly columns: number;
}

export function syntheticAssessmentPlan({ nominees, columns }: SyntheticPlanSize): WorkbookPlan {
  const textColumns = Math.max(2, Math.floor(columns / 2));
  const inputColumns = Math.max(1, Math.floor(columns / 3));
  const formulaColumns = Math.max(1, columns - textColumns - inputColumns);
  const firstInput = textColumns + 1;
  const lastInput = textColumns + inputColumns;
  const totalColumn = lastInput + 1;
  const headerRow = 1;
  const firstRow = 2;
  const lastRow = firstRow + nominees - 1;

  const cells: CellPlan[] = [];
  for (let col = 1; col <= textColumns + inputColumns + formulaColumns; col++) {
    cells.push({
      row: headerRow,
      col,
      content: { kind: "text", text: `列${col}` },
      style: "header",
    });
  }
  for (let i = 0; i < nominees; i++) {
    const row = firstRow + i;
    cells.push({
      row,
      col: 1,
      content: { kind: "text", text: `SF-${String(i + 1).padStart(5, "0")}` },
    });
    cells.push({
      row,
      col: 2,
      content: { kind: "text", text: `${SECTORS[i % SECTORS.length]}第${i + 1}示范点` },
    });
    for (let col = 3; col <= textColumns; col++) {
      const content: CellPlan["content"] =
        col % 4 === 0
          ? { kind: "date", serial: 40000 + (i % 3000) }
          : col % 4 === 1
            ? { kind: "number", value: (i * 7 + col) % 100 }
            : { kind: "text", text: col % 4 === 2 ? (TIERS[i % TIERS.length] ?? "") : `=备注${i}` };
      cells.push({ row, col, content });
    }
    for (let col = firstInput; col <= lastInput; col++)
      cells.push({ row, col, content: { kind: "blank" }, style: "input" });
    const inputs = formula.range(formula.at(row, firstInput), formula.at(row, lastInput));
    cells.push({
      row,
      col: totalColumn,
      content: {
        kind: "formula",
        formula: formula.call("ROUND", formula.call("SUM", inputs), formula.num(2)),
        cached: 0,
      },
      style: "score",
    });
    for (let col = totalColumn + 1; col < totalColumn + formulaColumns; col++) {
      const total = formula.ref(row, totalColumn);
      const rank = formula.call(
        "COUNTIF",
        formula.range(
          formula.at(firstRow, totalColumn, true),
          formula.at(lastRow, totalColumn, true)
        ),
        formula.op(formula.text(">"), "&", total)
      );
      const node =
        col % 2 === 0
          ? formula.op(rank, "+", formula.num(1))
          : formula.call(
              "IF",
              formula.op(total, ">=", formula.num(90)),
              formula.text("优秀"),
              formula.text("合格")
            );
      cells.push({
        row,
        col,
        content: { kind: "formula", formula: node, cached: null },
        style: "score",
      });
    }
  }

  const main: SheetPlan = {
    name: "考核",
    cells,
    columns: Array.from({ length: columns }, (_, i) => ({ col: i + 1, width: i === 1 ? 28 : 10 })),
    merges: [],
    validations: Array.from({ length: inputColumns }, (_, i) => ({
      range: { top: firstRow, left: firstInput + i, bottom: lastRow, right: firstInput + i },
      rule: { type: "decimal" as const, min: formula.num(0), max: formula.num(100) },
      allowBlank: true,
      prompt: { title: "评分", text: "请输入 0–100 的分数" },
      error: { title: "分数有误", text: "分数应在 0 到 100 之间" },
    })),
    conditionalFormats: [
      {
        range: { top: firstRow, left: totalColumn, bottom: lastRow, right: totalColumn },
        when: formula.op(formula.ref(firstRow, totalColumn), ">=", formula.num(90)),
        style: { fill: "C6EFCE" },
        priority: 1,
      },
    ],
    freeze: { rows: 1, columns: 2 },
    autoFilter: { top: headerRow, left: 1, bottom: lastRow, right: columns },
    protection: { password: "shifan" },
    print: {
      orientation: "landscape",
      paper: "A4",
      repeatRows: { first: 1, last: 1 },
      fitToWidth: true,
    },
  };
  const summary: SheetPlan = {
    name: "汇总",
    cells: [
      { row: 1, col: 1, content: { kind: "text", text: "参评数" } },
      {
        row: 1,
        col: 2,
        content: {
          kind: "formula",
          formula: formula.call(
            "COUNTA",
            formula.range(formula.at(firstRow, 1), formula.at(lastRow, 1), "考核")
          ),
          cached: nominees,
        },
      },
    ],
    columns: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
  };
  return {
    sheets: [main, summary],
    names: [
      {
        name: "Scores",
        refersTo: formula.range(
          formula.at(firstRow, totalColumn, true),
          formula.at(lastRow, totalColumn, true),
          "考核"
        ),
      },
    ],
    styles: {
      header: { bold: true, fill: "DDEBF7", border: true, horizontal: "center" },
      input: { locked: false, numberFormat: "0.0", fill: "FFF2CC", border: true },
      score: { numberFormat: "0.00", border: true },
    },
  };
}
