/**
 * Issue #9 §5 over the fake Excel: 分发 builds the judges' copies from the open workbook inside the pane (the same
 * engine use case and writer as `shifan copies`, fflate in place of zlib) and hands them to the host's delivery;
 * 回收 reads returned files with the command line's reader, merges them with the same use case as `shifan merge`
 * and writes only the values taken, then 合并记录 — judges' copies and rater groups' (decision 0025).
 */
import { FakeWorkbook } from "../../src/adapters/officejs/fake/FakeExcel";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readXlsxPackage } from "../../src/adapters/xlsx/read/readXlsxPackage";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { type MergeReport } from "../../src/engine";
import { editWithLibreOffice, type WorkbookEdit } from "../../src/tools/libreofficeEdit";
import { readIdentity } from "../../src/engine/report/readIdentity";
import type { DeliveredFile, FileDelivery } from "../../src/taskpane/services/FileDelivery";
import { toBase64 } from "../../src/taskpane/services/FileDelivery";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import type { MergeOutcome } from "../../src/taskpane/services/PaneService";
import { WorkbookPaneService } from "../../src/taskpane/services/WorkbookPaneService";
import { typeNumbers } from "../cli/assessFixtures";
import { convertWorkbooksToXls } from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";

const quiet = { progress: () => undefined, cancel: { cancelled: false } };

async function paneWithAssessment(
  delivered: DeliveredFile[][],
  rubricId: "baiqianwan" | "sanpingyi" = "baiqianwan"
) {
  const book = FakeWorkbook.fromGrid(sampleNominationGrid());
  const delivery: FileDelivery = {
    mode: "download",
    deliver: async (files) => void delivered.push([...files]),
  };
  const service = new WorkbookPaneService(
    workbookAccessOverHost(book.host()),
    delivery,
    () => "样例"
  );
  const generated = await service.generate(
    { rubricId, judges: 3, quotas: {}, password: "", mappingOverrides: {} },
    quiet
  );
  if (!generated.ok) throw new Error(generated.failure.code);
  return { book, service };
}

function reportOf(outcome: MergeOutcome): MergeReport {
  if (!outcome.ok) throw new Error(outcome.failure.code);
  return outcome.report;
}

describe("the pane's 分发 and 回收 over the fake Excel", () => {
  it("issues one copy per judge asked for, each a readable workbook with the stamp, through the host's delivery", async () => {
    const delivered: DeliveredFile[][] = [];
    const { service } = await paneWithAssessment(delivered);
    const issued = await service.issueCopies([1, 3]);
    if (!issued.ok) throw new Error(issued.failure.code);
    expect(issued.delivery).toBe("download");
    expect(issued.copies.map((c) => c.fileName)).toEqual(["样例-评委1.xlsx", "样例-评委3.xlsx"]);
    expect(delivered[0]?.map((f) => f.name)).toEqual(["样例-评委1.xlsx", "样例-评委3.xlsx"]);
    const grid = readXlsxPackage(delivered[0]?.[1]?.bytes as Uint8Array).grid;
    expect(grid.sheets.map((s) => s.name)).toEqual(["评委3", "评分标准", "shifan"]);
    const identity = readIdentity(grid);
    expect(identity.kind === "identity" && identity.entries.get("copy.judge")).toBe("3");
  });

  it("refuses a judge the workbook does not have, delivering nothing", async () => {
    const delivered: DeliveredFile[][] = [];
    const { service } = await paneWithAssessment(delivered);
    const issued = await service.issueCopies([7]);
    expect(issued.ok).toBe(false);
    expect(delivered).toEqual([]);
  });

  it("merges returned files: values taken written into the judge's sheet, a conflict listed and left, 合并记录 added", async () => {
    const delivered: DeliveredFile[][] = [];
    const { book, service } = await paneWithAssessment(delivered);
    const issued = await service.issueCopies([2]);
    if (!issued.ok) throw new Error(issued.failure.code);
    const copy = delivered[0]?.[0]?.bytes as Uint8Array;
    const returned = typeNumbers(copy, "评委2", { F3: 25, G4: 17.5 });
    book.typeInto("评委2", "F3", 11); // the official changed F3 after issuing
    const report = reportOf(
      await service.mergeReturns([{ name: "back.xlsx", bytes: returned }], false)
    );
    expect(report.merged).toEqual([{ file: "back.xlsx", judge: 2, taken: 1 }]);
    expect(report.conflicts.map((c) => [c.cell, c.master, c.copy])).toEqual([
      ["'评委2'!F3", 11, 25],
    ]);
    expect(book.cellValue("评委2", "G4")).toBe(17.5);
    expect(book.cellValue("评委2", "F3")).toBe(11);
    expect(book.sheetNames()).toContain("合并记录");
    // Clicking the conflict selects its cell.
    await service.selectCell({ sheet: "评委2", cell: "F3" });
    expect(book.selectedCell()).toEqual({ sheet: "评委2", address: "F3" });
    // Merged again: nothing changes, and the log grows.
    const again = reportOf(
      await service.mergeReturns([{ name: "back.xlsx", bytes: returned }], false)
    );
    expect(again.merged).toEqual([{ file: "back.xlsx", judge: 2, taken: 0 }]);
    expect(book.cellValue("评委2", "G4")).toBe(17.5);
  });

  it("refuses an unreadable file, a foreign copy and a superseded one; --prefer-copy's box takes the copy", async () => {
    const delivered: DeliveredFile[][] = [];
    const { book, service } = await paneWithAssessment(delivered);
    const other = await paneWithAssessment(delivered);
    await other.service.issueCopies([1]);
    await service.issueCopies([1]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service.issueCopies([1]);
    const [foreign, early, late] = [delivered[0]?.[0], delivered[1]?.[0], delivered[2]?.[0]];
    const report = reportOf(
      await service.mergeReturns(
        [
          { name: "junk.xlsx", bytes: new TextEncoder().encode("not a workbook") },
          { name: "foreign.xlsx", bytes: foreign?.bytes as Uint8Array },
          {
            name: "early.xlsx",
            bytes: typeNumbers(early?.bytes as Uint8Array, "评委1", { F3: 9 }),
          },
          { name: "late.xlsx", bytes: late?.bytes as Uint8Array },
        ],
        false
      )
    );
    expect(report.refused).toEqual([
      { file: "junk.xlsx", reason: "unreadable" },
      { file: "foreign.xlsx", reason: "foreign" },
      { file: "early.xlsx", reason: "superseded" },
    ]);
    expect(book.cellValue("评委1", "F3")).toBe(null);
    const preferred = reportOf(
      await service.mergeReturns(
        [
          {
            name: "early.xlsx",
            bytes: typeNumbers(early?.bytes as Uint8Array, "评委1", { F3: 9 }),
          },
        ],
        true
      )
    );
    expect(preferred.merged).toEqual([{ file: "early.xlsx", judge: 1, taken: 1 }]);
    expect(book.cellValue("评委1", "F3")).toBe(9);
  });

  it("encodes a copy for Excel.createWorkbook as base64 of its bytes", () => {
    const bytes = new Uint8Array(70_000).map((_v, i) => i % 251);
    expect(Buffer.from(toBase64(bytes), "base64")).toEqual(Buffer.from(bytes));
  });
});

describeWithSoffice("the pane's 回收 of returns saved in WPS's old formats", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "shifan-pane-legacy-returns-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("merges a copy saved as .xls and one saved as .et (the same BIFF8 file) with every value typed", async () => {
    const delivered: DeliveredFile[][] = [];
    const { book, service } = await paneWithAssessment(delivered);
    const issued = await service.issueCopies([1, 3]);
    if (!issued.ok) throw new Error(issued.failure.code);
    const [first, third] = delivered[0] ?? [];
    const typed = [
      typeNumbers(first?.bytes as Uint8Array, "评委1", { F3: 25, G4: 17.5 }),
      typeNumbers(third?.bytes as Uint8Array, "评委3", { H5: 12 }),
    ].map((bytes, i) => {
      const file = path.join(work, `return-${i}.xlsx`);
      writeFileSync(file, bytes);
      return file;
    });
    // LibreOffice writes BIFF8 as Excel 97–2003 does; WPS's .et is that format under another name.
    const [xls, et] = (await convertWorkbooksToXls(typed, path.join(work, "saved"))).map((file) =>
      readFileSync(file)
    );
    const report = reportOf(
      await service.mergeReturns(
        [
          { name: "样例-评委1.xls", bytes: xls as Uint8Array },
          { name: "样例-评委3.et", bytes: et as Uint8Array },
        ],
        false
      )
    );
    expect(report.refused).toEqual([]);
    expect(report.merged).toEqual([
      { file: "样例-评委1.xls", judge: 1, taken: 2 },
      { file: "样例-评委3.et", judge: 3, taken: 1 },
    ]);
    expect([book.cellValue("评委1", "F3"), book.cellValue("评委1", "G4")]).toEqual([25, 17.5]);
    expect(book.cellValue("评委3", "H5")).toBe(12);
  }, 120_000);
});

describe("the pane's 分发 and 回收 of a rater group's copy (三评议) over the fake Excel", () => {
  it("issues every judge's copy and the group's with both fields blank, and the group alone when it is named", async () => {
    const delivered: DeliveredFile[][] = [];
    const { service } = await paneWithAssessment(delivered, "sanpingyi");
    const all = await service.issueCopies();
    if (!all.ok) throw new Error(all.failure.code);
    expect(all.copies.map((c) => c.fileName)).toEqual([
      "样例-评委1.xlsx",
      "样例-评委2.xlsx",
      "样例-评委3.xlsx",
      "样例-评议_peers.xlsx",
    ]);
    const group = await service.issueCopies([], ["党员互评"]);
    if (!group.ok) throw new Error(group.failure.code);
    expect(group.copies).toEqual([
      {
        judge: null,
        group: "peers",
        groupLabel: "党员互评",
        fileName: "样例-评议_peers.xlsx",
        version: 1,
        complete: 0,
        nominees: all.copies[0]?.nominees,
      },
    ]);
    const grid = readXlsxPackage(delivered[1]?.[0]?.bytes as Uint8Array).grid;
    expect(grid.sheets.map((s) => s.name)).toEqual(["评议_peers", "评分标准", "shifan"]);
    const identity = readIdentity(grid);
    expect(identity.kind === "identity" && identity.entries.get("copy.group")).toBe("peers");
    const unknown = await service.issueCopies([], ["leaders"]);
    expect(unknown.ok ? null : unknown.failure.code).toBe("no_such_group");
    expect(delivered).toHaveLength(2);
  });

  it("merges a group's return into the group's sheet: values written, a conflict listed and left, nothing the second time", async () => {
    const delivered: DeliveredFile[][] = [];
    const { book, service } = await paneWithAssessment(delivered, "sanpingyi");
    const issued = await service.issueCopies([], ["peers"]);
    if (!issued.ok) throw new Error(issued.failure.code);
    const returned = typeNumbers(delivered[0]?.[0]?.bytes as Uint8Array, "评议_peers", {
      F3: 80,
      G4: 90,
      O5: 100,
    });
    book.typeInto("评议_peers", "G4", 70); // the official typed G4 after issuing
    const report = reportOf(
      await service.mergeReturns([{ name: "peers.xlsx", bytes: returned }], false)
    );
    expect(report.merged).toEqual([{ file: "peers.xlsx", judge: null, group: "peers", taken: 2 }]);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        judge: null,
        group: "peers",
        rater: 2,
        cell: "'评议_peers'!G4",
        master: 70,
        copy: 90,
      }),
    ]);
    expect(["F3", "G4", "O5"].map((cell) => book.cellValue("评议_peers", cell))).toEqual([
      80, 70, 100,
    ]);
    expect(book.sheetNames()).toContain("合并记录");
    await service.selectCell({ sheet: "评议_peers", cell: "G4" });
    expect(book.selectedCell()).toEqual({ sheet: "评议_peers", address: "G4" });
    const again = reportOf(
      await service.mergeReturns([{ name: "peers.xlsx", bytes: returned }], false)
    );
    expect(again.merged).toEqual([{ file: "peers.xlsx", judge: null, group: "peers", taken: 0 }]);
    expect(["F3", "G4", "O5"].map((cell) => book.cellValue("评议_peers", cell))).toEqual([
      80, 70, 100,
    ]);
  });
});

describeWithSoffice("the pane's 回收 of a rater group's copy re-saved by LibreOffice", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "shifan-pane-group-returns-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("merges every value typed in LibreOffice, and refuses the return once a rater's column is gone", async () => {
    const delivered: DeliveredFile[][] = [];
    const { book, service } = await paneWithAssessment(delivered, "sanpingyi");
    const issued = await service.issueCopies([], ["peers"]);
    if (!issued.ok) throw new Error(issued.failure.code);
    const nominees = issued.copies[0]?.nominees ?? 0;
    const copy = path.join(work, "样例-评议_peers.xlsx");
    writeFileSync(copy, delivered[0]?.[0]?.bytes as Uint8Array);
    const letters = "FGHIJKLMNO";
    const score = (i: number, r: number) => ((i * 7 + r * 13) % 201) / 2;
    const edits: WorkbookEdit[] = [];
    for (let i = 0; i < nominees; i++)
      for (let r = 0; r < 10; r++)
        edits.push({
          kind: "set",
          sheet: "评议_peers",
          cell: `${letters[r]}${3 + i}`,
          value: score(i, r),
        });
    const saved = path.join(work, "back.xlsx");
    await editWithLibreOffice([{ input: copy, output: saved, edits }]);
    const bytes = readFileSync(saved);
    const report = reportOf(await service.mergeReturns([{ name: "back.xlsx", bytes }], false));
    expect(report.refused).toEqual([]);
    expect(report.merged).toEqual([
      { file: "back.xlsx", judge: null, group: "peers", taken: nominees * 10 },
    ]);
    for (let i = 0; i < nominees; i++)
      expect(
        [...letters].map((letter) => book.cellValue("评议_peers", `${letter}${3 + i}`))
      ).toEqual(Array.from({ length: 10 }, (_u, r) => score(i, r)));

    // The same return with rater 10's header typed over: nine raters where the assessment has ten.
    const nine = typeNumbers(bytes, "评议_peers", { O2: 0 });
    const outcome = await service.mergeReturns([{ name: "nine.xlsx", bytes: nine }], false);
    const refused = reportOf(outcome);
    expect(refused.refused).toEqual([{ file: "nine.xlsx", reason: "wrong_entry_sheet" }]);
    expect(refused.merged).toEqual([]);
    expect(outcome.ok && outcome.messages.refused[0]?.zh).toContain("评议人 9 ≠ 10");
  }, 120_000);
});

describe("the pane's 回避 editor over the fake Excel", () => {
  it("lists no line on a new assessment, adds one on row 2 in force, and removes it", async () => {
    const { book, service } = await paneWithAssessment([]);
    const empty = await service.readRecusals();
    if (!empty.ok) throw new Error(empty.failure.code);
    expect(empty).toMatchObject({ sheet: "回避", judges: 3, lines: [] });
    expect(empty.nominees[1]).toMatchObject({ id: "SF-0002" });

    const added = await service.addRecusal({ judge: 2, id: "SF-0002", reason: "亲属" });
    if (!added.ok) throw new Error(added.failure.code);
    expect(added.lines).toEqual([
      expect.objectContaining({ row: 2, judge: 2, id: "SF-0002", reason: "亲属", inForce: true }),
    ]);
    expect(["A2", "B2", "C2"].map((cell) => book.cellValue("回避", cell))).toEqual([
      2,
      "SF-0002",
      "亲属",
    ]);

    const next = await service.addRecusal({ judge: 7, id: "SF-0001", reason: "" });
    if (!next.ok) throw new Error(next.failure.code);
    expect(next.lines[1]).toMatchObject({
      row: 3,
      inForce: false,
      check: "评委号无效",
    });

    const removed = await service.removeRecusal(2);
    if (!removed.ok) throw new Error(removed.failure.code);
    expect(removed.lines.map((line) => line.row)).toEqual([3]);
    expect(["A2", "B2", "C2"].map((cell) => book.cellValue("回避", cell))).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("issues copies that lock the recused row after a line is added in the pane", async () => {
    const delivered: DeliveredFile[][] = [];
    const { service } = await paneWithAssessment(delivered);
    await service.addRecusal({ judge: 2, id: "SF-0002", reason: "亲属" });
    const issued = await service.issueCopies([2]);
    if (!issued.ok) throw new Error(issued.failure.code);
    const grid = readXlsxPackage(delivered[0]?.[0]?.bytes as Uint8Array).grid;
    const entry = grid.sheets[0]!;
    expect(entry.rows[3]?.[9]).toMatchObject({ type: "text", text: "回避" });
    expect(issued.copies[0]?.nominees).toBe(issuedNominees(grid) - 1);
  });
});

/** Nominee rows of a copy's entry sheet (ids in column A from row 3). */
function issuedNominees(grid: {
  sheets: readonly { rows: readonly (readonly unknown[] | undefined)[] }[];
}): number {
  return (grid.sheets[0]?.rows ?? []).slice(2).filter((row) => row?.[0] != null).length;
}
