/**
 * Issue #10 §2: generated workbooks pinned cell for cell — every value, formula text and cached value of every
 * sheet, and the defined names. A change to what shifan writes shows here line by line. When the change is
 * intended, regenerate the pins with `UPDATE_PINS=1 npx jest test/pinned` and say in the commit message what
 * changed and why (see test/pinned/README.md).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { makePinnedWorkbooks, type PinnedWorkbook } from "./pinnedScenarios";
import {
  describeDifferences,
  linesToText,
  pinDifferences,
  textToLines,
  workbookLines,
  type PinnedLine,
} from "./workbookText";

jest.setTimeout(120_000);

const PIN_DIR = path.join(__dirname, "workbooks");
const UPDATING = process.env.UPDATE_PINS === "1";

let work: string;
let made: PinnedWorkbook[];
const linesOf = new Map<string, PinnedLine[]>();

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "shifan-pins-"));
  made = await makePinnedWorkbooks(work);
  for (const workbook of made) linesOf.set(workbook.id, await workbookLines(workbook.bytes));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const IDS = [
  "baiqianwan-5judges-blank",
  "baiqianwan-5judges-scored",
  "wuhao-3judges-scored",
  "reassessment-source-changed",
  "register-dynamic-scored",
  "register-next-cycle",
];

describe("pinned workbooks", () => {
  it("makes exactly the workbooks that are pinned", () => {
    expect(made.map((workbook) => workbook.id)).toEqual(IDS);
  });

  it.each(IDS)("%s matches its pin cell for cell", (id) => {
    const workbook = made.find((candidate) => candidate.id === id);
    const lines = linesOf.get(id);
    if (!workbook || !lines) throw new Error(`${id} was not made`);
    const file = path.join(PIN_DIR, `${id}.pin.txt`);
    const text = linesToText(`${id}: ${workbook.how}`, lines);
    if (UPDATING) {
      writeFileSync(file, text);
      return;
    }
    if (!existsSync(file))
      throw new Error(`no pin ${file}: run UPDATE_PINS=1 npx jest test/pinned to write it`);
    const differences = pinDifferences(textToLines(readFileSync(file, "utf8")), lines);
    if (differences.length > 0)
      throw new Error(
        `${id}: ${describeDifferences(differences)}\n` +
          "If this change is intended, run UPDATE_PINS=1 npx jest test/pinned and say why in the commit message."
      );
    // Same lines in the same order: nothing moved either.
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it("holds formulas with their cached values and the scores typed in", () => {
    const lines = new Map(
      (linesOf.get("baiqianwan-5judges-scored") ?? []).map((l) => [l.key, l.text])
    );
    // Nominee 10 (row 12): judge 5 typed the maxima; the total is cached beside its formula.
    expect(lines.get("评委5!F12")).toBe("F12 30");
    expect(lines.get("考核表!M3")).toMatch(/^M3 =.+ → 92\.6$/);
  });
});

describe("comparing a workbook with its pin", () => {
  const pinned = textToLines(
    [
      "# sample",
      "== sheet 考核表 [visible]",
      'A3 "SF-0001"',
      "N3 =ROUND(J3*SF_WeightPanel+K3*SF_WeightSatisfaction,2) → 85",
      "== defined names",
      "SF_PassLine '评分标准'!$B$10",
      "",
    ].join("\n")
  );

  it("finds nothing when every line is the same", () => {
    expect(pinDifferences(pinned, pinned)).toEqual([]);
  });

  it("reports a changed cached value by sheet and cell", () => {
    const now = pinned.map((line) =>
      line.key === "考核表!N3" ? { ...line, text: line.text.replace("→ 85", "→ 84.99") } : line
    );
    expect(pinDifferences(pinned, now)).toEqual([
      {
        key: "考核表!N3",
        pinned: "N3 =ROUND(J3*SF_WeightPanel+K3*SF_WeightSatisfaction,2) → 85",
        now: "N3 =ROUND(J3*SF_WeightPanel+K3*SF_WeightSatisfaction,2) → 84.99",
      },
    ]);
  });

  it("reports a cell that vanished and a name that appeared", () => {
    const now = [
      ...pinned.filter((line) => line.key !== "考核表!A3"),
      { key: "name:SF_Extra", text: "SF_Extra '评分标准'!$B$20" },
    ];
    expect(
      pinDifferences(pinned, now).map((d) => [d.key, d.pinned === null, d.now === null])
    ).toEqual([
      ["name:SF_Extra", true, false],
      ["考核表!A3", false, true],
    ]);
  });
});
