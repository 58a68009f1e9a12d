/** A scenario's nomination workbook (推荐申报表), laid out the way provincial offices send them: a title row, then the table. */
import ExcelJS from "exceljs";
import { SECTOR_NAMES, TIER_NAMES } from "../../src/engine/core";
import type { Scenario } from "./scenarios";

export const SOURCE_SHEET = "推荐汇总";
/** Row of the header; nominees follow it in scenario order. */
export const SOURCE_HEADER_ROW = 2;

export async function nominationWorkbookBytes(scenario: Scenario): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SOURCE_SHEET);
  sheet.addRow([`交叉核对${scenario.id}：创先争优活动示范点推荐汇总表`]);
  sheet.mergeCells(1, 1, 1, 5);
  sheet.addRow(["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]);
  scenario.nominees.forEach((nominee, i) => {
    sheet.addRow([
      i + 1,
      nominee.region,
      nominee.name,
      SECTOR_NAMES[nominee.sector],
      TIER_NAMES[nominee.tier],
    ]);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
