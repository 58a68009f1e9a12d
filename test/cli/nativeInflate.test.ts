import { promises as fs } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { readWorkbookBytes } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { NATIVE_INFLATE, inflateNatively } from "../../src/cli/nativeInflate";
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

describe("the command line checks each part's CRC-32 with zlib.crc32", () => {
  async function crcCalls(args: string[]): Promise<number> {
    const spy = jest.spyOn(zlib, "crc32");
    try {
      expect(await main(args, captureIo())).toBe(0);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it.each([
    ["inspect", () => ["inspect", input]],
    ["report", () => ["report", assessed, "--json"]],
  ])("%s (failure twin: NATIVE_INFLATE without crc32)", async (_name, args) => {
    expect(await crcCalls(args())).toBeGreaterThan(0);
  });

  /** The assessed workbook with `part`'s CRC in the central directory off by one. */
  async function withWrongCrc(part: string): Promise<Uint8Array> {
    const bytes = new Uint8Array(await fs.readFile(assessed));
    const central = Buffer.from(bytes).lastIndexOf(part) - 46;
    expect(Buffer.from(bytes).readUInt32LE(central)).toBe(0x02014b50);
    bytes[central + 16] = ((bytes[central + 16] ?? 0) + 1) & 0xff;
    return bytes;
  }

  it.each(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"])(
    "refuses %s when its CRC does not match, read with zlib's CRC or the pane's JavaScript one, inflated by zlib or by fflate",
    async (part) => {
      const whole = new Uint8Array(await fs.readFile(assessed));
      const damaged = await withWrongCrc(part);
      const fflate = { inflateRaw: () => null };
      for (const options of [NATIVE_INFLATE, { crc32: NATIVE_INFLATE.crc32, ...fflate }, {}]) {
        // Failure twin: the same options read the file as written.
        await expect(readWorkbookBytes(whole, options)).resolves.toMatchObject({ format: "xlsx" });
        await expect(readWorkbookBytes(damaged, options)).rejects.toMatchObject({
          name: "XlsxReadError",
          code: "damaged_file",
        });
      }
    }
  );

  it("refuses it on the command line with a message and no output", async () => {
    const damaged = path.join(dir, "wrong-crc.xlsx");
    await fs.writeFile(damaged, await withWrongCrc("xl/worksheets/sheet1.xml"));
    const out = path.join(dir, "wrong-crc-out.xlsx");
    const io = captureIo();
    expect(await main(["assess", damaged, "-o", out], io)).not.toBe(0);
    expect(io.err()).toMatch(/已损坏或不完整.*is damaged or truncated/);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

describe("inflateNatively", () => {
  const part = Buffer.from("<row>测试示范点党支部</row>".repeat(40_000));
  const deflated = zlib.deflateRawSync(part);
  // Buffer's own comparison: jest's toEqual walks a megabyte element by element for minutes.
  const samePart = (inflated: Uint8Array | null): boolean =>
    inflated !== null && Buffer.from(inflated).equals(part);

  it("inflates a part that declares its size into one buffer, never joining pieces (failure twin: without the size zlib joins 16 KB pieces)", () => {
    const concat = jest.spyOn(Buffer, "concat");
    try {
      expect(samePart(inflateNatively(deflated, 64 * 2 ** 20, part.length))).toBe(true);
      expect(concat).not.toHaveBeenCalled();
      expect(samePart(inflateNatively(deflated))).toBe(true);
      expect(concat).toHaveBeenCalled();
    } finally {
      concat.mockRestore();
    }
  });

  it("inflates a part whole even when its declared size is wrong", () => {
    for (const declared of [0, 10, part.length - 1, part.length * 2])
      expect(samePart(inflateNatively(deflated, 64 * 2 ** 20, declared))).toBe(true);
  });

  it("leaves a part over the limit to fflate, by its declared size or by what it turns out to be", () => {
    const inflate = jest.spyOn(zlib, "inflateRawSync");
    try {
      expect(inflateNatively(deflated, part.length - 1, part.length)).toBeNull();
      // Declared over the limit: not inflated at all.
      expect(inflate).not.toHaveBeenCalled();
      expect(inflateNatively(deflated, part.length - 1, 10)).toBeNull();
      expect(inflateNatively(deflated, part.length, part.length)).not.toBeNull();
    } finally {
      inflate.mockRestore();
    }
  });

  it("takes parts up to 32 MB on the command line: a 200,000-nominee source sheet (45 MB) goes to fflate's bounded chunks", () => {
    expect(NATIVE_INFLATE.inflateRaw(deflated, 32 * 2 ** 20 + 1)).toBeNull();
    expect(samePart(NATIVE_INFLATE.inflateRaw(deflated, 32 * 2 ** 20))).toBe(true);
  });
});
