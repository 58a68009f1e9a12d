/**
 * 汇总's charts as OOXML parts (issue #13 §5): a drawing and a chart part per chart, series pointing at 汇总's own
 * formula cells with the plan's values cached, and nothing duplicated or left behind when a workbook is assessed
 * again; judges' copies carry no chart.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { main } from "../../../src/cli/shifan";
import { writePlanToXlsx, emptyWorkbookBytes } from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  BUILTIN_RUBRICS,
  chartSeries,
  type CellRange,
  type ChartPlan,
  type IsoDate,
  type WorkbookPlan,
} from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { withCachedValues } from "../../../src/engine/usecases/cachedValues";
import { columnLetter } from "../../../src/engine/core";
import { writeGridAsXlsx } from "../../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { captureIo, tempDir } from "../../cli/assessFixtures";
import { nominee } from "../../engine/plan/assessmentFixtures";

type Parts = Record<string, Uint8Array>;
const textOf = (parts: Parts, name: string): string => {
  const bytes = parts[name];
  if (!bytes) throw new Error(`no part ${name}`);
  return strFromU8(bytes);
};
const chartParts = (parts: Parts) =>
  Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
const drawingParts = (parts: Parts) =>
  Object.keys(parts).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));

/** The worksheet part of a sheet, through workbook.xml and its relationships. */
function sheetPart(parts: Parts, sheetName: string): string {
  const workbook = textOf(parts, "xl/workbook.xml");
  const sheet = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rels = textOf(parts, "xl/_rels/workbook.xml.rels");
  const target = new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels);
  return `xl/${(target?.[1] ?? "").replace(/^\/?xl\//, "")}`;
}

/** Targets of a part's relationships of one type, resolved against the part's folder. */
function related(parts: Parts, part: string, type: string): string[] {
  const folder = part.slice(0, part.lastIndexOf("/"));
  const relsPath = `${folder}/_rels/${part.slice(folder.length + 1)}.rels`;
  if (!parts[relsPath]) return [];
  return [...textOf(parts, relsPath).matchAll(/<Relationship [^>]*>/g)]
    .filter((m) => m[0].includes(`/relationships/${type}"`))
    .map((m) => path.posix.normalize(`${folder}/${/Target="([^"]+)"/.exec(m[0])?.[1] ?? ""}`));
}

const absolute = (range: CellRange): string => {
  const at = (row: number, col: number) => `$${columnLetter(col)}$${row}`;
  return range.top === range.bottom && range.left === range.right
    ? `'汇总'!${at(range.top, range.left)}`
    : `'汇总'!${at(range.top, range.left)}:${at(range.bottom, range.right)}`;
};

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3, quotas: { province: 1 } });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
const panel = (c1: number): EnteredInputs => ({
  scores: [0, 1, 2].map(() => [c1, 20, 25, 25]),
  satisfaction: 100,
  veto: null,
});

function assessedPlan(): WorkbookPlan {
  const { plan } = compileWithInputs(
    {
      nominees: [
        nominee({ name: "a", sector: "community" }),
        nominee({ name: "b", sector: "village" }),
        nominee({ name: "c", sector: "village", tier: "city" }),
      ],
      issues: [],
    },
    settings,
    [panel(30), panel(5), { scores: [], satisfaction: null, veto: null }]
  );
  return withCachedValues(plan, settings.today);
}

describe("汇总's charts in the .xlsx package", () => {
  let plan: WorkbookPlan;
  let charts: readonly ChartPlan[];
  let parts: Parts;

  beforeAll(async () => {
    plan = assessedPlan();
    charts = plan.sheets.find((s) => s.name === "汇总")?.charts ?? [];
    parts = unzipSync(await writePlanToXlsx(emptyWorkbookBytes(), plan));
  });

  it("gives 汇总 one drawing holding one chart part per chart, each with its content type", () => {
    expect(charts).toHaveLength(3);
    const summary = sheetPart(parts, "汇总");
    // The charts start a printed page of their own: the break's id is the last row before them.
    const ending =
      /<pageSetup [^>]*\/>(<headerFooter>.*<\/headerFooter>)?<rowBreaks count="1" manualBreakCount="1"><brk id="(\d+)" max="16383" man="1"\/><\/rowBreaks><drawing r:id="rId3"\/><\/worksheet>$/.exec(
        textOf(parts, summary)
      );
    expect(Number(ending?.[2])).toBe((charts[0] as ChartPlan).anchor.top - 1);
    const drawings = related(parts, summary, "drawing");
    expect(drawings).toEqual(drawingParts(parts));
    expect(drawings).toHaveLength(1);
    const held = related(parts, drawings[0] as string, "chart");
    expect(held.sort()).toEqual(chartParts(parts).sort());
    expect(held).toHaveLength(3);
    const types = textOf(parts, "[Content_Types].xml");
    expect(types).toContain(
      `<Override PartName="/${drawings[0]}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
    );
    for (const chart of held)
      expect(types).toContain(
        `<Override PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
      );
    // Only 汇总 has charts.
    for (const sheet of plan.sheets.filter((s) => s.name !== "汇总"))
      expect({
        sheet: sheet.name,
        drawings: related(parts, sheetPart(parts, sheet.name), "drawing"),
      }).toEqual({
        sheet: sheet.name,
        drawings: [],
      });
  });

  it("anchors each chart on its cells and points its series at the plan's ranges of 汇总", () => {
    const drawing = textOf(parts, drawingParts(parts)[0] as string);
    const anchors = [
      ...drawing.matchAll(
        /<xdr:from><xdr:col>(\d+)<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/g
      ),
    ].map((m) => [Number(m[1]) + 1, Number(m[2]) + 1]);
    expect(anchors).toEqual(charts.map((c) => [c.anchor.left, c.anchor.top]));
    const drawingPath = drawingParts(parts)[0] as string;
    related(parts, drawingPath, "chart").forEach((chartPath, i) => {
      const chart = charts[i] as ChartPlan;
      const xml = textOf(parts, chartPath);
      const refs = [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) =>
        (m[1] ?? "").replace(/&apos;/g, "'")
      );
      expect(refs).toEqual(
        chartSeries(chart).flatMap((s) => [
          absolute({ top: s.name.row, left: s.name.col, bottom: s.name.row, right: s.name.col }),
          absolute(s.categories),
          absolute(s.values),
        ])
      );
      expect(xml).toContain(`<a:t>${chart.title}</a:t>`);
      const direction = chart.kind === "barStacked" ? "bar" : "col";
      expect(xml).toContain(`<c:barDir val="${direction}"/>`);
    });
  });

  it("caches the values the plan computed, so a viewer that does not recalculate draws the same chart", () => {
    const progress = charts[2] as ChartPlan;
    const xml = textOf(
      parts,
      related(parts, drawingParts(parts)[0] as string, "chart")[2] as string
    );
    // Province: a and b scored; city: c not yet.
    expect(/<c:tx><c:strRef>.*?<c:v>([^<]*)<\/c:v>/.exec(xml)?.[1]).toBe("已完成");
    const numbers = [...xml.matchAll(/<c:numCache>(.*?)<\/c:numCache>/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1]))
    );
    expect(numbers).toEqual([
      [2, 0],
      [0, 1],
    ]);
    expect(progress.kind).toBe("barStacked");
  });

  it("replaces the charts when the plan is written again: no part duplicated, none left behind", async () => {
    const again = unzipSync(
      await writePlanToXlsx(await writePlanToXlsx(emptyWorkbookBytes(), plan), plan)
    );
    expect(drawingParts(again)).toHaveLength(1);
    expect(chartParts(again)).toHaveLength(3);
    const drawing = related(again, sheetPart(again, "汇总"), "drawing");
    expect(drawing).toEqual(drawingParts(again));
    expect(related(again, drawing[0] as string, "chart").sort()).toEqual(chartParts(again).sort());
    const types = textOf(again, "[Content_Types].xml");
    expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(3);
  });

  it("writes no drawing for a sheet without charts", async () => {
    const withoutCharts: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map(({ charts: _charts, ...sheet }) => sheet),
    };
    const bare = unzipSync(await writePlanToXlsx(emptyWorkbookBytes(), withoutCharts));
    expect(drawingParts(bare)).toEqual([]);
    expect(chartParts(bare)).toEqual([]);
    expect(textOf(bare, sheetPart(bare, "汇总"))).not.toContain("<drawing ");
  });
});

describe("charts through the command line", () => {
  it("keeps three charts when an assessed workbook is assessed again, and gives judges' copies none", async () => {
    const dir = await tempDir();
    try {
      const source = path.join(dir, "推荐汇总.xlsx");
      await writeGridAsXlsx(sampleNominationGrid(), source);
      const first = path.join(dir, "考核.xlsx");
      const second = path.join(dir, "考核2.xlsx");
      expect(
        await main(["assess", source, "-o", first, "--as-of", "2012-04-01"], captureIo())
      ).toBe(0);
      expect(
        await main(["assess", first, "-o", second, "--as-of", "2012-04-01"], captureIo())
      ).toBe(0);
      for (const file of [first, second]) {
        const parts = unzipSync(await fs.readFile(file));
        expect({
          file: path.basename(file),
          drawings: drawingParts(parts).length,
          charts: chartParts(parts).length,
        }).toEqual({
          file: path.basename(file),
          drawings: 1,
          charts: 3,
        });
      }
      expect(await main(["copies", second, "-o", path.join(dir, "copies")], captureIo())).toBe(0);
      const copies = await fs.readdir(path.join(dir, "copies"));
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies) {
        const parts = unzipSync(await fs.readFile(path.join(dir, "copies", copy)));
        expect({
          copy,
          charts: chartParts(parts).length,
          drawings: drawingParts(parts).length,
        }).toEqual({
          copy,
          charts: 0,
          drawings: 0,
        });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
