/** 评委n: one sheet per judge, separable for mailing out and merging back; only the score cells are unlocked. */
import { SECTOR_CODES, SECTOR_NAMES, TIER_NAMES, type SectorCode } from "../core/domain";
import { call, name, num, op, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import { isJudgeEntry, type CarriedNominee, type EnteredInputs } from "./AssessmentModel";
import {
  HEADER_ROW,
  meetingPrint,
  IDENTITY_COLUMNS,
  judgeSheetName,
  maxName,
  type AssessmentLayout,
} from "./assessmentLayout";
import { HIGHLIGHT } from "./assessmentStyles";
import { invalidScore } from "./entryRules";
import { SheetBuilder, textContent } from "./SheetBuilder";
import { wrappedRowHeight } from "./printSetup";
import type { CellContent, SheetPlan } from "./SheetPlan";
import { RECUSAL_KEY_SEPARATOR, recusalKeys } from "./compileRecusalSheet";

/** Excel refuses a validation whose prompt title exceeds 32 characters or whose text exceeds 255. */
const MAX_PROMPT_TITLE = 32;
const MAX_PROMPT_TEXT = 255;
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const IDENTITY_HEADERS = ["编号", "名称", "类别", "级别", "推荐单位"] as const;

/** The identity columns' widths, the same on every sheet that shows them (judges', groups', 考核表). */
export const IDENTITY_WIDTHS = { id: 10, name: 28, sector: 16, tier: 8, region: 16 } as const;
const IDENTITY_KEYS = ["id", "name", "sector", "tier", "region"] as const;

/** A nominee's identity cells: contents, and the row height that shows them whole (null: one line is enough). */
interface IdentityCells {
  readonly contents: readonly CellContent[];
  readonly height: number | null;
}

/** The identity columns whose text wraps in its column: a long name, sector or 推荐单位 (编号 and 级别 are short). */
const WRAPPED = new Set<(typeof IDENTITY_KEYS)[number]>(["name", "sector", "region"]);

/**
 * Each nominee's identity cells, made on the first sheet that shows the nominee and put on every other
 * (five judge sheets and 考核表): one set of objects per nominee instead of six.
 */
const identityCells = new WeakMap<CarriedNominee, IdentityCells>();

function identityOf(nominee: CarriedNominee): IdentityCells {
  let cells = identityCells.get(nominee);
  if (!cells) {
    const texts = [
      nominee.id,
      nominee.name,
      nominee.sector === null ? null : SECTOR_NAMES[nominee.sector],
      nominee.tier === null ? null : TIER_NAMES[nominee.tier],
      nominee.region,
    ];
    cells = {
      contents: texts.map(textContent),
      // A long name (or sector, or 推荐单位) wraps and the row grows to show it: left on one line it printed cut off
      // by the next cell.
      height: wrappedRowHeight(
        IDENTITY_KEYS.flatMap((key, i) => {
          const text = texts[i];
          return text && WRAPPED.has(key) ? [{ text, width: IDENTITY_WIDTHS[key] }] : [];
        })
      ),
    };
    identityCells.set(nominee, cells);
  }
  return cells;
}

/**
 * Name, sector, tier and region of a nominee on its row: always text cells, never formulas. Name, sector and
 * 推荐单位 wrap, every row of them (one style down the column, so the pane formats each column in one piece).
 */
export function writeIdentity(sheet: SheetBuilder, row: number, nominee: CarriedNominee): void {
  const { contents, height } = identityOf(nominee);
  IDENTITY_KEYS.forEach((key, i) =>
    sheet.put(
      row,
      IDENTITY_COLUMNS[key],
      contents[i] ?? textContent(null),
      WRAPPED.has(key) ? "textWrap" : "text"
    )
  );
  if (height !== null) sheet.textRowHeight(row, height);
}

/** The identity headers and widths; returns the headers written, for fitting the header row to its labels. */
export function writeIdentityHeaders(sheet: SheetBuilder): { col: number; text: string }[] {
  IDENTITY_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, "header"));
  for (const key of IDENTITY_KEYS) sheet.column(IDENTITY_COLUMNS[key], IDENTITY_WIDTHS[key]);
  return IDENTITY_HEADERS.map((text, i) => ({ col: 1 + i, text }));
}

/** The lines a judge signs and dates under the last nominee, as on a paper score sheet. */
export const SIGNATURE_LINE = "评委签名：________________";
export const DATE_LINE = "日期：________年____月____日";

/** A criterion header's note: each present sector's own descriptor, so the judge reads what to score. */
function descriptorNote(
  rubric: Rubric,
  c: number,
  sectors: readonly SectorCode[]
): string | undefined {
  const criterion = rubric.criteria[c];
  if (!criterion) return undefined;
  const lines = sectors.flatMap((sector) => {
    const text = criterion.descriptors[sector];
    return text ? [`【${SECTOR_NAMES[sector]}】${text}`] : [];
  });
  return lines.length > 0
    ? `${criterion.label}（满分见“评分标准”）\n${lines.join("\n")}`
    : undefined;
}

/**
 * A typed entry no formula counts (text, TRUE/FALSE) at judge `judge` (0-based; null: the satisfaction) and criterion
 * `criterion`, as cell content: regeneration writes it back where it stood, so the person's data is never lost and
 * the row keeps showing 待更正 until it is corrected (RULES §4.3). Undefined where there is none.
 */
export function rejectedAt(
  inputs: EnteredInputs,
  judge: number | null,
  criterion: number
): CellContent | undefined {
  const entry = inputs.rejected?.find(
    (e) => isJudgeEntry(e) && e.judge === judge && e.criterion === criterion
  );
  return entry === undefined ? undefined : typedContent(entry.value);
}

/** The same for rater `rater` (0-based) of rater group `group` (its code), on the group's sheet. */
export function raterRejectedAt(
  inputs: EnteredInputs,
  group: string,
  rater: number
): CellContent | undefined {
  const entry = inputs.rejected?.find(
    (e) => !isJudgeEntry(e) && e.group === group && e.rater === rater
  );
  return entry === undefined ? undefined : typedContent(entry.value);
}

function typedContent(value: string | boolean): CellContent {
  return typeof value === "boolean" ? { kind: "bool", value } : { kind: "text", text: value };
}

/** What a judge sheet's 回避 column shows on a recused row. */
export const RECUSED_MARK = "回避";
export const RECUSAL_HEADER = "回避";

/**
 * How a judge sheet knows which rows the judge is recused from: in the assessment, formulas over 回避 (its keys
 * down to `lastRow`); in a judge's copy, which has no 回避 sheet, the ids as the assessment's formulas gave them.
 */
export type RecusalSource =
  | { readonly kind: "register"; readonly lastRow: number }
  | { readonly kind: "fixed"; readonly ids: ReadonlySet<string> };

/**
 * The formulas of a judge sheet's first row for its 回避 column and its hidden 计入 columns (what 考核表 counts:
 * the score, or "" on a recused row or a blank cell), filled down.
 */
export function judgeRowFormulas(
  judge: number,
  layout: AssessmentLayout,
  lastRecusalRow: number
): { recused: FormulaNode; counted: FormulaNode[] } {
  const row = layout.firstRow;
  const idCell = ref(row, IDENTITY_COLUMNS.id, { absolute: "col" });
  const recused = call(
    "IF",
    op(
      call(
        "COUNTIF",
        recusalKeys(lastRecusalRow),
        op(text(`${judge}${RECUSAL_KEY_SEPARATOR}`), "&", idCell)
      ),
      ">",
      num(0)
    ),
    text(RECUSED_MARK),
    text("")
  );
  const flag = ref(row, layout.judgeRecusalColumn, { absolute: "col" });
  const counted = layout.judgeScoreColumns.map((col) => {
    const score = ref(row, col);
    return call(
      "IF",
      call("OR", op(flag, "<>", text("")), op(score, "=", text(""))),
      text(""),
      score
    );
  });
  return { recused, counted };
}

export function compileJudgeSheet(
  judge: number,
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  password: string | undefined,
  recusal: RecusalSource = { kind: "fixed", ids: new Set() }
): SheetPlan {
  const sheet = new SheetBuilder(judgeSheetName(judge));
  const lastCol =
    layout.judgeScoreColumns[layout.judgeScoreColumns.length - 1] ?? IDENTITY_COLUMNS.region;
  const presentSectors = SECTOR_CODES.filter((sector) => nominees.some((n) => n.sector === sector));

  sheet.text(1, 1, `${judgeSheetName(judge)} 评分表 · ${rubric.title}`, "title");
  const headers = writeIdentityHeaders(sheet);
  rubric.criteria.forEach((criterion, c) => {
    const col = layout.judgeScoreColumns[c] as number;
    const note = descriptorNote(rubric, c, presentSectors);
    // The id first, as readers find the criterion by the header's first word; the maximum a judge may give,
    // read from 评分标准's cell so an edited maximum shows at once (issue #11 §6), as the validation follows it.
    const label = `${criterion.id} ${criterion.label}（满分 ${criterion.max}）`;
    sheet.put(
      HEADER_ROW,
      col,
      {
        kind: "formula",
        formula: op(
          op(text(`${criterion.id} ${criterion.label}（满分 `), "&", name(maxName(criterion.id))),
          "&",
          text("）")
        ),
        cached: null,
      },
      "header",
      note === undefined ? {} : { note }
    );
    sheet.column(col, 14);
    headers.push({ col, text: label });
  });
  sheet.fitRowToText(HEADER_ROW, headers);

  const recusalCol = layout.judgeRecusalColumn;
  sheet.text(HEADER_ROW, recusalCol, RECUSAL_HEADER, "header", {
    note: "回避：本评委需回避此推荐对象，此行分数不计入",
  });
  sheet.column(recusalCol, 6);
  const formulas =
    recusal.kind === "register" ? judgeRowFormulas(judge, layout, recusal.lastRow) : null;
  if (formulas)
    layout.judgeCountedColumns.forEach((col, c) => {
      sheet.text(HEADER_ROW, col, `${rubric.criteria[c]?.id ?? ""} 计入`, "header");
      sheet.column(col, 8, true);
    });

  nominees.forEach((nominee, i) => {
    const row = layout.firstRow + i;
    writeIdentity(sheet, row, nominee);
    const scores = nominee.inputs.scores[judge - 1] ?? [];
    // In a copy, a recused row's cells are locked and grey: the judge cannot type there.
    const fixedRecused = recusal.kind === "fixed" && recusal.ids.has(nominee.id);
    const style = fixedRecused ? "recusedInput" : "input";
    layout.judgeScoreColumns.forEach((col, c) => {
      const typed = rejectedAt(nominee.inputs, judge - 1, c);
      if (typed === undefined) sheet.number(row, col, scores[c] ?? null, style);
      else sheet.put(row, col, typed, style);
    });
    if (formulas) {
      sheet.filledFormula(row, recusalCol, formulas.recused, i, "computedText");
      layout.judgeCountedColumns.forEach((col, c) =>
        sheet.filledFormula(row, col, formulas.counted[c] as FormulaNode, i, "number")
      );
    } else sheet.text(row, recusalCol, fixedRecused ? RECUSED_MARK : null, "computedText");
  });

  if (nominees.length > 0) {
    rubric.criteria.forEach((criterion, c) => {
      const col = layout.judgeScoreColumns[c] as number;
      const range = { top: layout.firstRow, left: col, bottom: layout.lastRow, right: col };
      const max = name(maxName(criterion.id));
      sheet.validate({
        range,
        rule: { type: "decimal", min: num(0), max },
        allowBlank: true,
        prompt: {
          title: clip(`${criterion.id} ${criterion.label}`, MAX_PROMPT_TITLE),
          text: clip(
            `请输入 0～${criterion.max} 分（步长 ${rubric.scoreStep}）；不评请留空`,
            MAX_PROMPT_TEXT
          ),
        },
        error: {
          title: "分数无效",
          text: clip(`分数应在 0～${criterion.max} 之间（满分见“评分标准”）`, MAX_PROMPT_TEXT),
        },
      });
      sheet.highlight({
        range,
        when: invalidScore(ref(layout.firstRow, col), max),
        style: HIGHLIGHT.error,
      });
    });
    if (formulas) {
      const rowRange = { top: layout.firstRow, left: 1, bottom: layout.lastRow, right: recusalCol };
      const scoreRange = {
        top: layout.firstRow,
        left: layout.judgeScoreColumns[0] ?? recusalCol,
        bottom: layout.lastRow,
        right: lastCol,
      };
      const flag = ref(layout.firstRow, recusalCol, { absolute: "col" });
      // A score typed on a recused row anyway is not counted: shown as an error, before the row's grey.
      sheet.highlight({
        range: scoreRange,
        when: call(
          "AND",
          op(flag, "<>", text("")),
          op(ref(layout.firstRow, layout.judgeScoreColumns[0] ?? recusalCol), "<>", text(""))
        ),
        style: HIGHLIGHT.error,
      });
      sheet.highlight({
        range: rowRange,
        when: op(flag, "<>", text("")),
        style: HIGHLIGHT.recused,
      });
    }
    sheet.set("autoFilter", {
      top: HEADER_ROW,
      left: 1,
      bottom: layout.lastRow,
      right: recusalCol,
    });
  }
  // Signature and date under the table, in the name column and the score columns: column A holds only ids.
  const signatureRow = layout.firstRow + nominees.length + 1;
  sheet.text(signatureRow, IDENTITY_COLUMNS.name, SIGNATURE_LINE, "signature");
  sheet.text(signatureRow, layout.judgeScoreColumns[0] ?? lastCol, DATE_LINE, "signature");
  sheet.rowHeight(signatureRow, 30);
  sheet.set("freeze", { rows: HEADER_ROW, columns: IDENTITY_COLUMNS.name });
  sheet.set("print", meetingPrint(sheet.printedWidth(1, lastCol)));
  sheet.protect(password);
  sheet.set("tabColor", "FFC000");
  return sheet.build();
}
