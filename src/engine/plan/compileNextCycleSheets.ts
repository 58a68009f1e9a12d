/** 考评历史 and 已淘汰 as plain-value sheets for `shifan next-cycle` (nothing there computes). */
import { VETO_WORDS } from "../core/words";
import { isoDateToSerial, type IsoDate } from "../core/IsoDate";
import {
  ELIMINATED_HEADERS,
  ELIMINATED_SHEET,
  FIRST_ENTRY_ROW,
  HISTORY_HEADERS,
  HISTORY_SHEET,
} from "../dynamic/dynamicLayout";
import type { NextCycle } from "../dynamic/planNextCycle";
import type { CellContent, CellPlan, SheetPlan } from "./SheetPlan";
import type { StyleId } from "./cellStyles";

/** 考评历史 and 已淘汰 as plain-value sheets (nothing there computes). */
export function nextCycleSheets(next: NextCycle): SheetPlan[] {
  const historyRows = next.history.map((e) => [
    txt(e.id),
    txtOrBlank(e.name),
    date(e.reviewedOn),
    score(e.score),
    txt(e.veto ? VETO_WORDS.vetoed : VETO_WORDS.notVetoed),
  ]);
  const eliminatedRows = next.eliminated.map((e) => [
    txt(e.id),
    txtOrBlank(e.name),
    txt(e.tierName),
    txt(e.sectorName),
    e.awardedOn === null ? blank() : date(e.awardedOn),
    e.eliminatedOn === null ? blank() : date(e.eliminatedOn),
    e.score === null ? blank() : score(e.score),
    e.veto === null ? blank() : txt(e.veto ? VETO_WORDS.vetoed : VETO_WORDS.notVetoed),
    txt(e.reason),
  ]);
  return [
    valueSheet(
      HISTORY_SHEET,
      "示范点历次考评记录",
      HISTORY_HEADERS,
      historyRows,
      [12, 30, 12, 10, 9]
    ),
    valueSheet(
      ELIMINATED_SHEET,
      "已淘汰示范点（保留备查）",
      ELIMINATED_HEADERS,
      eliminatedRows,
      [12, 30, 8, 18, 12, 12, 9, 9, 24]
    ),
  ];
}

function valueSheet(
  name: string,
  title: string,
  headers: readonly string[],
  rows: readonly CellContent[][],
  widths: readonly number[]
): SheetPlan {
  const styleOf = (content: CellContent): StyleId =>
    content.kind === "date" ? "dateCentered" : content.kind === "number" ? "score" : "text";
  const cells: CellPlan[] = [{ row: 1, col: 1, content: txt(title), style: "title" }];
  headers.forEach((header, c) =>
    cells.push({ row: 2, col: c + 1, content: txt(header), style: "headerPlain" })
  );
  rows.forEach((values, r) =>
    values.forEach((content, c) => {
      if (content.kind !== "blank")
        cells.push({ row: FIRST_ENTRY_ROW + r, col: c + 1, content, style: styleOf(content) });
    })
  );
  return {
    name,
    cells,
    columns: widths.map((width, c) => ({ col: c + 1, width })),
    merges: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 2, columns: 0 },
    print: {
      orientation: "portrait",
      paper: "A4",
      repeatRows: { first: 2, last: 2 },
      fitToWidth: true,
    },
  };
}

function txt(value: string): CellContent {
  return { kind: "text", text: value };
}
function txtOrBlank(value: string | null): CellContent {
  return value === null ? blank() : txt(value);
}
function blank(): CellContent {
  return { kind: "blank" };
}
function date(value: IsoDate): CellContent {
  return { kind: "date", serial: isoDateToSerial(value) };
}
function score(value: number): CellContent {
  return { kind: "number", value };
}
