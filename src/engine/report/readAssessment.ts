/**
 * Reads an assessment workbook back: the rubric from 评分标准's cells (edits count), the nominees of
 * 考核表 and what people entered (scores, satisfaction, veto). Cached formula values are never read.
 */
import { cellAt, isBlankCell, type RawCell, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import { issue, type Issue } from "../core/Issue";
import { note, type Note } from "../core/Outcome";
import { serialToIsoDate, type IsoDate } from "../core/IsoDate";
import { a1 } from "../core/CellRef";
import { SECTOR_CODES, TIER_CODES, type SectorCode, type TierCode } from "../core/domain";
import { BUILTIN_RUBRICS } from "../rubric/builtinRubrics";
import {
  defaultParameters,
  type Criterion,
  type GradeBand,
  type Rubric,
  type TieBreakKey,
} from "../rubric/Rubric";
import type { CarriedNominee, EnteredInputs, PreviousAssessment } from "../plan/AssessmentModel";
import {
  MAIN_SHEET,
  RUBRIC_SHEET,
  assessmentLayout,
  isGeneratedSheetName,
  judgeSheetName,
  rubricSheetLayout,
  type AssessmentLayout,
} from "../plan/assessmentLayout";
import { TIE_BREAK_SEPARATOR, TIE_BREAK_WORDS } from "../plan/compileRubricSheet";
import { VETO_NO, VETO_YES } from "../plan/compileMainSheet";

export interface AssessmentState extends PreviousAssessment {
  readonly layout: AssessmentLayout;
  /** Bad inputs met while reading (text in a score cell, a score over the maximum, a veto that is neither 是 nor 否). */
  readonly issues: readonly Issue[];
  /** Parameter cells that could not be read and fell back to a default. */
  readonly notes: readonly Note[];
}

export type ReadAssessmentResult =
  | { readonly ok: true; readonly state: AssessmentState }
  | { readonly ok: false; readonly missingSheet: string };

/** True when the workbook holds shifan's generated sheets (it was assessed before). */
export function isAssessmentWorkbook(grid: WorkbookGrid): boolean {
  return (
    grid.sheets.some((sheet) => sheet.name === MAIN_SHEET) &&
    grid.sheets.some((sheet) => sheet.name === RUBRIC_SHEET)
  );
}

/** The workbook without shifan's generated sheets: what inspect should read on a re-assessment. */
export function sourceSheetsOnly(grid: WorkbookGrid): WorkbookGrid {
  return { sheets: grid.sheets.filter((sheet) => !isGeneratedSheetName(sheet.name)) };
}

function numberOf(cell: RawCell | null): number | null {
  if (!cell) return null;
  if (cell.type === "number") return cell.value;
  if (cell.type === "date") return cell.serial;
  return null;
}

function textOf(cell: RawCell | null): string | null {
  if (!cell) return null;
  if (cell.type === "text") return cell.text.trim() === "" ? null : cell.text;
  if (cell.type === "number") return String(cell.value);
  return null;
}

/** Rows below `headerRow` whose column A is filled, until the first empty one. */
function filledRowsBelow(sheet: SheetGrid, headerRow: number): number[] {
  const rows: number[] = [];
  for (let row = headerRow + 1; !isBlankCell(cellAt(sheet, row, 1)); row++) rows.push(row);
  return rows;
}

/** 评分标准: parameter values in column B; a criterion's maximum in column C. */
const VALUE_COL = 2;
const MAX_COL = 3;

/** Dropping the highest and the lowest score needs at least one left. */
const MIN_DROP_FROM = 3;

function readRubric(sheet: SheetGrid, judges: number, notes: Note[]): Rubric {
  const defaults = defaultParameters();
  const firstLayout = rubricSheetLayout(0, 0);
  const p = firstLayout.parameterRow;
  const value = (row: number): RawCell | null => cellAt(sheet, row, VALUE_COL);
  const numberAt = (row: number, label: string, fallback: number, col = VALUE_COL): number => {
    const found = numberOf(cellAt(sheet, row, col));
    if (found === null || !Number.isFinite(found)) {
      notes.push(note("parameter_not_a_number", { label, cell: a1(row, col), used: fallback }));
      return fallback;
    }
    return found;
  };
  /** Below `least` the sheet divides by zero (#DIV/0!); its validation refuses such entries, so a pasted one is reported and raised. */
  const atLeast = (row: number, label: string, fallback: number, least: number): number => {
    const found = numberAt(row, label, fallback);
    if (found >= least) return found;
    notes.push(note("parameter_below_minimum", { label, cell: a1(row, VALUE_COL), used: least }));
    return least;
  };

  const criteriaRows = filledRowsBelow(sheet, firstLayout.criteriaHeaderRow);
  const rubricId = textOf(value(p.rubricId)) ?? "custom";
  const builtin =
    rubricId === "baiqianwan" || rubricId === "wuhao" ? BUILTIN_RUBRICS[rubricId] : undefined;
  const layout = rubricSheetLayout(criteriaRows.length, 0);
  const criteria: Criterion[] = criteriaRows.map((row, c) => {
    const id = textOf(cellAt(sheet, row, 1)) ?? `C${c + 1}`;
    const descriptors: Partial<Record<SectorCode, string>> = {};
    return {
      id,
      label: textOf(cellAt(sheet, row, 2)) ?? id,
      max: numberAt(row, `${id} 满分`, builtin?.criteria[c]?.max ?? 0, MAX_COL),
      descriptors,
    };
  });
  const gradeRows = filledRowsBelow(sheet, layout.gradesHeaderRow);
  const gradeBands: GradeBand[] = gradeRows.map((row) => ({
    grade: textOf(cellAt(sheet, row, 1)) ?? "",
    min: numberAt(row, "等次最低分", 0),
  }));
  const full = rubricSheetLayout(criteriaRows.length, gradeRows.length);
  const byTier: Partial<Record<TierCode, number>> = {};
  TIER_CODES.forEach((tier, t) => {
    const quota = numberOf(cellAt(sheet, full.quotasHeaderRow + 1 + t, 2));
    if (quota !== null) byTier[tier] = quota;
  });
  SECTOR_CODES.forEach((sector, s) => {
    criteria.forEach((criterion, c) => {
      const text = textOf(cellAt(sheet, full.descriptorsHeaderRow + 1 + s, 2 + c));
      if (text !== null) criterion.descriptors[sector] = text;
    });
  });
  const wordToKey = new Map(
    Object.entries(TIE_BREAK_WORDS).map(([key, word]) => [word, key as TieBreakKey])
  );
  const tieWords = (textOf(value(p.tieBreak)) ?? "")
    .split(TIE_BREAK_SEPARATOR.trim())
    .map((word) => wordToKey.get(word.trim()));
  const tieBreak =
    tieWords.every((key): key is TieBreakKey => key !== undefined) && tieWords[0] === "total"
      ? tieWords
      : defaults.tieBreak;

  return {
    id: rubricId,
    title: textOf(cellAt(sheet, 1, 1)) ?? rubricId,
    criteria,
    judges,
    minJudges: atLeast(p.minJudges, "最少评委人数", defaults.minJudges, 1),
    dropExtremesFrom: atLeast(
      p.dropExtremesFrom,
      "去掉最高最低分的评委人数下限",
      defaults.dropExtremesFrom,
      MIN_DROP_FROM
    ),
    scoreStep: numberAt(p.scoreStep, "评分步长", defaults.scoreStep),
    weights: {
      panel: numberAt(p.weightPanel, "评委评分权重", defaults.weights.panel),
      satisfaction: numberAt(p.weightSatisfaction, "群众满意度权重", defaults.weights.satisfaction),
    },
    gradeBands,
    failGrade: textOf(value(p.failGrade)) ?? defaults.failGrade,
    passLine: numberAt(p.passLine, "推荐分数线", defaults.passLine),
    quotas: { byTier },
    tieBreak,
    dynamic: {
      cycleMonths: numberAt(p.cycleMonths, "动态管理考评周期", defaults.dynamic.cycleMonths),
      windowDays: numberAt(p.windowDays, "到期提醒", defaults.dynamic.windowDays),
    },
  };
}

function readAsOf(sheet: SheetGrid): IsoDate | "today" {
  const cell = cellAt(sheet, rubricSheetLayout(0, 0).parameterRow.asOf, 2);
  if (cell?.formula !== undefined && /TODAY\s*\(/i.test(cell.formula)) return "today";
  const serial = numberOf(cell);
  return (serial === null ? null : serialToIsoDate(serial)) ?? "today";
}

interface InputReader {
  score(sheet: SheetGrid, row: number, col: number, max: number): number | null;
  satisfaction(sheet: SheetGrid, row: number, col: number): number | null;
  veto(sheet: SheetGrid, row: number, col: number): boolean | null;
  readonly issues: Issue[];
}

/** Reads an input as the sheet's formulas see it (only numbers count), noting what a person should fix. */
function inputReader(): InputReader {
  const issues: Issue[] = [];
  const at = (sheet: SheetGrid, row: number, col: number) => ({
    sheet: sheet.name,
    row,
    cell: a1(row, col),
    field: null,
  });
  const shownText = (cell: RawCell): string =>
    cell.type === "text"
      ? cell.text
      : cell.type === "boolean"
        ? String(cell.value).toUpperCase()
        : cell.type === "error"
          ? cell.error
          : "";
  const numeric = (
    sheet: SheetGrid,
    row: number,
    col: number
  ): { value: number | null; bad: RawCell | null } => {
    const cell = cellAt(sheet, row, col);
    if (isBlankCell(cell)) return { value: null, bad: null };
    const value = numberOf(cell);
    return value === null ? { value: null, bad: cell } : { value, bad: null };
  };
  return {
    issues,
    score(sheet, row, col, max) {
      const { value, bad } = numeric(sheet, row, col);
      if (bad)
        issues.push(
          issue("invalid_score", "error", at(sheet, row, col), { value: shownText(bad) })
        );
      else if (value !== null && (value < 0 || value > max))
        issues.push(issue("score_out_of_range", "error", at(sheet, row, col), { value, max }));
      return value;
    },
    satisfaction(sheet, row, col) {
      const { value, bad } = numeric(sheet, row, col);
      if (bad)
        issues.push(
          issue("invalid_score", "error", at(sheet, row, col), { value: shownText(bad) })
        );
      else if (value !== null && (value < 0 || value > 100))
        issues.push(issue("satisfaction_out_of_range", "error", at(sheet, row, col), { value }));
      return value;
    },
    veto(sheet, row, col) {
      const cell = cellAt(sheet, row, col);
      if (isBlankCell(cell)) return null;
      if (cell?.type === "text" && cell.text === VETO_YES) return true;
      if (cell?.type === "text" && cell.text === VETO_NO) return false;
      if (cell)
        issues.push(
          issue("invalid_veto", "warning", at(sheet, row, col), { value: shownText(cell) })
        );
      return null;
    },
  };
}

function codeIn<T extends string>(codes: readonly T[], text: string | null): T | null {
  return text !== null && (codes as readonly string[]).includes(text) ? (text as T) : null;
}

/**
 * Reads an assessment workbook's inputs and parameters. `{ ok: false }` names the first generated sheet
 * that is missing (the workbook is not, or no longer, an assessment workbook).
 *
 * @example
 * const read = readAssessment(await XlsxWorkbookSource.fromFile('assessed.xlsx').read());
 * if (read.ok) buildReport(read.state);
 */
export function readAssessment(grid: WorkbookGrid): ReadAssessmentResult {
  const byName = new Map(grid.sheets.map((sheet) => [sheet.name, sheet]));
  const rubricSheet = byName.get(RUBRIC_SHEET);
  if (!rubricSheet) return { ok: false, missingSheet: RUBRIC_SHEET };
  const mainSheet = byName.get(MAIN_SHEET);
  if (!mainSheet) return { ok: false, missingSheet: MAIN_SHEET };
  const judgeSheets: SheetGrid[] = [];
  for (let j = 1; byName.has(judgeSheetName(j)); j++)
    judgeSheets.push(byName.get(judgeSheetName(j)) as SheetGrid);
  if (judgeSheets.length === 0) return { ok: false, missingSheet: judgeSheetName(1) };

  const notes: Note[] = [];
  const rubric = readRubric(rubricSheet, judgeSheets.length, notes);
  const probe = assessmentLayout(
    rubric.criteria.map((c) => c.id),
    rubric.judges,
    0,
    rubric.gradeBands.length
  );
  let count = 0;
  while (!isBlankCell(cellAt(mainSheet, probe.firstRow + count, probe.main.id))) count++;
  const layout = assessmentLayout(
    probe.criteriaIds,
    rubric.judges,
    count,
    rubric.gradeBands.length
  );
  const m = layout.main;
  const read = inputReader();

  const nominees: CarriedNominee[] = Array.from({ length: count }, (_unused, i) => {
    const row = layout.firstRow + i;
    const textAt = (col: number): string | null => textOf(cellAt(mainSheet, row, col));
    const inputs: EnteredInputs = {
      scores: judgeSheets.map((judgeSheet) =>
        layout.judgeScoreColumns.map((col, c) =>
          read.score(judgeSheet, row, col, rubric.criteria[c]?.max ?? 0)
        )
      ),
      satisfaction: read.satisfaction(mainSheet, row, m.satisfaction),
      veto: read.veto(mainSheet, row, m.veto),
    };
    return {
      id: textAt(m.id) ?? "",
      name: textAt(m.name),
      sector: codeIn(SECTOR_CODES, textAt(m.sectorCode)),
      tier: codeIn(TIER_CODES, textAt(m.tierCode)),
      region: textAt(m.region),
      source: {
        sheet: textAt(m.sourceSheet) ?? "",
        row: numberOf(cellAt(mainSheet, row, m.sourceRow)) ?? 0,
      },
      inputs,
      vanished: textAt(m.note) !== null,
    };
  });
  return {
    ok: true,
    state: { rubric, asOf: readAsOf(rubricSheet), nominees, layout, issues: read.issues, notes },
  };
}
