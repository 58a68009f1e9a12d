/**
 * 公示名单 (issue #13 §7): the recommended sites as a public notice lists them — 序号, 单位名称, 所属领域, 推荐单位,
 * 级别 — tier by tier (省级, 市级, 县级), within a tier in 考核表's order (a notice says 排名不分先后 and does not
 * publish ranks), recomputed by formulas as 建议授牌 changes. Portrait A4 under a title the official words; the
 * title is kept when the workbook is assessed again (readAssessment reads it back).
 *
 * No dynamic arrays (FILTER/SORT are Excel 2021+): each of 考核表's rows gets a numeric key on a hidden column
 * (its tier's place × PLACE + its row) when recommended, and list line k shows the row whose key is the k-th
 * smallest — SMALL, MATCH and INDEX, which Excel 2010, WPS and LibreOffice compute alike.
 */
import { TIER_CODES } from "../core/domain";
import { RECOMMENDED_WORDS } from "../core/words";
import { call, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import { mainColumn, MAIN_SHEET, PUBLICITY_SHEET, type AssessmentLayout } from "./assessmentLayout";
import { sheetPrint } from "./printSetup";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";

export const PUBLICITY_HEADERS = ["序号", "单位名称", "所属领域", "推荐单位", "级别"] as const;
/** Title on row 1, the count on row 2, the column headers on row 3, the list from row 4. */
export const PUBLICITY_TITLE_ROW = 1;
export const PUBLICITY_HEADER_ROW = 3;
export const PUBLICITY_FIRST_ROW = 4;
/** Row of the hidden cell counting the list (in the position column). */
const PUBLICITY_COUNT_ROW = 2;
/** Hidden helpers: the 考核表 row (1-based within the nominees) list line k shows; each nominee's key. */
export const PUBLICITY_COLUMNS = {
  number: 1,
  name: 2,
  sector: 3,
  region: 4,
  tier: 5,
  position: 7,
  key: 8,
} as const;
/** A tier's keys start at its place × this: above any row number (Excel has 1,048,576 rows). */
const TIER_PLACE = 10_000_000;

/** The title a new 公示名单 gets; the official rewords it on the sheet. */
export function defaultPublicityTitle(rubric: Rubric): string {
  return `${rubric.title}建议授牌名单`;
}

/** The tier's place in TIER_CODES (1, 2, 3) from 考核表's hidden tier-code cell; 0 for a row without a tier. */
function tierPlace(code: FormulaNode): FormulaNode {
  return TIER_CODES.reduceRight<FormulaNode>(
    (otherwise, tier, i) => call("IF", op(code, "=", text(tier)), num(i + 1), otherwise),
    num(0)
  );
}

export function compilePublicitySheet(
  rubric: Rubric,
  layout: AssessmentLayout,
  password: string | undefined,
  title: string = defaultPublicityTitle(rubric)
): SheetPlan {
  const sheet = new SheetBuilder(PUBLICITY_SHEET);
  const m = layout.main;
  const c = PUBLICITY_COLUMNS;
  const count = layout.nomineeCount;
  const first = PUBLICITY_FIRST_ROW;
  const last = first + count - 1;

  sheet.text(PUBLICITY_TITLE_ROW, 1, title, "titleInput");
  sheet.merge({ top: PUBLICITY_TITLE_ROW, left: 1, bottom: PUBLICITY_TITLE_ROW, right: c.tier });
  sheet.rowHeight(PUBLICITY_TITLE_ROW, 40);
  PUBLICITY_HEADERS.forEach((label, i) => sheet.text(PUBLICITY_HEADER_ROW, 1 + i, label, "header"));
  sheet.text(PUBLICITY_HEADER_ROW, c.position, "考核表行", "header");
  sheet.text(PUBLICITY_HEADER_ROW, c.key, "排序键", "header");

  const ordering = "按级别排列，同一级别内排名不分先后";
  if (count === 0) sheet.text(2, 1, `共 0 个（${ordering}）`, "note");
  else {
    const keys = range(
      { row: first, col: c.key, rowAbsolute: true, colAbsolute: true },
      { row: last, col: c.key, rowAbsolute: true, colAbsolute: true }
    );
    // The list's length, counted once (in the hidden position column's row 2): every line compares with it, and
    // a COUNT per line would read the whole key column once per line.
    sheet.formula(PUBLICITY_COUNT_ROW, c.position, call("COUNT", keys), "key");
    const listed = ref(PUBLICITY_COUNT_ROW, c.position, { absolute: true });
    sheet.formula(2, 1, op(op(text("共 "), "&", listed), "&", text(` 个（${ordering}）`)), "note");

    // Nominee i's key, on the list's i-th line: 考核表's row i recommended → tier place × TIER_PLACE + its row.
    const mainRow = layout.firstRow;
    const key = call(
      "IF",
      op(
        ref(mainRow, m.recommended, { sheet: MAIN_SHEET }),
        "=",
        text(RECOMMENDED_WORDS.recommended)
      ),
      op(
        op(tierPlace(ref(mainRow, m.tierCode, { sheet: MAIN_SHEET })), "*", num(TIER_PLACE)),
        "+",
        call("ROW", ref(mainRow, m.id, { sheet: MAIN_SHEET }))
      ),
      text("")
    );
    // Line k (ROWS from the first line to this one) shows the nominee with the k-th smallest key.
    const k = call(
      "ROWS",
      range(
        { row: first, col: c.position, rowAbsolute: true, colAbsolute: true },
        {
          row: first,
          col: c.position,
        }
      )
    );
    const position = call(
      "IF",
      op(k, ">", listed),
      text(""),
      call("MATCH", call("SMALL", keys, k), keys, num(0))
    );
    const shown = ref(first, c.position, { absolute: "col" });
    const ifListed = (formula: FormulaNode): FormulaNode =>
      call("IF", op(shown, "=", text("")), text(""), formula);
    // & "" shows an empty 考核表 cell as empty (INDEX alone would show 0).
    const field = (col: number): FormulaNode =>
      ifListed(op(call("INDEX", mainColumn(layout, col), shown), "&", text("")));
    const lineFormulas: [number, FormulaNode, "listed" | "listedCentered"][] = [
      [c.number, ifListed(k), "listedCentered"],
      [c.name, field(m.name), "listed"],
      [c.sector, field(m.sector), "listed"],
      [c.region, field(m.region), "listed"],
      [c.tier, field(m.tier), "listedCentered"],
    ];
    for (let i = 0; i < count; i++) {
      const row = first + i;
      sheet.filledFormula(row, c.position, position, i, "key");
      sheet.filledFormula(row, c.key, key, i, "key");
      for (const [col, formula, style] of lineFormulas)
        sheet.filledFormula(row, col, formula, i, style);
    }
  }

  sheet.column(c.number, 6);
  sheet.column(c.name, 36);
  sheet.column(c.sector, 24);
  sheet.column(c.region, 16);
  sheet.column(c.tier, 8);
  sheet.column(c.position, 8, true);
  sheet.column(c.key, 12, true);
  sheet.set("freeze", { rows: PUBLICITY_HEADER_ROW, columns: 0 });
  sheet.set(
    "print",
    sheetPrint({
      orientation: "portrait",
      width: sheet.printedWidth(1, c.tier),
      repeatRows: { first: PUBLICITY_TITLE_ROW, last: PUBLICITY_HEADER_ROW },
    })
  );
  sheet.protect(password);
  return sheet.build();
}
