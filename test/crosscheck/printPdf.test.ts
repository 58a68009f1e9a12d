/**
 * Printing as a review meeting does (issue #13 §4): the bundled sample assessed by the command line, printed to PDF
 * by LibreOffice (one soffice call, its own profile) and read back with poppler's pdftotext: each generated
 * sheet's pages, their orientation, their scale and what every page repeats.
 *
 * The scale is measured, not read from the file: rows of the default height (15 pt) stand `15 × scale` apart on
 * paper. Pages are told apart by their header, which names the sheet.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/shifan";
import { SECTOR_NAMES } from "../../src/engine/core/domain";
import { CHART_TITLES } from "../../src/engine";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { captureIo, tempDir } from "../cli/assessFixtures";
import { convertWorkbooksToPdf } from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";

interface PdfWord {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  /** Where the word ends on the right. */
  readonly xEnd: number;
}
interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly words: readonly PdfWord[];
  /** The page's text, words joined by spaces in reading order. */
  readonly text: string;
}

/** Every page of a PDF with its words' positions, from `pdftotext -bbox` (poppler-utils). */
function readPdf(file: string): PdfPage[] {
  const run = spawnSync("pdftotext", ["-bbox", file, "-"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0)
    throw new Error(
      `pdftotext failed (${run.error?.message ?? run.stderr}); install poppler-utils (npm run test:full does)`
    );
  const pages: PdfPage[] = [];
  for (const page of run.stdout.split("<page ").slice(1)) {
    const size = /^width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words = [
      ...page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g
      ),
    ].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      xEnd: Number(m[3]),
      text: unescapeXml(m[4] ?? ""),
    }));
    pages.push({
      width: Number(size?.[1]),
      height: Number(size?.[2]),
      words,
      text: words.map((w) => w.text).join(" "),
    });
  }
  return pages;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The sheet a page belongs to: the header's last word at the top of the page names it. */
function sheetOf(page: PdfPage): string | null {
  const header = page.words.filter((w) => w.y < 40);
  return header.length > 0 ? (header[header.length - 1] as PdfWord).text : null;
}

/**
 * The scale a page printed at: the median distance between the nominee ids in column A (rows of the default
 * 15 pt height) divided by 15. Null with fewer than three ids on the page.
 */
function measuredScale(page: PdfPage): number | null {
  const ys = page.words
    .filter((w) => /^SF-\d{4}$/.test(w.text))
    .map((w) => w.y)
    .sort((a, b) => a - b);
  if (ys.length < 3) return null;
  const gaps = ys.slice(1).map((y, i) => y - (ys[i] as number));
  gaps.sort((a, b) => a - b);
  return (gaps[Math.floor(gaps.length / 2)] as number) / 15;
}

const landscape = (page: PdfPage): boolean => page.width > page.height;

/**
 * The words that start a printed line, in any cell: a word with no word of the same line ending right before it.
 * Chinese has no spaces, so pdftotext makes each line of a cell one word (or a few touching ones).
 */
function lineStarts(page: PdfPage): PdfWord[] {
  const lines = new Map<number, PdfWord[]>();
  for (const word of page.words) {
    const line = Math.round(word.y);
    lines.set(line, [...(lines.get(line) ?? []), word]);
  }
  return [...lines.values()].flatMap((words) => {
    const sorted = [...words].sort((a, b) => a.x - b.x);
    return sorted.filter((word, i) => i === 0 || word.x - (sorted[i - 1] as PdfWord).xEnd > 2);
  });
}

const STARTS_WITH_PUNCTUATION = /^[，。、；：？！）》”’]/;

describeWithSoffice("generated sheets printed to PDF by LibreOffice", () => {
  let bySheet: Map<string, PdfPage[]>;

  beforeAll(async () => {
    const dir = await tempDir();
    const source = path.join(dir, "推荐汇总.xlsx");
    await writeGridAsXlsx(sampleNominationGrid(), source);
    const assessed = path.join(dir, "考核.xlsx");
    const io = captureIo();
    expect(await main(["assess", source, "-o", assessed, "--as-of", "2012-04-01"], io)).toBe(0);
    const [pdf] = await convertWorkbooksToPdf([assessed], path.join(dir, "pdf"));
    const pages = readPdf(pdf as string);
    bySheet = new Map();
    for (const page of pages) {
      const sheet = sheetOf(page);
      if (sheet === null) continue;
      bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), page]);
    }
    await fs.rm(dir, { recursive: true, force: true });
  }, 180_000);

  it("prints every generated sheet landscape on A4, each page footed 第 n 页，共 m 页", () => {
    for (const sheet of ["评分标准", "评委1", "评委5", "考核表", "汇总", "校验结果"]) {
      const pages = bySheet.get(sheet) ?? [];
      expect({ sheet, pages: pages.length > 0 }).toEqual({ sheet, pages: true });
      for (const page of pages) {
        expect({ sheet, landscape: landscape(page) }).toEqual({ sheet, landscape: true });
        // A4 is 842 × 595 points.
        expect(Math.round(Math.max(page.width, page.height))).toBe(842);
        expect(page.text).toMatch(/第 \d+ 页，共 \d+ 页/);
      }
    }
  });

  it("prints 考核表 at 70 % across two pages wide, the title, header, id and name on each page", () => {
    const pages = bySheet.get("考核表") ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(measuredScale(page)).toBeCloseTo(0.7, 1);
      expect(page.text).toContain("考核表 ·");
      expect(page.text).toContain("编号");
      expect(page.text).toContain("名称");
    }
    // The second page across carries the columns the first could not: the note column's header.
    expect(pages.some((page) => page.text.includes("备注"))).toBe(true);
    expect((pages[0] as PdfPage).text).not.toContain("备注");
  });

  it("prints each judge sheet one page wide at 70 % or more, maxima in the header, signed at the end", () => {
    const pages = bySheet.get("评委1") ?? [];
    for (const page of pages) {
      const scale = measuredScale(page);
      if (scale !== null) expect(scale).toBeGreaterThanOrEqual(0.7);
      expect(page.text).toContain("编号");
      expect(page.text).toMatch(/C4 .*（满分 \d+）/);
    }
    const last = pages[pages.length - 1] as PdfPage;
    expect(last.text).toMatch(/评委签名：_+/);
    expect(last.text).toMatch(/日期：_+年_+月_+日/);
  });

  it("prints 汇总's charts with their Chinese titles and labels (issue #13 §5)", () => {
    const text = (bySheet.get("汇总") ?? []).map((page) => page.text).join(" ");
    // Each title at least twice: above its table of figures, and drawn by LibreOffice as the chart's own title.
    for (const title of Object.values(CHART_TITLES))
      expect({ title, twice: text.split(title).length - 1 >= 2 }).toEqual({ title, twice: true });
    // The legends and axes: the grade words from 评分标准 and the tiers, as chart text, not boxes.
    for (const label of ["优秀", "未定等次", "已完成", "未完成", "省级"])
      expect(text).toContain(label);
  });

  it("prints 公示名单 on A4 portrait under its title, the list's columns whole on the page", () => {
    // The sample is assessed unscored: the list is empty, its 30 lines blank, so one page.
    const pages = bySheet.get("公示名单") ?? [];
    expect(pages).toHaveLength(1);
    for (const page of pages) {
      expect(landscape(page)).toBe(false);
      expect(Math.round(page.height)).toBe(842);
      expect(page.text).toContain("建议授牌名单");
      for (const header of ["序号", "单位名称", "所属领域", "推荐单位", "级别"])
        expect(page.text).toContain(header);
      expect(page.text).not.toContain("排序键");
      expect(page.text).toMatch(/第 \d+ 页，共 \d+ 页/);
    }
  });

  it("prints 评委分析 on A4 landscape one page wide, its title on every page, the hidden helpers not at all", () => {
    const pages = bySheet.get("评委分析") ?? [];
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(landscape(page)).toBe(true);
      expect(page.text).toContain("不改变任何分数");
      expect(page.text).not.toContain("名次和");
      const scale = measuredScale(page);
      if (scale !== null) expect(scale).toBeGreaterThanOrEqual(0.7);
    }
    expect(pages.some((page) => page.text.includes("肯德尔和谐系数"))).toBe(true);
    // Every judge's total column prints beside the names (five judges).
    expect(pages.some((page) => page.text.includes("评委5 合计"))).toBe(true);
  });

  it("starts no printed line of 评委分析 with Chinese punctuation (its notes wrapped as 回避与空 / ，白不计 before)", () => {
    const pages = bySheet.get("评委分析") ?? [];
    const firstWords = pages.flatMap((page) => {
      const byLine = new Map<number, PdfWord>();
      for (const word of page.words) {
        const line = Math.round(word.y);
        const first = byLine.get(line);
        if (!first || word.x < first.x) byLine.set(line, word);
      }
      return [...byLine.values()].map((word) => word.text);
    });
    expect(firstWords.some((word) => word.startsWith("平均偏差"))).toBe(true);
    for (const word of firstWords)
      expect({ word, punctuation: STARTS_WITH_PUNCTUATION.test(word) }).toEqual({
        word,
        punctuation: false,
      });
  });

  it("starts no printed line of 评分标准's descriptors with Chinese punctuation (，基础设施完善 before)", () => {
    const pages = bySheet.get("评分标准") ?? [];
    const first = pages.findIndex((page) => page.text.includes("类别 / 评分要点"));
    expect(first).toBeGreaterThanOrEqual(0);
    const starts = pages.slice(first).flatMap((page) => lineStarts(page).map((word) => word.text));
    // The descriptors are there: village's goal (4) starts a cell (and a line) with 班子团结务实廉洁.
    expect(starts.some((word) => word.startsWith("班子团结务实廉洁"))).toBe(true);
    for (const word of starts)
      expect({ word, punctuation: STARTS_WITH_PUNCTUATION.test(word) }).toEqual({
        word,
        punctuation: false,
      });
  });

  it("prints 评分标准 and 校验结果 one page wide, never cut by column", () => {
    for (const page of bySheet.get("校验结果") ?? []) {
      // The first and the last column's headers on every page: the header row repeats and nothing is cut off.
      expect(page.text).toContain("问题");
      expect(page.text).toContain("代码");
    }
    // Fitted to the width, every page starts at column A (a page cut off by column would not), and the
    // descriptors' last criterion prints on the page that heads them. Today's count: 4 (8 portrait pages before).
    const rubric = bySheet.get("评分标准") ?? [];
    expect(rubric.length).toBeGreaterThan(0);
    expect(rubric.length).toBeLessThanOrEqual(4);
    const columnA = ["评分细则", ...Object.values(SECTOR_NAMES)];
    for (const page of rubric) expect(columnA.some((word) => page.text.includes(word))).toBe(true);
    const descriptors = rubric.find((page) => page.text.includes("类别 / 评分要点"));
    expect(descriptors?.text).toContain("C4 加强基层组织");
  });
});
