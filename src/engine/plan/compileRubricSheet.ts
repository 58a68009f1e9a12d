/** 评分标准: every rubric parameter in a cell of its own, named, so an official's edit recomputes the workbook. */
import {
  SECTOR_CODES,
  SECTOR_NAMES,
  TIER_CODES,
  TIER_NAMES,
  type SectorCode,
} from "../core/domain";
import { isoDateToSerial, type IsoDate } from "../core/IsoDate";
import { at as address, call, name, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import { rubricName } from "../messages";
import {
  MAX_CANDIDATE_RATIO,
  PANEL_COMPONENT,
  PROVINCE_TOTALS,
  RUBRIC_DEFAULTS,
  SATISFACTION_COMPONENT,
  componentOf,
  raterGroups,
  type Rubric,
  type RubricComponent,
  type TieBreakKey,
} from "../rubric/Rubric";
import { builtinRubric } from "../rubric/builtinRubrics";
import { PARAMETER_LIMITS } from "../rubric/parseRubricJson";
import {
  PARAMETER_KEYS,
  PARAMETER_LABELS,
  PARAMETER_NAMES,
  RUBRIC_SHEET,
  GRADE_MINS_NAME,
  GRADE_WORDS_NAME,
  maxName,
  QUOTA_TIERS_NAME,
  SECTORS_NAME,
  QUOTA_VALUES_NAME,
  quotaName,
  raterWeightName,
  RUBRIC_BLOCK_HEADERS,
  SECTOR_QUOTA_SECTORS_NAME,
  SECTOR_QUOTA_TIERS_NAME,
  SECTOR_QUOTAS_NAME,
  type AssessmentLayout,
  type ParameterKey,
} from "./assessmentLayout";
import { HIGHLIGHT } from "./assessmentStyles";
import { brokenForWidth, sheetPrint } from "./printSetup";
import { SheetBuilder } from "./SheetBuilder";
import type { DefinedNamePlan, SheetPlan, ValidationPlan } from "./SheetPlan";

export const TIE_BREAK_WORDS: Readonly<Record<TieBreakKey, string>> = {
  total: "总分",
  panel: "评委评分",
  satisfaction: "群众满意度",
};
export const TIE_BREAK_SEPARATOR = " > ";

const VALUE_COL = 2;
const HINT_COL = 3;

const PARAMETER_HINTS: Readonly<Record<ParameterKey, string>> = {
  rubricId: "生成时选定的评分细则",
  judges: "每位评委一张评分表",
  minJudges: "某一评分项评分的评委少于此数时，该项不计分",
  dropExtremesFrom: "评分的评委达到此数时，去掉一个最高分和一个最低分",
  scoreStep: "评委评分的最小单位",
  weightPanel: "总分中评委评分所占的比重",
  weightSatisfaction: "总分中群众满意度所占的比重",
  passLine: "总分达到此线方可建议授牌；也是动态管理的合格线",
  failGrade: "总分低于各等次最低分时的等次；一票否决时也为此等次",
  asOf: "公式 TODAY() 表示当天；也可填写固定日期",
  tieBreak: "总分相同时依次比较；仍相同者并列，下一名次空缺",
  cycleMonths: "动态管理：两次考评之间相隔的月数",
  windowDays: "动态管理：到期前多少天起显示“待考评”",
  candidateRatio:
    "差额推荐：名额属于上一级时填写（如 1.2 即 1:1.2），名次在 名额×比例（向上取整）以内且达线者为差额候选；留空表示不差额",
};

/**
 * A weight's hint. With rater groups (三评议) the built-in weights are RULES §4.1's default, not a rule of the
 * notices, and the sheet says so (issue #11 §1).
 */
function weightHint(component: RubricComponent, rubric: Rubric, plain: string): string {
  if (raterGroups(rubric).length === 0) return plain;
  const preset = builtinRubric(rubric.id)?.components.find((c) => c.id === component.id)?.weight;
  const share = `总分中${component.label}所占的比重`;
  return preset === undefined
    ? share
    : `${share}；${Math.round(preset * 100)}% 是预设的默认值，不是规定，可按本地要求修改（各部分之和须为 100%）`;
}

/** The parameter's hint; a minimum of judges below the rules' says that it was set so on purpose (RULES §4.5). */
function hintOf(key: ParameterKey, rubric: Rubric): string {
  if (key === "minJudges" && rubric.minJudges < RUBRIC_DEFAULTS.minJudges)
    return `${PARAMETER_HINTS.minJudges}；低于规则默认的 ${RUBRIC_DEFAULTS.minJudges} 人，系明确设定`;
  if (key === "weightPanel")
    return weightHint(componentOf(rubric, PANEL_COMPONENT), rubric, PARAMETER_HINTS[key]);
  if (key === "weightSatisfaction")
    return weightHint(componentOf(rubric, SATISFACTION_COMPONENT), rubric, PARAMETER_HINTS[key]);
  return PARAMETER_HINTS[key];
}

/** A parameter's label; a weight is named after its component (领导点评权重 for 三评议's panel). */
function labelOf(key: ParameterKey, rubric: Rubric): string {
  if (key === "weightPanel") return `${componentOf(rubric, PANEL_COMPONENT).label}权重`;
  if (key === "weightSatisfaction")
    return `${componentOf(rubric, SATISFACTION_COMPONENT).label}权重`;
  return PARAMETER_LABELS[key];
}

/** Further apart than binary noise (0.4 + 0.3 + 0.3), closer than any weight a person types. */
const WEIGHT_SUM_TOLERANCE = 1e-6;

/**
 * The weights' check (RULES §4.1: they sum to 1): "" when they do, else the warning the sheet shows. The rule
 * is this formula only: report reads its value (evaluatePlan) to say the same.
 */
export function weightCheckFormula(rubric: Rubric): FormulaNode {
  const weights = [
    name(PARAMETER_NAMES.weightPanel as string),
    ...raterGroups(rubric).map((group) => name(raterWeightName(group.id))),
    name(PARAMETER_NAMES.weightSatisfaction as string),
  ];
  const sum = call("SUM", ...weights);
  return call(
    "IF",
    op(call("ABS", op(sum, "-", num(1))), ">", num(WEIGHT_SUM_TOLERANCE)),
    op(
      op(text(`${WEIGHT_WARNING}，现为 `), "&", call("ROUND", op(sum, "*", num(100)), num(2))),
      "&",
      text("%")
    ),
    text("")
  );
}

/** The start of the weights' warning on 评分标准. */
export const WEIGHT_WARNING = "⚠ 各部分权重之和应为 100%";

function absoluteRef(row: number, col: number): FormulaNode {
  return ref(row, col, { sheet: RUBRIC_SHEET, absolute: true });
}

function wholeOrDecimal(
  type: "whole" | "decimal",
  row: number,
  min: FormulaNode,
  max: FormulaNode,
  text: string
): ValidationPlan {
  return {
    range: { top: row, left: VALUE_COL, bottom: row, right: VALUE_COL },
    rule: { type, min, max },
    allowBlank: false,
    prompt: { title: "评分标准", text },
    error: { title: "数值无效", text },
  };
}

const RATER_WEIGHT_COL = 3;
const RATER_HEADERS = ["编号", "评议组", "权重", "评议人数", "说明"] as const;

/** 三评议's rater groups (RULES §4.1): code, label, weight (editable, named), number of raters (one column each). */
function writeRaterGroups(
  sheet: SheetBuilder,
  rubric: Rubric,
  at: AssessmentLayout["rubricSheet"],
  names: DefinedNamePlan[]
): void {
  const groups = raterGroups(rubric);
  if (groups.length === 0) return;
  RATER_HEADERS.forEach((label, i) => sheet.text(at.raterGroupsHeaderRow, 1 + i, label, "header"));
  groups.forEach((group, g) => {
    const row = at.raterGroupsHeaderRow + 1 + g;
    sheet.text(row, 1, group.id, "text");
    sheet.text(row, 2, group.label, "text");
    sheet.number(row, RATER_WEIGHT_COL, group.weight, "inputPercent");
    sheet.number(row, 4, group.raters, "number");
    sheet.text(
      row,
      5,
      `${weightHint(group, rubric, "")}；每人给出一个 0～100 的分数，至少 ${rubric.minJudges} 人评分方计分，达 ${rubric.dropExtremesFrom} 人时去掉一个最高分和一个最低分（与评委评分同一规则）`,
      "note"
    );
    names.push({
      name: raterWeightName(group.id),
      refersTo: absoluteRef(row, RATER_WEIGHT_COL),
      comment: `${group.label}权重`,
    });
  });
  sheet.validate({
    range: {
      top: at.raterGroupsHeaderRow + 1,
      left: RATER_WEIGHT_COL,
      bottom: at.raterGroupsHeaderRow + groups.length,
      right: RATER_WEIGHT_COL,
    },
    rule: { type: "decimal", min: num(0), max: num(1) },
    allowBlank: false,
    prompt: { title: "评分标准", text: "0～1 之间（如 30%）" },
    error: { title: "数值无效", text: "0～1 之间（如 30%）" },
  });
}

/** 评分标准's column widths: the parameters' hints in C need 40, every other column 30 (the descriptors' too). */
function rubricColumnWidth(col: number): number {
  return col === HINT_COL ? 40 : 30;
}

/** The built-in rubric's own descriptor for a criterion (by id) and sector, if the rubric is a built-in one. */
function builtinDescriptor(
  rubricId: string,
  criterionId: string,
  sector: SectorCode
): string | undefined {
  return builtinRubric(rubricId)?.criteria.find((c) => c.id === criterionId)?.descriptors[sector];
}

/**
 * What 评分标准's descriptor cell in column `col` holds: a built-in descriptor broken into lines by hand, so no
 * printed line starts with "，" (LibreOffice wraps Chinese anywhere and applies no line-start rules in cells);
 * any other text as it is, since the reader could not tell breaks put there from breaks a person typed.
 */
export function descriptorCellText(
  rubricId: string,
  criterionId: string,
  sector: SectorCode,
  text: string,
  col: number
): string {
  return text === builtinDescriptor(rubricId, criterionId, sector)
    ? brokenForWidth(text, rubricColumnWidth(col))
    : text;
}

/**
 * The descriptor a cell of 评分标准's column `col` means: the built-in descriptor when the cell holds, character for
 * character, what descriptorCellText writes for it there; any other text (one a person typed or changed) as it is.
 * @example descriptorRead("baiqianwan", "C1", "village", descriptorCellText("baiqianwan", "C1", "village", goal, 2), 2) // goal
 */
export function descriptorRead(
  rubricId: string,
  criterionId: string,
  sector: SectorCode,
  cellText: string,
  col: number
): string {
  const builtin = builtinDescriptor(rubricId, criterionId, sector);
  return builtin !== undefined &&
    cellText !== builtin &&
    cellText === descriptorCellText(rubricId, criterionId, sector, builtin, col)
    ? builtin
    : cellText;
}

export interface RubricSheetResult {
  readonly sheet: SheetPlan;
  readonly names: DefinedNamePlan[];
}

export function compileRubricSheet(
  rubric: Rubric,
  asOf: IsoDate | "today",
  layout: AssessmentLayout,
  password: string | undefined
): RubricSheetResult {
  const sheet = new SheetBuilder(RUBRIC_SHEET);
  const names: DefinedNamePlan[] = [];
  const at = layout.rubricSheet;
  const nameCell = (definedName: string, row: number, col: number, comment: string): void => {
    names.push({ name: definedName, refersTo: absoluteRef(row, col), comment });
  };

  // One column past the last descriptor as well, as the sheet has always been written. Set first: the rows fitted
  // to wrapped text below are estimated at their columns' widths as set so far (the sector-quota note's row was
  // 225 pt, 14 lines at the default width, for the 4 lines it takes at its width of 30).
  for (let col = 1; col <= Math.max(3, 2 + rubric.criteria.length); col++)
    sheet.column(col, rubricColumnWidth(col));

  sheet.text(1, 1, rubric.title, "title");
  sheet.text(2, 1, "黄色单元格可以修改，各表随之重新计算。", "note");

  const values: Readonly<Record<ParameterKey, () => void>> = {
    rubricId: () =>
      sheet.text(at.parameterRow.rubricId, VALUE_COL, rubricName(rubric.id, "zh"), "text"),
    judges: () => sheet.number(at.parameterRow.judges, VALUE_COL, rubric.judges, "number"),
    minJudges: () => sheet.number(at.parameterRow.minJudges, VALUE_COL, rubric.minJudges, "input"),
    dropExtremesFrom: () =>
      sheet.number(at.parameterRow.dropExtremesFrom, VALUE_COL, rubric.dropExtremesFrom, "input"),
    scoreStep: () => sheet.number(at.parameterRow.scoreStep, VALUE_COL, rubric.scoreStep, "number"),
    weightPanel: () =>
      sheet.number(
        at.parameterRow.weightPanel,
        VALUE_COL,
        componentOf(rubric, PANEL_COMPONENT).weight,
        "inputPercent"
      ),
    weightSatisfaction: () =>
      sheet.number(
        at.parameterRow.weightSatisfaction,
        VALUE_COL,
        componentOf(rubric, SATISFACTION_COMPONENT).weight,
        "inputPercent"
      ),
    passLine: () => sheet.number(at.parameterRow.passLine, VALUE_COL, rubric.passLine, "input"),
    failGrade: () =>
      sheet.text(at.parameterRow.failGrade, VALUE_COL, rubric.failGrade, "inputText"),
    asOf: () =>
      asOf === "today"
        ? sheet.formula(at.parameterRow.asOf, VALUE_COL, call("TODAY"), "inputDate")
        : sheet.put(
            at.parameterRow.asOf,
            VALUE_COL,
            { kind: "date", serial: isoDateToSerial(asOf) },
            "inputDate"
          ),
    tieBreak: () =>
      sheet.text(
        at.parameterRow.tieBreak,
        VALUE_COL,
        rubric.tieBreak.map((key) => TIE_BREAK_WORDS[key]).join(TIE_BREAK_SEPARATOR),
        "text"
      ),
    cycleMonths: () =>
      sheet.number(at.parameterRow.cycleMonths, VALUE_COL, rubric.dynamic.cycleMonths, "input"),
    windowDays: () =>
      sheet.number(at.parameterRow.windowDays, VALUE_COL, rubric.dynamic.windowDays, "input"),
    candidateRatio: () =>
      sheet.number(
        at.parameterRow.candidateRatio,
        VALUE_COL,
        rubric.quotas.candidateRatio ?? null,
        "input"
      ),
  };
  for (const key of PARAMETER_KEYS) {
    const row = at.parameterRow[key];
    sheet.text(row, 1, labelOf(key, rubric), "header");
    values[key]();
    sheet.text(row, HINT_COL, hintOf(key, rubric), "note");
    const definedName = PARAMETER_NAMES[key];
    if (definedName) nameCell(definedName, row, VALUE_COL, PARAMETER_LABELS[key]);
  }
  writeRaterGroups(sheet, rubric, at, names);
  const weightCells = [
    {
      top: at.parameterRow.weightPanel,
      left: VALUE_COL,
      bottom: at.parameterRow.weightSatisfaction,
      right: VALUE_COL,
    },
    ...(raterGroups(rubric).length === 0
      ? []
      : [
          {
            top: at.raterGroupsHeaderRow + 1,
            left: RATER_WEIGHT_COL,
            bottom: at.raterGroupsHeaderRow + raterGroups(rubric).length,
            right: RATER_WEIGHT_COL,
          },
        ]),
  ];
  sheet.formula(at.weightCheck.row, at.weightCheck.col, weightCheckFormula(rubric), "warning");
  const check = ref(at.weightCheck.row, at.weightCheck.col, { absolute: true });
  for (const weightRange of weightCells)
    sheet.highlight({
      range: weightRange,
      when: op(check, "<>", text("")),
      style: HIGHLIGHT.error,
    });
  const p = at.parameterRow;
  sheet.validate(
    wholeOrDecimal("whole", p.minJudges, num(1), num(rubric.judges), `1～${rubric.judges} 的整数`)
  );
  // The same limits the rubric parser and readAssessment hold the parameters to (issue #12 §5).
  const limit = PARAMETER_LIMITS;
  sheet.validate(
    wholeOrDecimal(
      "whole",
      p.dropExtremesFrom,
      num(limit.dropExtremesFrom.min),
      num(limit.dropExtremesFrom.max),
      `${limit.dropExtremesFrom.min}～${limit.dropExtremesFrom.max} 的整数`
    )
  );
  sheet.validate(wholeOrDecimal("decimal", p.weightPanel, num(0), num(1), "0～1 之间（如 80%）"));
  sheet.validate(
    wholeOrDecimal("decimal", p.weightSatisfaction, num(0), num(1), "0～1 之间（如 20%）")
  );
  sheet.validate(
    wholeOrDecimal(
      "decimal",
      p.passLine,
      num(limit.passLine.min),
      num(limit.passLine.max),
      `${limit.passLine.min}～${limit.passLine.max} 之间的分数`
    )
  );
  sheet.validate(wholeOrDecimal("whole", p.cycleMonths, num(1), num(120), "1～120 个月"));
  sheet.validate(wholeOrDecimal("whole", p.windowDays, num(0), num(3650), "0～3650 天"));
  sheet.validate({
    ...wholeOrDecimal(
      "decimal",
      p.candidateRatio,
      num(1),
      num(MAX_CANDIDATE_RATIO),
      `1～${MAX_CANDIDATE_RATIO} 之间（如 1.2），留空表示不差额`
    ),
    allowBlank: true,
  });

  // Criteria: id, label, max points (editable).
  RUBRIC_BLOCK_HEADERS.criteria.forEach((label, i) =>
    sheet.text(at.criteriaHeaderRow, 1 + i, label, "header")
  );
  rubric.criteria.forEach((criterion, c) => {
    const row = at.criteriaHeaderRow + 1 + c;
    sheet.text(row, 1, criterion.id, "text");
    sheet.text(row, 2, criterion.label, "text");
    sheet.number(row, 3, criterion.max, "input");
    nameCell(maxName(criterion.id), row, 3, `${criterion.label} 满分`);
  });
  if (rubric.criteria.length > 0) {
    const first = at.criteriaHeaderRow + 1;
    sheet.validate({
      range: { top: first, left: 3, bottom: first + rubric.criteria.length - 1, right: 3 },
      rule: {
        type: "decimal",
        min: num(PARAMETER_LIMITS.criterionMax.min),
        max: num(PARAMETER_LIMITS.criterionMax.max),
      },
      allowBlank: false,
      error: {
        title: "满分无效",
        text: `满分应为 ${PARAMETER_LIMITS.criterionMax.min}～${PARAMETER_LIMITS.criterionMax.max} 之间的数`,
      },
    });
  }

  // Grade bands, highest first: grade word and lowest total.
  RUBRIC_BLOCK_HEADERS.grades.forEach((label, i) =>
    sheet.text(at.gradesHeaderRow, 1 + i, label, "header")
  );
  rubric.gradeBands.forEach((band, b) => {
    const row = at.gradesHeaderRow + 1 + b;
    sheet.text(row, 1, band.grade, "inputText");
    sheet.number(row, 2, band.min, "input");
  });
  if (rubric.gradeBands.length > 0) {
    const firstBand = at.gradesHeaderRow + 1;
    const lastBand = at.gradesHeaderRow + rubric.gradeBands.length;
    const bandColumn = (col: number): FormulaNode =>
      range(address(firstBand, col, true), address(lastBand, col, true), RUBRIC_SHEET);
    names.push({ name: GRADE_WORDS_NAME, refersTo: bandColumn(1), comment: "等次" });
    names.push({ name: GRADE_MINS_NAME, refersTo: bandColumn(2), comment: "等次最低分" });
  }

  // Quotas per tier; a blank quota means no limit.
  RUBRIC_BLOCK_HEADERS.quotas.forEach((label, i) =>
    sheet.text(at.quotasHeaderRow, 1 + i, label, "header")
  );
  TIER_CODES.forEach((tier, t) => {
    const row = at.quotasHeaderRow + 1 + t;
    sheet.text(row, 1, TIER_NAMES[tier], "text");
    sheet.number(row, 2, rubric.quotas.byTier[tier] ?? null, "input");
    sheet.text(
      row,
      3,
      `填写下达的名额，留空表示不限（百千万工程全省总量为 ${PROVINCE_TOTALS[tier]} 个）`,
      "note"
    );
    nameCell(quotaName(tier), row, 2, `${TIER_NAMES[tier]}名额`);
  });
  const firstQuotaRow = at.quotasHeaderRow + 1;
  const lastQuotaRow = at.quotasHeaderRow + TIER_CODES.length;
  const quotaColumn = (col: number): FormulaNode =>
    range(address(firstQuotaRow, col, true), address(lastQuotaRow, col, true), RUBRIC_SHEET);
  names.push({ name: QUOTA_TIERS_NAME, refersTo: quotaColumn(1), comment: "级别" });
  names.push({ name: QUOTA_VALUES_NAME, refersTo: quotaColumn(2), comment: "名额" });
  sheet.validate({
    range: {
      top: at.quotasHeaderRow + 1,
      left: 2,
      bottom: at.quotasHeaderRow + TIER_CODES.length,
      right: 2,
    },
    rule: { type: "whole", min: num(0), max: num(1_000_000) },
    allowBlank: true,
    prompt: { title: "名额", text: "留空表示不限名额" },
    error: { title: "名额无效", text: "名额应为非负整数" },
  });

  // Quotas per sector within a tier (RULES §4.2); a blank cell: the sector has no quota of its own there.
  sheet.text(at.sectorQuotasHeaderRow, 1, RUBRIC_BLOCK_HEADERS.sectorQuotas[0], "header");
  TIER_CODES.forEach((tier, t) =>
    sheet.text(at.sectorQuotasHeaderRow, 2 + t, TIER_NAMES[tier], "header")
  );
  // Wrapped in its column: a note overflowing to the right would widen the printed page (LibreOffice prints it).
  const sectorQuotaNote =
    "填写某类别在该级别内的名额（如农村 20、机关 4），留空表示该类别不单列名额；须同时在级别名额之内";
  sheet.text(at.sectorQuotasHeaderRow, 2 + TIER_CODES.length, sectorQuotaNote, "wrapText");
  sheet.fitRowToText(at.sectorQuotasHeaderRow, [
    { col: 2 + TIER_CODES.length, text: sectorQuotaNote },
  ]);
  SECTOR_CODES.forEach((sector, s) => {
    const row = at.sectorQuotasHeaderRow + 1 + s;
    sheet.text(row, 1, SECTOR_NAMES[sector], "text");
    TIER_CODES.forEach((tier, t) =>
      sheet.number(row, 2 + t, rubric.quotas.bySectorTier?.[tier]?.[sector] ?? null, "input")
    );
  });
  const firstSectorRow = at.sectorQuotasHeaderRow + 1;
  const lastSectorRow = at.sectorQuotasHeaderRow + SECTOR_CODES.length;
  const lastTierCol = 1 + TIER_CODES.length;
  names.push({
    name: SECTOR_QUOTAS_NAME,
    refersTo: range(
      address(firstSectorRow, 2, true),
      address(lastSectorRow, lastTierCol, true),
      RUBRIC_SHEET
    ),
    comment: "类别名额",
  });
  names.push({
    name: SECTOR_QUOTA_SECTORS_NAME,
    refersTo: range(
      address(firstSectorRow, 1, true),
      address(lastSectorRow, 1, true),
      RUBRIC_SHEET
    ),
    comment: "类别名额的类别",
  });
  names.push({
    name: SECTOR_QUOTA_TIERS_NAME,
    refersTo: range(
      address(at.sectorQuotasHeaderRow, 2, true),
      address(at.sectorQuotasHeaderRow, lastTierCol, true),
      RUBRIC_SHEET
    ),
    comment: "类别名额的级别",
  });
  sheet.validate({
    range: { top: firstSectorRow, left: 2, bottom: lastSectorRow, right: lastTierCol },
    rule: { type: "whole", min: num(0), max: num(1_000_000) },
    allowBlank: true,
    prompt: { title: "类别名额", text: "留空表示该类别不单列名额" },
    error: { title: "名额无效", text: "名额应为非负整数" },
  });

  // What judges read for each sector and criterion.
  sheet.text(at.descriptorsHeaderRow, 1, RUBRIC_BLOCK_HEADERS.descriptors[0], "header");
  rubric.criteria.forEach((criterion, c) =>
    sheet.text(at.descriptorsHeaderRow, 2 + c, `${criterion.id} ${criterion.label}`, "header")
  );
  const descriptorText = (
    criterion: Rubric["criteria"][number],
    sector: SectorCode,
    col: number
  ) => {
    const descriptor = criterion.descriptors[sector];
    return descriptor === undefined
      ? null
      : descriptorCellText(rubric.id, criterion.id, sector, descriptor, col);
  };
  SECTOR_CODES.forEach((sector, s) => {
    const row = at.descriptorsHeaderRow + 1 + s;
    sheet.text(row, 1, SECTOR_NAMES[sector], "wrapText");
    rubric.criteria.forEach((criterion, c) =>
      sheet.text(row, 2 + c, descriptorText(criterion, sector, 2 + c), "wrapText")
    );
  });
  names.push({
    name: SECTORS_NAME,
    refersTo: range(
      address(at.descriptorsHeaderRow + 1, 1, true),
      address(at.descriptorsHeaderRow + SECTOR_CODES.length, 1, true),
      RUBRIC_SHEET
    ),
    comment: "类别",
  });

  // Descriptors wrap in their columns, so the sheet prints one page wide with every word showing.
  SECTOR_CODES.forEach((sector, s) =>
    sheet.fitRowToText(
      at.descriptorsHeaderRow + 1 + s,
      rubric.criteria.map((criterion, c) => ({
        col: 2 + c,
        text: descriptorText(criterion, sector, 2 + c) ?? "",
      }))
    )
  );
  sheet.set(
    "print",
    sheetPrint({
      orientation: "landscape",
      width: sheet.printedWidth(1, Math.max(3, 1 + rubric.criteria.length)),
    })
  );
  sheet.protect(password);
  sheet.set("tabColor", "4472C4");
  return { sheet: sheet.build(), names };
}
