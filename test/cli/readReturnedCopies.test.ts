/** The worker's hand-off of returned copies: what merge takes of a copy crosses threads whole, its buffers moved. */
import { MessageChannel } from "node:worker_threads";
import {
  copyReadOf,
  issueCopies,
  mergeReturns,
  planAssessment,
  type IsoDate,
  type ReturnedCopy,
  type WorkbookGrid,
} from "../../src/engine";
import { transferList, type CopyMessage } from "../../src/cli/readReturnedCopies";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { planToGrid } from "../engine/plan/assessmentFixtures";
import { n, typed } from "../support/grids";

const today = "2026-01-01" as IsoDate;

function masterAndCopy(): { master: WorkbookGrid; copy: WorkbookGrid } {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, { newAssessmentId: "master-id", judges: 3 });
  if (!planned.ok) throw new Error(planned.failure.code);
  const master = planToGrid(planned.plan, source.sheets);
  const issued = issueCopies(master, {
    judges: [2],
    issuedAt: "2026-01-01T10:00:00.000Z",
    today,
    newCopyId: () => "copy-2",
  });
  if (!issued.ok) throw new Error(issued.failure.code);
  const copy = planToGrid(issued.copies[0]?.plan() ?? { sheets: [], names: [], styles: {} });
  return { master, copy: typed(typed(copy, "评委2", 3, 6, n(20)), "评委2", 4, 7, n(12.5)) };
}

/** `message` posted from one end of a channel, as the worker posts it, and what the other end receives. */
async function handedOver(message: CopyMessage, transfer: ArrayBuffer[]): Promise<CopyMessage> {
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<CopyMessage>((resolve) =>
    port2.once("message", (m: CopyMessage) => resolve(m))
  );
  port1.postMessage(message, transfer);
  const got = await received;
  port1.close();
  port2.close();
  return got;
}

describe("the returned copies' hand-off", () => {
  const { master, copy } = masterAndCopy();
  const request = { mergedAt: "2026-01-03T10:00:00.000Z", output: "cells" } as const;

  it("gives the other thread what merge takes of a copy, merged exactly as the copy's grid is", async () => {
    const read: ReturnedCopy = { file: "c2.xlsx", read: copyReadOf(copy) };
    const expected = structuredClone(read);
    const got = await handedOver({ ok: true, copy: read }, transferList(read));
    expect(got).toEqual({ ok: true, copy: expected });
    const [viaWorker, viaGrid] = [
      mergeReturns(master, [got.ok ? got.copy : read], request),
      mergeReturns(master, [{ file: "c2.xlsx", grid: copy }], request),
    ];
    expect(viaWorker.ok && viaWorker.report.merged).toEqual([
      { file: "c2.xlsx", judge: 2, taken: 2 },
    ]);
    expect(viaWorker.ok && [viaWorker.report, viaWorker.writes]).toEqual(
      viaGrid.ok && [viaGrid.report, viaGrid.writes]
    );
  });

  it("moves the copy's buffers rather than copying them (failure twin: a grid or an unreadable file has none)", async () => {
    const read: ReturnedCopy = { file: "c2.xlsx", read: copyReadOf(copy) };
    const sheet =
      "read" in read && read.read.kind === "copy" ? read.read.entrySheets[0]?.sheet : null;
    const transfer = transferList(read);
    expect(transfer).toHaveLength(8);
    expect(sheet?.numbers.byteLength).toBeGreaterThan(0);
    await handedOver({ ok: true, copy: read }, transfer);
    expect(sheet?.numbers.byteLength).toBe(0);
    expect(sheet?.kinds.byteLength).toBe(0);
    const unreadable: ReturnedCopy = {
      file: "junk.xlsx",
      grid: null,
      unreadable: "不是 xlsx / not an xlsx",
    };
    expect(transferList(unreadable)).toEqual([]);
    expect(transferList({ file: "c2.xlsx", grid: copy })).toEqual([]);
    expect(await handedOver({ ok: true, copy: unreadable }, [])).toEqual({
      ok: true,
      copy: unreadable,
    });
  });
});
