import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
/**
 * The compiled workbook recalculated by LibreOffice shows what the engine computes (evaluatePlan), in every
 * formula cell of 考核表 and 汇总 (the full randomized cross-check lives in test/crosscheck).
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  BUILTIN_RUBRICS,
  SECTOR_CODES,
  TIER_CODES,
  a1,
  chartSeries,
  columnLetter,
  type CellRange,
  type IsoDate,
  type WorkbookPlan,
} from "../../../src/engine";
import { evaluatePlan } from "../../../src/engine/compute/evaluatePlan";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { gridToXlsxBuffer } from "../../../src/samples/writeSampleXlsx";
import { strFromU8, unzipSync } from "fflate";
import { recalculateWorkbooks } from "../../support/libreoffice";
import { describeWithSoffice } from "../../support/loSuite";
import { nominee } from "./assessmentFixtures";

jest.setTimeout(180_000);

/** mulberry32: the same scores on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Values stored in one sheet of a saved workbook, read from its XML: ExcelJS drops a formula result of 0,
 * which would hide exactly the counts this test compares.
 */
function storedValues(bytes: Uint8Array, sheetName: string): Map<string, number | string> {
  const parts = unzipSync(bytes);
  const text = (partPath: string): string => strFromU8(parts[partPath] ?? new Uint8Array());
  const shared = [...text("xl/sharedStrings.xml").matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...(m[1] ?? "").matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join("")
  );
  const relId = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(
    text("xl/workbook.xml")
  )?.[1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(
      text("xl/_rels/workbook.xml.rels")
    )?.[1] ?? "";
  const values = new Map<string, number | string>();
  for (const m of text(`xl/${target}`).matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?<!\/)>(.*?)<\/c>/gs)) {
    const type = /t="(\w+)"/.exec(m[2] ?? "")?.[1];
    const v = /<v>(.*?)<\/v>/s.exec(m[3] ?? "")?.[1];
    if (v === undefined) continue;
    values.set(
      m[1] as string,
      type === "s" ? (shared[Number(v)] ?? "") : type === "str" || type === "e" ? v : Number(v)
    );
  }
  return values;
}

/** Every series reference of the package's charts, sheet names unquoted, sorted. */
function savedChartReferences(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes);
  return Object.keys(parts)
    .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    .flatMap((p) =>
      [...strFromU8(parts[p] as Uint8Array).matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) =>
        (m[1] ?? "").replace(/&apos;|'/g, "")
      )
    )
    .sort();
}

/** The references 汇总's chart plans give their series. */
function plannedChartReferences(plan: WorkbookPlan): string[] {
  const at = (row: number, col: number): string => `$${columnLetter(col)}$${row}`;
  const area = (r: CellRange): string =>
    r.top === r.bottom && r.left === r.right
      ? `汇总!${at(r.top, r.left)}`
      : `汇总!${at(r.top, r.left)}:${at(r.bottom, r.right)}`;
  const charts = plan.sheets.find((s) => s.name === "汇总")?.charts ?? [];
  expect(charts).toHaveLength(3);
  return charts
    .flatMap(chartSeries)
    .flatMap((s) => [
      area({ top: s.name.row, left: s.name.col, bottom: s.name.row, right: s.name.col }),
      area(s.categories),
      area(s.values),
    ])
    .sort();
}

describeWithSoffice("assessment workbook in LibreOffice", () => {
  it("recalculates every formula of 考核表 and 汇总 to the engine's value", async () => {
    const random = seeded(7);
    // Province quota 3; no quota for cities or counties (blank cells on 评分标准).
    const rubric = { ...BUILTIN_RUBRICS.baiqianwan, quotas: { byTier: { province: 3 } } };
    const count = 40;
    const nominees = Array.from({ length: count }, (_u, i) =>
      nominee({
        name: `示范点${i + 1}`,
        sector: SECTOR_CODES[i % 3] ?? "village",
        // Every tenth nominee has no tier: no rank, no recommendation.
        tier: i % 10 === 9 ? null : (TIER_CODES[i % 2] ?? "city"),
        row: 3 + i,
      })
    );
    const inputs: EnteredInputs[] = nominees.map((_n, i) => ({
      // Mostly high half-point scores, some abstentions; nominees 0 and 2 (same tier) identical: a tie.
      scores: Array.from({ length: 5 }, () =>
        rubric.criteria.map((c) =>
          random() < 0.08 ? null : Math.round(c.max * (0.7 + 0.3 * random()) * 2) / 2
        )
      ),
      satisfaction: random() < 0.1 ? null : Math.round(random() * 400) / 4 + 0 * i,
      veto: random() < 0.1 ? true : null,
    }));
    inputs[2] = inputs[0] as EnteredInputs;
    const compiled = compileWithInputs(
      { nominees, issues: [] },
      { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate },
      inputs
    );

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-plan-lo-"));
    try {
      const source = await gridToXlsxBuffer({
        sheets: [
          {
            name: "推荐汇总",
            hidden: false,
            rows: [[{ type: "text", text: "推荐" }]],
            merges: [],
            hiddenRows: [],
            hiddenColumns: [],
          },
        ],
      });
      const file = path.join(dir, "assessed.xlsx");
      // Written without cached values, so every value read back is LibreOffice's own.
      await fs.writeFile(file, await writePlanToXlsx(source, compiled.plan));
      const engine = evaluatePlan(compiled.plan, { today: "2012-06-30" as IsoDate });
      const [recalculated] = await recalculateWorkbooks([file], path.join(dir, "out"));
      const recalculatedBytes = await fs.readFile(recalculated as string);
      const shown = new Map(
        ["考核表", "汇总"].map((name) => [name, storedValues(recalculatedBytes, name)])
      );
      const differences: string[] = [];
      let compared = 0;
      for (const sheet of compiled.plan.sheets.filter(
        (s) => s.name === "考核表" || s.name === "汇总"
      )) {
        for (const cell of sheet.cells) {
          if (!isFormulaContent(cell.content)) continue;
          compared++;
          const expected = engine.value(sheet.name, cell.row, cell.col);
          const got = shown.get(sheet.name)?.get(a1(cell.row, cell.col)) ?? null;
          const blank = (v: unknown): boolean => v === null || v === "";
          const same =
            blank(expected) || blank(got)
              ? blank(expected) && blank(got)
              : typeof expected === "number" && typeof got === "number"
                ? Math.abs(expected - got) < 1e-6 * Math.max(1, Math.abs(expected))
                : expected === got;
          if (!same)
            differences.push(
              `${sheet.name}!${a1(cell.row, cell.col)}: LibreOffice ${JSON.stringify(got)}, engine ${JSON.stringify(expected)}`
            );
        }
      }
      expect(compared).toBeGreaterThan(count * 10);
      expect(differences.slice(0, 30)).toEqual([]);
      // 汇总's charts survive LibreOffice's open and save as chart parts over the same ranges (issue #13 §5).
      expect(savedChartReferences(recalculatedBytes)).toEqual(
        plannedChartReferences(compiled.plan)
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
