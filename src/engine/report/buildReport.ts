/**
 * `shifan report --json`: the engine's own evaluation of an assessment workbook's inputs (the plan compiled from
 * them, evaluated by the interpreter), each figure paired with the cell that shows it, so a recalculating
 * spreadsheet can be compared cell by cell.
 */
import { VETO_WORDS } from "../core/words";
import { columnLetter, quoteSheetName } from "../core/CellRef";
import { todayFromClock, type IsoDate } from "../core/IsoDate";
import type { SectorCode, TierCode } from "../core/domain";
import {
  MAIN_SHEET,
  RUBRIC_SHEET,
  judgeSheetName,
  raterSheetName,
  type AssessmentLayout,
} from "../plan/assessmentLayout";
import { PANEL_COMPONENT, SATISFACTION_COMPONENT, type ComponentKind } from "../rubric/Rubric";
import type { DynamicRecord } from "../dynamic/readDynamicSheet";
import { sourceKey } from "../dynamic/readDynamicSheet";
import type { DynamicSite } from "../dynamic/dynamicSites";
import {
  assessmentFigures,
  type AssessmentFigures,
  type FiguresRequest,
  type SiteFigures,
} from "./assessmentFigures";
import { TO_CORRECT } from "../core/words";
import type { AssessmentState } from "./readAssessment";
import type { Rubric } from "../rubric/Rubric";

/** A figure and the cell that shows it (`'考核表'!N7`). null where the sheet shows a blank. */
export interface ReportCell<T> {
  readonly cell: string;
  readonly value: T | null;
}

/** A figure, or 待更正 where an entry no formula counts holds it back (RULES §4.3). */
export type ReportFigure = number | typeof TO_CORRECT;

/**
 * An entry as an entry sheet holds it. `cell` is where it stands on that sheet now, found by the nominee's id and the
 * column's header (a person may have sorted the sheet or moved a column); null where the sheet has no row or column
 * for it (deleted there): no cell to point at until assess rebuilds the sheet.
 */
export interface ReportEntry<T> {
  readonly cell: string | null;
  readonly value: T | null;
}

export interface ReportScore extends ReportEntry<number> {
  /** 1-based judge. */
  readonly judge: number;
  readonly criterion: string;
}

export interface ReportRaterScore extends ReportEntry<number> {
  /** The rater group's code (rubric.components[].id). */
  readonly group: string;
  /** 1-based rater. */
  readonly rater: number;
}

export interface ReportNominee {
  readonly id: string;
  readonly name: string | null;
  readonly sector: SectorCode | null;
  readonly tier: TierCode | null;
  readonly region: string | null;
  readonly source: { readonly sheet: string; readonly row: number };
  readonly inputs: {
    readonly scores: readonly ReportScore[];
    readonly satisfaction: ReportCell<number>;
    /** '是' or '否' as the cell holds it; null when blank or unreadable. */
    readonly veto: ReportCell<string>;
    /** Each rater group's scores (RULES §4.1), group by group; empty without rater groups. */
    readonly raters: readonly ReportRaterScore[];
  };
  readonly outputs: {
    readonly criteria: Readonly<Record<string, ReportCell<ReportFigure>>>;
    readonly panel: ReportCell<ReportFigure>;
    readonly total: ReportCell<ReportFigure>;
    readonly grade: ReportCell<string>;
    readonly rank: ReportCell<number>;
    /** 类别内排名: the rank within the sector, shown where the sector has a quota of its own in the tier. */
    readonly sectorRank: ReportCell<number>;
    readonly recommended: ReportCell<string>;
    /** 并列 where a tie at a quota line takes the recommendations past the quota (RULES §4.2). */
    readonly tie: ReportCell<string>;
    /** 差额候选: 是 or 否 when a 差额 ratio is set; null otherwise. */
    readonly candidate: ReportCell<string>;
    /** 动态管理状态: reserved; null until dynamic management fills the column. */
    readonly status: ReportCell<string>;
    /**
     * Each component of the total by its id (rubric.components): the panel and each rater group as 考核表
     * computes them, the figure as its cell holds it.
     */
    readonly components: Readonly<Record<string, ReportCell<ReportFigure>>>;
  };
}

export interface ReportComponent {
  readonly id: string;
  readonly label: string;
  readonly weight: number;
  readonly kind: ComponentKind;
}

export interface AssessmentReport {
  readonly asOf: IsoDate;
  readonly rubric: {
    readonly id: string;
    readonly criteria: readonly {
      readonly id: string;
      readonly label: string;
      readonly max: number;
    }[];
    readonly judges: number;
    readonly passLine: number;
    /** The weighted components of the total, as 评分标准 holds them (issue #11 §1). */
    readonly components: readonly ReportComponent[];
    /** The quotas 评分标准 sets: per tier, per sector within a tier, and the 差额 ratio (null: none). */
    readonly quotas: {
      readonly byTier: Rubric["quotas"]["byTier"];
      readonly bySectorTier: NonNullable<Rubric["quotas"]["bySectorTier"]>;
      readonly candidateRatio: number | null;
    };
  };
  readonly nominees: readonly ReportNominee[];
}

/** `'Sheet'!K`: with a row number after it, the cell's address as sheetCellRef writes it. */
function columnRef(sheet: string, col: number): string {
  return `${quoteSheetName(sheet)}!${columnLetter(col)}`;
}

/**
 * 考核表's cells for each nominee: `mainCells(layout, sheetNames)(index)` gives the cells of the nominee on 0-based
 * row `index`. Each column's `'考核表'!N` is made once, so a report of 10,000 nominees joins one string per cell.
 * `sheetNames` (role key → name, from readAssessment) names sheets a person renamed; default names otherwise.
 */
function mainCells(layout: AssessmentLayout, sheetNames: ReadonlyMap<string, string>) {
  const m = layout.main;
  const mainSheet = sheetNames.get("main") ?? MAIN_SHEET;
  const at = (col: number): string => columnRef(mainSheet, col);
  const [satisfaction, veto, panel, total, grade, rank, sectorRank] = [
    m.satisfaction,
    m.veto,
    m.panel,
    m.total,
    m.grade,
    m.rank,
    m.sectorRank,
  ].map(at);
  const [recommended, tie, candidate, status, progress] = [
    m.recommended,
    m.tie,
    m.candidate,
    m.status,
    m.progress,
  ].map(at);
  const groups = m.raters.map(at);
  const criteria = m.criteria.map(at);
  return (index: number) => {
    const row = layout.firstRow + index;
    return {
      satisfaction: `${satisfaction}${row}`,
      veto: `${veto}${row}`,
      /** Rater group g's score on 考核表. */
      group: (g: number): string => `${groups[g] ?? at(0)}${row}`,
      criterion: (criterion: number): string => `${criteria[criterion] ?? at(0)}${row}`,
      panel: `${panel}${row}`,
      total: `${total}${row}`,
      grade: `${grade}${row}`,
      rank: `${rank}${row}`,
      sectorRank: `${sectorRank}${row}`,
      recommended: `${recommended}${row}`,
      tie: `${tie}${row}`,
      candidate: `${candidate}${row}`,
      status: `${status}${row}`,
      progress: `${progress}${row}`,
    };
  };
}

/**
 * Cells of the nominee on 0-based row `index`: inputs on the judge sheets and 考核表, outputs on 考核表.
 * `sheetNames` (role key → name, from readAssessment) names sheets a person renamed; default names otherwise.
 */
export function nomineeCells(
  layout: AssessmentLayout,
  index: number,
  sheetNames: ReadonlyMap<string, string> = new Map()
) {
  return mainCells(layout, sheetNames)(index);
}

/**
 * Where each nominee's entries stand on the judge and rater sheets as read (rows by id, judges' score columns by
 * criterion header), never at 考核表's position: a sorted judge sheet or a deleted row would name another nominee's
 * cell, which the pane's meeting tab writes to. null where the sheet has no row or column for it.
 * `entryCells(state)(id)`: each sheet's and column's `'评委1'!K` is made once for the whole report.
 */
export function entryCells(
  state: Pick<
    AssessmentState,
    "layout" | "sheetNames" | "judgeRows" | "judgeColumns" | "raterRows" | "raterColumns"
  >
) {
  const { layout, sheetNames } = state;
  const judgeColumns = state.judgeColumns.map((columns, j) => {
    const sheet = sheetNames.get(`judge_${j + 1}`) ?? judgeSheetName(j + 1);
    return columns.map((col) => (col === null ? null : columnRef(sheet, col)));
  });
  // Each rater's column as the sheet stands (by its 评议人r header), not the layout's.
  const raterColumns = layout.raterSheets.map((sheet) =>
    (state.raterColumns.get(sheet.group) ?? []).map((col) =>
      col === null
        ? null
        : columnRef(sheetNames.get(`raters_${sheet.group}`) ?? raterSheetName(sheet.group), col)
    )
  );
  const raterRows = layout.raterSheets.map((sheet) => state.raterRows.get(sheet.group));
  return (id: string) => ({
    /** Judge `judge`'s (1-based) entries: the cell of each criterion's (0-based), the row looked up once. */
    judge: (judge: number): ((criterion: number) => string | null) => {
      const row = state.judgeRows[judge - 1]?.get(id);
      const columns = judgeColumns[judge - 1];
      return (criterion) => {
        const column = columns?.[criterion] ?? null;
        return row === undefined || column === null ? null : `${column}${row}`;
      };
    },
    /** Rater `rater`'s (0-based) entry for the nominee on group g's sheet. */
    raterScore: (g: number, rater: number): string | null => {
      const row = raterRows[g]?.get(id);
      const column = raterColumns[g]?.[rater] ?? null;
      return row === undefined || column === null ? null : `${column}${row}`;
    },
  });
}

/**
 * The awarded sites of 动态管理 (as read), each linked to its row of 考核表 so this cycle's total and veto are the
 * assessment's own; a site whose nominee is not on 考核表 keeps this cycle's result as its row holds it.
 */
export function linkedSites(
  state: AssessmentState,
  records: readonly DynamicRecord[],
  firstRow: number
): DynamicSite[] {
  const rowOf = new Map(
    state.nominees.map((nominee, i) => [sourceKey(nominee.source.sheet, nominee.source.row), i])
  );
  return records.map((record): DynamicSite => {
    const sheet = state.renamedSources.get(record.source.sheet) ?? record.source.sheet;
    const index = rowOf.get(sourceKey(sheet, record.source.row));
    const { row: _row, statusCell: _cell, shownStatus: _shown, ...site } = record;
    return index === undefined
      ? site
      : { ...site, cycleTotal: null, cycleVeto: null, assessmentRow: firstRow + index };
  });
}

/**
 * What evaluating an assessment read back asks for: its nominees, rubric, 回避 lines and 公示名单 title as read,
 * judged on `asOf` (absent: the workbook's own as-of date, else today), with 动态管理's awarded sites when its
 * records are given.
 */
export function figuresRequestOf(
  state: AssessmentState,
  asOf?: IsoDate,
  dynamicRecords?: readonly DynamicRecord[]
): FiguresRequest & { readonly asOf: IsoDate } {
  const sites =
    dynamicRecords === undefined ? [] : linkedSites(state, dynamicRecords, state.layout.firstRow);
  return {
    nominees: state.nominees,
    rubric: state.rubric,
    asOf: asOf ?? (state.asOf === "today" ? todayFromClock() : state.asOf),
    recusals: state.recusals,
    ...(sites.length === 0 ? {} : { sites }),
    ...(state.publicityTitle === undefined ? {} : { publicityTitle: state.publicityTitle }),
  };
}

/** The report, and what 动态管理 shows for each record given (in order). */
export interface EvaluatedReport {
  readonly report: AssessmentReport;
  readonly sites: readonly SiteFigures[];
  /** 评分标准's warning that the weights do not sum to 1, and its cell; null when they do. */
  readonly weightWarning: {
    readonly warning: string;
    readonly row: number;
    readonly col: number;
    readonly sheet: string;
  } | null;
  /** The plan evaluated and its values (see AssessmentFigures.evaluated). */
  readonly evaluated: AssessmentFigures["evaluated"];
}

/**
 * The report of an assessment read back by readAssessment. asOf: the given date, else the workbook's
 * fixed as-of date, else today. `dynamicRecords`: 动态管理's rows as read, for outputs.status.
 *
 * @example
 * const read = readAssessment(grid);
 * if (read.ok) console.log(JSON.stringify(buildReport(read.state), null, 2));
 */
export function buildReport(
  state: AssessmentState,
  asOf?: IsoDate,
  dynamicRecords?: readonly DynamicRecord[]
): AssessmentReport {
  return evaluateReport(state, asOf, dynamicRecords).report;
}

/** buildReport, with 动态管理's figures for each of `dynamicRecords`. */
export function evaluateReport(
  state: AssessmentState,
  asOf?: IsoDate,
  dynamicRecords?: readonly DynamicRecord[]
): EvaluatedReport {
  const { rubric, layout } = state;
  const request = figuresRequestOf(state, asOf, dynamicRecords);
  // The report shows no 评分进度: its column is left unevaluated.
  const evaluated = assessmentFigures(request, { progress: false });
  const figures = evaluated.rows;
  const groups = rubric.components.filter((component) => component.kind === "raters");
  const cellsOf = mainCells(layout, state.sheetNames);
  const entriesOf = entryCells(state);
  const nominees = state.nominees.map((nominee, i): ReportNominee => {
    const cells = cellsOf(i);
    const entries = entriesOf(nominee.id);
    const f = figures[i];
    if (!f) throw new Error(`no figures for row ${i}`);
    // Plain assignments rather than Object.fromEntries: the same keys in the same order, made ~2× faster.
    const components: Record<string, ReportCell<ReportFigure>> = {};
    for (const component of rubric.components) {
      if (component.id === PANEL_COMPONENT)
        components[component.id] = {
          cell: cells.panel,
          value: f.toCorrect.panel ? TO_CORRECT : f.panel,
        };
      else if (component.id === SATISFACTION_COMPONENT)
        components[component.id] = { cell: cells.satisfaction, value: f.satisfaction };
      else {
        const g = groups.indexOf(component);
        components[component.id] = {
          cell: cells.group(g),
          value: f.toCorrect.raters[g] === true ? TO_CORRECT : (f.raters[g] ?? null),
        };
      }
    }
    const criteria: Record<string, ReportCell<ReportFigure>> = {};
    rubric.criteria.forEach((criterion, c) => {
      criteria[criterion.id] = {
        cell: cells.criterion(c),
        value: f.toCorrect.criteria[c] === true ? TO_CORRECT : (f.criteria[c] ?? null),
      };
    });
    const scores: ReportScore[] = [];
    nominee.inputs.scores.forEach((judgeScores, j) => {
      const cellOf = entries.judge(j + 1);
      rubric.criteria.forEach((criterion, c) => {
        scores.push({
          judge: j + 1,
          criterion: criterion.id,
          cell: cellOf(c),
          value: judgeScores[c] ?? null,
        });
      });
    });
    return {
      id: nominee.id,
      name: nominee.name,
      sector: nominee.sector,
      tier: nominee.tier,
      region: nominee.region,
      source: nominee.source,
      inputs: {
        scores,
        satisfaction: { cell: cells.satisfaction, value: nominee.inputs.satisfaction },
        veto: {
          cell: cells.veto,
          value:
            nominee.inputs.veto === null
              ? null
              : nominee.inputs.veto
                ? VETO_WORDS.vetoed
                : VETO_WORDS.notVetoed,
        },
        raters: groups.flatMap((group, g) =>
          (nominee.inputs.raters?.[group.id] ?? []).map((value, r) => ({
            group: group.id,
            rater: r + 1,
            cell: entries.raterScore(g, r),
            value,
          }))
        ),
      },
      outputs: {
        criteria,
        panel: { cell: cells.panel, value: f.toCorrect.panel ? TO_CORRECT : f.panel },
        total: { cell: cells.total, value: f.toCorrect.total ? TO_CORRECT : f.total },
        grade: { cell: cells.grade, value: f.grade },
        rank: { cell: cells.rank, value: f.rank },
        sectorRank: { cell: cells.sectorRank, value: f.sectorRank },
        recommended: { cell: cells.recommended, value: f.recommended },
        tie: { cell: cells.tie, value: f.tie },
        candidate: { cell: cells.candidate, value: f.candidate },
        status: { cell: cells.status, value: f.status },
        components,
      },
    };
  });
  const report: AssessmentReport = {
    asOf: request.asOf,
    rubric: {
      id: rubric.id,
      criteria: rubric.criteria.map((criterion) => ({
        id: criterion.id,
        label: criterion.label,
        max: criterion.max,
      })),
      judges: rubric.judges,
      passLine: rubric.passLine,
      components: rubric.components.map(({ id, label, weight, kind }) => ({
        id,
        label,
        weight,
        kind,
      })),
      quotas: {
        byTier: rubric.quotas.byTier,
        bySectorTier: rubric.quotas.bySectorTier ?? {},
        candidateRatio: rubric.quotas.candidateRatio ?? null,
      },
    },
    nominees,
  };
  const check = layout.rubricSheet.weightCheck;
  return {
    report,
    sites: evaluated.sites,
    evaluated: evaluated.evaluated,
    weightWarning:
      evaluated.weightWarning === null
        ? null
        : {
            warning: evaluated.weightWarning,
            ...check,
            sheet: state.sheetNames.get("rubric") ?? RUBRIC_SHEET,
          },
  };
}

/** One output cell and what the engine says it shows, for cell-by-cell comparison with a spreadsheet. */
export interface ExpectedOutputCell {
  readonly ref: string;
  readonly value: number | string | null;
  /** 'SF-0003 total'. */
  readonly what: string;
}

/** Every output cell of the report (criteria, panel, total, grade, rank, recommended), flattened. */
export function reportOutputCells(report: AssessmentReport): ExpectedOutputCell[] {
  return report.nominees.flatMap((nominee) => {
    const o = nominee.outputs;
    const named: [string, ReportCell<number | string>][] = [
      ...Object.entries(o.criteria).map(([id, cell]): [string, ReportCell<number | string>] => [
        id,
        cell,
      ]),
      ["panel", o.panel],
      ["total", o.total],
      ["grade", o.grade],
      ["rank", o.rank],
      ["sectorRank", o.sectorRank],
      ["recommended", o.recommended],
      ["tie", o.tie],
      ["candidate", o.candidate],
    ];
    return named.map(([what, cell]) => ({
      ref: cell.cell,
      value: cell.value,
      what: `${nominee.id} ${what}`,
    }));
  });
}
