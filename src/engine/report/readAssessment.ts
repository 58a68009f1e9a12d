/**
 * Reads an assessment workbook back: the rubric from 评分标准's cells (edits count), the nominees of
 * 考核表 and what people entered (scores, satisfaction, veto). Cached formula values are never read.
 */
import { VETO_WORDS } from "../core/words";
import { cellAt, isBlankCell, type RawCell, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import { issue, type Issue } from "../core/Issue";
import { failed, note, type Note, type Outcome } from "../core/Outcome";
import { serialToIsoDate, type IsoDate } from "../core/IsoDate";
import { a1 } from "../core/CellRef";
import { SECTOR_CODES, TIER_CODES, type SectorCode, type TierCode } from "../core/domain";
import { builtinRubric } from "../rubric/builtinRubrics";
import {
  MAX_RATERS,
  PANEL_COMPONENT,
  RATER_GROUP_ID,
  SATISFACTION_COMPONENT,
  defaultParameters,
  raterGroups,
  type RubricComponent,
  type Criterion,
  type GradeBand,
  type Rubric,
  type TieBreakKey,
} from "../rubric/Rubric";
import type {
  CarriedNominee,
  EnteredInputs,
  PreviousAssessment,
  RejectedEntry,
} from "../plan/AssessmentModel";
import {
  assessmentLayout,
  rubricSheetLayout,
  FIRST_NOMINEE_ROW,
  HEADER_ROW,
  IDENTITY_COLUMNS,
  PARAMETER_KEYS,
  PARAMETER_LABELS,
  RUBRIC_BLOCK_HEADERS,
  type AssessmentLayout,
  type MainSheetColumns,
  type ParameterKey,
} from "../plan/assessmentLayout";
import { MAIN_HEADERS } from "../plan/compileMainSheet";
import { TIE_BREAK_SEPARATOR, TIE_BREAK_WORDS, descriptorRead } from "../plan/compileRubricSheet";
import { defaultSheetName, roleKey, type SheetRole } from "../plan/workbookIdentity";
import {
  declaresAssessment,
  readIdentity,
  type IdentityResult,
  type WorkbookIdentityRead,
} from "./readIdentity";
import { SECTOR_NAMES, TIER_NAMES } from "../core/domain";
import { rubricIdFromName } from "../messages";
import { parameterProblem, type LimitedParameter } from "../rubric/parseRubricJson";
import { RECUSAL_HEADER } from "../plan/compileJudgeSheet";
import { RATER_MAX, raterHeader } from "../plan/compileRaterSheet";
import { sheetRaterColumns, type RaterColumnsOnSheet } from "./raterColumns";
import { PUBLICITY_TITLE_ROW } from "../plan/compilePublicitySheet";
import {
  RECUSAL_COLUMNS,
  RECUSAL_FIRST_ROW,
  type RecusalCell,
  type RecusalLine,
} from "../plan/compileRecusalSheet";

export interface AssessmentState extends PreviousAssessment {
  readonly layout: AssessmentLayout;
  /** Bad inputs met while reading (text in a score cell, a score over the maximum, a veto that is neither 是 nor 否). */
  readonly issues: readonly Issue[];
  /** Parameter cells that could not be read and fell back to a default. */
  readonly notes: readonly Note[];
  /** What the identity says (or, for a first-version workbook, what its markers and contents say). */
  readonly identity: WorkbookIdentityRead;
  /** Role key → the sheet's name now; a missing sheet's default name. */
  readonly sheetNames: ReadonlyMap<string, string>;
  /** Generated sheets the workbook should hold and does not (deleted by a person). */
  readonly missing: readonly SheetRole[];
  /** Nomination sheets renamed since the last run: name then → name now. */
  readonly renamedSources: ReadonlyMap<string, string>;
  /** Row of each nominee id on each judge's sheet: judgeRows[judge - 1].get(id). */
  readonly judgeRows: readonly ReadonlyMap<string, number>[];
  /** Column of each criterion (rubric order) on each judge's sheet as it stands, by header; null where it has none. */
  readonly judgeColumns: readonly (readonly (number | null)[])[];
  /** Row of each nominee id on each rater group's sheet: raterRows.get(group)?.get(id). */
  readonly raterRows: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Each rater's column (rater − 1) on each group's sheet as it stands, by its `评议人r` header; null where it has none. */
  readonly raterColumns: ReadonlyMap<string, readonly (number | null)[]>;
  /** 回避's lines as typed (none when the workbook has no 回避 sheet). */
  readonly recusals: readonly RecusalLine[];
}

/**
 * The state read, or why not: `not_assessment_workbook` (shifan never assessed it, or nothing of it is left;
 * `sheet` the first generated sheet missing), `newer_layout` (a later shifan wrote it), `missing_rubric_sheet`
 * (评分标准 is gone and no rubric was given to rebuild it with), `rubric_mismatch` (the one given does not fit the
 * judge sheets' criteria), `unplaced_scores` (scores on a judge sheet belong to no nominee, so rebuilding would
 * lose them), `rater_columns_unclear` (a group sheet's `评议人r` headers repeated or typed over). The state's issues
 * and notes are the outcome's.
 */
export type ReadAssessmentOutcome = Outcome<{ readonly state: AssessmentState }>;

/** True when the workbook holds shifan's generated sheets (it was assessed before), found by identity. */
export function isAssessmentWorkbook(grid: WorkbookGrid): boolean {
  return declaresAssessment(readIdentity(grid));
}

/** Every sheet shifan generated, by identity (a person's own sheet called 汇总 is not one). */
export function generatedSheets(
  grid: WorkbookGrid,
  identity: IdentityResult = readIdentity(grid)
): Set<string> {
  return new Set(
    identity.kind === "identity" || identity.kind === "legacy"
      ? identity.sheets.flatMap((found) => (found.sheet ? [found.sheet.name] : []))
      : []
  );
}

/** The workbook without shifan's generated sheets: what inspect should read on a re-assessment. */
export function sourceSheetsOnly(grid: WorkbookGrid): WorkbookGrid {
  const generated = generatedSheets(grid);
  return { ...grid, sheets: grid.sheets.filter((sheet) => !generated.has(sheet.name)) };
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

/**
 * 考核表's columns found by their headers (row 2), so a workbook written by an earlier layout (fewer columns
 * between 建议授牌 and the helpers) reads the same; a header not found keeps the current layout's column.
 */
function mainColumnsByHeader(sheet: SheetGrid, current: MainSheetColumns): MainSheetColumns {
  const colOf = new Map<string, number>();
  const width = sheet.rows[HEADER_ROW - 1]?.length ?? 0;
  for (let col = 1; col <= Math.max(width, current.lastColumn); col++) {
    const header = textOf(cellAt(sheet, HEADER_ROW, col));
    if (header !== null && !colOf.has(header)) colOf.set(header, col);
  }
  const found = Object.fromEntries(
    (Object.entries(MAIN_HEADERS) as [keyof typeof MAIN_HEADERS, string][]).map(([key, label]) => [
      key,
      colOf.get(label) ?? current[key],
    ])
  );
  return { ...current, ...found };
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

/**
 * Where 评分标准's parameters and blocks sit now, found by their labels in column A (an official may insert a
 * criterion or a grade band, and each shifan layout adds rows): a parameter's label row, a block's header row.
 * Anything not found falls back to where the current layout puts it for the criteria and bands present.
 */
interface RubricSheetRows {
  readonly parameterRow: Readonly<Record<ParameterKey, number>>;
  readonly criteriaHeaderRow: number;
  readonly gradesHeaderRow: number;
  readonly quotasHeaderRow: number;
  /** null: the workbook has no sector quota table (written before layout 3). */
  readonly sectorQuotasHeaderRow: number | null;
  readonly descriptorsHeaderRow: number;
  /** Where the rater groups' table is or would be (readComponents checks its headers). */
  readonly raterGroupsHeaderRow: number;
}

function locateRubricRows(sheet: SheetGrid): RubricSheetRows {
  const rowsOf = new Map<string, number[]>();
  for (let row = 1; row <= sheet.rows.length; row++) {
    const label = textOf(cellAt(sheet, row, 1))?.trim();
    if (label !== undefined) rowsOf.set(label, [...(rowsOf.get(label) ?? []), row]);
  }
  const firstRowOf = new Map([...rowsOf].map(([label, rows]) => [label, rows[0] as number]));
  // A block's header row: its first label in column A and the next ones beside it ("编号" heads two blocks).
  const header = (labels: readonly string[]): number | null =>
    (rowsOf.get(labels[0] ?? "") ?? []).find((row) =>
      labels.slice(1).every((text, i) => textOf(cellAt(sheet, row, 2 + i))?.trim() === text)
    ) ?? null;
  const criteriaHeaderRow = header(RUBRIC_BLOCK_HEADERS.criteria);
  const arithmetic = rubricSheetLayout(0, 0);
  const parameterRow = Object.fromEntries(
    PARAMETER_KEYS.map((key) => [
      key,
      firstRowOf.get(PARAMETER_LABELS[key]) ?? arithmetic.parameterRow[key],
    ])
  ) as Record<ParameterKey, number>;
  const gradesHeaderRow = header(RUBRIC_BLOCK_HEADERS.grades.slice(0, 2));
  const gradeRows = gradesHeaderRow === null ? 0 : filledRowsBelow(sheet, gradesHeaderRow).length;
  const fallback = rubricSheetLayout(
    criteriaHeaderRow === null ? 0 : filledRowsBelow(sheet, criteriaHeaderRow).length,
    gradeRows
  );
  const descriptorsHeaderRow =
    firstRowOf.get(RUBRIC_BLOCK_HEADERS.descriptors[0]) ?? fallback.descriptorsHeaderRow;
  return {
    parameterRow,
    criteriaHeaderRow: criteriaHeaderRow ?? arithmetic.criteriaHeaderRow,
    gradesHeaderRow: gradesHeaderRow ?? fallback.gradesHeaderRow,
    quotasHeaderRow: header(RUBRIC_BLOCK_HEADERS.quotas.slice(0, 2)) ?? fallback.quotasHeaderRow,
    sectorQuotasHeaderRow: firstRowOf.get(RUBRIC_BLOCK_HEADERS.sectorQuotas[0]) ?? null,
    descriptorsHeaderRow,
    raterGroupsHeaderRow:
      header(RATER_GROUP_HEADERS) ?? descriptorsHeaderRow + SECTOR_CODES.length + 2,
  };
}

/** 评分标准's sector quota table: rows by sector name, columns by tier name (blank: no quota of its own). */
function readSectorQuotas(
  sheet: SheetGrid,
  headerRow: number | null
): Partial<Record<TierCode, Partial<Record<SectorCode, number>>>> {
  const quotas: Partial<Record<TierCode, Partial<Record<SectorCode, number>>>> = {};
  if (headerRow === null) return quotas;
  const tierColumns: [TierCode, number][] = [];
  for (let col = 2; col < 2 + 2 * TIER_CODES.length; col++) {
    const tier = codeByName(TIER_NAMES, textOf(cellAt(sheet, headerRow, col)));
    if (tier !== null) tierColumns.push([tier, col]);
  }
  for (let row = headerRow + 1; row <= headerRow + SECTOR_CODES.length; row++) {
    const sector = codeByName(SECTOR_NAMES, textOf(cellAt(sheet, row, 1)));
    if (sector === null) continue;
    for (const [tier, col] of tierColumns) {
      const quota = numberOf(cellAt(sheet, row, col));
      if (quota !== null) quotas[tier] = { ...quotas[tier], [sector]: quota };
    }
  }
  return quotas;
}

function readRubric(sheet: SheetGrid, judges: number, notes: Note[], issues: Issue[]): Rubric {
  const defaults = defaultParameters();
  const at = locateRubricRows(sheet);
  const p = at.parameterRow;
  const value = (row: number): RawCell | null => cellAt(sheet, row, VALUE_COL);
  /** A number the rubric parser accepts for `key` (issue #12 §5: one validator), else reported and `fallback`. */
  const withinLimits = (
    found: number,
    row: number,
    col: number,
    label: string,
    fallback: number | null,
    key: LimitedParameter | undefined
  ): number | null => {
    const problem = key === undefined ? null : parameterProblem(key, found);
    if (problem === null) return found;
    issues.push(
      issue(
        "invalid_parameter",
        "error",
        { sheet: sheet.name, row, cell: a1(row, col), field: null },
        { label, detail: problem, used: fallback }
      )
    );
    return fallback;
  };
  const numberAt = (
    row: number,
    label: string,
    fallback: number,
    col = VALUE_COL,
    key?: LimitedParameter
  ): number => {
    const found = numberOf(cellAt(sheet, row, col));
    if (found === null || !Number.isFinite(found)) {
      notes.push(note("parameter_not_a_number", { label, cell: a1(row, col), used: fallback }));
      return fallback;
    }
    return withinLimits(found, row, col, label, fallback, key) ?? fallback;
  };
  /** Below `least` the sheet divides by zero (#DIV/0!); its validation refuses such entries, so a pasted one is reported and raised. */
  const atLeast = (
    row: number,
    label: string,
    fallback: number,
    least: number,
    key: LimitedParameter
  ): number => {
    const found = numberAt(row, label, fallback);
    if (found < least) {
      notes.push(note("parameter_below_minimum", { label, cell: a1(row, VALUE_COL), used: least }));
      return least;
    }
    return withinLimits(found, row, VALUE_COL, label, fallback, key) ?? fallback;
  };
  /** A cell that may be blank (no quota, no 差额), checked like the rest when it holds a number. */
  const optional = (row: number, col: number, label: string, key: LimitedParameter) => {
    const found = numberOf(cellAt(sheet, row, col));
    return found === null ? null : withinLimits(found, row, col, label, null, key);
  };

  const criteriaRows = filledRowsBelow(sheet, at.criteriaHeaderRow);
  // 百千万 as the sheet shows it since #13; baiqianwan in workbooks written before.
  const rubricId = rubricIdFromName(textOf(value(p.rubricId)) ?? "custom");
  const builtin = builtinRubric(rubricId);
  const criteria: Criterion[] = criteriaRows.map((row, c) => {
    const id = textOf(cellAt(sheet, row, 1)) ?? `C${c + 1}`;
    const descriptors: Partial<Record<SectorCode, string>> = {};
    return {
      id,
      label: textOf(cellAt(sheet, row, 2)) ?? id,
      max: numberAt(row, `${id} 满分`, builtin?.criteria[c]?.max ?? 0, MAX_COL, "criterionMax"),
      descriptors,
    };
  });
  const gradeRows = filledRowsBelow(sheet, at.gradesHeaderRow);
  const gradeBands: GradeBand[] = gradeRows.map((row) => ({
    grade: textOf(cellAt(sheet, row, 1)) ?? "",
    min: numberAt(row, "等次最低分", 0, VALUE_COL, "gradeMin"),
  }));
  const byTier: Partial<Record<TierCode, number>> = {};
  TIER_CODES.forEach((tier, t) => {
    const quota = optional(at.quotasHeaderRow + 1 + t, 2, `${TIER_NAMES[tier]}名额`, "quota");
    if (quota !== null) byTier[tier] = quota;
  });
  const bySectorTier = readSectorQuotas(sheet, at.sectorQuotasHeaderRow);
  const candidateRatio = optional(p.candidateRatio, VALUE_COL, "差额比例", "candidateRatio");
  // The descriptor columns follow the criteria by the id in their header ("C1 推动科学发展"), else by position.
  const descriptorCols = criteria.map((criterion, c) => {
    for (let col = 2; col < 2 + criteria.length + 8; col++) {
      const header = textOf(cellAt(sheet, at.descriptorsHeaderRow, col));
      if (header !== null && header.split(/\s+/)[0] === criterion.id) return col;
    }
    return 2 + c;
  });
  SECTOR_CODES.forEach((sector, s) => {
    criteria.forEach((criterion, c) => {
      const col = descriptorCols[c] ?? 2 + c;
      const text = textOf(cellAt(sheet, at.descriptorsHeaderRow + 1 + s, col));
      // Line breaks shifan put into a built-in descriptor for print are not the rubric's.
      if (text !== null)
        criterion.descriptors[sector] = descriptorRead(rubricId, criterion.id, sector, text, col);
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
    minJudges: atLeast(p.minJudges, "最少评委人数", defaults.minJudges, 1, "minJudges"),
    dropExtremesFrom: atLeast(
      p.dropExtremesFrom,
      "去掉最高最低分的评委人数下限",
      defaults.dropExtremesFrom,
      MIN_DROP_FROM,
      "dropExtremesFrom"
    ),
    scoreStep: numberAt(p.scoreStep, "评分步长", defaults.scoreStep, VALUE_COL, "scoreStep"),
    components: readComponents(sheet, at, builtin, numberAt),
    gradeBands,
    failGrade: textOf(value(p.failGrade)) ?? defaults.failGrade,
    passLine: numberAt(p.passLine, "推荐分数线", defaults.passLine, VALUE_COL, "passLine"),
    quotas: {
      byTier,
      ...(Object.keys(bySectorTier).length === 0 ? {} : { bySectorTier }),
      ...(candidateRatio === null ? {} : { candidateRatio }),
    },
    tieBreak,
    dynamic: {
      cycleMonths: numberAt(
        p.cycleMonths,
        "动态管理考评周期",
        defaults.dynamic.cycleMonths,
        VALUE_COL,
        "cycleMonths"
      ),
      windowDays: numberAt(
        p.windowDays,
        "到期提醒",
        defaults.dynamic.windowDays,
        VALUE_COL,
        "windowDays"
      ),
    },
  };
}

/** 评分标准's rater-group table starts with these headers; without them the workbook has no rater groups. */
const RATER_GROUP_HEADERS = ["编号", "评议组"] as const;

/**
 * The components as 评分标准 holds them: the panel's and the figure's weights on their parameter rows, named as
 * their labels say (`领导点评权重`), then the rater groups' table under the descriptors (RULES §4.1).
 */
function readComponents(
  sheet: SheetGrid,
  at: RubricSheetRows,
  builtin: Rubric | undefined,
  numberAt: (
    row: number,
    label: string,
    fallback: number,
    col?: number,
    key?: LimitedParameter
  ) => number
): RubricComponent[] {
  const p = at.parameterRow;
  const headerRow = at.raterGroupsHeaderRow;
  const defaults = builtin?.components ?? defaultParameters().components;
  const preset = (id: string): RubricComponent | undefined =>
    defaults.find((component) => component.id === id);
  const fixed = (id: string, row: number, kind: "panel" | "figure"): RubricComponent => {
    const shown = textOf(cellAt(sheet, row, 1)) ?? "";
    const label = shown.replace(/权重$/, "") || (preset(id)?.label ?? id);
    return {
      id,
      kind,
      label,
      weight: numberAt(row, shown || id, preset(id)?.weight ?? 0, VALUE_COL, "weight"),
    };
  };
  const groups: RubricComponent[] = [];
  const headed = RATER_GROUP_HEADERS.every(
    (header, i) => textOf(cellAt(sheet, headerRow, 1 + i)) === header
  );
  if (headed)
    for (const row of filledRowsBelow(sheet, headerRow)) {
      const id = textOf(cellAt(sheet, row, 1)) ?? "";
      // A code that cannot name a sheet role was not written by shifan: leave the row alone.
      if (!RATER_GROUP_ID.test(id) || groups.some((group) => group.id === id)) continue;
      const label = textOf(cellAt(sheet, row, 2)) ?? id;
      const raters = numberOf(cellAt(sheet, row, 4));
      groups.push({
        id,
        kind: "raters",
        label,
        weight: numberAt(row, `${label}权重`, preset(id)?.weight ?? 0, 3, "weight"),
        raters:
          raters !== null && Number.isInteger(raters) && raters >= 1 && raters <= MAX_RATERS
            ? raters
            : (preset(id)?.raters ?? 1),
      });
    }
  return [
    fixed(PANEL_COMPONENT, p.weightPanel, "panel"),
    ...groups,
    fixed(SATISFACTION_COMPONENT, p.weightSatisfaction, "figure"),
  ];
}

function readAsOf(sheet: SheetGrid): IsoDate | "today" {
  const cell = cellAt(sheet, locateRubricRows(sheet).parameterRow.asOf, 2);
  if (cell?.formula !== undefined && /TODAY\s*\(/i.test(cell.formula)) return "today";
  const serial = numberOf(cell);
  return (serial === null ? null : serialToIsoDate(serial)) ?? "today";
}

interface InputReader {
  score(sheet: SheetGrid, row: number, col: number, max: number, step: number): number | null;
  /** The cell's entry when it is neither blank nor a number: what a formula sees there. */
  rejected(sheet: SheetGrid, row: number, col: number): string | boolean | null;
  satisfaction(sheet: SheetGrid, row: number, col: number): number | null;
  veto(sheet: SheetGrid, row: number, col: number): boolean | null;
  readonly issues: Issue[];
}

/** To tell the person which cell to fix (whether an entry counts is the 考核表 formulas' decision). */
function offStep(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) > 1e-9;
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
  // The cell's number, null when blank, or the cell itself when it holds anything else (an entry to fix): no
  // object per read, as 200,000 scores are read twice at 10,000 nominees.
  const numeric = (sheet: SheetGrid, row: number, col: number): number | null | RawCell => {
    const cell = cellAt(sheet, row, col);
    if (cell === null || isBlankCell(cell)) return null;
    return numberOf(cell) ?? cell;
  };
  /** A number typed in the cell; null for a blank, and for anything else with an invalid_score issue. */
  const numberRead = (sheet: SheetGrid, row: number, col: number): number | null => {
    const read = numeric(sheet, row, col);
    if (read === null || typeof read === "number") return read;
    issues.push(issue("invalid_score", "error", at(sheet, row, col), { value: shownText(read) }));
    return null;
  };
  return {
    issues,
    rejected(sheet, row, col) {
      const read = numeric(sheet, row, col);
      if (read === null || typeof read === "number") return null;
      return read.type === "boolean" ? read.value : shownText(read);
    },
    score(sheet, row, col, max, step) {
      const read = numberRead(sheet, row, col);
      if (read === null) return null;
      if (read < 0 || read > max)
        issues.push(
          issue("score_out_of_range", "error", at(sheet, row, col), { value: read, max })
        );
      else if (step > 0 && offStep(read, step))
        issues.push(issue("score_off_step", "error", at(sheet, row, col), { value: read, step }));
      return read;
    },
    satisfaction(sheet, row, col) {
      const read = numberRead(sheet, row, col);
      if (read === null) return null;
      if (read < 0 || read > 100)
        issues.push(
          issue("satisfaction_out_of_range", "error", at(sheet, row, col), { value: read })
        );
      return read;
    },
    veto(sheet, row, col) {
      const cell = cellAt(sheet, row, col);
      if (isBlankCell(cell)) return null;
      if (cell?.type === "text" && cell.text === VETO_WORDS.vetoed) return true;
      if (cell?.type === "text" && cell.text === VETO_WORDS.notVetoed) return false;
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

/** Text that names a sector or tier on the judge sheets, back to its code. */
function codeByName<T extends string>(
  names: Readonly<Record<T, string>>,
  text: string | null
): T | null {
  if (text === null) return null;
  const found = (Object.entries(names) as [T, string][]).find(([, name]) => name === text);
  return found ? found[0] : null;
}

/** Row of each nominee id in column A of an entry sheet, from the first nominee row down. */
export function rowsById(sheet: SheetGrid): Map<string, number> {
  const rows = new Map<string, number>();
  for (let row = FIRST_NOMINEE_ROW; row <= sheet.rows.length; row++) {
    const id = textOf(cellAt(sheet, row, IDENTITY_COLUMNS.id));
    if (id !== null && !rows.has(id)) rows.set(id, row);
  }
  return rows;
}

/**
 * A score column's header as shown: its text, or, for a header formula whose value was never computed (a file
 * written without cached values), the formula's first text literal (`"C1 推动科学发展（满分 "&SF_Max_C1&"）"`).
 */
function headerText(cell: RawCell | null): string | null {
  const shown = textOf(cell);
  if (shown !== null || cell?.formula === undefined) return shown;
  const literal = /^"((?:[^"]|"")*)"/.exec(cell.formula.replace(/^=/, ""));
  return literal?.[1] ? literal[1].replace(/""/g, '"') : null;
}

/** The criteria an entry sheet's header names: `C1 推动科学发展（满分 30）` → C1. */
function judgeSheetCriteria(sheet: SheetGrid, firstCol: number): string[] {
  const ids: string[] = [];
  for (let col = firstCol; ; col++) {
    const header = headerText(cellAt(sheet, HEADER_ROW, col));
    // The scores end at the 回避 column (a first-version sheet: at the first empty header).
    if (header === null || header === RECUSAL_HEADER) break;
    ids.push(header.split(/\s+/)[0] ?? header);
  }
  return ids;
}

/**
 * Where each of the rubric's criteria is on a judge sheet, found by the criterion id its header starts with (issue
 * #11 §6: a criterion added, removed or moved on 评分标准 keeps its scores by id, never by position); null where the
 * sheet has no such column (a criterion added since). `dropped`: the sheet's criteria the rubric no longer has. A
 * sheet whose headers name none of the rubric's ids is read by position.
 */
function scoreColumnsOf(
  sheet: SheetGrid,
  rubric: Rubric,
  positional: readonly number[]
): { readonly columns: readonly (number | null)[]; readonly dropped: readonly [string, number][] } {
  const firstCol = IDENTITY_COLUMNS.region + 1;
  const onSheet = judgeSheetCriteria(sheet, firstCol).map((id, i): [string, number] => [
    id,
    firstCol + i,
  ]);
  const colById = new Map(onSheet);
  if (!rubric.criteria.some((criterion) => colById.has(criterion.id)))
    return { columns: positional, dropped: [] };
  const kept = new Set(rubric.criteria.map((criterion) => criterion.id));
  return {
    columns: rubric.criteria.map((criterion) => colById.get(criterion.id) ?? null),
    dropped: onSheet.filter(([id]) => !kept.has(id)),
  };
}

/** 回避's lines from row 2 down, each as typed (a number stays a number, anything else its text); blank rows skipped. */
export function readRecusalLines(sheet: SheetGrid): RecusalLine[] {
  const lines: RecusalLine[] = [];
  const at = (row: number, col: number): RecusalCell => {
    const cell = cellAt(sheet, row, col);
    if (!cell || isBlankCell(cell)) return null;
    switch (cell.type) {
      case "number":
        return cell.value;
      case "date":
        return cell.serial;
      case "text":
        return cell.text;
      case "boolean":
        return cell.value ? "TRUE" : "FALSE";
      case "error":
        return cell.error;
    }
  };
  for (let row = RECUSAL_FIRST_ROW; row <= sheet.rows.length; row++) {
    const judge = at(row, RECUSAL_COLUMNS.judge);
    const id = at(row, RECUSAL_COLUMNS.id);
    const reason = at(row, RECUSAL_COLUMNS.reason);
    if (judge !== null || id !== null || reason !== null) lines.push({ row, judge, id, reason });
  }
  return lines;
}

/**
 * The first entry on an entry sheet, in `columns`, of a row whose id names none of the `known` nominees
 * (`F9 (SF-0099)`); null when there is none.
 */
function firstUnplacedEntry(
  sheet: SheetGrid,
  rowsOfIds: ReadonlyMap<string, number>,
  columns: readonly (number | null)[],
  known: ReadonlySet<string>
): string | null {
  for (const [id, row] of rowsOfIds) {
    if (known.has(id)) continue;
    const col = columns.find((c) => c !== null && !isBlankCell(cellAt(sheet, row, c)));
    if (col !== undefined && col !== null) return `${a1(row, col)} (${id})`;
  }
  return null;
}

/** How many cells of `columns` hold an entry in the nominees' rows of an entry sheet. */
function entriesIn(
  sheet: SheetGrid,
  rowsOfIds: ReadonlyMap<string, number> | undefined,
  columns: readonly number[]
): number {
  let count = 0;
  for (const row of rowsOfIds?.values() ?? [])
    for (const col of columns) if (!isBlankCell(cellAt(sheet, row, col))) count++;
  return count;
}

export interface ReadAssessmentOptions {
  /** The rubric to rebuild with when 评分标准 was deleted (the command's --rubric); without it, that is refused. */
  readonly fallbackRubric?: Rubric;
}

/**
 * Reads an assessment workbook's inputs and parameters, finding its sheets through the workbook identity: a
 * renamed generated sheet is read under its new name, a deleted one is listed in `missing`, and nominees are
 * read from 考核表 or, when that is gone, from the judge sheets. Scores are matched to nominees by id.
 *
 * @example
 * const read = readAssessment(await XlsxWorkbookSource.fromFile('assessed.xlsx').read());
 * if (read.ok) buildReport(read.state);
 */
export function readAssessment(
  grid: WorkbookGrid,
  options: ReadAssessmentOptions = {}
): ReadAssessmentOutcome {
  const identity = readIdentity(grid);
  if (identity.kind === "none" || (identity.kind !== "newer" && !declaresAssessment(identity)))
    return failed("not_assessment_workbook", { sheet: defaultSheetName({ kind: "main" }) });
  if (identity.kind === "newer") return failed("newer_layout", { version: identity.layoutVersion });
  const sheetOf = (role: SheetRole): SheetGrid | null =>
    identity.sheets.find((found) => roleKey(found.role) === roleKey(role))?.sheet ?? null;
  const sheetNames = new Map<string, string>();
  const missing: SheetRole[] = [];
  for (const found of identity.sheets) {
    sheetNames.set(
      roleKey(found.role),
      found.sheet?.name ?? found.written ?? defaultSheetName(found.role)
    );
    if (!found.sheet && found.role.kind !== "identity") missing.push(found.role);
  }
  const judgeCount = Math.max(
    0,
    ...identity.sheets.flatMap((found) => (found.role.kind === "judge" ? [found.role.judge] : []))
  );
  const judgeSheets = Array.from({ length: judgeCount }, (_unused, j) =>
    sheetOf({ kind: "judge", judge: j + 1 })
  );
  const mainSheet = sheetOf({ kind: "main" });
  const rubricSheet = sheetOf({ kind: "rubric" });
  if (!mainSheet && !rubricSheet && judgeSheets.every((sheet) => sheet === null))
    return failed("not_assessment_workbook", { sheet: defaultSheetName({ kind: "main" }) });

  const notes: Note[] = [];
  let rubric: Rubric;
  const rubricIssues: Issue[] = [];
  if (rubricSheet) rubric = readRubric(rubricSheet, judgeCount, notes, rubricIssues);
  else {
    const fallback = options.fallbackRubric;
    const rubricName = sheetNames.get("rubric") ?? defaultSheetName({ kind: "rubric" });
    if (!fallback) return failed("missing_rubric_sheet", { sheet: rubricName });
    const probe = assessmentLayout(
      fallback.criteria.map((c) => c.id),
      judgeCount,
      0,
      0
    );
    const wanted = fallback.criteria.map((c) => c.id).join(",");
    const mismatch = judgeSheets.find(
      (sheet) =>
        sheet !== null &&
        judgeSheetCriteria(sheet, probe.judgeScoreColumns[0] ?? 1).join(",") !== wanted
    );
    if (mismatch)
      return failed("rubric_mismatch", {
        sheet: rubricName,
        detail: `${mismatch.name}: ${judgeSheetCriteria(mismatch, probe.judgeScoreColumns[0] ?? 1).join(",")} ≠ ${wanted}`,
      });
    rubric = { ...fallback, judges: judgeCount };
  }
  const groups = raterGroups(rubric);
  const probe = assessmentLayout(
    rubric.criteria.map((c) => c.id),
    rubric.judges,
    0,
    rubric.gradeBands.length,
    groups
  );
  const read = inputReader();
  // Each rater group's sheet, found by its role; a group whose sheet is gone has no scores (listed as missing).
  const raterSheets = groups.map((group) => sheetOf({ kind: "raters", group: group.id }));
  const raterRows = raterSheets.map((sheet) =>
    sheet ? rowsById(sheet) : new Map<string, number>()
  );
  const judgeRows = judgeSheets.map((sheet) =>
    sheet ? rowsById(sheet) : new Map<string, number>()
  );
  const sourceRenames = new Map(
    identity.sources.flatMap((source) =>
      source.current !== null && source.current !== source.written
        ? [[source.written, source.current] as const]
        : []
    )
  );

  interface RowOfNominee {
    readonly id: string;
    readonly name: string | null;
    readonly sector: CarriedNominee["sector"];
    readonly tier: CarriedNominee["tier"];
    readonly region: string | null;
    readonly source: CarriedNominee["source"];
    readonly mainRow: number | null;
    readonly vanished: boolean;
  }
  const rows: RowOfNominee[] = [];
  const m = mainSheet ? mainColumnsByHeader(mainSheet, probe.main) : probe.main;
  if (mainSheet) {
    for (let row = probe.firstRow; !isBlankCell(cellAt(mainSheet, row, m.id)); row++) {
      const textAt = (col: number): string | null => textOf(cellAt(mainSheet, row, col));
      const written = textAt(m.sourceSheet) ?? "";
      rows.push({
        id: textAt(m.id) ?? "",
        name: textAt(m.name),
        sector: codeIn(SECTOR_CODES, textAt(m.sectorCode)),
        tier: codeIn(TIER_CODES, textAt(m.tierCode)),
        region: textAt(m.region),
        source: {
          sheet: sourceRenames.get(written) ?? written,
          row: numberOf(cellAt(mainSheet, row, m.sourceRow)) ?? 0,
        },
        mainRow: row,
        vanished: textAt(m.note) !== null,
      });
    }
  } else {
    // 考核表 is gone: the judge sheets still say who was assessed (id, name, sector, tier, region on each row).
    const seen = new Set<string>();
    judgeSheets.forEach((sheet, j) => {
      if (!sheet) return;
      for (const [id, row] of judgeRows[j] ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const textAt = (col: number): string | null => textOf(cellAt(sheet, row, col));
        rows.push({
          id,
          name: textAt(IDENTITY_COLUMNS.name),
          sector: codeByName(SECTOR_NAMES, textAt(IDENTITY_COLUMNS.sector)),
          tier: codeByName(TIER_NAMES, textAt(IDENTITY_COLUMNS.tier)),
          region: textAt(IDENTITY_COLUMNS.region),
          source: { sheet: "", row: 0 },
          mainRow: null,
          vanished: false,
        });
      }
    });
  }

  // Each judge sheet's score columns by criterion id (issue #11 §6).
  const scoreColumns = judgeSheets.map((sheet) =>
    sheet ? scoreColumnsOf(sheet, rubric, probe.judgeScoreColumns) : null
  );
  // Each group sheet's rater columns by their `评议人r` headers; headers that leave a column's rater unclear refuse.
  const raterColumns: RaterColumnsOnSheet[] = [];
  for (const [g, sheet] of raterSheets.entries()) {
    const raters = groups[g]?.raters ?? 0;
    const found = sheet
      ? sheetRaterColumns(sheet, raters)
      : { columns: Array.from({ length: raters }, () => null), beyond: [] };
    if ("unclear" in found)
      return failed("rater_columns_unclear", { sheet: sheet?.name ?? "", ...found.unclear });
    raterColumns.push(found);
  }
  // A score on an entry sheet whose row names no nominee would be lost by rebuilding: refuse instead.
  const known = new Set(rows.map((r) => r.id));
  const entrySheets = [
    ...judgeSheets.map((sheet, j) => ({
      sheet,
      rows: judgeRows[j],
      columns: [
        ...(scoreColumns[j]?.columns ?? []),
        ...(scoreColumns[j]?.dropped ?? []).map(([, col]) => col),
      ],
    })),
    ...raterSheets.map((sheet, g) => ({
      sheet,
      rows: raterRows[g],
      columns: [
        ...(raterColumns[g]?.columns ?? []),
        ...(raterColumns[g]?.beyond ?? []).map(([, col]) => col),
      ],
    })),
  ];
  for (const { sheet, rows: byId, columns } of entrySheets) {
    const unplaced = sheet && byId ? firstUnplacedEntry(sheet, byId, columns, known) : null;
    if (sheet && unplaced !== null)
      return failed("unplaced_scores", { sheet: sheet.name, detail: unplaced });
  }

  const nominees: CarriedNominee[] = rows.map((r) => {
    // The nominee's row on each judge's sheet, looked up once for its scores and its rejected entries.
    const judgeRowsOf = judgeSheets.map((_sheet, j) => judgeRows[j]?.get(r.id));
    let inputs: EnteredInputs = {
      scores: judgeSheets.map((sheet, j) => {
        const row = judgeRowsOf[j];
        return (scoreColumns[j]?.columns ?? probe.judgeScoreColumns).map((col, c) =>
          sheet && row !== undefined && col !== null
            ? read.score(sheet, row, col, rubric.criteria[c]?.max ?? 0, rubric.scoreStep)
            : null
        );
      }),
      satisfaction:
        mainSheet && r.mainRow !== null
          ? read.satisfaction(mainSheet, r.mainRow, m.satisfaction)
          : null,
      veto: mainSheet && r.mainRow !== null ? read.veto(mainSheet, r.mainRow, m.veto) : null,
    };
    const rejected: RejectedEntry[] = [];
    judgeSheets.forEach((sheet, j) => {
      const row = judgeRowsOf[j];
      if (!sheet || row === undefined) return;
      (scoreColumns[j]?.columns ?? []).forEach((col, c) => {
        if (col === null) return;
        const value = read.rejected(sheet, row, col);
        if (value !== null) rejected.push({ judge: j, criterion: c, value });
      });
    });
    if (mainSheet && r.mainRow !== null) {
      const value = read.rejected(mainSheet, r.mainRow, m.satisfaction);
      if (value !== null) rejected.push({ judge: null, criterion: 0, value });
    }
    if (groups.length > 0) {
      const raters: Record<string, (number | null)[]> = {};
      groups.forEach((group, g) => {
        const sheet = raterSheets[g];
        const row = raterRows[g]?.get(r.id);
        const columns = raterColumns[g]?.columns ?? [];
        raters[group.id] = columns.map((col, rater) => {
          if (!sheet || row === undefined || col === null) return null;
          const value = read.rejected(sheet, row, col);
          if (value !== null) rejected.push({ group: group.id, rater, value });
          return read.score(sheet, row, col, RATER_MAX, rubric.scoreStep);
        });
      });
      inputs = { ...inputs, raters };
    }
    if (rejected.length > 0) inputs = { ...inputs, rejected };
    return {
      id: r.id,
      name: r.name,
      sector: r.sector,
      tier: r.tier,
      region: r.region,
      source: r.source,
      inputs,
      vanished: r.vanished,
    };
  });
  // Entries under a criterion removed from 评分标准 are not carried: said, with how many, never silently.
  const droppedEntries = new Map<string, number>();
  judgeSheets.forEach((sheet, j) => {
    if (!sheet) return;
    for (const [id, col] of scoreColumns[j]?.dropped ?? [])
      droppedEntries.set(id, (droppedEntries.get(id) ?? 0) + entriesIn(sheet, judgeRows[j], [col]));
  });
  for (const [criterion, count] of droppedEntries)
    if (count > 0) notes.push(note("criterion_scores_dropped", { criterion, count }));
  // So are a group's entries under raters beyond 评分标准's 评议人数 (lowered since the sheet was written).
  raterSheets.forEach((sheet, g) => {
    const beyond = raterColumns[g]?.beyond ?? [];
    if (!sheet || beyond.length === 0) return;
    const count = entriesIn(
      sheet,
      raterRows[g],
      beyond.map(([, col]) => col)
    );
    if (count > 0)
      notes.push(
        note("rater_scores_dropped", {
          sheet: sheet.name,
          raters: beyond.map(([rater]) => raterHeader(rater)).join("、"),
          count,
        })
      );
  });
  const layout = assessmentLayout(
    probe.criteriaIds,
    rubric.judges,
    nominees.length,
    rubric.gradeBands.length,
    groups
  );
  const recusalSheet = sheetOf({ kind: "recusal" });
  const publicitySheet = sheetOf({ kind: "publicity" });
  const publicityTitle = publicitySheet
    ? textOf(cellAt(publicitySheet, PUBLICITY_TITLE_ROW, 1))
    : null;
  return {
    ok: true,
    state: {
      rubric,
      asOf: rubricSheet ? readAsOf(rubricSheet) : "today",
      nominees,
      layout,
      issues: [...rubricIssues, ...read.issues],
      notes,
      identity,
      sheetNames,
      missing,
      renamedSources: sourceRenames,
      judgeRows,
      judgeColumns: judgeSheets.map((sheet, j) =>
        sheet ? (scoreColumns[j]?.columns ?? probe.judgeScoreColumns) : []
      ),
      raterRows: new Map(groups.map((group, g) => [group.id, raterRows[g] ?? new Map()])),
      raterColumns: new Map(groups.map((group, g) => [group.id, raterColumns[g]?.columns ?? []])),
      recusals: recusalSheet ? readRecusalLines(recusalSheet) : [],
      ...(publicityTitle === null ? {} : { publicityTitle }),
    },
    issues: [...rubricIssues, ...read.issues],
    notes,
  };
}

/** The first generated sheet that `report` and `next-cycle` need and the workbook lacks; null when none. */
export function firstMissingSheet(state: AssessmentState): string | null {
  const needed = state.missing.find(
    (role) =>
      role.kind === "main" ||
      role.kind === "rubric" ||
      role.kind === "judge" ||
      role.kind === "raters" ||
      role.kind === "recusal"
  );
  return needed ? (state.sheetNames.get(roleKey(needed)) ?? defaultSheetName(needed)) : null;
}
