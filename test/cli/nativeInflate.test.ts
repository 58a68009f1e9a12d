import { promises as fs } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { main } from "../../src/cli/shifan";
import { captureIo, tempDir, writeNominations } from "./assessFixtures";

jest.setTimeout(60_000);

/**
 * Every command that reads a workbook file inflates its parts with Node's zlib (src/cli/nativeInflate.ts), not
 * only merge's returns: each case fails when its command reads without NATIVE_INFLATE.
 */
let dir: string;
let input: string;
let assessed: string;
beforeAll(async () => {
  dir = await tempDir();
  input = await writeNominations(dir);
  assessed = path.join(dir, "assessed.xlsx");
  expect(
    await main(
      ["assess", input, "-o", assessed, "--judges", "3", "--as-of", "2012-06-30"],
      captureIo()
    )
  ).toBe(0);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function inflatedBy(args: string[], code = 0): Promise<number> {
  const spy = jest.spyOn(zlib, "inflateRawSync");
  try {
    expect(await main(args, captureIo())).toBe(code);
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe("the command line reads workbooks with Node's zlib", () => {
  it.each([
    ["inspect", () => ["inspect", input]],
    ["assess (re-assessment)", () => ["assess", assessed, "-o", path.join(dir, "again.xlsx")]],
    ["report", () => ["report", assessed, "--json"]],
    ["copies", () => ["copies", assessed, "-o", path.join(dir, "copies")]],
  ])("%s", async (_name, args) => {
    expect(await inflatedBy(args())).toBeGreaterThan(0);
  });

  it("next-cycle (refusing this workbook, which has no 动态管理, after reading it)", async () => {
    expect(
      await inflatedBy(["next-cycle", assessed, "-o", path.join(dir, "next.xlsx")], 2)
    ).toBeGreaterThan(0);
  });

  it("merge, the master's read as well as the returns'", async () => {
    const copies = path.join(dir, "merge-copies");
    expect(await main(["copies", assessed, "-o", copies, "--judges", "1"], captureIo())).toBe(0);
    const [copy] = await fs.readdir(copies);
    const spy = jest.spyOn(zlib, "inflateRawSync");
    try {
      const args = [
        "merge",
        assessed,
        path.join(copies, copy as string),
        "-o",
        path.join(dir, "m.xlsx"),
      ];
      expect(await main(args, captureIo())).toBe(0);
      // Only the master's workbook part lists 考核表 (a judge's copy has no such sheet).
      const parts = spy.mock.results.map((r) =>
        Buffer.from(r.value as Uint8Array).toString("utf8")
      );
      expect(parts.some((part) => part.includes('name="考核表"'))).toBe(true);
      expect(
        parts.some((part) => part.includes('name="评委1"') && !part.includes('name="考核表"'))
      ).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
