/**
 * 评分标准's descriptors on paper: a built-in descriptor is written broken into lines so no printed line starts with
 * "，" (LibreOffice wraps Chinese anywhere in a cell), and the rubric read back from the sheet is the built-in text
 * without those breaks. Text a person typed, or a descriptor of a rubric of their own, is written and read as it is.
 */
import { BUILTIN_RUBRICS, type IsoDate, type WorkbookGrid } from "../../../src/engine";
import { a1 } from "../../../src/engine/core/CellRef";
import { SECTOR_CODES, type SectorCode } from "../../../src/engine/core/domain";
import { rubricSheetLayout, RUBRIC_SHEET } from "../../../src/engine/plan/assessmentLayout";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { brokenForWidth, textWidth } from "../../../src/engine/plan/printSetup";
import type { WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { readAssessment } from "../../../src/engine/report/readAssessment";
import { withOverrides, type Rubric } from "../../../src/engine/rubric/Rubric";
import { nominee, planCell, planToGrid, withCell } from "./assessmentFixtures";

const asOf = "2012-06-30" as IsoDate;

function compiled(rubric: Rubric): WorkbookPlan {
  const settings = { rubric: withOverrides(rubric, { judges: 3 }), asOf, today: asOf };
  return compileWithInputs(
    { nominees: [nominee({ name: "阳光社区党支部" })], issues: [] },
    settings,
    []
  ).plan;
}

/** The cell of 评分标准 that holds criterion `c`'s descriptor for `sector`. */
function descriptorCell(rubric: Rubric, c: number, sector: SectorCode): string {
  const at = rubricSheetLayout(rubric.criteria.length, rubric.gradeBands.length);
  return a1(at.descriptorsHeaderRow + 1 + SECTOR_CODES.indexOf(sector), 2 + c);
}

function writtenText(plan: WorkbookPlan, cell: string): string {
  const content = planCell(plan, RUBRIC_SHEET, cell)?.content;
  if (content?.kind !== "text") throw new Error(`${RUBRIC_SHEET}!${cell} holds no text`);
  return content.text;
}

function readRubric(grid: WorkbookGrid): Rubric {
  const read = readAssessment(grid);
  if (!read.ok) throw new Error(`not an assessment: ${read.failure.code}`);
  return read.state.rubric;
}

const BUILTINS = [BUILTIN_RUBRICS.baiqianwan, BUILTIN_RUBRICS.wuhao];
/** Closing marks a printed line must not start with. */
const CLOSING = /^[，。、；：？！）》”’]/;

describe("评分标准's descriptors", () => {
  it.each(BUILTINS.map((rubric) => [rubric.id, rubric] as const))(
    "writes every %s descriptor in lines that fit its column, none starting with a closing mark",
    (_id, rubric) => {
      const plan = compiled(rubric);
      const sheet = plan.sheets.find((s) => s.name === RUBRIC_SHEET);
      let broken = 0;
      rubric.criteria.forEach((criterion, c) => {
        const width = sheet?.columns?.find((column) => column.col === 2 + c)?.width ?? 0;
        for (const sector of SECTOR_CODES) {
          const cell = descriptorCell(rubric, c, sector);
          const text = writtenText(plan, cell);
          expect({ cell, words: text.replace(/\n/g, "") }).toEqual({
            cell,
            words: criterion.descriptors[sector],
          });
          const lines = text.split("\n");
          if (lines.length > 1) broken++;
          for (const line of lines) {
            expect({ cell, line, fits: textWidth(line) <= width - 1 }).toEqual({
              cell,
              line,
              fits: true,
            });
            expect({ cell, line, closing: CLOSING.test(line) }).toEqual({
              cell,
              line,
              closing: false,
            });
          }
        }
      });
      // Long enough to need breaking: most of them are.
      expect(broken).toBeGreaterThan(rubric.criteria.length * 5);
    }
  );

  it.each(BUILTINS.map((rubric) => [rubric.id, rubric] as const))(
    "reads the %s descriptors back from the sheet as the rubric has them, without the printed line breaks",
    (_id, rubric) => {
      const read = readRubric(planToGrid(compiled(rubric)));
      expect(read.criteria.map((criterion) => criterion.descriptors)).toEqual(
        rubric.criteria.map((criterion) => criterion.descriptors)
      );
    }
  );

  it("reads a descriptor a person changed as they left it, line breaks and all", () => {
    const rubric = BUILTIN_RUBRICS.baiqianwan;
    const grid = planToGrid(compiled(rubric));
    const goal = rubric.criteria[3]?.descriptors.village ?? "";
    const cell = descriptorCell(rubric, 3, "village");
    // The built-in words with the person's own breaks (laid out for a wider column), their own words broken as
    // shifan would break them, and the built-in words typed on one line.
    const ownBreaks = brokenForWidth(goal, 40);
    const ownWords = brokenForWidth(`${goal}另加一句。`, 30);
    for (const typed of [ownBreaks, ownWords, goal]) {
      const edited = withCell(grid, RUBRIC_SHEET, cell, { type: "text", text: typed });
      expect(readRubric(edited).criteria[3]?.descriptors.village).toBe(typed);
    }
    expect(ownBreaks).toContain("\n");
    expect(ownBreaks).not.toBe(brokenForWidth(goal, 30));
  });

  it("writes and reads a descriptor of the official's own rubric as given, unbroken", () => {
    const own =
      "自定义的评分要点，较长的一段文字，用来说明这一项怎样评分，评委据此打分，不拆成多行。";
    const base = BUILTIN_RUBRICS.baiqianwan;
    const rubric: Rubric = {
      ...base,
      id: "custom",
      criteria: base.criteria.map((criterion) => ({ ...criterion, descriptors: { village: own } })),
    };
    const plan = compiled(rubric);
    expect(writtenText(plan, descriptorCell(rubric, 0, "village"))).toBe(own);
    expect(readRubric(planToGrid(plan)).criteria[0]?.descriptors).toEqual({ village: own });
  });
});
