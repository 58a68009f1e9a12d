/** How the commands that write a workbook treat their output (src/cli/outputFile.ts). */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CliError } from "../../src/cli/CliIo";
import { refuseOutputOverInput, writeOutputFile } from "../../src/cli/outputFile";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-output-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  return "accepted";
}

describe("a command's output", () => {
  it("is never its input, by another spelling or through a link, and may be a file not there yet", async () => {
    const input = path.join(dir, "in.xlsx");
    await fs.writeFile(input, "x");
    await fs.symlink(input, path.join(dir, "link.xlsx"));
    const sameFile =
      "输出文件与输入文件相同；如确需覆盖，请加 --in-place / the output is the input file; add --in-place to overwrite it";
    expect(await refusal(refuseOutputOverInput(input, path.join(dir, ".", "in.xlsx")))).toBe(
      sameFile
    );
    expect(await refusal(refuseOutputOverInput(input, path.join(dir, "link.xlsx")))).toBe(sameFile);
    expect(await refusal(refuseOutputOverInput(input, path.join(dir, "out.xlsx")))).toBe(
      "accepted"
    );
  });

  it("is written whole, or the error names the file", async () => {
    const out = path.join(dir, "out.xlsx");
    await writeOutputFile(out, new Uint8Array([1, 2, 3]));
    expect([...(await fs.readFile(out))]).toEqual([1, 2, 3]);
    const nowhere = path.join(dir, "no-such-folder", "out.xlsx");
    expect(await refusal(writeOutputFile(nowhere, new Uint8Array([1])))).toMatch(
      new RegExp(`^无法写入 ${nowhere.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}：.* / cannot write `)
    );
  });
});
