/**
 * A returned copy read as `shifan merge` reads it (readReturnedCopy, on its worker): only what merge reads of it
 * (returnRowsRead: 评分标准's rows and the entry sheet's 类别/级别/地区 below the headers left unread), inflated by
 * Node's zlib; merged exactly as the whole copy read by the reader alone.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { sheetlessWorkbookBytes, writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import { readWorkbookBytes } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { inflateNatively } from "../../src/cli/nativeInflate";
import { readReturnedCopy } from "../../src/cli/readReturnedCopies";
import {
  issueCopies,
  mergeReturns,
  planAssessment,
  returnRowsRead,
  rowsRead,
  type IsoDate,
  type RawCell,
  type ReturnedCopy,
  type WorkbookGrid,
} from "../../src/engine";
import { nominationGrid } from "./assessFixtures";

const NAMES = Array.from({ length: 6 }, (_unused, i) => `第${i + 1}示范点党支部`);
const today = "2012-04-01" as IsoDate;

/** The master, and judge 2's copy returned with every score typed and the second nominee's name edited. */
async function workbooks(): Promise<{ master: WorkbookGrid; copy: Uint8Array }> {
  const planned = planAssessment(nominationGrid(NAMES), {
    judges: 3,
    newAssessmentId: "00000000-0000-4000-8000-000000000002",
    today,
  });
  if (!planned.ok) throw new Error("not planned");
  const masterBytes = await writePlanToXlsx(sheetlessWorkbookBytes(), planned.plan);
  const master = (await readWorkbookBytes(masterBytes, { rowsRead })).grid;
  const issued = issueCopies(master, {
    judges: [2],
    issuedAt: "2012-04-02T00:00:00.000Z",
    today,
    newCopyId: () => "copy-2",
  });
  if (!issued.ok || !issued.copies[0]) throw new Error("not issued");
  const parts = unzipSync(await writePlanToXlsx(sheetlessWorkbookBytes(), issued.copies[0].plan()));
  const entry = Object.keys(parts).find((name) =>
    strFromU8(parts[name] as Uint8Array).includes("评委2 ")
  );
  if (!entry) throw new Error("no entry sheet");
  const xml = strFromU8(parts[entry] as Uint8Array)
    .replace(/<c r="([F-I])(\d+)"( s="\d+")?\/>/g, (whole, col: string, row: string, style = "") =>
      Number(row) < 3 ? whole : `<c r="${col}${row}"${style}><v>${Number(row) + 0.5}</v></c>`
    )
    .replace(NAMES[1] ?? "", "改了名的党支部");
  parts[entry] = strToU8(xml);
  return { master, copy: zipSync(parts) };
}

/** Cells as read without their formula text. */
const valuesOf = (cells: readonly (RawCell | null | undefined)[] | undefined) =>
  cells?.map((cell) => {
    if (cell?.formula === undefined) return cell;
    const { formula: _formula, ...value } = cell;
    return value;
  });

const merged = (master: WorkbookGrid, copy: ReturnedCopy) => {
  const result = mergeReturns(master, [copy], {
    mergedAt: "2012-04-03T00:00:00.000Z",
    output: "cells",
  });
  if (!result.ok) throw new Error(result.failure.code);
  return [result.report, result.messages, result.ignored, result.writes];
};

describe("readReturnedCopy", () => {
  let master: WorkbookGrid;
  let copy: Uint8Array;
  let file: string;
  beforeAll(async () => {
    ({ master, copy } = await workbooks());
    file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "shifan-return-")), "c-评委2.xlsx");
    await fs.writeFile(file, copy);
  });

  it("merges the copy as merge reads it exactly as the whole copy read by the reader alone", async () => {
    const whole = { file: "c-评委2.xlsx", grid: (await readWorkbookBytes(copy)).grid };
    const expected = merged(master, whole);
    expect(expected[0]).toMatchObject({ merged: [{ judge: 2, taken: 24 }] });
    expect(JSON.stringify(expected[2])).toContain("names edited on 1 rows");
    expect(merged(master, await readReturnedCopy(file))).toEqual(expected);
  });

  it("leaves 评分标准's rows and the entry sheet's 类别/级别/地区 below the headers unread (failure twin: the reader alone reads them)", async () => {
    const sheetOf = (grid: WorkbookGrid, name: string) => grid.sheets.find((s) => s.name === name);
    const whole = (await readWorkbookBytes(copy)).grid;
    const cut = (await readWorkbookBytes(copy, { rowsRead: returnRowsRead })).grid;
    expect(sheetOf(whole, "评分标准")?.rows.length).toBeGreaterThan(10);
    expect(sheetOf(cut, "评分标准")?.rows).toEqual([]);
    const [wholeEntry, cutEntry] = [sheetOf(whole, "评委2"), sheetOf(cut, "评委2")];
    expect(cutEntry?.rows.slice(0, 2).map(valuesOf)).toEqual(
      wholeEntry?.rows.slice(0, 2).map(valuesOf)
    );
    for (let row = 2; row < NAMES.length + 2; row++) {
      expect(wholeEntry?.rows[row]?.slice(2, 5).every((cell) => cell?.type === "text")).toBe(true);
      expect(cutEntry?.rows[row]?.slice(2, 5).every((cell) => !cell)).toBe(true);
      expect(cutEntry?.rows[row]?.slice(0, 2)).toEqual(wholeEntry?.rows[row]?.slice(0, 2));
      // A formula's text is not read, its value is.
      expect(cutEntry?.rows[row]?.slice(5)).toEqual(valuesOf(wholeEntry?.rows[row]?.slice(5)));
    }
    expect(sheetOf(cut, "shifan")).toEqual(sheetOf(whole, "shifan"));
  });

  it("reads the same grid inflated by Node's zlib, by fflate when a part is over the limit, and refuses a damaged part either way", async () => {
    const fflate = await readWorkbookBytes(copy);
    const inflated: number[] = [];
    const native = (data: Uint8Array) => {
      const bytes = inflateNatively(data);
      inflated.push(bytes?.length ?? -1);
      return bytes;
    };
    expect(await readWorkbookBytes(copy, { inflateRaw: native })).toEqual(fflate);
    // Every deflated part went through it: the workbook, its relationships, styles and the three sheets at least.
    expect(inflated.length).toBeGreaterThanOrEqual(6);
    expect(inflated.every((length) => length > 0)).toBe(true);
    expect(inflateNatively(zipSync({ a: new Uint8Array(1000) }).subarray(30 + 1), 10)).toBeNull();
    const tooLarge = (data: Uint8Array) => inflateNatively(data, 10);
    expect(await readWorkbookBytes(copy, { inflateRaw: tooLarge })).toEqual(fflate);
    // The entry sheet's deflated bytes overwritten halfway (its local header's name is the first mention).
    const damaged = copy.slice();
    const at = Buffer.from(damaged).indexOf("xl/worksheets/sheet1.xml");
    expect(at).toBeGreaterThan(0);
    damaged.fill(0x41, at + 100, at + 300);
    // The part inflates, but its bytes are not the ones the zip's directory vouches for (a CRC off by one).
    const wrongCrc = copy.slice();
    const central = Buffer.from(wrongCrc).lastIndexOf("xl/worksheets/sheet1.xml") - 46;
    expect(Buffer.from(wrongCrc).readUInt32LE(central)).toBe(0x02014b50);
    wrongCrc[central + 16] = ((wrongCrc[central + 16] ?? 0) + 1) & 0xff;
    for (const inflateRaw of [undefined, (data: Uint8Array) => inflateNatively(data)])
      for (const bytes of [damaged, wrongCrc])
        await expect(
          readWorkbookBytes(bytes, inflateRaw ? { inflateRaw } : {})
        ).rejects.toMatchObject({ name: "XlsxReadError", code: "damaged_file" });
  });
});
