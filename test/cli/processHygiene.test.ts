/**
 * The shifan process in its surroundings: a closed pipe, an interrupt during a write, argument errors, files it
 * may not read. The pipe and signal cases run the built command line (dist/, which `npm test` builds first).
 */
import { spawn, spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { main } from "../../src/cli/shifan";
import { CliError, type CliIo } from "../../src/cli/CliIo";
import { parseAssessArgs } from "../../src/cli/commands/assess";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { gridFromRows, workbookOf } from "../support/grids";

const ROOT = path.join(__dirname, "../..");
const CLI = path.join(ROOT, "dist/cli/shifan.js");

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe("shifan in a pipeline and under interrupts", () => {
  let dir: string;
  let sample: string;
  let large: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-process-"));
    sample = path.join(dir, "sample.xlsx");
    await writeGridAsXlsx(sampleNominationGrid(), sample);
    // Its --json is over a megabyte: far more than a pipe holds, so the writer meets the closed pipe.
    large = path.join(dir, "large.xlsx");
    const rows = [["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]];
    for (let i = 1; i <= 3000; i++)
      rows.push([String(i), "长沙市", `示范点${i}党支部`, "村党组织", "县级"]);
    await writeGridAsXlsx(workbookOf(gridFromRows(rows, { name: "推荐汇总" })), large);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("ends quietly when the reader closes the pipe (shifan inspect --json | head -c 100)", () => {
    const result = spawnSync(
      "bash",
      [
        "-c",
        `node "${CLI}" inspect "${large}" --json 2>"${dir}/err" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { encoding: "utf8" }
    );
    expect(result.stdout.trim()).toBe("0");
    return fs.readFile(path.join(dir, "err"), "utf8").then((err) => expect(err).toBe(""));
  });

  it("prints all of its output when the reader reads it all (failure twin of the above)", () => {
    const result = spawnSync("node", [CLI, "inspect", sample, "--json"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).nominees.length).toBeGreaterThan(10);
  });

  it("removes the temporary file when SIGTERM arrives during a write, and exits 143", async () => {
    const out = path.join(dir, "out.xlsx");
    // The write stops at fsync until the signal comes: deterministic, no race with a fast disk.
    const script = `
      const fs = require("node:fs");
      const open = fs.promises.open;
      fs.promises.open = async (...args) => {
        const handle = await open(...args);
        handle.sync = () => {
          // A pending promise alone does not keep Node alive; a timer stands for the disk still busy.
          setInterval(() => undefined, 1000);
          process.stdout.write("writing\\n");
          return new Promise(() => {});
        };
        return handle;
      };
      require(${JSON.stringify(path.join(ROOT, "dist/cli/processHygiene.js"))}).installProcessHygiene();
      require(${JSON.stringify(path.join(ROOT, "dist/adapters/xlsx/XlsxPlanSink.js"))})
        .atomicWriteFile(${JSON.stringify(out)}, new Uint8Array(1 << 20));
    `;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    const during = (await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"));
    expect(during).toHaveLength(1);
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(143);
    expect(stderr).toContain("interrupted");
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp") || f === "out.xlsx")).toEqual(
      []
    );
  });
});

describe("argument errors exit 2", () => {
  it.each([
    ["no command at all", []],
    [
      "a 400-digit quota",
      ["assess", "in.xlsx", "-o", "out.xlsx", "--quota", `province=${"9".repeat(400)}`],
    ],
    [
      "a quota past 2^53",
      ["assess", "in.xlsx", "-o", "out.xlsx", "--quota", "province=9007199254740993"],
    ],
    [
      "a 400-digit judge count",
      ["assess", "in.xlsx", "-o", "out.xlsx", "--judges", "9".repeat(400)],
    ],
    [
      "a password longer than Excel's 255",
      ["assess", "in.xlsx", "-o", "out.xlsx", `--password=${"x".repeat(256)}`],
    ],
    ["an empty password", ["assess", "in.xlsx", "-o", "out.xlsx", "--password="]],
    ["an unknown option", ["report", "x.xlsx", "--frobnicate"]],
  ])("%s", async (_, args) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it("takes a quota of 2^53 − 1 (failure twin: the bound is not off by one)", () => {
    expect(
      parseAssessArgs(["in.xlsx", "-o", "o.xlsx", "--quota", "province=9007199254740991"]).quotas
    ).toEqual({
      province: 9007199254740991,
    });
  });

  it("never turns any assess arguments into anything but a reading or a usage error", () => {
    const word = fc.oneof(
      fc.constantFrom(
        "-o",
        "--quota",
        "--judges",
        "--as-of",
        "--password",
        "--rubric",
        "--in-place",
        "--output=",
        "="
      ),
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^(province|city|county|省级|x)=\d{1,30}$/),
      fc.stringMatching(/^\d{1,400}$/)
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (args) => {
        try {
          parseAssessArgs(args);
        } catch (err) {
          expect(err).toBeInstanceOf(CliError);
          expect((err as CliError).exitCode).toBe(2);
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe("files shifan may not read", () => {
  afterEach(() => jest.restoreAllMocks());

  it("says a file it has no permission to read is unreadable, not that it is not a workbook", async () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    jest.spyOn(fs, "readFile").mockRejectedValue(denied);
    const { code, stderr } = await run(["inspect", "/srv/locked.xlsx"]);
    expect(code).toBe(2);
    expect(stderr).toContain("无法读取 /srv/locked.xlsx");
    expect(stderr).toContain("cannot read /srv/locked.xlsx: no permission");
    expect(stderr).not.toContain("not a workbook");
  });
});
