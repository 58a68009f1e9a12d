/** 汇总: per tier and sector, how many were assessed, completed, passed and recommended, against the quota. */
import {
  SECTOR_CODES,
  SECTOR_NAMES,
  TIER_CODES,
  TIER_NAMES,
  type SectorCode,
  type TierCode,
} from "../core/domain";
import { excelRound } from "../evaluate/excelRound";
import { call, name, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  HEADER_ROW,
  MAIN_SHEET,
  PARAMETER_NAMES,
  SUMMARY_SHEET,
  quotaName,
  type AssessmentLayout,
} from "./assessmentLayout";
import { STYLE } from "./assessmentStyles";
import type { AssessedFigures } from "./evaluateAssessment";
import { VETO_YES } from "./compileMainSheet";
import { SheetBuilder } from "./SheetBuilder";
import type { ScalarValue, SheetPlan } from "./SheetPlan";

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
] as const;
export const SUMMARY_TOTAL_LABEL = "合计";
/** Larger than any total, so MIN can be taken as BIG − MAX(BIG − total) inside SUMPRODUCT (MINIFS is Excel 2019+). */
const BIG = 1_000_000;

/** One line of 汇总: a sector within a tier, or (sector null) the whole tier. */
export interface SummaryLine {
  readonly tier: TierCode;
  readonly sector: SectorCode | null;
}

/** Tiers in canonical order; within each, the sectors present, then the tier's total line. */
export function summaryLines(
  nominees: readonly Pick<CarriedNominee, "tier" | "sector">[]
): SummaryLine[] {
  return TIER_CODES.filter((tier) => nominees.some((n) => n.tier === tier)).flatMap((tier) => [
    ...SECTOR_CODES.filter((sector) =>
      nominees.some((n) => n.tier === tier && n.sector === sector)
    ).map((sector) => ({ tier, sector })),
    { tier, sector: null },
  ]);
}

export function compileSummarySheet(
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  figures: readonly AssessedFigures[],
  layout: AssessmentLayout,
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(SUMMARY_SHEET);
  const m = layout.main;
  const column = (col: number): FormulaNode =>
    range(
      { row: layout.firstRow, col, rowAbsolute: true, colAbsolute: true },
      { row: Math.max(layout.lastRow, layout.firstRow), col, rowAbsolute: true, colAbsolute: true },
      MAIN_SHEET
    );
  const passLine = name(PARAMETER_NAMES.passLine as string);

  sheet.text(1, 1, `${SUMMARY_SHEET} · ${rubric.title}`, STYLE.title);
  SUMMARY_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, STYLE.header));
  summaryLines(nominees).forEach((line, i) => {
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
    const masks: FormulaNode[] = [
      ...(line.sector === null ? [] : [op(column(m.sector), "=", sectorCell)]),
      op(column(m.tier), "=", tierCell),
    ];
    const masked = (value: FormulaNode): FormulaNode =>
      masks.reduceRight((acc, mask) => op(mask, "*", acc), value);
    const ifDone = (formula: FormulaNode): FormulaNode =>
      call("IF", op(done, "=", num(0)), text(""), formula);

    const members = nominees
      .map((n, index) => ({ n, f: figures[index] as AssessedFigures }))
      .filter(
        ({ n }) => n.tier === line.tier && (line.sector === null || n.sector === line.sector)
      );
    const totals = members.flatMap(({ f }) => (f.total === null ? [] : [f.total]));
    const blankIfNone = (value: number): ScalarValue => (totals.length === 0 ? "" : value);

    sheet.text(
      row,
      1,
      line.sector === null ? SUMMARY_TOTAL_LABEL : SECTOR_NAMES[line.sector],
      line.sector === null ? STYLE.header : STYLE.text
    );
    sheet.text(row, 2, TIER_NAMES[line.tier], STYLE.text);
    sheet.formula(row, 3, call("COUNTIFS", ...pairs), members.length, STYLE.number);
    sheet.formula(
      row,
      4,
      call("COUNTIFS", ...pairs, column(m.totalValue), text(">=0")),
      totals.length,
      STYLE.number
    );
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
      blankIfNone(excelRound(totals.reduce((a, b) => a + b, 0) / Math.max(totals.length, 1), 2)),
      STYLE.computed
    );
    sheet.formula(
      row,
      6,
      ifDone(
        call(
          "ROUND",
          op(
            call("SUMPRODUCT", call("MAX", masked(op(column(m.totalValue), "+", num(1))))),
            "-",
            num(1)
          ),
          num(2)
        )
      ),
      blankIfNone(Math.max(...totals)),
      STYLE.computed
    );
    const gap = op(num(BIG), "-", column(m.totalValue));
    sheet.formula(
      row,
      7,
      ifDone(
        call(
          "ROUND",
          op(
            num(BIG),
            "-",
            call(
              "SUMPRODUCT",
              call("MAX", masked(op(op(column(m.totalValue), ">=", num(0)), "*", gap)))
            )
          ),
          num(2)
        )
      ),
      blankIfNone(Math.min(...totals)),
      STYLE.computed
    );
    const passed = members.filter(
      ({ f }) => f.total !== null && f.total >= rubric.passLine && !f.vetoed
    ).length;
    sheet.formula(
      row,
      8,
      call(
        "COUNTIFS",
        ...pairs,
        column(m.totalValue),
        op(text(">="), "&", passLine),
        column(m.veto),
        text(`<>${VETO_YES}`)
      ),
      passed,
      STYLE.number
    );
    const recommended = members.filter(({ f }) => f.recommended === true).length;
    sheet.formula(
      row,
      9,
      call("COUNTIFS", ...pairs, column(m.recommended), text(VETO_YES)),
      recommended,
      STYLE.number
    );
    if (line.sector === null) {
      const quota = name(quotaName(line.tier));
      sheet.formula(
        row,
        10,
        call("IF", op(quota, "=", text("")), text(""), quota),
        rubric.quotas.byTier[line.tier] ?? "",
        STYLE.number
      );
    } else {
      sheet.text(row, 10, null, STYLE.number);
    }
  });
  sheet.column(1, 30);
  for (let c = 2; c <= SUMMARY_HEADERS.length; c++) sheet.column(c, 10);
  sheet.set("freeze", { rows: HEADER_ROW, columns: 0 });
  sheet.set("print", {
    orientation: "landscape",
    paper: "A4",
    repeatRows: { first: HEADER_ROW, last: HEADER_ROW },
    fitToWidth: true,
  });
  sheet.set("protection", password === undefined ? {} : { password });
  return sheet.build();
}
