/**
 * One judge's or one rater group's copy of an assessment (`shifan copies`, the pane's 分发): that entry sheet —
 * identity columns, its scores as they stand, only the score cells unlocked, validation in place, and the progress
 * (n of m nominees complete) — then 评分标准 with every sector's descriptors, read-only. No other entry sheet's
 * scores, no 考核表. Compiled with default names; the use case adds the identity and the issue stamp.
 */
import { call, num, op, range, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { IsoDate } from "../core/IsoDate";
import { raterGroups, type Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  HEADER_ROW,
  IDENTITY_COLUMNS,
  assessmentLayout,
  type AssessmentLayout,
} from "./assessmentLayout";
import { CELL_STYLES, lockedStyleId, type NamedStyleId, type StyleId } from "./cellStyles";
import { compileJudgeSheet, RECUSED_MARK } from "./compileJudgeSheet";
import { compileRaterSheet } from "./compileRaterSheet";
import { compileRubricSheet } from "./compileRubricSheet";
import { cellsWith } from "./ColumnRunCells";
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

/** Where an entry sheet's scores are and where its 已评完 column goes (right of everything it has). */
interface ProgressAt {
  readonly scoreColumns: readonly number[];
  readonly doneColumn: number;
  readonly firstRow: number;
}

/**
 * The entry sheet with a 已评完 column (✓ where every score of the row is entered, 回避 where the judge is recused)
 * and, on row 1, the progress over the nominees not recused: `已评完 12 / 30`. Formulas only: they follow the rows
 * wherever the judge sorts them.
 */
function withProgress(
  sheet: SheetPlan,
  at: ProgressAt,
  nominees: readonly CarriedNominee[],
  recused: ReadonlySet<string>
): SheetPlan {
  const count = nominees.length;
  const scoreCols = at.scoreColumns;
  const first = scoreCols[0] ?? IDENTITY_COLUMNS.region + 1;
  const last = scoreCols[scoreCols.length - 1] ?? first;
  const doneCol = at.doneColumn;
  const firstRow = at.firstRow;
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
    cells: cellsWith(sheet.cells, cells),
    columns: [...sheet.columns, { col: doneCol, width: 8 }, { col: doneCol + 1, width: 18 }],
  };
}

/** A judge copy's 已评完 column: right after the 回避 column. */
function judgeProgressAt(layout: AssessmentLayout): ProgressAt {
  return {
    scoreColumns: layout.judgeScoreColumns,
    doneColumn: layout.judgeRecusalColumn + 1,
    firstRow: layout.firstRow,
  };
}

/** A rater group copy's 已评完 column: right after the hidden 计入 columns. */
function raterProgressAt(layout: AssessmentLayout, group: string): ProgressAt {
  const at = layout.raterSheets.find((sheet) => sheet.group === group);
  if (!at) throw new Error(`no layout for rater group ${group}`);
  const lastCounted = at.countedColumns[at.countedColumns.length - 1] ?? IDENTITY_COLUMNS.region;
  return { scoreColumns: at.scoreColumns, doneColumn: lastCounted + 1, firstRow: layout.firstRow };
}

/** The progress cell of a copy's entry sheet (row 1), for tests and the pane: a judge's, or a rater group's. */
export function progressCell(
  layout: AssessmentLayout,
  group?: string
): { row: number; col: number } {
  const at = group === undefined ? judgeProgressAt(layout) : raterProgressAt(layout, group);
  return { row: 1, col: at.doneColumn + 1 };
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
    judgeProgressAt(layout),
    nominees,
    recused
  );
  return {
    sheets: [entry, readOnlyRubric(rubricSheet.sheet)],
    names: rubricSheet.names,
    styles: { ...CELL_STYLES, ...lockedStyles() },
  };
}

export interface RaterCopyRequest {
  /** The rater group's code (`peers`), one of the rubric's rater groups. */
  readonly group: string;
  readonly rubric: Rubric;
  readonly nominees: readonly CarriedNominee[];
  readonly asOf: IsoDate | "today";
}

/**
 * The plan of one rater group's copy (三评议, RULES §4.1), with default names (评议_<code>, 评分标准): the group's
 * sheet as the assessment has it — a column per rater, 0…100 on the score step, the hidden 计入 columns — with its
 * progress, then 评分标准 read-only. Raters have no 回避 (RULES §4.4 names judges only).
 *
 * @example compileRaterCopy({ group: 'peers', rubric, nominees, asOf: 'today' })
 */
export function compileRaterCopy(request: RaterCopyRequest): WorkbookPlan {
  const { rubric, nominees } = request;
  const groups = raterGroups(rubric);
  const index = groups.findIndex((group) => group.id === request.group);
  const group = groups[index];
  if (!group) throw new Error(`no rater group ${request.group}`);
  const layout = assessmentLayout(
    rubric.criteria.map((c) => c.id),
    rubric.judges,
    nominees.length,
    rubric.gradeBands.length,
    groups
  );
  const rubricSheet = compileRubricSheet(rubric, request.asOf, layout, undefined);
  const entry = withProgress(
    compileRaterSheet(group, index, rubric, nominees, layout, undefined),
    raterProgressAt(layout, group.id),
    nominees,
    new Set()
  );
  return {
    sheets: [entry, readOnlyRubric(rubricSheet.sheet)],
    names: rubricSheet.names,
    styles: { ...CELL_STYLES, ...lockedStyles() },
  };
}
