import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
/**
 * The switch-over is safe: over every cross-check scenario, dynamic-management register and 汇总, evaluating the
 * compiled plan's formulas gives every cached value the compilers write today (those come from the JavaScript
 * evaluators). A disagreement names the cell, both values and the formula's sheet.
 */
import { XlsxWorkbookSource } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { evaluatePlan } from "../../../src/engine/compute";
import { a1 } from "../../../src/engine/core/CellRef";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { FormulaError, type CellValue } from "../../../src/engine/interpret";
import { compileAssessment, compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { compileDynamicManagement } from "../../../src/engine/plan/compileDynamicManagement";
import type { ScalarValue, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { BUILTIN_RUBRICS } from "../../../src/engine/rubric";
import { AS_OF, scenarioRubric } from "../../crosscheck/assessScenario";
import { SCENARIO_SPECS, buildScenario } from "../../crosscheck/scenarios";
import { nominationWorkbookBytes } from "../../crosscheck/sourceWorkbook";
import {
  REGISTER_CASES,
  REGISTER_PARAMS,
  registerSites,
  registerWorkbookBytes,
} from "../dynamic/registerFixture";

interface PlanCase {
  readonly id: string;
  readonly today: IsoDate;
  readonly plan: () => Promise<WorkbookPlan>;
}

async function scenarioPlan(id: string): Promise<WorkbookPlan> {
  const scenario = buildScenario(SCENARIO_SPECS.find((s) => s.id === id)!);
  const source = await XlsxWorkbookSource.fromBuffer(
    await nominationWorkbookBytes(scenario)
  ).read();
  return compileWithInputs(
    inspectWorkbook(source),
    { rubric: scenarioRubric(scenario), asOf: AS_OF, today: AS_OF },
    scenario.nominees.map((n) => n.inputs)
  ).plan;
}

const REGISTER_TODAY = "2024-05-17" as IsoDate;

const CASES: readonly PlanCase[] = [
  ...SCENARIO_SPECS.map((spec): PlanCase => ({
    id: `scenario ${spec.id}`,
    today: AS_OF,
    plan: () => scenarioPlan(spec.id),
  })),
  {
    id: "register assessed (评分标准 holds the parameters)",
    today: REGISTER_PARAMS.asOf,
    plan: async () => {
      const grid = await XlsxWorkbookSource.fromBuffer(await registerWorkbookBytes()).read();
      return compileAssessment(inspectWorkbook(grid), {
        rubric: BUILTIN_RUBRICS.baiqianwan,
        asOf: REGISTER_PARAMS.asOf,
        today: REGISTER_PARAMS.asOf,
      }).plan;
    },
  },
  {
    id: "register with its own parameter cells and this cycle's results typed in",
    today: REGISTER_PARAMS.asOf,
    plan: async () => {
      const { sites } = await registerSites(await registerWorkbookBytes(), (_n, i) =>
        i % 3 === 0 ? { total: 80 + i, veto: i % 2 === 0 } : null
      );
      return compileDynamicManagement(sites, { params: REGISTER_PARAMS, parameterCells: "own" });
    },
  },
  {
    id: "register whose as-of cell is =TODAY()",
    today: REGISTER_TODAY,
    plan: async () => {
      const { sites } = await registerSites(await registerWorkbookBytes(REGISTER_CASES));
      return compileDynamicManagement(sites, {
        params: { ...REGISTER_PARAMS, asOf: REGISTER_TODAY },
        parameterCells: "own",
        asOfToday: true,
      });
    },
  },
];

/** A cached value and a computed one show alike: "" is a formula's empty text, numbers must be the same double. */
function sameValue(cached: ScalarValue, computed: CellValue | undefined): boolean {
  if (computed instanceof FormulaError || computed === undefined) return false;
  if (typeof cached === "number" && typeof computed === "number")
    return Object.is(cached, computed);
  return cached === computed;
}

describe("evaluatePlan reproduces the cached values the compilers write", () => {
  it.each(CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const plan = await c.plan();
    const values = evaluatePlan(plan, { today: c.today });
    const differences: string[] = [];
    let compared = 0;
    for (const sheet of plan.sheets) {
      for (const cell of sheet.cells) {
        if (!isFormulaContent(cell.content)) continue;
        compared++;
        const computed = values.value(sheet.name, cell.row, cell.col);
        if (!sameValue(cell.content.cached, computed))
          differences.push(
            `'${sheet.name}'!${a1(cell.row, cell.col)}: cached ${JSON.stringify(cell.content.cached)}, evaluated ${String(
              computed instanceof FormulaError ? computed.code : JSON.stringify(computed)
            )}`
          );
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(values.circular).toEqual([]);
    expect(differences.slice(0, 30)).toEqual([]);
  });
});
