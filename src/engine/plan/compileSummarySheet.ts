/** 汇总: per tier and sector, how many were assessed, completed, passed and recommended, against the quota. */
import { RECOMMENDED_WORDS, VETO_WORDS, YES } from "../core/words";
import {
  SECTOR_CODES,
  SECTOR_NAMES,
  TIER_CODES,
  TIER_NAMES,
  type SectorCode,
  type TierCode,
} from "../core/domain";
import { call, name, num, op, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  mainColumn,
  HEADER_ROW,
  PARAMETER_NAMES,
  QUOTA_TIERS_NAME,
  SECTORS_NAME,
  SECTORS_PER_TIER_KEY,
  SECTOR_QUOTA_SECTORS_NAME,
  SECTOR_QUOTA_TIERS_NAME,
  SECTOR_QUOTAS_NAME,
  SUMMARY_KEY_SPACING,
  SUMMARY_SHEET,
  quotaName,
  type AssessmentLayout,
} from "./assessmentLayout";
import { compileSummaryCharts } from "./compileSummaryCharts";
import { sheetPrint, textWidth } from "./printSetup";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";

export const SUMMARY_HEADERS = [
  "类别",
  "级别",
  "参评数",
  "已完成",
  "平均分",
  "最高分",
  "最低分",
  "达线数",
  "建议授牌",
  "名额",
  "说明",
  // After 说明, so every column before keeps its place in a layout-2 workbook.
  "差额候选",
] as const;
export const SUMMARY_TOTAL_LABEL = "合计";
/** 说明: where a line says that a tie at its quota line recommends more than the quota. */
const SUMMARY_NOTE_COL = 11;

/** One line of 汇总: a sector within a tier, or (sector null) the whole tier. */
export interface SummaryLine {
  readonly tier: TierCode;
  readonly sector: SectorCode | null;
}

function lineKey(line: SummaryLine): string {
  return `${line.tier}|${line.sector ?? ""}`;
}

/** Tiers in canonical order; within each, the sectors present, then the tier's total line. */
export function summaryLines(
  nominees: readonly Pick<CarriedNominee, "tier" | "sector">[]
): SummaryLine[] {
  const present = new Set<string>();
  for (const n of nominees) {
    if (n.tier === null) continue;
    present.add(lineKey({ tier: n.tier, sector: null }));
    if (n.sector !== null) present.add(lineKey({ tier: n.tier, sector: n.sector }));
  }
  return TIER_CODES.filter((tier) => present.has(lineKey({ tier, sector: null }))).flatMap(
    (tier) => [
      ...SECTOR_CODES.filter((sector) => present.has(lineKey({ tier, sector }))).map((sector) => ({
        tier,
        sector,
      })),
      { tier, sector: null },
    ]
  );
}

/** Parts joined with & (CONCATENATE would do too; & keeps the formula short). */
function concat(...parts: FormulaNode[]): FormulaNode {
  return parts.slice(1).reduce((acc, part) => op(acc, "&", part), parts[0] ?? text(""));
}

export function compileSummarySheet(
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(SUMMARY_SHEET);
  const m = layout.main;
  const column = (col: number): FormulaNode => mainColumn(layout, col);
  const passLine = name(PARAMETER_NAMES.passLine as string);

  sheet.text(1, 1, `${SUMMARY_SHEET} · ${rubric.title}`, "title");
  SUMMARY_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, "header"));
  const lines = summaryLines(nominees);
  lines.forEach((line, i) => {
    const row = HEADER_ROW + 1 + i;
    const sectorCell = ref(row, 1, { absolute: "col" });
    const tierCell = ref(row, 2, { absolute: "col" });
    const done = ref(row, 4);
    // COUNTIFS/SUMIFS criteria pairs selecting the line's rows.
    const pairs: FormulaNode[] = [
      ...(line.sector === null ? [] : [column(m.sector), sectorCell]),
      column(m.tier),
      tierCell,
    ];
    // The line's number and its keyed totals on 考核表 (see MainSheetColumns.tierLineKey): the line's highest
    // total is the largest key below the next line's, its lowest the smallest key from its own (issue #12 §5).
    const tierNumber = call("MATCH", tierCell, name(QUOTA_TIERS_NAME), num(0));
    const lineNumber =
      line.sector === null
        ? tierNumber
        : op(
            op(tierNumber, "*", num(SECTORS_PER_TIER_KEY)),
            "+",
            call("MATCH", sectorCell, name(SECTORS_NAME), num(0))
          );
    const keys = column(line.sector === null ? m.tierLineKey : m.sectorLineKey);
    const lineStart = op(lineNumber, "*", num(SUMMARY_KEY_SPACING));
    const nextStart = op(op(lineNumber, "+", num(1)), "*", num(SUMMARY_KEY_SPACING));
    const highest = call(
      "LARGE",
      keys,
      op(call("COUNTIF", keys, op(text(">="), "&", nextStart)), "+", num(1))
    );
    const lowest = call(
      "SMALL",
      keys,
      op(call("COUNTIF", keys, op(text("<"), "&", lineStart)), "+", num(1))
    );
    const ifDone = (formula: FormulaNode): FormulaNode =>
      call("IF", op(done, "=", num(0)), text(""), formula);

    sheet.text(
      row,
      1,
      line.sector === null ? SUMMARY_TOTAL_LABEL : SECTOR_NAMES[line.sector],
      line.sector === null ? "header" : "text"
    );
    sheet.text(row, 2, TIER_NAMES[line.tier], "text");
    sheet.formula(row, 3, call("COUNTIFS", ...pairs), "number");
    sheet.formula(row, 4, call("COUNTIFS", ...pairs, column(m.totalValue), text(">=0")), "number");
    sheet.formula(
      row,
      5,
      ifDone(
        call(
          "ROUND",
          op(
            call("SUMIFS", column(m.totalValue), ...pairs, column(m.totalValue), text(">=0")),
            "/",
            done
          ),
          num(2)
        )
      ),
      "computed"
    );
    sheet.formula(row, 6, ifDone(call("ROUND", op(highest, "-", lineStart), num(2))), "computed");
    sheet.formula(row, 7, ifDone(call("ROUND", op(lowest, "-", lineStart), num(2))), "computed");
    sheet.formula(
      row,
      8,
      call(
        "COUNTIFS",
        ...pairs,
        column(m.totalValue),
        op(text(">="), "&", passLine),
        column(m.veto),
        text(`<>${VETO_WORDS.vetoed}`)
      ),
      "number"
    );
    sheet.formula(
      row,
      9,
      call("COUNTIFS", ...pairs, column(m.recommended), text(RECOMMENDED_WORDS.recommended)),
      "number"
    );
    // 名额: the tier's quota on its total line, the sector's own (评分标准's 类别名额) on a sector line.
    const quota =
      line.sector === null
        ? name(quotaName(line.tier))
        : call(
            "INDEX",
            name(SECTOR_QUOTAS_NAME),
            call("MATCH", sectorCell, name(SECTOR_QUOTA_SECTORS_NAME), num(0)),
            call("MATCH", tierCell, name(SECTOR_QUOTA_TIERS_NAME), num(0))
          );
    sheet.formula(row, 10, call("IF", op(quota, "=", text("")), text(""), quota), "number");
    // RULES §4.2: nominees tied at the quota line are all recommended; say so, never a silent over-allocation.
    const recommendedCount = ref(row, 9);
    const quotaShown = ref(row, 10);
    const over = op(recommendedCount, "-", quotaShown);
    const [quotaZh, quotaEn] =
      line.sector === null ? ["名额", "places"] : ["类别名额", "sector places"];
    sheet.formula(
      row,
      11,
      call(
        "IF",
        call("AND", op(quotaShown, "<>", text("")), op(recommendedCount, ">", quotaShown)),
        concat(
          text(`${quotaZh} `),
          quotaShown,
          text(" 个，因名次并列建议授牌 "),
          recommendedCount,
          text(" 个（超出 "),
          over,
          text(" 个），请评审会决定 / a tie at the line recommends "),
          recommendedCount,
          text(" for "),
          quotaShown,
          text(` ${quotaEn} (`),
          over,
          text(" over the quota): the meeting decides")
        ),
        text("")
      ),
      "text"
    );
    // 差额候选: how many go forward as candidates, when a 差额 ratio is set.
    sheet.formula(
      row,
      12,
      call(
        "IF",
        op(name(PARAMETER_NAMES.candidateRatio as string), "=", text("")),
        text(""),
        call("COUNTIFS", ...pairs, column(m.candidate), text(YES))
      ),
      "number"
    );
  });
  const charts = compileSummaryCharts(
    sheet,
    rubric,
    nominees,
    layout,
    {
      lines,
      firstRow: HEADER_ROW + 1,
      columns: { assessed: 3, completed: 4, recommended: 9, quota: 10 },
    },
    HEADER_ROW + lines.length + 3
  );
  if (charts.length > 0) sheet.set("charts", charts);
  // Column A holds the sector names (here and in the charts' tables): as wide as the longest prints on one line
  // (文化、卫生、体育等事业单位党组织 was cut at 30), taken from 说明 so the sheet prints as wide as before.
  const labelWidth = Math.max(
    30,
    ...Object.values(SECTOR_NAMES).map((label) => Math.ceil(textWidth(label)) + 1)
  );
  sheet.column(1, labelWidth);
  for (let c = 2; c <= SUMMARY_HEADERS.length; c++)
    sheet.column(c, c === SUMMARY_NOTE_COL ? 90 - labelWidth : 10);
  sheet.set("freeze", { rows: HEADER_ROW, columns: 0 });
  const print = sheetPrint({
    orientation: "landscape",
    width: sheet.printedWidth(1, SUMMARY_HEADERS.length),
    repeatRows: { first: 1, last: HEADER_ROW },
    repeatColumns: { first: 1, last: 1 },
  });
  const firstChart = charts[0];
  sheet.set("print", firstChart ? { ...print, pageBreaksBefore: [firstChart.anchor.top] } : print);
  sheet.protect(password);
  return sheet.build();
}
