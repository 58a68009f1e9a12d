/**
 * Meeting mode's model, free of React: parsing what a judge's score box holds, the live results (the engine's
 * liveFigures use case over the workbook's values plus the unsaved edits: no rule is computed here), and the
 * cells a save must write.
 */
import { liveFigures, yesNo, type LiveFigures, type RowFigures, type Rubric } from "../../engine";
import type { CellWrite, MeetingData, MeetingNominee } from "../services/PaneService";

export type ScoreProblem = "not_number" | "out_of_range" | "off_step";

export interface ParsedScore {
  /** null for an empty box: the judge has not scored (never a zero). */
  readonly value: number | null;
  readonly problem: ScoreProblem | null;
}

/** What a judge typed, checked against 0…max in steps of `step`; full-width digits are accepted. */
export function parseScoreText(text: string, max: number, step: number): ParsedScore {
  const halfWidth = text
    .replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim();
  if (halfWidth === "") return { value: null, problem: null };
  if (!/^\d+(\.\d+)?$/.test(halfWidth)) return { value: null, problem: "not_number" };
  const value = Number(halfWidth);
  if (value < 0 || value > max) return { value: null, problem: "out_of_range" };
  // Compare in whole steps with a tolerance: 0.1-style steps are inexact in binary.
  const steps = value / step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return { value: null, problem: "off_step" };
  return { value, problem: null };
}

/** Unsaved edits of one nominee: score box texts by "judge:criterion", satisfaction text, veto choice. */
export interface NomineeEdits {
  readonly scores: Readonly<Record<string, string>>;
  readonly satisfaction?: string;
  readonly veto?: boolean | null;
}

export const scoreKey = (judge: number, criterion: number): string => `${judge}:${criterion}`;

/** The number a box shows for a workbook value: blank for null. */
export function scoreText(value: number | null): string {
  return value === null ? "" : String(value);
}

/** The nominee's inputs with the valid edits applied; an invalid box keeps the workbook's value. */
export function effectiveInputs(
  nominee: MeetingNominee,
  edits: NomineeEdits | undefined,
  rubric: Rubric
) {
  const scores = nominee.scores.map((judgeCells, j) =>
    judgeCells.map((input, c) => {
      const text = edits?.scores[scoreKey(j, c)];
      if (text === undefined) return input.value;
      const parsed = parseScoreText(text, rubric.criteria[c]?.max ?? 0, rubric.scoreStep);
      return parsed.problem ? input.value : parsed.value;
    })
  );
  let satisfaction = nominee.satisfaction.value;
  if (edits?.satisfaction !== undefined) {
    const parsed = parseScoreText(edits.satisfaction, 100, 0.01);
    if (!parsed.problem) satisfaction = parsed.value;
  }
  const veto = edits?.veto !== undefined ? edits.veto : nominee.veto.value;
  return { scores, satisfaction, veto };
}

export interface LiveResult {
  readonly outputs: RowFigures & {
    /** Every criterion scored and satisfaction entered: 考核表 shows a total. */
    readonly complete: boolean;
    /** Judges who scored every criterion (the 评分进度 numerator). */
    readonly judgesComplete: number;
  };
  readonly rank: number | null;
}

/** The engine's figures for every nominee with the edits applied, and 汇总's tier lines. */
export function meetingFigures(
  data: MeetingData,
  edits: Readonly<Record<string, NomineeEdits>>
): LiveFigures {
  return liveFigures(
    data.rubric,
    data.nominees.map((nominee) => ({
      id: nominee.id,
      name: nominee.name,
      sector: nominee.sector,
      tier: nominee.tier,
      inputs: effectiveInputs(nominee, edits[nominee.id], data.rubric),
    })),
    data.recusals ?? []
  );
}

/**
 * Total, grade and rank of every nominee as the workbook's formulas compute them, with the edits applied: a
 * score typed for one nominee can move another's rank.
 */
export function liveResults(
  data: MeetingData,
  edits: Readonly<Record<string, NomineeEdits>>
): LiveResult[] {
  return meetingFigures(data, edits).rows.map((row) => ({
    outputs: {
      ...row,
      complete: row.total !== null,
      judgesComplete: Number(/^(\d+)\//.exec(row.progress ?? "")?.[1] ?? 0),
    },
    rank: row.rank,
  }));
}

/** Only the cells whose valid edited value differs from what the workbook held when it was read. */
export function changedCells(
  nominee: MeetingNominee,
  edits: NomineeEdits | undefined,
  rubric: Rubric
): CellWrite[] {
  if (!edits) return [];
  const writes: CellWrite[] = [];
  nominee.scores.forEach((judgeCells, j) =>
    judgeCells.forEach((input, c) => {
      const text = edits.scores[scoreKey(j, c)];
      if (text === undefined) return;
      const parsed = parseScoreText(text, rubric.criteria[c]?.max ?? 0, rubric.scoreStep);
      if (input.cell !== null && !parsed.problem && parsed.value !== input.value)
        writes.push({ sheet: input.sheet, cell: input.cell, value: parsed.value });
    })
  );
  if (edits.satisfaction !== undefined) {
    const parsed = parseScoreText(edits.satisfaction, 100, 0.01);
    if (!parsed.problem && parsed.value !== nominee.satisfaction.value) {
      writes.push({
        sheet: nominee.satisfaction.sheet,
        cell: nominee.satisfaction.cell,
        value: parsed.value,
      });
    }
  }
  if (edits.veto !== undefined && edits.veto !== nominee.veto.value) {
    // The sheet's veto column is a 是/否 list; blank counts as 否.
    writes.push({
      sheet: nominee.veto.sheet,
      cell: nominee.veto.cell,
      value: edits.veto === null ? null : yesNo(edits.veto),
    });
  }
  return writes;
}

/** Does any box of the nominee hold something that is not a valid score? */
export function hasInvalidEdit(
  nominee: MeetingNominee,
  edits: NomineeEdits | undefined,
  rubric: Rubric
): boolean {
  if (!edits) return false;
  for (const [key, text] of Object.entries(edits.scores)) {
    const criterion = Number(key.split(":")[1]);
    if (parseScoreText(text, rubric.criteria[criterion]?.max ?? 0, rubric.scoreStep).problem)
      return true;
  }
  return (
    edits.satisfaction !== undefined &&
    parseScoreText(edits.satisfaction, 100, 0.01).problem !== null
  );
}

export type GridMove = "up" | "down" | "left" | "right" | "next" | "previous";

/** The box a key press moves to in a judges × criteria grid, reading order for next/previous; null at the edge. */
export function moveInGrid(
  at: { judge: number; criterion: number },
  move: GridMove,
  size: { judges: number; criteria: number }
): { judge: number; criterion: number } | null {
  const flat = at.judge * size.criteria + at.criterion;
  const last = size.judges * size.criteria - 1;
  const fromFlat = (index: number) =>
    index < 0 || index > last
      ? null
      : { judge: Math.floor(index / size.criteria), criterion: index % size.criteria };
  switch (move) {
    case "next":
      return fromFlat(flat + 1);
    case "previous":
      return fromFlat(flat - 1);
    case "right":
      return at.criterion + 1 < size.criteria
        ? { judge: at.judge, criterion: at.criterion + 1 }
        : null;
    case "left":
      return at.criterion > 0 ? { judge: at.judge, criterion: at.criterion - 1 } : null;
    case "down":
      return at.judge + 1 < size.judges ? { judge: at.judge + 1, criterion: at.criterion } : null;
    case "up":
      return at.judge > 0 ? { judge: at.judge - 1, criterion: at.criterion } : null;
  }
}
