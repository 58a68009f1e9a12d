import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { atomicWriteFile } from "../../../src/adapters/xlsx/XlsxPlanSink";

describe("atomicWriteFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "shifan-atomic-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the bytes and leaves no temporary file behind", async () => {
    const target = path.join(dir, "考核.xlsx");
    await atomicWriteFile(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(["考核.xlsx"]);
  });

  it("writes bytes given in pieces one after another", async () => {
    const target = path.join(dir, "pieces.xlsx");
    const large = new Uint8Array(3 << 20).map((_u, i) => i % 251);
    await atomicWriteFile(target, [
      new Uint8Array([1, 2]),
      new Uint8Array(0),
      large,
      new Uint8Array([3]),
    ]);
    const written = readFileSync(target);
    expect(written.length).toBe(3 + large.length);
    expect([...written.subarray(0, 2)]).toEqual([1, 2]);
    expect(written.subarray(2, 2 + large.length).equals(large)).toBe(true);
    expect(written[written.length - 1]).toBe(3);
    expect(readdirSync(dir)).toEqual(["pieces.xlsx"]);
  });

  it("replaces an existing file whole", async () => {
    const target = path.join(dir, "out.xlsx");
    writeFileSync(target, "old content that is longer");
    await atomicWriteFile(target, new Uint8Array([9]));
    expect([...readFileSync(target)]).toEqual([9]);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  it("throws for a missing folder and creates nothing", async () => {
    const target = path.join(dir, "missing", "out.xlsx");
    await expect(atomicWriteFile(target, new Uint8Array([1]))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes its temporary file when the final rename fails, keeping what was there", async () => {
    // A directory where the file should go: the temp file is written, then rename onto a directory fails.
    const target = path.join(dir, "taken");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(target);
    writeFileSync(path.join(target, "inside.txt"), "keep");
    await expect(atomicWriteFile(target, new Uint8Array([1, 2]))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
    expect(readFileSync(path.join(target, "inside.txt"), "utf8")).toBe("keep");
  });
});
