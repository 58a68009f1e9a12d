/**
 * The dynamic-management sheets (RULES §5) as a plan: 动态管理 (one row per awarded site, the status as ONE
 * native formula: the rule's only statement), 待办清单 (the rows an official must act on, pulled with
 * INDEX/MATCH so it recomputes with the as-of date) and 动态管理汇总 (COUNTIFS by tier and sector).
 */
import { DYNAMIC_STATUS, VETO_WORDS } from "../core/words";
import { isoDateToSerial, type IsoDate } from "../core/IsoDate";
import type { CellRange } from "../core/Grid";
import { SECTOR_CODES, SECTOR_NAMES, TIER_CODES, TIER_NAMES } from "../core/domain";
import type { FormulaNode } from "../formula/ast";
import { CELL_STYLES, type StyleId } from "./cellStyles";
import { call, name, num, op, range, ref, text } from "../formula/build";
import type {
  CellContent,
  CellPlan,
  CellStyle,
  ConditionalFormatPlan,
  DefinedNamePlan,
  SheetPlan,
  ValidationPlan,
} from "./SheetPlan";
import {
  ACTION_COLUMNS,
  ACTION_HEADER_ROW,
  ACTION_REASONS,
  ACTION_SHEET,
  ACTION_STATUSES,
  DYNAMIC_COLUMNS,
  DYNAMIC_HEADER_ROW,
  DYNAMIC_HEADERS,
  DYNAMIC_PARAMETER_NAMES,
  DYNAMIC_SHEET,
  DYNAMIC_SUMMARY_SHEET,
  FIRST_ACTION_ROW,
  FIRST_SITE_ROW,
  PARAMETER_CELLS,
  PARAMETER_ROW,
  STATUS_ORDER,
  SUMMARY_TIER_HEADER_ROW,
  lastRangeRow,
  siteRow,
  type DynamicParameterKey,
  type DynamicParams,
} from "../dynamic/dynamicLayout";
import type { DynamicSite } from "../dynamic/dynamicSites";
import type { DynamicStatus } from "../core/words";

/** Columns of the assessment sheet this cycle's result is read from. */
export interface AssessmentLink {
  readonly sheet: string;
  readonly totalCol: number;
  readonly vetoCol: number;
}

export interface DynamicCompileOptions {
  /** 'own' only: the values of row 2's parameter cells. */
  readonly params?: DynamicParams;
  /**
   * 'host': the assessment's 评分标准 already defines SF_AsOf, SF_CycleMonths, SF_WindowDays and SF_PassLine
   * and 动态管理 row 2 only shows them; 'own': row 2 holds the editable parameter cells and this plan
   * defines the names (a register assessed without a rubric sheet).
   */
  readonly parameterCells: "host" | "own";
  /** 'own' only: the as-of cell is =TODAY() instead of a fixed date. */
  readonly asOfToday?: boolean;
  readonly assessment?: AssessmentLink;
}

export interface DynamicPlan {
  readonly sheets: readonly SheetPlan[];
  readonly names: readonly DefinedNamePlan[];
  readonly styles: Readonly<Partial<Record<StyleId, CellStyle>>>;
}

/** Status fills a person reads at a glance: red, orange, yellow, green. */
export const STATUS_COLOURS: Readonly<Record<DynamicStatus, { fill: string; fontColor: string }>> =
  {
    淘汰: { fill: "FFC7CE", fontColor: "9C0006" },
    逾期: { fill: "FFD8A8", fontColor: "8A4500" },
    待考评: { fill: "FFEB9C", fontColor: "7A5C00" },
    保留: { fill: "C6EFCE", fontColor: "006100" },
    正常: { fill: "E2F0D9", fontColor: "375623" },
  };

const C = DYNAMIC_COLUMNS;
const NO_VALUE = text("");

/**
 * Compiles the three dynamic-management sheets for `sites` (awarded sites only; candidates have no status).
 *
 * @example
 * const plan = compileDynamicManagement([site], { params, parameterCells: 'own' });
 * plan.sheets.map((s) => s.name) // ['动态管理', '待办清单', '动态管理汇总']
 */
export function compileDynamicManagement(
  sites: readonly DynamicSite[],
  options: DynamicCompileOptions
): DynamicPlan {
  return {
    sheets: [dynamicSheet(sites, options), actionSheet(sites), summarySheet(sites)],
    names: options.parameterCells === "own" ? ownParameterNames() : [],
    styles: CELL_STYLES,
  };
}

/** The cells for the assessment sheet's reserved status column: each awarded nominee's 状态, read from 动态管理. */
export function assessmentStatusCells(
  sites: readonly DynamicSite[],
  statusCol: number
): CellPlan[] {
  const cells: CellPlan[] = [];
  sites.forEach((site, i) => {
    if (site.assessmentRow === undefined) return;
    cells.push({
      row: site.assessmentRow,
      col: statusCol,
      content: formula(ref(siteRow(i), C.status, { sheet: DYNAMIC_SHEET })),
      style: "status",
    });
  });
  return cells;
}

/** One conditional format per status over `target` (a single column), red for 淘汰 to green for 正常; priorities from `firstPriority`. */
export function statusConditionalFormats(
  target: CellRange,
  firstPriority = 1
): ConditionalFormatPlan[] {
  return STATUS_ORDER.map((status, i) => ({
    range: target,
    when: op(ref(target.top, target.left), "=", text(status)),
    style: { ...STATUS_COLOURS[status], bold: status === DYNAMIC_STATUS.eliminated },
    priority: firstPriority + i,
  }));
}

/** A formula without its value: the use case caches what evaluatePlan gives it. */
function formula(node: FormulaNode): CellContent {
  return { kind: "formula", formula: node, cached: null };
}

function dateContent(date: IsoDate | null): CellContent {
  return date === null ? { kind: "blank" } : { kind: "date", serial: isoDateToSerial(date) };
}

function vetoText(veto: boolean | null): string {
  return veto === true ? VETO_WORDS.vetoed : VETO_WORDS.notVetoed;
}

function parameterValue(key: DynamicParameterKey): FormulaNode {
  return name(DYNAMIC_PARAMETER_NAMES[key]);
}

function ownParameterNames(): DefinedNamePlan[] {
  return (Object.keys(PARAMETER_CELLS) as DynamicParameterKey[]).map((key) => ({
    name: DYNAMIC_PARAMETER_NAMES[key],
    refersTo: ref(PARAMETER_ROW, PARAMETER_CELLS[key].valueCol, {
      sheet: DYNAMIC_SHEET,
      absolute: true,
    }),
    comment: `动态管理参数：${PARAMETER_CELLS[key].label}`,
  }));
}

function parameterRowCells(options: DynamicCompileOptions): CellPlan[] {
  const { params } = options;
  if (options.parameterCells === "own" && params === undefined)
    throw new Error("a register with its own parameter cells needs their values");
  const entered: Record<DynamicParameterKey, number> = {
    asOf: params === undefined ? 0 : isoDateToSerial(params.asOf),
    cycleMonths: params?.cycleMonths ?? 0,
    windowDays: params?.windowDays ?? 0,
    passLine: params?.passLine ?? 0,
  };
  const cells: CellPlan[] = [];
  for (const key of Object.keys(PARAMETER_CELLS) as DynamicParameterKey[]) {
    const at = PARAMETER_CELLS[key];
    cells.push({
      row: PARAMETER_ROW,
      col: at.labelCol,
      content: { kind: "text", text: at.label },
      style: "label",
    });
    const isDate = key === "asOf";
    let content: CellContent;
    if (options.parameterCells === "host") content = formula(parameterValue(key));
    else if (isDate && options.asOfToday === true) content = formula(call("TODAY"));
    else
      content = isDate
        ? { kind: "date", serial: entered[key] }
        : { kind: "number", value: entered[key] };
    const style =
      options.parameterCells === "own"
        ? isDate
          ? "parameterInputDate"
          : "parameterInput"
        : isDate
          ? "dateCentered"
          : "text";
    cells.push({
      row: PARAMETER_ROW,
      col: at.valueCol,
      content,
      style,
      ...(options.parameterCells === "host" ? { note: "在“评分标准”工作表中修改" } : {}),
    });
  }
  return cells;
}

/** The status formula, first match wins (RULES §5): 淘汰, 保留, 逾期, 待考评, 正常. */
export function statusFormula(row: number): FormulaNode {
  const cell = (col: number): FormulaNode => ref(row, col);
  const passLine = parameterValue("passLine");
  const asOf = parameterValue("asOf");
  const nextDue = cell(C.nextDue);
  const calendar = call(
    "IF",
    op(asOf, ">", nextDue),
    text(DYNAMIC_STATUS.overdue),
    call(
      "IF",
      op(asOf, ">=", op(nextDue, "-", parameterValue("windowDays"))),
      text(DYNAMIC_STATUS.dueSoon),
      text(DYNAMIC_STATUS.normal)
    )
  );
  const lastReviewFails = call(
    "AND",
    call("ISNUMBER", cell(C.lastReviewScore)),
    call(
      "OR",
      op(cell(C.lastReviewScore), "<", passLine),
      op(cell(C.lastReviewVeto), "=", text(VETO_WORDS.vetoed))
    )
  );
  const cycleJudged = call(
    "IF",
    call(
      "OR",
      op(cell(C.cycleVeto), "=", text(VETO_WORDS.vetoed)),
      op(cell(C.cycleTotal), "<", passLine)
    ),
    text(DYNAMIC_STATUS.eliminated),
    text(DYNAMIC_STATUS.kept)
  );
  return call(
    "IF",
    call("ISNUMBER", nextDue),
    call(
      "IF",
      call("ISNUMBER", cell(C.cycleTotal)),
      cycleJudged,
      call("IF", lastReviewFails, text(DYNAMIC_STATUS.eliminated), calendar)
    ),
    NO_VALUE
  );
}

/** Why the row needs action, in words; blank for 保留 and 正常. */
function reasonFormula(row: number): FormulaNode {
  const cell = (col: number): FormulaNode => ref(row, col);
  const isVeto = (col: number): FormulaNode => op(cell(col), "=", text(VETO_WORDS.vetoed));
  const eliminated = call(
    "IF",
    call("ISNUMBER", cell(C.cycleTotal)),
    call(
      "IF",
      isVeto(C.cycleVeto),
      text(ACTION_REASONS.cycleVeto),
      text(ACTION_REASONS.cycleBelowLine)
    ),
    call(
      "IF",
      isVeto(C.lastReviewVeto),
      text(ACTION_REASONS.lastVeto),
      text(ACTION_REASONS.lastBelowLine)
    )
  );
  const status = cell(C.status);
  return call(
    "IF",
    op(status, "=", text(DYNAMIC_STATUS.eliminated)),
    eliminated,
    call(
      "IF",
      op(status, "=", text(DYNAMIC_STATUS.overdue)),
      text(ACTION_REASONS.overdue),
      call(
        "IF",
        op(status, "=", text(DYNAMIC_STATUS.dueSoon)),
        text(ACTION_REASONS.dueSoon),
        NO_VALUE
      )
    )
  );
}

/** 1 when the row's status needs action, else 0. */
function needsAction(row: number): FormulaNode {
  const status = ref(row, C.status);
  return call(
    "IF",
    call("OR", ...ACTION_STATUSES.map((s) => op(status, "=", text(s)))),
    num(1),
    num(0)
  );
}

function dynamicSheet(sites: readonly DynamicSite[], options: DynamicCompileOptions): SheetPlan {
  const cells: CellPlan[] = [
    { row: 1, col: 1, content: { kind: "text", text: "示范点动态管理台账" }, style: "title" },
    ...parameterRowCells(options),
  ];
  for (const [column, col] of Object.entries(C) as [keyof typeof C, number][]) {
    cells.push({
      row: DYNAMIC_HEADER_ROW,
      col,
      content: { kind: "text", text: DYNAMIC_HEADERS[column] },
      style: "header",
    });
  }
  sites.forEach((site, i) => {
    const row = siteRow(i);
    const put = (col: number, content: CellContent, style: StyleId): void => {
      cells.push({ row, col, content, style });
    };
    const textOrBlank = (value: string | null): CellContent =>
      value === null ? { kind: "blank" } : { kind: "text", text: value };
    put(C.id, { kind: "text", text: site.id }, "text");
    put(C.name, textOrBlank(site.name), "text");
    put(C.tier, textOrBlank(site.tier === null ? null : TIER_NAMES[site.tier]), "textCentered");
    put(C.sector, textOrBlank(site.sector === null ? null : SECTOR_NAMES[site.sector]), "text");
    put(C.awardedOn, dateContent(site.awardedOn), "entryDate");
    put(C.lastReviewOn, dateContent(site.lastReviewOn), "entryDate");
    put(
      C.lastReviewScore,
      site.lastReviewScore === null
        ? { kind: "blank" }
        : { kind: "number", value: site.lastReviewScore },
      "entryScore"
    );
    put(
      C.lastReviewVeto,
      site.lastReviewVeto === null
        ? { kind: "blank" }
        : { kind: "text", text: vetoText(site.lastReviewVeto) },
      "entryText"
    );
    const link = options.assessment;
    if (link !== undefined && site.assessmentRow !== undefined) {
      const total = ref(site.assessmentRow, link.totalCol, { sheet: link.sheet });
      const veto = ref(site.assessmentRow, link.vetoCol, { sheet: link.sheet });
      put(C.cycleTotal, formula(call("IF", call("ISNUMBER", total), total, NO_VALUE)), "score");
      put(
        C.cycleVeto,
        formula(
          call(
            "IF",
            op(veto, "=", text(VETO_WORDS.vetoed)),
            text(VETO_WORDS.vetoed),
            text(VETO_WORDS.notVetoed)
          )
        ),
        "textCentered"
      );
    } else {
      // A register without an assessment: this cycle's result is typed here.
      put(
        C.cycleTotal,
        site.cycleTotal === null ? { kind: "blank" } : { kind: "number", value: site.cycleTotal },
        "entryScore"
      );
      put(
        C.cycleVeto,
        site.cycleVeto === null
          ? { kind: "blank" }
          : { kind: "text", text: vetoText(site.cycleVeto) },
        "entryText"
      );
    }
    const here = (col: number): FormulaNode => ref(row, col);
    const reviewLater = call(
      "AND",
      call("ISNUMBER", here(C.lastReviewOn)),
      op(here(C.lastReviewOn), ">", here(C.awardedOn))
    );
    put(
      C.lastAssessed,
      formula(
        call(
          "IF",
          call("ISNUMBER", here(C.awardedOn)),
          call("IF", reviewLater, here(C.lastReviewOn), here(C.awardedOn)),
          NO_VALUE
        )
      ),
      "dateCentered"
    );
    put(
      C.nextDue,
      formula(
        call(
          "IF",
          call("ISNUMBER", here(C.lastAssessed)),
          call("EDATE", here(C.lastAssessed), parameterValue("cycleMonths")),
          NO_VALUE
        )
      ),
      "dateCentered"
    );
    put(
      C.daysToDue,
      formula(
        call(
          "IF",
          call("ISNUMBER", here(C.nextDue)),
          op(here(C.nextDue), "-", parameterValue("asOf")),
          NO_VALUE
        )
      ),
      "days"
    );
    put(C.status, formula(statusFormula(row)), "status");
    put(C.reason, formula(reasonFormula(row)), "text");
    // Each row adds to the one above: linear, where a COUNTIF over a growing range would be quadratic.
    const count =
      i === 0 ? needsAction(row) : op(ref(row - 1, C.actionCount), "+", needsAction(row));
    put(C.actionCount, formula(count), "count");
    put(C.sourceSheet, { kind: "text", text: site.source.sheet }, "text");
    put(C.sourceRow, { kind: "number", value: site.source.row }, "count");
  });
  const lastRow = lastRangeRow(sites.length);
  const inputRange = (col: number): CellRange => ({
    top: FIRST_SITE_ROW,
    left: col,
    bottom: lastRow,
    right: col,
  });
  return {
    name: DYNAMIC_SHEET,
    cells,
    columns: [
      { col: C.id, width: 10 },
      { col: C.name, width: 30 },
      { col: C.tier, width: 8 },
      { col: C.sector, width: 18 },
      ...[C.awardedOn, C.lastReviewOn, C.lastAssessed, C.nextDue].map((col) => ({
        col,
        width: 12,
      })),
      ...[
        C.lastReviewScore,
        C.lastReviewVeto,
        C.cycleTotal,
        C.cycleVeto,
        C.daysToDue,
        C.status,
      ].map((col) => ({ col, width: 10 })),
      { col: C.reason, width: 24 },
      ...[C.actionCount, C.sourceSheet, C.sourceRow].map((col) => ({ col, hidden: true })),
    ],
    merges: [],
    validations: inputValidations(inputRange, options.assessment === undefined),
    conditionalFormats: statusConditionalFormats(inputRange(C.status)),
    freeze: { rows: DYNAMIC_HEADER_ROW, columns: C.name },
    autoFilter: { top: DYNAMIC_HEADER_ROW, left: C.id, bottom: lastRow, right: C.reason },
    print: {
      orientation: "landscape",
      paper: "A4",
      repeatRows: { first: DYNAMIC_HEADER_ROW, last: DYNAMIC_HEADER_ROW },
      fitToWidth: true,
    },
  };
}

function inputValidations(
  column: (col: number) => CellRange,
  cycleIsTyped: boolean
): ValidationPlan[] {
  // Dates from 1949-10-01 to 2099-12-31: anything outside is a typing slip.
  const dateRule = {
    type: "date",
    min: call("DATE", num(1949), num(10), num(1)),
    max: call("DATE", num(2099), num(12), num(31)),
  } as const;
  const scoreRule = { type: "decimal", min: num(0), max: num(100) } as const;
  const vetoRule = { type: "list", choices: [VETO_WORDS.vetoed, VETO_WORDS.notVetoed] } as const;
  const dateError = { title: "日期有误", text: "请输入 1949-10-01 至 2099-12-31 之间的日期" };
  const scoreError = { title: "分数有误", text: "请输入 0～100 之间的分数" };
  const vetoError = { title: "一票否决", text: "请选择“是”或“否”" };
  const validations: ValidationPlan[] = [
    { range: column(C.awardedOn), rule: dateRule, allowBlank: true, error: dateError },
    { range: column(C.lastReviewOn), rule: dateRule, allowBlank: true, error: dateError },
    { range: column(C.lastReviewScore), rule: scoreRule, allowBlank: true, error: scoreError },
    { range: column(C.lastReviewVeto), rule: vetoRule, allowBlank: true, error: vetoError },
  ];
  if (cycleIsTyped) {
    validations.push(
      { range: column(C.cycleTotal), rule: scoreRule, allowBlank: true, error: scoreError },
      { range: column(C.cycleVeto), rule: vetoRule, allowBlank: true, error: vetoError }
    );
  }
  return validations;
}

function actionSheet(sites: readonly DynamicSite[]): SheetPlan {
  const A = ACTION_COLUMNS;
  const lastSite = lastRangeRow(sites.length);
  const column = (col: number): FormulaNode =>
    range(
      { row: FIRST_SITE_ROW, col, rowAbsolute: true, colAbsolute: true },
      { row: lastSite, col, rowAbsolute: true, colAbsolute: true },
      DYNAMIC_SHEET
    );
  const countCell = ref(lastSite, C.actionCount, { sheet: DYNAMIC_SHEET, absolute: true });

  const cells: CellPlan[] = [
    {
      row: 1,
      col: 1,
      content: { kind: "text", text: "动态管理待办清单（逾期、待考评、淘汰）" },
      style: "title",
    },
    { row: 2, col: 1, content: { kind: "text", text: "考核基准日" }, style: "label" },
    {
      row: 2,
      col: 2,
      content: formula(parameterValue("asOf")),
      style: "dateCentered",
    },
    { row: 2, col: 3, content: { kind: "text", text: "待办事项" }, style: "label" },
    { row: 2, col: 4, content: formula(call("N", countCell)), style: "count" },
  ];
  const headers: Record<keyof typeof A, string> = {
    serial: "序号",
    id: "编号",
    name: "名称",
    tier: "级别",
    sector: "领域",
    status: "状态",
    nextDue: "下次考评",
    daysToDue: "距到期天数",
    reason: "原因",
    match: "行",
  };
  for (const [key, col] of Object.entries(A) as [keyof typeof A, number][]) {
    cells.push({
      row: ACTION_HEADER_ROW,
      col,
      content: { kind: "text", text: headers[key] },
      style: "header",
    });
  }
  // As many lines as there are sites: every site could need action on some as-of date.
  const capacity = Math.max(sites.length, 1);
  for (let k = 1; k <= capacity; k++) {
    const row = FIRST_ACTION_ROW + k - 1;
    const matchCell = ref(row, A.match, { absolute: "col" });
    const pulled = (col: number, asText: boolean): FormulaNode => {
      const value = call("INDEX", column(col), matchCell);
      return call(
        "IF",
        call("ISNUMBER", matchCell),
        asText ? op(value, "&", text("")) : value,
        NO_VALUE
      );
    };
    const put = (col: number, node: FormulaNode, style: StyleId): void => {
      cells.push({ row, col, content: formula(node), style });
    };
    put(A.serial, call("IF", op(num(k), "<=", call("N", countCell)), num(k), NO_VALUE), "count");
    put(
      A.match,
      call(
        "IF",
        call("ISNUMBER", ref(row, A.serial)),
        call("MATCH", ref(row, A.serial), column(C.actionCount), num(0)),
        NO_VALUE
      ),
      "count"
    );
    put(A.id, pulled(C.id, true), "text");
    put(A.name, pulled(C.name, true), "text");
    put(A.tier, pulled(C.tier, true), "textCentered");
    put(A.sector, pulled(C.sector, true), "text");
    put(A.status, pulled(C.status, true), "status");
    put(A.nextDue, pulled(C.nextDue, false), "dateCentered");
    put(A.daysToDue, pulled(C.daysToDue, false), "days");
    put(A.reason, pulled(C.reason, true), "text");
  }
  const lastRow = FIRST_ACTION_ROW + capacity - 1;
  return {
    name: ACTION_SHEET,
    cells,
    columns: [
      { col: A.serial, width: 6 },
      { col: A.id, width: 10 },
      { col: A.name, width: 30 },
      { col: A.tier, width: 8 },
      { col: A.sector, width: 18 },
      { col: A.status, width: 9 },
      { col: A.nextDue, width: 12 },
      { col: A.daysToDue, width: 10 },
      { col: A.reason, width: 24 },
      { col: A.match, hidden: true },
    ],
    merges: [],
    validations: [],
    conditionalFormats: statusConditionalFormats({
      top: FIRST_ACTION_ROW,
      left: A.status,
      bottom: lastRow,
      right: A.status,
    }),
    freeze: { rows: ACTION_HEADER_ROW, columns: 0 },
    print: {
      orientation: "portrait",
      paper: "A4",
      repeatRows: { first: ACTION_HEADER_ROW, last: ACTION_HEADER_ROW },
      fitToWidth: true,
    },
  };
}

/** Where each block of 动态管理汇总 sits: a header row, one row per label, a 合计 row. */
export function summaryBlocks(): { tierHeaderRow: number; sectorHeaderRow: number } {
  const tierHeaderRow = SUMMARY_TIER_HEADER_ROW;
  return { tierHeaderRow, sectorHeaderRow: tierHeaderRow + TIER_CODES.length + 3 };
}

function summarySheet(sites: readonly DynamicSite[]): SheetPlan {
  const lastSite = lastRangeRow(sites.length);
  const column = (col: number): FormulaNode =>
    range(
      { row: FIRST_SITE_ROW, col, rowAbsolute: true, colAbsolute: true },
      { row: lastSite, col, rowAbsolute: true, colAbsolute: true },
      DYNAMIC_SHEET
    );
  const cells: CellPlan[] = [
    { row: 1, col: 1, content: { kind: "text", text: "动态管理状态统计" }, style: "title" },
    { row: 2, col: 1, content: { kind: "text", text: "考核基准日" }, style: "label" },
    {
      row: 2,
      col: 2,
      content: formula(parameterValue("asOf")),
      style: "dateCentered",
    },
  ];
  const { tierHeaderRow, sectorHeaderRow } = summaryBlocks();
  const block = (
    headerRow: number,
    title: string,
    col: number,
    labels: readonly string[]
  ): void => {
    const totalCol = STATUS_ORDER.length + 2;
    cells.push({
      row: headerRow,
      col: 1,
      content: { kind: "text", text: title },
      style: "header",
    });
    STATUS_ORDER.forEach((status, s) => {
      cells.push({
        row: headerRow,
        col: s + 2,
        content: { kind: "text", text: status },
        style: "header",
      });
    });
    cells.push({
      row: headerRow,
      col: totalCol,
      content: { kind: "text", text: "合计" },
      style: "header",
    });
    const sumRow = (row: number): void => {
      cells.push({
        row,
        col: totalCol,
        content: formula(call("SUM", range({ row, col: 2 }, { row, col: totalCol - 1 }))),
        style: "count",
      });
    };
    labels.forEach((label, l) => {
      const row = headerRow + 1 + l;
      cells.push({ row, col: 1, content: { kind: "text", text: label }, style: "text" });
      STATUS_ORDER.forEach((_status, s) => {
        const node = call(
          "COUNTIFS",
          column(col),
          ref(row, 1, { absolute: "col" }),
          column(C.status),
          ref(headerRow, s + 2, { absolute: "row" })
        );
        cells.push({ row, col: s + 2, content: formula(node), style: "count" });
      });
      sumRow(row);
    });
    // 合计 counts every status whatever the label, so a row without a tier or sector is not lost.
    const totalRow = headerRow + 1 + labels.length;
    cells.push({
      row: totalRow,
      col: 1,
      content: { kind: "text", text: "合计" },
      style: "header",
    });
    STATUS_ORDER.forEach((_status, s) => {
      const node = call("COUNTIF", column(C.status), ref(headerRow, s + 2, { absolute: "row" }));
      cells.push({ row: totalRow, col: s + 2, content: formula(node), style: "count" });
    });
    sumRow(totalRow);
  };
  block(
    tierHeaderRow,
    "级别",
    C.tier,
    TIER_CODES.map((t) => TIER_NAMES[t])
  );
  block(
    sectorHeaderRow,
    "领域",
    C.sector,
    SECTOR_CODES.map((s) => SECTOR_NAMES[s])
  );
  return {
    name: DYNAMIC_SUMMARY_SHEET,
    cells,
    columns: [
      { col: 1, width: 30 },
      ...STATUS_ORDER.map((_s, i) => ({ col: i + 2, width: 9 })),
      { col: STATUS_ORDER.length + 2, width: 9 },
    ],
    merges: [],
    validations: [],
    conditionalFormats: [],
    print: { orientation: "portrait", paper: "A4", fitToWidth: true },
  };
}
