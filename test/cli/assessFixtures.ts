/** A small nomination workbook on disk, and an in-memory CliIo, for the assess and report command tests. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { CliIo } from "../../src/cli/CliIo";
import { main } from "../../src/cli/shifan";
import type { AssessmentReport, RawCell, WorkbookGrid } from "../../src/engine";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";

const t = (text: string): RawCell => ({ type: "text", text });
const n = (value: number): RawCell => ({ type: "number", value });

export const NOMINATION_NAMES = ["阳光社区党支部", "星沙街道党工委", "桃花村党总支"] as const;

export function nominationGrid(names: readonly string[] = NOMINATION_NAMES): WorkbookGrid {
  const sectors = ["社区", "街道", "村"];
  return {
    sheets: [
      {
        name: "推荐汇总",
        hidden: false,
        rows: [
          [t("2011年示范点推荐汇总表")],
          [t("序号"), t("推荐单位"), t("名称"), t("类别"), t("推荐级别")],
          ...names.map((name, i) => [
            n(i + 1),
            t("长沙市"),
            t(name),
            t(sectors[i % sectors.length] ?? "社区"),
            t("省级"),
          ]),
        ],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  };
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "shifan-assess-"));
}

export async function writeNominations(dir: string, names?: readonly string[]): Promise<string> {
  const file = path.join(dir, "nominations.xlsx");
  await writeGridAsXlsx(nominationGrid(names), file);
  return file;
}

export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    out: () => out,
    err: () => err,
  };
}

/** The command line run in-process: its exit code and what it wrote. */
export async function shifan(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** `shifan report FILE --json`, parsed; throws with what it said on stderr when it fails. */
export async function reportOf(file: string): Promise<AssessmentReport> {
  const run = await shifan("report", file, "--json");
  if (run.code !== 0) throw new Error(`report ${file}: ${run.err}`);
  return JSON.parse(run.out) as AssessmentReport;
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false
  );
}

/**
 * The bytes with numbers typed into cells of one sheet, by editing that sheet's XML only — as Excel
 * saving a typed score would; every other part (the generated-sheet markers included) stays as it was.
 */
export function typeNumbers(
  bytes: Uint8Array,
  sheetName: string,
  values: Readonly<Record<string, number>>
): Uint8Array {
  const parts = unzipSync(bytes);
  const text = (partPath: string): string => strFromU8(parts[partPath] ?? new Uint8Array());
  const sheetTag =
    new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*/>`).exec(text("xl/workbook.xml"))?.[0] ?? "";
  const relId = /r:id="([^"]+)"/.exec(sheetTag)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*/>`).exec(
    text("xl/_rels/workbook.xml.rels")
  )?.[0];
  const partTarget = target && /Target="([^"]+)"/.exec(target)?.[1];
  if (!partTarget) throw new Error(`test fixture: no sheet ${sheetName}`);
  const partPath = partTarget.startsWith("/") ? partTarget.slice(1) : `xl/${partTarget}`;
  let xml = text(partPath);
  for (const [a1, value] of Object.entries(values)) {
    const cell = new RegExp(`<c r="${a1}"([^>]*?)(/>|>.*?</c>)`).exec(xml);
    if (!cell) throw new Error(`test fixture: no cell ${a1} on ${sheetName}`);
    const style = /\bs="(\d+)"/.exec(cell[1] ?? "")?.[1];
    xml = xml.replace(
      cell[0],
      `<c r="${a1}"${style === undefined ? "" : ` s="${style}"`}><v>${value}</v></c>`
    );
  }
  parts[partPath] = strToU8(xml);
  return zipSync(parts);
}
