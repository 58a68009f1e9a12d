/**
 * 评委分析 (issue #13 §6): how each judge scores, as a diagnostic that reads the scores and changes none — no formula
 * of any other sheet reads this one. For each judge: nominees scored in full, the mean and standard deviation of
 * their totals (the judge's own criterion scores summed, on the panel's scale), their mean deviation per criterion
 * from the panel's criterion score, and how often their score was the highest or the lowest one dropped; per tier,
 * the panel's agreement as Kendall's W. Decision 0021 states every rule; in short:
 * - a score counts here only where 考核表 counts it: a recused judge's cell (计入 "") and a blank are abstentions, and
 *   a nominee whose 评委评分 shows 待更正 (an entry no formula counts) is left out whole — its totals, deviations and
 *   drops — until it is corrected;
 * - a judge's total counts only when the judge scored every criterion of the nominee;
 * - dropped: on each criterion where 考核表 drops the highest and the lowest (at least SF_DropFrom scores present and
 *   the criterion score computed), the judges sharing the highest (lowest) score share the one drop equally;
 * - Kendall's W per tier over the nominees every judge scored in full, each judge's totals ranked with ties given
 *   their mean rank, with the tie correction: W = 12·S / (m²(n³ − n) − m·ΣT), T = Σ(t³ − t) per judge; shown when
 *   n ≥ 2 and the denominator is not 0.
 * Per-nominee helpers sit in a table below (visible: each judge's total; hidden: ranks and drops), in 考核表's order.
 */
import { TIER_CODES, TIER_NAMES, type TierCode } from "../core/domain";
import { TO_CORRECT } from "../core/words";
import { call, name, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  mainColumn,
  JUDGE_ANALYSIS_SHEET,
  MAIN_SHEET,
  PARAMETER_NAMES,
  judgeSheetName,
  type AssessmentLayout,
} from "./assessmentLayout";
import { brokenForWidth, sheetPrint, wrappedRowHeight } from "./printSetup";
import { SheetBuilder } from "./SheetBuilder";
import { IDENTITY_WIDTHS } from "./compileJudgeSheet";
import type { SheetPlan } from "./SheetPlan";

export const JUDGE_ANALYSIS_TITLE = "评委分析（诊断用：只读取评分，不改变任何分数）";
export const JUDGE_ANALYSIS_NOTES = [
  "本表仅供评审会参考，任何计分公式都不读取本表。合计分：评委对一个推荐对象各项评分之和（须各项都已评）；回避与空白不计；" +
    "推荐对象有待更正的评分时整行不计，更正后计入。",
  "平均偏差：评委各项评分减去评委组该项得分（考核表）的平均值，正数表示偏高。被去掉次数：该项去掉最高分和最低分时，" +
    "评委的分数为最高（最低）分的次数，几位评委并列时平分一次。",
  "肯德尔和谐系数 W：按级别，只用全部评委都完整评分的推荐对象，按各评委合计分排名（同分取平均名次，并作同分校正）；" +
    "1 为完全一致，0 为毫无一致；不足 2 个推荐对象时不计算。",
] as const;

// Headers broken between words where they wrap: left to wrap by itself, 该级别推荐对象 printed as 该级别推荐对 / 象.
export const JUDGE_HEADERS = [
  "评委",
  "完整评分数",
  "平均分",
  "标准差",
  "平均偏差\n（每项）",
  "作为最高分\n被去掉",
  "作为最低分\n被去掉",
] as const;
export const AGREEMENT_HEADERS = [
  "级别",
  "评委数",
  "参与计算的\n推荐对象",
  "该级别\n推荐对象",
  "肯德尔\n和谐系数 W",
] as const;

/** Where everything sits on 评委分析, from the judge count, the tiers present and the criteria. */
export interface JudgeAnalysisLayout {
  readonly judgeHeaderRow: number;
  /** Judge j (1-based) on judgeHeaderRow + j. */
  readonly agreementHeaderRow: number;
  /** Tier i of `tiers` on agreementHeaderRow + 1 + i. */
  readonly tiers: readonly TierCode[];
  readonly matrixHeaderRow: number;
  /** Nominee i (0-based, 考核表's order) on firstMatrixRow + i. */
  readonly firstMatrixRow: number;
  readonly columns: {
    readonly id: number;
    readonly name: number;
    readonly tier: number;
    /** Judge j's total at totals[j - 1]; then hidden helpers. */
    readonly totals: readonly number[];
    /** The tier's place on the agreement lines (1, 2 …) when every judge scored the nominee in full, else 0. */
    readonly complete: number;
    /** Judge j's ranking key at keys[j - 1]: place × tier span + total, "" unless complete. */
    readonly keys: readonly number[];
    readonly ties: readonly number[];
    readonly rankSum: number;
    readonly tieTerm: number;
    readonly spread: number;
    /** Per criterion: the highest and lowest score 考核表 drops ("" where it drops none). */
    readonly highest: readonly number[];
    readonly lowest: readonly number[];
    readonly droppedHigh: readonly number[];
    readonly droppedLow: readonly number[];
    readonly last: number;
  };
}

const NOTES_FIRST_ROW = 2;

export function judgeAnalysisLayout(
  judges: number,
  criteria: number,
  tiers: readonly TierCode[]
): JudgeAnalysisLayout {
  const judgeHeaderRow = NOTES_FIRST_ROW + JUDGE_ANALYSIS_NOTES.length + 1;
  const agreementHeaderRow = judgeHeaderRow + judges + 2;
  const matrixHeaderRow = agreementHeaderRow + tiers.length + 2;
  let next = 4;
  const take = (count: number): number[] => Array.from({ length: count }, () => next++);
  const totals = take(judges);
  const [complete] = take(1) as [number];
  const keys = take(judges);
  const ties = take(judges);
  const [rankSum, tieTerm, spread] = take(3) as [number, number, number];
  const highest = take(criteria);
  const lowest = take(criteria);
  const droppedHigh = take(judges);
  const droppedLow = take(judges);
  return {
    judgeHeaderRow,
    agreementHeaderRow,
    tiers,
    matrixHeaderRow,
    firstMatrixRow: matrixHeaderRow + 1,
    columns: {
      id: 1,
      name: 2,
      tier: 3,
      totals,
      complete,
      keys,
      ties,
      rankSum,
      tieTerm,
      spread,
      highest,
      lowest,
      droppedHigh,
      droppedLow,
      last: next - 1,
    },
  };
}

/** Tiers that nominees have, in canonical order: one agreement line each. */
function tiersPresent(nominees: readonly CarriedNominee[]): TierCode[] {
  return TIER_CODES.filter((tier) => nominees.some((n) => n.tier === tier));
}

/**
 * A power of ten above any judge's total (the criteria maxima summed; a total over a maximum is 待更正 and never
 * counted): place × span + total then orders nominees by tier first.
 */
function tierSpan(rubric: Rubric): number {
  const most = rubric.criteria.reduce((total, criterion) => total + criterion.max, 0);
  return 10 ** Math.max(1, Math.ceil(Math.log10(most + 1)));
}

function sum(terms: readonly FormulaNode[]): FormulaNode {
  return terms.slice(1).reduce((acc, term) => op(acc, "+", term), terms[0] ?? num(0));
}

export function compileJudgeAnalysisSheet(
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(JUDGE_ANALYSIS_SHEET);
  const judges = layout.judges;
  const criteria = layout.criteriaIds.length;
  const a = judgeAnalysisLayout(judges, criteria, tiersPresent(nominees));
  const c = a.columns;
  const n = nominees.length;
  const first = a.firstMatrixRow;
  const lastRow = first + Math.max(n, 1) - 1;
  const column = (col: number): FormulaNode =>
    range(
      { row: first, col, rowAbsolute: true, colAbsolute: true },
      { row: lastRow, col, rowAbsolute: true, colAbsolute: true }
    );

  sheet.column(1, 12);
  sheet.column(2, IDENTITY_WIDTHS.name);
  for (let col = 3; col <= JUDGE_HEADERS.length; col++) sheet.column(col, 14);
  for (let col = JUDGE_HEADERS.length + 1; col < c.complete; col++) sheet.column(col, 14);
  for (let col = c.complete; col <= c.last; col++) sheet.column(col, 10, true);

  sheet.text(1, 1, JUDGE_ANALYSIS_TITLE, "title");
  // Each note broken into lines by hand: LibreOffice, left to wrap it, started printed lines with "；" and "，".
  const notesWidth = sheet.printedWidth(1, JUDGE_HEADERS.length);
  JUDGE_ANALYSIS_NOTES.forEach((note, i) => {
    const row = NOTES_FIRST_ROW + i;
    const lines = brokenForWidth(note, notesWidth);
    sheet.text(row, 1, lines, "wrapNote");
    sheet.merge({ top: row, left: 1, bottom: row, right: JUDGE_HEADERS.length });
    const height = wrappedRowHeight([{ text: lines, width: notesWidth }]);
    if (height !== null) sheet.rowHeight(row, height);
  });

  // The per-nominee table: each judge's total, and the hidden helpers the lines above sum.
  const mRow = first;
  const mainRow = layout.firstRow;
  const fixed = (col: number): FormulaNode => ref(mRow, col, { absolute: "col" });
  const panel = ref(mainRow, layout.main.panel, { sheet: MAIN_SHEET });
  const counted = (judge: number, criterion: number): FormulaNode =>
    ref(mainRow, layout.judgeCountedColumns[criterion] as number, {
      sheet: judgeSheetName(judge),
    });
  const countedRow = (judge: number): FormulaNode =>
    range(
      { row: mainRow, col: layout.judgeCountedColumns[0] as number },
      { row: mainRow, col: layout.judgeCountedColumns[criteria - 1] as number },
      judgeSheetName(judge)
    );
  const judgeNumbers = Array.from({ length: judges }, (_unused, j) => j + 1);
  // A judge's total: every criterion scored, the nominee not waiting for a correction (RULES §4.3).
  const totals = judgeNumbers.map((judge) =>
    call(
      "IF",
      call(
        "AND",
        op(panel, "<>", text(TO_CORRECT)),
        op(call("COUNT", countedRow(judge)), "=", num(criteria))
      ),
      call("ROUND", call("SUM", countedRow(judge)), num(2)),
      text("")
    )
  );
  const agreementRows = (col: number): FormulaNode =>
    range(
      { row: a.agreementHeaderRow + 1, col, rowAbsolute: true, colAbsolute: true },
      {
        row: a.agreementHeaderRow + Math.max(a.tiers.length, 1),
        col,
        rowAbsolute: true,
        colAbsolute: true,
      }
    );
  // Complete: the tier's place among the agreement lines (so each line counts its nominees with one criterion), else 0.
  const complete = call(
    "IF",
    call(
      "AND",
      op(fixed(c.tier), "<>", text("")),
      op(
        call(
          "COUNT",
          range(
            { row: mRow, col: c.totals[0] as number },
            { row: mRow, col: c.totals[judges - 1] as number }
          )
        ),
        "=",
        num(judges)
      )
    ),
    call("MATCH", fixed(c.tier), agreementRows(1), num(0)),
    num(0)
  );
  const isComplete = op(fixed(c.complete), ">", num(0));
  // One number per judge that orders the complete nominees tier by tier, then by total: each rank below is then one
  // criterion over one column. Over tier, completeness and total it read three columns per row, and LibreOffice
  // (7.4 computes every COUNTIF(S) by a scan) spent most of a 10,000-nominee recalculation there (decision 0040).
  // ROUND keeps the key the exact two-decimal number whose text "<"&key reads back.
  const span = tierSpan(rubric);
  const keys = judgeNumbers.map((_judge, j) =>
    call(
      "IF",
      isComplete,
      call(
        "ROUND",
        op(op(fixed(c.complete), "*", num(span)), "+", fixed(c.totals[j] as number)),
        num(2)
      ),
      text("")
    )
  );
  // COUNTIFS with one criterion, not COUNTIF: the writer never shares a COUNTIFS formula, and LibreOffice in its
  // default mode keeps a cell's own cached value but computes shared-formula cells again while saving — these
  // counts, shared, made its open + save of 10,000 nominees quadratic (decision 0040).
  const ties = judgeNumbers.map((_judge, j) =>
    call(
      "IF",
      isComplete,
      call("COUNTIFS", column(c.keys[j] as number), fixed(c.keys[j] as number)),
      text("")
    )
  );
  // Nominees of earlier tiers have smaller keys: the count of those, on the tier's agreement line, is taken off.
  const earlierTiers = call("INDEX", agreementRows(c.complete), fixed(c.complete));
  const below = (j: number): FormulaNode =>
    call("COUNTIFS", column(c.keys[j] as number), op(text("<"), "&", fixed(c.keys[j] as number)));
  // Mean ranks, ascending: below + (tied + 1) / 2.
  const rankSum = call(
    "IF",
    isComplete,
    op(
      sum(
        judgeNumbers.map((_judge, j) =>
          op(below(j), "+", op(op(fixed(c.ties[j] as number), "+", num(1)), "/", num(2)))
        )
      ),
      "-",
      op(num(judges), "*", earlierTiers)
    ),
    text("")
  );
  const tieTerm = call(
    "IF",
    isComplete,
    sum(
      judgeNumbers.map((_judge, j) => op(op(fixed(c.ties[j] as number), "^", num(2)), "-", num(1)))
    ),
    text("")
  );
  const tierCount = call("INDEX", agreementRows(3), fixed(c.complete));
  const spread = call(
    "IF",
    isComplete,
    op(
      op(fixed(c.rankSum), "-", op(op(num(judges), "*", op(tierCount, "+", num(1))), "/", num(2))),
      "^",
      num(2)
    ),
    text("")
  );
  const dropFrom = name(PARAMETER_NAMES.dropExtremesFrom as string);
  const extreme = (fn: "MAX" | "MIN", criterion: number): FormulaNode => {
    const scores = judgeNumbers.map((judge) => counted(judge, criterion));
    return call(
      "IF",
      call(
        "AND",
        op(panel, "<>", text(TO_CORRECT)),
        call(
          "ISNUMBER",
          ref(mainRow, layout.main.criteria[criterion] as number, { sheet: MAIN_SHEET })
        ),
        op(call("COUNT", ...scores), ">=", dropFrom)
      ),
      call(fn, ...scores),
      text("")
    );
  };
  const highest = Array.from({ length: criteria }, (_unused, k) => extreme("MAX", k));
  const lowest = Array.from({ length: criteria }, (_unused, k) => extreme("MIN", k));
  // The judge's share of the criterion's one drop: 1 / the judges sharing the dropped score.
  const dropped = (judge: number, extremes: readonly number[]): FormulaNode =>
    sum(
      Array.from({ length: criteria }, (_unused, k) => {
        const dropScore = fixed(extremes[k] as number);
        return call(
          "IF",
          call("AND", call("ISNUMBER", dropScore), op(counted(judge, k), "=", dropScore)),
          op(num(1), "/", sum(judgeNumbers.map((other) => op(counted(other, k), "=", dropScore)))),
          num(0)
        );
      })
    );
  const droppedHigh = judgeNumbers.map((judge) => dropped(judge, c.highest));
  const droppedLow = judgeNumbers.map((judge) => dropped(judge, c.lowest));

  sheet.text(a.matrixHeaderRow - 1, 1, "各推荐对象的评委合计分", "subtitle");
  const matrixHeaders: [number, string][] = [
    [c.id, "编号"],
    [c.name, "名称"],
    [c.tier, "级别"],
    ...judgeNumbers.map((judge, j): [number, string] => [
      c.totals[j] as number,
      `${judgeSheetName(judge)} 合计`,
    ]),
    [c.complete, "全部评委完整（级别序号）"],
    ...judgeNumbers.map((judge, j): [number, string] => [
      c.keys[j] as number,
      `${judgeSheetName(judge)} 排序键`,
    ]),
    ...judgeNumbers.map((judge, j): [number, string] => [
      c.ties[j] as number,
      `${judgeSheetName(judge)} 同分数`,
    ]),
    [c.rankSum, "名次和"],
    [c.tieTerm, "同分校正"],
    [c.spread, "离差平方"],
    ...layout.criteriaIds.map((id, k): [number, string] => [
      c.highest[k] as number,
      `${id} 去掉的最高分`,
    ]),
    ...layout.criteriaIds.map((id, k): [number, string] => [
      c.lowest[k] as number,
      `${id} 去掉的最低分`,
    ]),
    ...judgeNumbers.map((judge, j): [number, string] => [
      c.droppedHigh[j] as number,
      `${judgeSheetName(judge)} 最高被去掉`,
    ]),
    ...judgeNumbers.map((judge, j): [number, string] => [
      c.droppedLow[j] as number,
      `${judgeSheetName(judge)} 最低被去掉`,
    ]),
  ];
  for (const [col, label] of matrixHeaders) sheet.text(a.matrixHeaderRow, col, label, "header");

  nominees.forEach((nominee, i) => {
    const row = first + i;
    sheet.text(row, c.id, nominee.id, "text");
    // A long name wraps and its row grows, as on the judge sheets: left on one line it printed cut off.
    const nameHeight =
      nominee.name === null
        ? null
        : wrappedRowHeight([{ text: nominee.name, width: IDENTITY_WIDTHS.name }]);
    sheet.text(row, c.name, nominee.name, "textWrap");
    if (nameHeight !== null) sheet.textRowHeight(row, nameHeight);
    sheet.repeatedText(
      row,
      c.tier,
      nominee.tier === null ? null : TIER_NAMES[nominee.tier],
      "textCentered"
    );
    const fill = (col: number, formula: FormulaNode, style: "score" | "number" = "number") =>
      sheet.filledFormula(row, col, formula, i, style);
    totals.forEach((formula, j) => fill(c.totals[j] as number, formula, "score"));
    fill(c.complete, complete);
    keys.forEach((formula, j) => fill(c.keys[j] as number, formula));
    ties.forEach((formula, j) => fill(c.ties[j] as number, formula));
    fill(c.rankSum, rankSum);
    fill(c.tieTerm, tieTerm);
    fill(c.spread, spread);
    highest.forEach((formula, k) => fill(c.highest[k] as number, formula));
    lowest.forEach((formula, k) => fill(c.lowest[k] as number, formula));
    droppedHigh.forEach((formula, j) => fill(c.droppedHigh[j] as number, formula));
    droppedLow.forEach((formula, j) => fill(c.droppedLow[j] as number, formula));
  });

  // One line per judge.
  sheet.text(a.judgeHeaderRow - 1, 1, "各评委评分情况", "subtitle");
  JUDGE_HEADERS.forEach((label, i) => sheet.text(a.judgeHeaderRow, 1 + i, label, "header"));
  judgeNumbers.forEach((judge, j) => {
    const row = a.judgeHeaderRow + judge;
    const scored = ref(row, 2);
    const own = column(c.totals[j] as number);
    sheet.text(row, 1, judgeSheetName(judge), "textCentered");
    if (n === 0) {
      for (let col = 2; col <= JUDGE_HEADERS.length; col++) sheet.text(row, col, null, "text");
      return;
    }
    sheet.formula(row, 2, call("COUNT", own), "count");
    sheet.formula(
      row,
      3,
      call("IF", op(scored, "=", num(0)), text(""), call("ROUND", call("AVERAGE", own), num(2))),
      "score"
    );
    // Sample standard deviation from the sums: (Σx² − (Σx)²/n) / (n − 1), never below 0 (rounding).
    const variance = op(
      op(call("SUMPRODUCT", own, own), "-", op(op(call("SUM", own), "^", num(2)), "/", scored)),
      "/",
      op(scored, "-", num(1))
    );
    sheet.formula(
      row,
      4,
      call(
        "IF",
        op(scored, "<", num(2)),
        text(""),
        call("ROUND", op(call("MAX", num(0), variance), "^", num(0.5)), num(2))
      ),
      "score"
    );
    // Σ(own total − panel score) over the nominees with both, per criterion: each total is its criterion scores' sum.
    const panels = mainColumn(layout, layout.main.panel);
    const both = call("COUNTIFS", own, text(">=0"), panels, text(">=0"));
    sheet.formula(
      row,
      5,
      call(
        "IF",
        op(both, "=", num(0)),
        text(""),
        call(
          "ROUND",
          op(
            op(
              call("SUMIFS", own, panels, text(">=0")),
              "-",
              call("SUMIFS", panels, own, text(">=0"))
            ),
            "/",
            op(both, "*", num(criteria))
          ),
          num(2)
        )
      ),
      "score"
    );
    sheet.formula(
      row,
      6,
      call("ROUND", call("SUM", column(c.droppedHigh[j] as number)), num(2)),
      "number"
    );
    sheet.formula(
      row,
      7,
      call("ROUND", call("SUM", column(c.droppedLow[j] as number)), num(2)),
      "number"
    );
  });

  // Kendall's W per tier.
  sheet.text(a.agreementHeaderRow - 1, 1, "评委一致性（按级别）", "subtitle");
  AGREEMENT_HEADERS.forEach((label, i) => sheet.text(a.agreementHeaderRow, 1 + i, label, "header"));
  sheet.text(a.agreementHeaderRow, c.complete, "此前各级别参与数", "header");
  a.tiers.forEach((tier, t) => {
    const row = a.agreementHeaderRow + 1 + t;
    const tierCell = ref(row, 1, { absolute: "col" });
    const used = ref(row, 3);
    sheet.text(row, 1, TIER_NAMES[tier], "textCentered");
    sheet.number(row, 2, judges, "count");
    const place = num(t + 1);
    sheet.formula(row, 3, call("COUNTIF", column(c.complete), place), "count");
    sheet.formula(row, 4, call("COUNTIF", column(c.tier), tierCell), "count");
    // Hidden: the nominees counted on the lines above, which every key of this tier is larger than.
    sheet.formula(
      row,
      c.complete,
      call(
        "SUM",
        range(
          { row: a.agreementHeaderRow, col: 3, rowAbsolute: true, colAbsolute: true },
          { row: row - 1, col: 3, colAbsolute: true }
        )
      ),
      "count"
    );
    const inTier = (col: number): FormulaNode =>
      call("SUMIF", column(c.complete), place, column(col));
    const m = num(judges);
    const denominator = op(
      op(op(m, "^", num(2)), "*", op(op(used, "^", num(3)), "-", used)),
      "-",
      op(m, "*", inTier(c.tieTerm))
    );
    sheet.formula(
      row,
      5,
      call(
        "IF",
        call("OR", op(used, "<", num(2)), op(denominator, "=", num(0))),
        text(""),
        call("ROUND", op(op(num(12), "*", inTier(c.spread)), "/", denominator), num(3))
      ),
      "ratio"
    );
  });

  // Both tables' headers wrap within their columns: a row left at one line's height prints them over the next row.
  sheet.fitRowToText(
    a.judgeHeaderRow,
    JUDGE_HEADERS.map((label, i) => ({ col: 1 + i, text: label }))
  );
  sheet.fitRowToText(
    a.agreementHeaderRow,
    AGREEMENT_HEADERS.map((label, i) => ({ col: 1 + i, text: label }))
  );
  sheet.set("freeze", { rows: 1, columns: 0 });
  sheet.set(
    "print",
    sheetPrint({
      orientation: "landscape",
      width: sheet.printedWidth(1, Math.max(JUDGE_HEADERS.length, c.totals[judges - 1] ?? 3)),
      repeatRows: { first: 1, last: 1 },
    })
  );
  sheet.protect(password);
  return sheet.build();
}
