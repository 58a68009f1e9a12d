/**
 * 考核表: one row per nominee; criterion scores, panel, total, grade, rank and recommendation as native
 * formulas (RULES §4) over the judge sheets and the named cells of 评分标准.
 */
import { NO, RECOMMENDED_WORDS, TIE_WORD, VETO_WORDS, YES } from "../core/words";
import { bool, call, name, neg, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import {
  PANEL_COMPONENT,
  SATISFACTION_COMPONENT,
  componentOf,
  raterGroups,
  type Rubric,
  type TieBreakKey,
} from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  HEADER_ROW,
  meetingPrint,
  MAIN_SHEET,
  PARAMETER_NAMES,
  GRADE_MINS_NAME,
  GRADE_WORDS_NAME,
  judgeSheetName,
  maxName,
  raterWeightName,
  QUOTA_TIERS_NAME,
  QUOTA_VALUES_NAME,
  SECTORS_NAME,
  SECTORS_PER_TIER_KEY,
  SECTOR_QUOTA_SECTORS_NAME,
  SECTOR_QUOTA_TIERS_NAME,
  SECTOR_QUOTAS_NAME,
  SUMMARY_KEY_SPACING,
  type AssessmentLayout,
} from "./assessmentLayout";
import { HIGHLIGHT } from "./assessmentStyles";
import { rejectedAt, writeIdentity, writeIdentityHeaders } from "./compileJudgeSheet";
import { TO_CORRECT, invalidFigure, invalidScore } from "./entryRules";
import { raterGroupFormula } from "./compileRaterSheet";
import { panelScore } from "./panelRule";
import { SheetBuilder } from "./SheetBuilder";
import { textWidth } from "./printSetup";
import type { SheetPlan } from "./SheetPlan";

export const VANISHED_NOTE = "推荐表中已无此项 / no longer in the nomination sheets";
/** Where each key component sits in the composite rank key (see compositeRankKey). */
const KEY_PLACES = [1e10, 1e5, 1] as const;
/**
 * The rank key of a row that takes no rank (incomplete, vetoed or without a tier): below any real key, even
 * one built from pasted negative scores, so COUNTIFS(">"&key) never counts it.
 */
export const NOT_RANKED_KEY = -1e15;

const param = (key: keyof typeof PARAMETER_NAMES): FormulaNode =>
  name(PARAMETER_NAMES[key] as string);
const blank = (): FormulaNode => text("");
const isBlank = (node: FormulaNode): FormulaNode => op(node, "=", blank());

/** Formulas of one 考核表 row, built as ASTs; exported for tests that read them back as text. */
export function mainRowFormulas(row: number, rubric: Rubric, layout: AssessmentLayout) {
  const m = layout.main;
  // One node per cell of the row, however many formulas read it: 20,000 rows of ASTs are most of the plan.
  const rowCells = new Map<number, FormulaNode>();
  const cell = (col: number): FormulaNode =>
    rowCells.get(col) ?? (rowCells.set(col, ref(row, col)).get(col) as FormulaNode);
  const column = (col: number): FormulaNode =>
    range(
      { row: layout.firstRow, col, rowAbsolute: true, colAbsolute: true },
      { row: layout.lastRow, col, rowAbsolute: true, colAbsolute: true }
    );

  const hasNumber = (node: FormulaNode): FormulaNode => call("ISNUMBER", node);
  const toCorrect = (node: FormulaNode): FormulaNode => op(node, "=", text(TO_CORRECT));
  // Each judge's 计入 column: the score as entered, or "" where the judge is recused (回避) — an abstention
  // (RULES §4.4). A bad entry passes through it, so the rule below still sees it (RULES §4.3).
  const criteria = layout.judgeCountedColumns.map((judgeCol, c) => {
    const scores = Array.from({ length: layout.judges }, (_unused, j) =>
      ref(row, judgeCol, { sheet: judgeSheetName(j + 1) })
    );
    const max = name(maxName(layout.criteriaIds[c] as string));
    // RULES §4.3: an entry that cannot count is counted by no formula; the criterion waits for its correction.
    // Judged on the entry as typed, not on the 计入 formula cell (LibreOffice's TYPE of a formula cell is 8), and
    // only where the judge is not recused: a recused judge's entry counts nowhere anyway.
    const entries = Array.from({ length: layout.judges }, (_unused, j) => {
      const sheet = judgeSheetName(j + 1);
      const notRecused = op(ref(row, layout.judgeRecusalColumn, { sheet }), "=", text(""));
      return call(
        "AND",
        notRecused,
        invalidScore(ref(row, layout.judgeScoreColumns[c] as number, { sheet }), max)
      );
    });
    return panelScore(scores, call("OR", ...entries));
  });

  const firstCriterion = m.criteria[0] ?? m.panel;
  const lastCriterion = m.criteria[m.criteria.length - 1] ?? m.panel;
  const panel = call(
    "IF",
    call("OR", ...m.criteria.map((col) => toCorrect(cell(col)))),
    text(TO_CORRECT),
    call(
      "IF",
      call("OR", ...m.criteria.map((col) => isBlank(cell(col)))),
      blank(),
      call(
        "ROUND",
        call("SUM", range({ row, col: firstCriterion }, { row, col: lastCriterion })),
        num(2)
      )
    )
  );
  // Each rater group's score (RULES §4.1), between the panel and the figure as on the sheet.
  const raters = layout.raterSheets.map((sheet) => raterGroupFormula(sheet, row));
  const groupCells = m.raters.map((col) => cell(col));
  const groupWeights = raterGroups(rubric).map((group) => name(raterWeightName(group.id)));
  // Σ weight × component, the panel first and the figure last: with no rater groups, 百千万's formula as ever.
  const weighted = [
    op(cell(m.panel), "*", param("weightPanel")),
    ...groupCells.map((groupCell, g) => op(groupCell, "*", groupWeights[g] ?? num(0))),
    op(cell(m.satisfaction), "*", param("weightSatisfaction")),
  ];
  const weightedSum = weighted
    .slice(1)
    .reduce((acc, term) => op(acc, "+", term), weighted[0] ?? num(0));
  const total = call(
    "IF",
    call(
      "OR",
      toCorrect(cell(m.panel)),
      ...groupCells.map(toCorrect),
      invalidFigure(cell(m.satisfaction))
    ),
    text(TO_CORRECT),
    call(
      "IF",
      call(
        "OR",
        isBlank(cell(m.panel)),
        ...groupCells.map(isBlank),
        call("NOT", hasNumber(cell(m.satisfaction)))
      ),
      blank(),
      call("ROUND", weightedSum, num(2))
    )
  );
  // No total (incomplete) or 待更正: no grade, rank or recommendation.
  const noTotal = call("NOT", hasNumber(cell(m.total)));
  const vetoed = op(cell(m.veto), "=", text(VETO_WORDS.vetoed));
  const notVetoed = op(cell(m.veto), "<>", text(VETO_WORDS.vetoed));
  // The band with the highest lowest-total the total reaches, looked up flat (no IF per band, issue #12 §3):
  // LARGE(mins, COUNTIF(mins, ">"&total) + 1) is that lowest total, whatever order the bands are typed in.
  const mins = name(GRADE_MINS_NAME);
  const bands =
    rubric.gradeBands.length === 0
      ? param("failGrade")
      : call(
          "IF",
          op(call("COUNTIF", mins, op(text("<="), "&", cell(m.total))), "=", num(0)),
          param("failGrade"),
          call(
            "INDEX",
            name(GRADE_WORDS_NAME),
            call(
              "MATCH",
              call(
                "LARGE",
                mins,
                op(call("COUNTIF", mins, op(text(">"), "&", cell(m.total))), "+", num(1))
              ),
              mins,
              num(0)
            )
          )
        );
  const grade = call("IF", noTotal, blank(), call("IF", vetoed, param("failGrade"), bands));

  const componentCell: Readonly<Record<TieBreakKey, number>> = {
    total: m.total,
    panel: m.panel,
    satisfaction: m.satisfaction,
  };
  const keyTerms = rubric.tieBreak.map((component, i) => {
    const hundredths = call("ROUND", op(cell(componentCell[component]), "*", num(100)), num(0));
    const place = KEY_PLACES[i] ?? 1;
    return place === 1 ? hundredths : op(hundredths, "*", num(place));
  });
  const keySum = keyTerms.slice(1).reduce((acc, term) => op(acc, "+", term), keyTerms[0] ?? num(0));
  const noTier = isBlank(cell(m.tier));
  // A number, not "", for a row that is not ranked: the key column holds numbers only, so ">"&key always
  // compares numbers with numbers.
  const rankKey = call(
    "IF",
    call("AND", hasNumber(cell(m.total)), notVetoed, op(cell(m.tier), "<>", blank())),
    keySum,
    num(NOT_RANKED_KEY)
  );

  // The same formula on every row, moved down (the tier is looked up, not spelled in).
  const rank = call(
    "IF",
    op(cell(m.rankKey), "=", num(NOT_RANKED_KEY)),
    blank(),
    op(
      call(
        "COUNTIFS",
        column(m.tier),
        cell(m.tier),
        column(m.rankKey),
        op(text(">"), "&", cell(m.rankKey))
      ),
      "+",
      num(1)
    )
  );
  const quota = call(
    "INDEX",
    name(QUOTA_VALUES_NAME),
    call("MATCH", cell(m.tier), name(QUOTA_TIERS_NAME), num(0))
  );
  // The row's sector quota (RULES §4.2) sits in a helper cell: "" when its sector has none in its tier (or the
  // row has no sector), so the formulas below test one cell instead of repeating the lookup.
  const sectorOf = call("MATCH", cell(m.sector), name(SECTOR_QUOTA_SECTORS_NAME), num(0));
  const sectorQuotaCell = call(
    "INDEX",
    name(SECTOR_QUOTAS_NAME),
    sectorOf,
    call("MATCH", cell(m.tier), name(SECTOR_QUOTA_TIERS_NAME), num(0))
  );
  const sectorQuota = call(
    "IF",
    call("OR", noTier, call("NOT", call("ISNUMBER", sectorOf))),
    blank(),
    call("IF", isBlank(sectorQuotaCell), blank(), sectorQuotaCell)
  );
  const noSectorQuota = isBlank(cell(m.sectorQuota));
  // Counted only where a sector quota applies: another COUNTIFS down every row is LibreOffice's costliest column.
  const sectorRank = call(
    "IF",
    call("OR", op(cell(m.rankKey), "=", num(NOT_RANKED_KEY)), noSectorQuota),
    blank(),
    op(
      call(
        "COUNTIFS",
        column(m.tier),
        cell(m.tier),
        column(m.sector),
        cell(m.sector),
        column(m.rankKey),
        op(text(">"), "&", cell(m.rankKey))
      ),
      "+",
      num(1)
    )
  );
  const passes = [notVetoed, op(cell(m.total), ">=", param("passLine"))];
  // IF, not OR: Excel's OR evaluates every argument, and "" × ratio would be #VALUE!.
  const withinTier = (places: FormulaNode): FormulaNode =>
    call("IF", isBlank(quota), bool(true), op(cell(m.rank), "<=", places));
  const withinSector = (places: FormulaNode): FormulaNode =>
    call("IF", noSectorQuota, bool(true), op(cell(m.sectorRank), "<=", places));
  const recommended = call(
    "IF",
    call("OR", noTotal, noTier),
    blank(),
    call(
      "IF",
      call("AND", ...passes, withinTier(quota), withinSector(cell(m.sectorQuota))),
      text(RECOMMENDED_WORDS.recommended),
      text(RECOMMENDED_WORDS.notRecommended)
    )
  );
  // 并列 (RULES §4.2): recommended, and the nominees sharing its rank reach past a quota line, so more are
  // recommended than the quota. Counted only for recommended rows, the few near the top.
  const tiedPastLine = (
    rankCell: FormulaNode,
    limit: FormulaNode,
    tiedWith: FormulaNode
  ): FormulaNode => op(op(op(rankCell, "+", tiedWith), "-", num(1)), ">", limit);
  const tie = call(
    "IF",
    op(cell(m.recommended), "<>", text(RECOMMENDED_WORDS.recommended)),
    blank(),
    call(
      "IF",
      call(
        "OR",
        call(
          "IF",
          isBlank(quota),
          bool(false),
          tiedPastLine(
            cell(m.rank),
            quota,
            call("COUNTIFS", column(m.tier), cell(m.tier), column(m.rankKey), cell(m.rankKey))
          )
        ),
        call(
          "IF",
          noSectorQuota,
          bool(false),
          tiedPastLine(
            cell(m.sectorRank),
            cell(m.sectorQuota),
            call(
              "COUNTIFS",
              column(m.tier),
              cell(m.tier),
              column(m.sector),
              cell(m.sector),
              column(m.rankKey),
              cell(m.rankKey)
            )
          )
        )
      ),
      text(TIE_WORD),
      blank()
    )
  );
  // 差额 (RULES §4.2): ROUNDUP(quota × r, 0) places, as −INT(−x) (ROUNDUP is not on the function whitelist); the
  // product is rounded to 6 places first so 10 × 1.2 (12.000000000000002 in binary) gives 12 places, not 13.
  const ratio = param("candidateRatio");
  const places = (limit: FormulaNode): FormulaNode =>
    neg(call("INT", neg(call("ROUND", op(limit, "*", ratio), num(6)))));
  const candidate = call(
    "IF",
    call("OR", noTotal, noTier, isBlank(ratio)),
    blank(),
    call(
      "IF",
      call("AND", ...passes, withinTier(places(quota)), withinSector(places(cell(m.sectorQuota)))),
      text(YES),
      text(NO)
    )
  );
  const k = layout.criteriaIds.length;
  const judgeDone = Array.from({ length: layout.judges }, (_unused, j) => {
    const judgeCols = layout.judgeCountedColumns;
    const scored = call(
      "COUNT",
      range(
        { row, col: judgeCols[0] ?? 1 },
        { row, col: judgeCols[judgeCols.length - 1] ?? 1 },
        judgeSheetName(j + 1)
      )
    );
    return call("IF", op(scored, "=", num(k)), num(1), num(0));
  });
  const doneSum = judgeDone
    .slice(1)
    .reduce((acc, term) => op(acc, "+", term), judgeDone[0] ?? num(0));
  // Of the judges not recused from the nominee: a recused judge will never score it.
  const recusedTerms = Array.from({ length: layout.judges }, (_unused, j) =>
    call(
      "IF",
      op(ref(row, layout.judgeRecusalColumn, { sheet: judgeSheetName(j + 1) }), "=", text("")),
      num(0),
      num(1)
    )
  );
  const expected = recusedTerms.reduce((acc, term) => op(acc, "-", term), num(layout.judges));
  // A judge with a bad entry is no judge done, but LibreOffice's COUNT takes a pasted TRUE for a score: the row
  // says 待更正 instead, as its total does.
  const progress = call(
    "IF",
    toCorrect(cell(m.total)),
    text(TO_CORRECT),
    op(op(doneSum, "&", text("/")), "&", expected)
  );
  const totalValue = call("IF", call("ISNUMBER", cell(m.total)), cell(m.total), num(-1));
  // 汇总's lines numbered from 评分标准's own lists (the texts 汇总 matches on), 0 when not found.
  const tierNumber = call(
    "IFERROR",
    call("MATCH", cell(m.tier), name(QUOTA_TIERS_NAME), num(0)),
    num(0)
  );
  const sectorNumber = call(
    "IFERROR",
    call("MATCH", cell(m.sector), name(SECTORS_NAME), num(0)),
    num(0)
  );
  const hasTotal = op(cell(m.totalValue), ">=", num(0));
  const keyed = (line: FormulaNode, ...present: FormulaNode[]): FormulaNode =>
    call(
      "IF",
      call("AND", hasTotal, ...present.map((n) => op(n, ">", num(0)))),
      op(op(line, "*", num(SUMMARY_KEY_SPACING)), "+", cell(m.totalValue)),
      blank()
    );
  const tierLineKey = keyed(tierNumber, tierNumber);
  const sectorLineKey = keyed(
    op(op(tierNumber, "*", num(SECTORS_PER_TIER_KEY)), "+", sectorNumber),
    tierNumber,
    sectorNumber
  );
  return {
    criteria,
    panel,
    raters,
    total,
    grade,
    rankKey,
    rank,
    sectorRank,
    recommended,
    tie,
    candidate,
    progress,
    totalValue,
    tierLineKey,
    sectorLineKey,
    sectorQuota,
  };
}

export const MAIN_HEADERS = {
  panel: "评委评分",
  satisfaction: "群众满意度",
  veto: "一票否决",
  total: "总分",
  grade: "等次",
  rank: "排名",
  sectorRank: "类别内排名",
  recommended: "建议授牌",
  tie: "并列",
  candidate: "差额候选",
  progress: "评分进度",
  status: "动态管理状态",
  note: "备注",
  rankKey: "排名键",
  totalValue: "总分数值",
  sourceSheet: "来源工作表",
  sourceRow: "来源行",
  sectorCode: "类别代码",
  tierCode: "级别代码",
  tierLineKey: "级别汇总键",
  sectorLineKey: "类别汇总键",
  sectorQuota: "类别名额",
} as const;

/**
 * A figure column's width: 10, or up to 12 where that holds its label on one line. Left to wrap at 10, 群众满意度
 * and 类别内排名 print broken inside a word (群众满意 / 度); a longer label wraps at 10 as before.
 */
function figureColumnWidth(label: string): number {
  const oneLine = Math.ceil(textWidth(label)) + 1;
  return oneLine > 10 && oneLine <= 12 ? oneLine : 10;
}

export function compileMainSheet(
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(MAIN_SHEET);
  const m = layout.main;
  sheet.text(1, 1, `${MAIN_SHEET} · ${rubric.title}`, "title");
  const headers = writeIdentityHeaders(sheet);
  rubric.criteria.forEach((criterion, c) => {
    const col = m.criteria[c] as number;
    const label = `${criterion.id} ${criterion.label}`;
    sheet.text(HEADER_ROW, col, label, "header");
    sheet.column(col, 12);
    headers.push({ col, text: label });
  });
  // The panel and the figure under their components' names (领导点评, 群众评议 for 三评议).
  const labels: Record<keyof typeof MAIN_HEADERS, string> = {
    ...MAIN_HEADERS,
    panel: componentOf(rubric, PANEL_COMPONENT).label,
    satisfaction: componentOf(rubric, SATISFACTION_COMPONENT).label,
  };
  raterGroups(rubric).forEach((group, g) => {
    const col = m.raters[g] as number;
    sheet.text(HEADER_ROW, col, group.label, "header");
    sheet.column(col, 10);
    headers.push({ col, text: group.label });
  });
  for (const [key, label] of Object.entries(labels) as [keyof typeof MAIN_HEADERS, string][]) {
    sheet.text(HEADER_ROW, m[key], label, "header");
    const hidden = m[key] >= m.firstHelper;
    sheet.column(m[key], key === "note" ? 24 : hidden ? 10 : figureColumnWidth(label), hidden);
    if (m[key] < m.firstHelper) headers.push({ col: m[key], text: label });
  }
  // Labels such as "C1 推动科学发展" wrap: the header row grows to show them whole, on screen and on paper.
  sheet.fitRowToText(HEADER_ROW, headers);

  // Every row's formulas are the first row's filled down (refs to the row have no $): each cell names the
  // first row's formula and its offset, so no row builds a tree and the writer shares each column by identity.
  const first = mainRowFormulas(layout.firstRow, rubric, layout);
  const k = first.criteria.length;
  nominees.forEach((nominee, i) => {
    const row = layout.firstRow + i;
    writeIdentity(sheet, row, nominee);
    for (let c = 0; c < k; c++)
      sheet.filledFormula(
        row,
        m.criteria[c] as number,
        first.criteria[c] as FormulaNode,
        i,
        "computed"
      );
    sheet.filledFormula(row, m.panel, first.panel, i, "computed");
    m.raters.forEach((col, g) =>
      sheet.filledFormula(row, col, first.raters[g] as FormulaNode, i, "computed")
    );
    const typedSatisfaction = rejectedAt(nominee.inputs, null, 0);
    if (typedSatisfaction === undefined)
      sheet.number(row, m.satisfaction, nominee.inputs.satisfaction, "input");
    else sheet.put(row, m.satisfaction, typedSatisfaction, "input");
    sheet.repeatedText(
      row,
      m.veto,
      nominee.inputs.veto === true ? VETO_WORDS.vetoed : VETO_WORDS.notVetoed,
      "inputText"
    );
    sheet.filledFormula(row, m.total, first.total, i, "computed");
    sheet.filledFormula(row, m.grade, first.grade, i, "computedText");
    sheet.filledFormula(row, m.rank, first.rank, i, "computedText");
    sheet.filledFormula(row, m.sectorRank, first.sectorRank, i, "computedText");
    sheet.filledFormula(row, m.recommended, first.recommended, i, "computedText");
    sheet.filledFormula(row, m.tie, first.tie, i, "computedText");
    sheet.filledFormula(row, m.candidate, first.candidate, i, "computedText");
    sheet.filledFormula(row, m.progress, first.progress, i, "computedText");
    sheet.text(row, m.status, null, "computedText");
    sheet.text(row, m.note, nominee.vanished ? VANISHED_NOTE : null, "text");
    sheet.filledFormula(row, m.rankKey, first.rankKey, i, "key");
    sheet.filledFormula(row, m.totalValue, first.totalValue, i, "key");
    sheet.repeatedText(row, m.sourceSheet, nominee.source.sheet);
    sheet.number(row, m.sourceRow, nominee.source.row);
    sheet.repeatedText(row, m.sectorCode, nominee.sector);
    sheet.repeatedText(row, m.tierCode, nominee.tier);
    sheet.filledFormula(row, m.tierLineKey, first.tierLineKey, i, "key");
    sheet.filledFormula(row, m.sectorLineKey, first.sectorLineKey, i, "key");
    sheet.filledFormula(row, m.sectorQuota, first.sectorQuota, i, "key");
  });

  if (nominees.length > 0) {
    const columnRange = (col: number) => ({
      top: layout.firstRow,
      left: col,
      bottom: layout.lastRow,
      right: col,
    });
    const rowRange = { top: layout.firstRow, left: 1, bottom: layout.lastRow, right: m.note };
    const fixedCol = (col: number): FormulaNode => ref(layout.firstRow, col, { absolute: "col" });
    sheet.validate({
      range: columnRange(m.satisfaction),
      rule: { type: "decimal", min: num(0), max: num(100) },
      allowBlank: true,
      prompt: { title: labels.satisfaction, text: "群众评议满意度，0～100（%）" },
      error: { title: "满意度无效", text: "群众满意度应在 0～100 之间" },
    });
    sheet.validate({
      range: columnRange(m.veto),
      rule: { type: "list", choices: [VETO_WORDS.vetoed, VETO_WORDS.notVetoed] },
      allowBlank: true,
      prompt: { title: MAIN_HEADERS.veto, text: "“是”则等次为不合格，不排名、不建议授牌" },
      error: { title: "一票否决", text: "请选择“是”或“否”" },
    });
    sheet.highlight({
      range: columnRange(m.satisfaction),
      when: invalidFigure(ref(layout.firstRow, m.satisfaction)),
      style: HIGHLIGHT.error,
    });
    // 待更正 in a criterion, 评委评分, 总分 or 评分进度: the row waits for a bad entry's correction.
    sheet.highlight({
      range: {
        top: layout.firstRow,
        left: m.criteria[0] ?? m.panel,
        bottom: layout.lastRow,
        right: m.progress,
      },
      when: op(ref(layout.firstRow, m.criteria[0] ?? m.panel), "=", text(TO_CORRECT)),
      style: HIGHLIGHT.error,
    });
    const vetoCell = ref(layout.firstRow, m.veto);
    sheet.highlight({
      range: columnRange(m.veto),
      when: call(
        "AND",
        op(vetoCell, "<>", text(VETO_WORDS.vetoed)),
        op(vetoCell, "<>", text(VETO_WORDS.notVetoed)),
        op(vetoCell, "<>", blank())
      ),
      style: HIGHLIGHT.error,
    });
    sheet.highlight({
      range: rowRange,
      when: op(fixedCol(m.note), "<>", blank()),
      style: HIGHLIGHT.vanished,
    });
    sheet.highlight({
      range: rowRange,
      when: op(fixedCol(m.veto), "=", text(VETO_WORDS.vetoed)),
      style: HIGHLIGHT.veto,
    });
    sheet.highlight({
      range: rowRange,
      when: op(fixedCol(m.recommended), "=", text(RECOMMENDED_WORDS.recommended)),
      style: HIGHLIGHT.recommended,
    });
    sheet.highlight({
      range: columnRange(m.grade),
      when: op(ref(layout.firstRow, m.grade), "=", param("failGrade")),
      style: HIGHLIGHT.fail,
    });
    sheet.highlight({
      range: rowRange,
      when: isBlank(fixedCol(m.total)),
      style: HIGHLIGHT.incomplete,
    });
    sheet.set("autoFilter", { top: HEADER_ROW, left: 1, bottom: layout.lastRow, right: m.note });
  }
  sheet.set("freeze", { rows: HEADER_ROW, columns: m.name });
  sheet.set("print", meetingPrint(sheet.printedWidth(1, m.note)));
  sheet.protect(password);
  sheet.set("tabColor", "70AD47");
  return sheet.build();
}
