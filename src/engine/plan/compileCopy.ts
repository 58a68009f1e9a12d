/**
 * One judge's copy of an assessment (`shifan copies`, the pane's 分发): that judge's entry sheet — identity
 * columns, the judge's scores as they stand, only the score cells unlocked, validation in place, and the
 * judge's progress (n of m nominees complete) — then 评分标准 with every sector's descriptors, read-only. No other
 * judge's scores, no 考核表. Compiled with default names; the use case adds the identity and the issue stamp.
 */
import { call, num, op, range, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { IsoDate } from "../core/IsoDate";
import type { Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  HEADER_ROW,
  IDENTITY_COLUMNS,
  assessmentLayout,
  type AssessmentLayout,
} from "./assessmentLayout";
import { CELL_STYLES, lockedStyleId, type NamedStyleId, type StyleId } from "./cellStyles";
import { compileJudgeSheet, RECUSED_MARK } from "./compileJudgeSheet";
import { compileRubricSheet } from "./compileRubricSheet";
import type { CellPlan, CellStyle, SheetPlan, WorkbookPlan } from "./SheetPlan";

export interface CopyRequest {
  readonly judge: number;
  readonly rubric: Rubric;
  readonly nominees: readonly CarriedNominee[];
  readonly asOf: IsoDate | "today";
  readonly today: IsoDate;
  /** Ids of the nominees this judge is recused from, as the assessment's formulas say: locked and grey. */
  readonly recused?: ReadonlySet<string>;
}

/** Marks a row the judge has scored on every criterion; the progress cell counts it. */
export const DONE_MARK = "✓";

/** A style as it is, locked: every input cell of 评分标准 becomes read-only in a copy. */
function lockedStyles(): Partial<Record<StyleId, CellStyle>> {
  const locked: Partial<Record<StyleId, CellStyle>> = {};
  for (const [id, style] of Object.entries(CELL_STYLES) as [NamedStyleId, CellStyle][])
    if (style.locked === false) locked[lockedStyleId(id)] = { ...style, locked: true };
  return locked;
}

/** 评分标准 for reading: every cell locked, its "yellow cells may be edited" line replaced. */
function readOnlyRubric(sheet: SheetPlan): SheetPlan {
  const unlocked = new Set<StyleId>(
    (Object.entries(CELL_STYLES) as [NamedStyleId, CellStyle][])
      .filter(([, style]) => style.locked === false)
      .map(([id]) => id)
  );
  const cells = sheet.cells.map((cell): CellPlan => {
    if (cell.row === 2 && cell.col === 1)
      return {
        ...cell,
        content: {
          kind: "text",
          text: "本表供评分时查阅，不能修改 / for reference while scoring; it cannot be changed",
        },
      };
    const style = cell.style;
    return style !== undefined && unlocked.has(style)
      ? { ...cell, style: lockedStyleId(style as NamedStyleId) }
      : cell;
  });
  return { ...sheet, cells, validations: [] };
}

/**
 * The judge's sheet with a 已评完 column (✓ where every criterion is scored, 回避 where the judge is recused) and, on
 * row 1, the judge's progress over the nominees not recused: `已评完 12 / 30`. Formulas only: they follow the rows
 * wherever the judge sorts them.
 */
function withProgress(
  sheet: SheetPlan,
  layout: AssessmentLayout,
  nominees: readonly CarriedNominee[],
  recused: ReadonlySet<string>
): SheetPlan {
  const count = nominees.length;
  const scoreCols = layout.judgeScoreColumns;
  const first = scoreCols[0] ?? IDENTITY_COLUMNS.region + 1;
  const last = scoreCols[scoreCols.length - 1] ?? first;
  const doneCol = layout.judgeRecusalColumn + 1;
  const firstRow = layout.firstRow;
  const done: FormulaNode = call(
    "IF",
    op(
      call("COUNT", range({ row: firstRow, col: first }, { row: firstRow, col: last })),
      "=",
      num(scoreCols.length)
    ),
    text(DONE_MARK),
    text("")
  );
  const cells: CellPlan[] = [
    {
      row: HEADER_ROW,
      col: doneCol,
      content: { kind: "text", text: "已评完" },
      style: "header",
    },
  ];
  nominees.forEach((nominee, i) =>
    cells.push({
      row: firstRow + i,
      col: doneCol,
      content: recused.has(nominee.id)
        ? { kind: "text", text: RECUSED_MARK }
        : { kind: "filled", base: done, offset: i, cached: null },
      style: "computedText",
    })
  );
  const toScore = nominees.filter((nominee) => !recused.has(nominee.id)).length;
  const doneRange = range(
    { row: firstRow, col: doneCol, rowAbsolute: true, colAbsolute: true },
    {
      row: Math.max(firstRow, firstRow + count - 1),
      col: doneCol,
      rowAbsolute: true,
      colAbsolute: true,
    }
  );
  const progress = op(
    op(text("已评完 "), "&", call("COUNTIF", doneRange, text(DONE_MARK))),
    "&",
    text(` / ${toScore}`)
  );
  cells.push({
    row: 1,
    col: doneCol + 1,
    content: { kind: "formula", formula: progress, cached: null },
    style: "title",
  });
  return {
    ...sheet,
    cells: [...sheet.cells, ...cells],
    columns: [...sheet.columns, { col: doneCol, width: 8 }, { col: doneCol + 1, width: 18 }],
  };
}

/** The progress cell of a copy's entry sheet (row 1), for tests and the pane. */
export function progressCell(layout: AssessmentLayout): { row: number; col: number } {
  return { row: 1, col: layout.judgeRecusalColumn + 2 };
}

/**
 * The plan of one judge's copy, with default names (评委N, 评分标准). Formulas carry no cached value yet: the use
 * case evaluates the plan and fills them in.
 *
 * @example compileJudgeCopy({ judge: 3, rubric, nominees, asOf: 'today', today: '2024-06-30' })
 */
export function compileJudgeCopy(request: CopyRequest): WorkbookPlan {
  const { rubric, nominees } = request;
  const layout = assessmentLayout(
    rubric.criteria.map((c) => c.id),
    rubric.judges,
    nominees.length,
    rubric.gradeBands.length
  );
  const rubricSheet = compileRubricSheet(rubric, request.asOf, layout, undefined);
  const recused = request.recused ?? new Set<string>();
  const entry = withProgress(
    compileJudgeSheet(request.judge, rubric, nominees, layout, undefined, {
      kind: "fixed",
      ids: recused,
    }),
    layout,
    nominees,
    recused
  );
  return {
    sheets: [entry, readOnlyRubric(rubricSheet.sheet)],
    names: rubricSheet.names,
    styles: { ...CELL_STYLES, ...lockedStyles() },
  };
}
