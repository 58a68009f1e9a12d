/**
 * Hooks dynamic management into the assessment workbook: when any nominee has an award date (a register, or
 * a nomination sheet with some awarded sites), the 动态管理, 待办清单 and 动态管理汇总 sheets are added, and
 * 考核表's reserved 动态管理状态 column shows each awarded row's status. A workbook without award dates is
 * left exactly as compiled.
 */
import type { Nominee } from "../core/Nominee";
import type { CompiledAssessment } from "./compileAssessment";
import { MAIN_SHEET } from "./assessmentLayout";
import type { SheetPlan } from "./SheetPlan";
import {
  assessmentStatusCells,
  compileDynamicManagement,
  statusConditionalFormats,
} from "./compileDynamicManagement";
import { dynamicSites, type DynamicSite } from "../dynamic/dynamicSites";

/**
 * The compiled assessment with dynamic management added; the parameters (as-of date, cycle, window, pass line)
 * are 评分标准's named cells.
 *
 * @example const compiled = attachDynamicManagement(compileRows(rows, issues, settings), inspected.nominees)
 */
export function attachDynamicManagement(
  compiled: CompiledAssessment,
  sourceNominees: readonly Nominee[]
): CompiledAssessment {
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

  // This cycle's total and veto are 考核表's cells (formulas on 动态管理), so the sites carry none of their own.
  const sites = dynamicSites(
    awarded.map((r) => r.nominee),
    (_nominee, k) => awarded[k]?.carried.id ?? "",
    (_nominee, k) => {
      const row = awarded[k];
      return row === undefined
        ? null
        : { total: null, veto: null, assessmentRow: compiled.layout.firstRow + row.index };
    }
  );
  return withDynamicSites(compiled, sites);
}

/**
 * The compiled assessment with the dynamic-management sheets of `sites` (each linked to its 考核表 row by
 * `assessmentRow`), 评分标准 holding the parameters.
 */
export function withDynamicSites(
  compiled: CompiledAssessment,
  sites: readonly DynamicSite[]
): CompiledAssessment {
  const { layout } = compiled;
  if (sites.length === 0) return compiled;
  const dynamic = compileDynamicManagement(sites, {
    parameterCells: "host",
    assessment: { sheet: MAIN_SHEET, totalCol: layout.main.total, vetoCol: layout.main.veto },
  });
  const statusCells = assessmentStatusCells(sites, layout.main.status);
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
