/**
 * The generated sheets speak the official's language: no English and no code a person reads, and Chinese written
 * with full-width punctuation. The English description column and the code column of 校验结果 are there on purpose
 * (for a bilingual reader and for filtering), and hidden helper columns are never seen.
 */
import { BUILTIN_RUBRICS, type IsoDate, type WorkbookPlan } from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { compileAssessment } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { sampleRegisterGrid } from "../../../src/samples/sampleRegister";

const TODAY = "2014-06-30" as IsoDate;
/** 校验结果's English description (F) and issue code (G). */
const MEANT_FOR_OTHERS = new Set(["校验结果!6", "校验结果!7"]);

/** Every text a person sees on the generated sheets, with where it is. */
function seenTexts(plan: WorkbookPlan): { at: string; text: string }[] {
  const texts: { at: string; text: string }[] = [];
  for (const sheet of plan.sheets) {
    if (sheet.visibility !== undefined) continue;
    const hidden = new Set(sheet.columns.filter((c) => c.hidden).map((c) => c.col));
    for (const cell of sheet.cells) {
      if (hidden.has(cell.col) || MEANT_FOR_OTHERS.has(`${sheet.name}!${cell.col}`)) continue;
      const at = `${sheet.name}!R${cell.row}C${cell.col}`;
      if (cell.content.kind === "text") texts.push({ at, text: cell.content.text });
      if (cell.content.kind === "formula" && typeof cell.content.cached === "string")
        texts.push({ at, text: cell.content.cached });
      if (cell.note) texts.push({ at: `${at} note`, text: cell.note });
    }
    for (const validation of sheet.validations) {
      for (const box of [validation.prompt, validation.error])
        if (box) texts.push({ at: `${sheet.name} validation`, text: `${box.title}｜${box.text}` });
      if (validation.rule.type === "list")
        texts.push({ at: `${sheet.name} list`, text: validation.rule.choices.join("、") });
    }
  }
  return texts;
}

function assessed(kind: "nominations" | "register"): WorkbookPlan {
  const grid = kind === "register" ? sampleRegisterGrid(TODAY) : sampleNominationGrid();
  const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { quotas: { city: 2 } });
  return compileAssessment(inspectWorkbook(grid), { rubric, asOf: TODAY, today: TODAY }).plan;
}

const SOURCE_SHEETS = new Set(["推荐汇总", "填表说明", "示范点管理台账"]);

describe.each(["nominations", "register"] as const)("generated sheets of the %s sample", (kind) => {
  // What a message quotes from a sheet (“…”) is the source's text, not ours.
  const texts = seenTexts(assessed(kind))
    .filter(({ at }) => !SOURCE_SHEETS.has(at.split("!")[0] ?? ""))
    .map(({ at, text }) => ({ at, text: text.replace(/“[^”]*”/g, "“…”") }));

  it("show no English word and no code", () => {
    // Criterion ids (C1…) and stable ids (SF-0001) are the workbook's own labels; TODAY() names the formula.
    const english = texts.filter(({ text }) =>
      /[A-Za-z]{2,}/.test(text.replace(/\bTODAY\(\)|\bSF-\d+|\b[A-Z]{1,3}\d+\b/g, ""))
    );
    expect(english).toEqual([]);
  });

  it("write Chinese with full-width punctuation", () => {
    const halfWidth = texts.filter(({ text }) =>
      /[\u4e00-\u9fff][,;:()?]|[,;:(?][\u4e00-\u9fff]|[\u4e00-\u9fff] [(（]/.test(text)
    );
    expect(halfWidth).toEqual([]);
  });
});
