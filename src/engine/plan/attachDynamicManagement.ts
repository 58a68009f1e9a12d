/**
 * Hooks dynamic management into the assessment workbook: when any nominee has an award date (a register, or
 * a nomination sheet with some awarded sites), the 动态管理, 待办清单 and 动态管理汇总 sheets are added, and
 * 考核表's reserved 动态管理状态 column shows each awarded row's status. A workbook without award dates is
 * left exactly as compiled.
 */
import type { IsoDate } from "../core/IsoDate";
import type { Nominee } from "../core/Nominee";
import type { CompiledAssessment } from "./compileAssessment";
import { MAIN_SHEET } from "./assessmentLayout";
import type { SheetPlan } from "./SheetPlan";
import {
  assessmentStatusCells,
  compileDynamicManagement,
  statusConditionalFormats,
} from "./compileDynamicManagement";
import { dynamicSites } from "../dynamic/dynamicSites";

/**
 * The compiled assessment with dynamic management added. `asOf` is the date the cached values assume (the
 * fixed as-of date, or today when 评分标准 says =TODAY()); the rubric gives the cycle, window and pass line.
 *
 * @example const compiled = attachDynamicManagement(compileRows(rows, issues, settings), inspected.nominees, '2014-06-30')
 */
export function attachDynamicManagement(
  compiled: CompiledAssessment,
  sourceNominees: readonly Nominee[],
  asOf: IsoDate
): CompiledAssessment {
  const { layout, rubric } = compiled;
  const bySource = new Map(
    sourceNominees.map((nominee) => [`${nominee.sheet}\u0000${nominee.row}`, nominee])
  );
  // Rows of 考核表 in order, each with its source nominee (a vanished row has none, hence no status).
  const rows = compiled.nominees.map((carried, i) => ({
    carried,
    index: i,
    nominee: bySource.get(`${carried.source.sheet}\u0000${carried.source.row}`),
  }));
  const awarded = rows.filter(
    (r): r is typeof r & { nominee: Nominee } =>
      r.nominee !== undefined && r.nominee.awardedOn !== null
  );
  if (awarded.length === 0) return compiled;

  const sites = dynamicSites(
    awarded.map((r) => r.nominee),
    (_nominee, k) => awarded[k]?.carried.id ?? "",
    (_nominee, k) => {
      const row = awarded[k];
      const figures = row === undefined ? undefined : compiled.figures[row.index];
      if (row === undefined || figures === undefined) return null;
      return {
        total: figures.total,
        veto: figures.vetoed,
        assessmentRow: layout.firstRow + row.index,
      };
    }
  );

  const dynamic = compileDynamicManagement(sites, {
    params: {
      asOf,
      cycleMonths: rubric.dynamic.cycleMonths,
      windowDays: rubric.dynamic.windowDays,
      passLine: rubric.passLine,
    },
    parameterCells: "host",
    assessment: { sheet: MAIN_SHEET, totalCol: layout.main.total, vetoCol: layout.main.veto },
  });
  const statusCells = assessmentStatusCells(sites, dynamic.outputs, layout.main.status);
  const taken = new Set(statusCells.map((cell) => cell.row));
  const withStatus = (sheet: SheetPlan): SheetPlan =>
    sheet.name !== MAIN_SHEET
      ? sheet
      : {
          ...sheet,
          cells: [
            ...sheet.cells.filter(
              (cell) => !(cell.col === layout.main.status && taken.has(cell.row))
            ),
            ...statusCells,
          ],
          conditionalFormats: [
            ...sheet.conditionalFormats,
            ...statusConditionalFormats(
              {
                top: layout.firstRow,
                left: layout.main.status,
                bottom: Math.max(layout.lastRow, layout.firstRow),
                right: layout.main.status,
              },
              Math.max(0, ...sheet.conditionalFormats.map((format) => format.priority)) + 1
            ),
          ],
        };
  return {
    ...compiled,
    plan: {
      sheets: [...compiled.plan.sheets.map(withStatus), ...dynamic.sheets],
      names: compiled.plan.names,
      styles: { ...compiled.plan.styles, ...dynamic.styles },
    },
  };
}
