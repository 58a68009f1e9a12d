import { BUILTIN_RUBRICS, type Rubric } from "../../src/engine";
import {
  changedCells,
  effectiveInputs,
  hasInvalidEdit,
  liveResults,
  moveInGrid,
  parseScoreText,
  scoreKey,
} from "../../src/taskpane/meeting/meetingModel";
import type { MeetingData, MeetingNominee } from "../../src/taskpane/services/PaneService";

/** C1 max 30, C2 20, C3 25, C4 25; three judges so the plain mean applies (RULES §4). */
const rubric: Rubric = { ...BUILTIN_RUBRICS.baiqianwan, judges: 3, minJudges: 3 };

function nominee(
  id: string,
  scores: (number | null)[][],
  satisfaction: number | null,
  tier: MeetingNominee["tier"] = "city"
): MeetingNominee {
  return {
    id,
    name: `示范点${id}`,
    sector: "village",
    tier,
    scores: scores.map((judge, j) =>
      judge.map((value, c) => ({
        sheet: `评委${j + 1}`,
        cell: `${"FGHI"[c]}${3 + Number(id.slice(-1))}`,
        value,
      }))
    ),
    satisfaction: { sheet: "考核表", cell: `M${3 + Number(id.slice(-1))}`, value: satisfaction },
    veto: { sheet: "考核表", cell: `N${3 + Number(id.slice(-1))}`, value: null },
    totalCell: { sheet: "考核表", cell: `O${3 + Number(id.slice(-1))}` },
    status: null,
  };
}

const blankScores = (): (number | null)[][] => [
  [null, null, null, null],
  [null, null, null, null],
  [null, null, null, null],
];

/** Every judge gives every criterion its maximum: 30, 20, 25, 25. */
function fullMarksFromEveryJudge(): Record<string, string> {
  const boxes: Record<string, string> = {};
  for (let j = 0; j < 3; j++)
    rubric.criteria.forEach((criterion, c) => (boxes[scoreKey(j, c)] = String(criterion.max)));
  return boxes;
}

describe("parseScoreText", () => {
  it.each([
    ["28", 28],
    ["27.5", 27.5],
    ["０", 0],
    ["２７．５", 27.5],
    [" 30 ", 30],
  ])("accepts %p as %p", (text, value) => {
    expect(parseScoreText(text, 30, 0.5)).toEqual({ value, problem: null });
  });

  it("reads an empty box as not scored, never as zero", () => {
    expect(parseScoreText("", 30, 0.5)).toEqual({ value: null, problem: null });
  });

  it.each([
    ["abc", "not_number"],
    ["-1", "not_number"],
    ["=1+1", "not_number"],
    ["30.5", "out_of_range"],
    ["31", "out_of_range"],
    ["27.3", "off_step"],
  ])("refuses %p (%s)", (text, problem) => {
    expect(parseScoreText(text, 30, 0.5)).toEqual({ value: null, problem });
  });
});

describe("moveInGrid", () => {
  const size = { judges: 3, criteria: 4 };
  it("moves to the next box in reading order, wrapping to the next judge", () => {
    expect(moveInGrid({ judge: 0, criterion: 3 }, "next", size)).toEqual({
      judge: 1,
      criterion: 0,
    });
    expect(moveInGrid({ judge: 1, criterion: 0 }, "previous", size)).toEqual({
      judge: 0,
      criterion: 3,
    });
  });
  it("moves with the arrows and stops at the edges", () => {
    expect(moveInGrid({ judge: 0, criterion: 1 }, "down", size)).toEqual({
      judge: 1,
      criterion: 1,
    });
    expect(moveInGrid({ judge: 0, criterion: 1 }, "up", size)).toBeNull();
    expect(moveInGrid({ judge: 2, criterion: 3 }, "right", size)).toBeNull();
    expect(moveInGrid({ judge: 2, criterion: 3 }, "next", size)).toBeNull();
    expect(moveInGrid({ judge: 0, criterion: 0 }, "left", size)).toBeNull();
  });
});

describe("liveResults", () => {
  // Criterion means 27, 17.67, 22.33, 22.33 → panel 89.33; total 89.33·0.8 + 90·0.2 = 89.464 → 89.46, 良好.
  const scored = [
    [28, 18, 22, 23],
    [27, 18, 23, 22],
    [26, 17, 22, 22],
  ];

  it("computes total, grade and rank from the workbook values", () => {
    const data: MeetingData = { rubric, nominees: [nominee("SF-0001", scored, 90)] };
    const [live] = liveResults(data, {});
    expect(live?.outputs.panel).toBe(89.33);
    expect(live?.outputs.total).toBe(89.46);
    expect(live?.outputs.grade).toBe("良好");
    expect(live?.rank).toBe(1);
  });

  it("applies unsaved edits, and a better score moves another nominee down", () => {
    const data: MeetingData = {
      rubric,
      nominees: [nominee("SF-0001", scored, 90), nominee("SF-0002", blankScores(), 95)],
    };
    const edits = { "SF-0002": { scores: fullMarksFromEveryJudge() } };
    const [first, second] = liveResults(data, edits);
    // 100 panel, 95 satisfaction → 99, 优秀, rank 1 in the city tier.
    expect(second?.outputs.total).toBe(99);
    expect(second?.outputs.grade).toBe("优秀");
    expect(second?.rank).toBe(1);
    expect(first?.rank).toBe(2);
  });

  it("leaves an incomplete nominee without total, grade or rank", () => {
    const data: MeetingData = { rubric, nominees: [nominee("SF-0001", blankScores(), 90)] };
    const [live] = liveResults(data, { "SF-0001": { scores: { [scoreKey(0, 0)]: "28" } } });
    expect(live?.outputs.total).toBeNull();
    expect(live?.outputs.grade).toBeNull();
    expect(live?.rank).toBeNull();
    expect(live?.outputs.judgesComplete).toBe(0);
  });

  it("ignores an invalid box and keeps the workbook value for it", () => {
    const data = nominee("SF-0001", scored, 90);
    const inputs = effectiveInputs(data, { scores: { [scoreKey(0, 0)]: "99" } }, rubric);
    expect(inputs.scores[0]?.[0]).toBe(28);
  });
});

describe("changedCells", () => {
  const scored = [
    [28, 18, 22, 23],
    [27, 18, 23, 22],
    [26, 17, 22, 22],
  ];

  it("writes only the boxes whose value changed", () => {
    const data = nominee("SF-0001", scored, 90);
    const writes = changedCells(
      data,
      { scores: { [scoreKey(0, 0)]: "28", [scoreKey(1, 2)]: "24.5", [scoreKey(2, 3)]: "" } },
      rubric
    );
    expect(writes).toEqual([
      { sheet: "评委2", cell: "H4", value: 24.5 },
      { sheet: "评委3", cell: "I4", value: null },
    ]);
  });

  it("writes nothing for edits that restore the original values", () => {
    const data = nominee("SF-0001", scored, 90);
    expect(
      changedCells(data, { scores: { [scoreKey(0, 0)]: "28.0" }, satisfaction: "90" }, rubric)
    ).toEqual([]);
  });

  it("never writes an invalid box", () => {
    const data = nominee("SF-0001", scored, 90);
    const edits = { scores: { [scoreKey(0, 0)]: "31" } };
    expect(changedCells(data, edits, rubric)).toEqual([]);
    expect(hasInvalidEdit(data, edits, rubric)).toBe(true);
    expect(hasInvalidEdit(data, { scores: { [scoreKey(0, 0)]: "30" } }, rubric)).toBe(false);
  });

  it("writes satisfaction as a number and the veto as the sheet word 是", () => {
    const data = nominee("SF-0001", scored, 90);
    expect(changedCells(data, { scores: {}, satisfaction: "92.5", veto: true }, rubric)).toEqual([
      { sheet: "考核表", cell: "M4", value: 92.5 },
      { sheet: "考核表", cell: "N4", value: "是" },
    ]);
  });
});
