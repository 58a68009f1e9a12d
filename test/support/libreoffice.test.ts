import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  readComputedValues,
  recalcProfileRegistry,
  recalculateWorkbooks,
  type ComputedValue,
  type ComputedWorkbook,
} from "./libreoffice";
import { describeWithSoffice } from "./loSuite";

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "shifan-lo-test-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A workbook whose formula cells carry deliberately wrong cached results: only a real recalculation fixes them. */
async function writeProbeWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("探针");
  const wrong = (
    formula: string,
    result: ExcelJS.CellFormulaValue["result"]
  ): ExcelJS.CellFormulaValue => ({ formula, result });
  sheet.getCell("A1").value = wrong("1+1", 5);
  // Excel's ROUND is half away from zero on the decimal value: 1.005 → 1.01 (binary 1.00499… must not win).
  sheet.getCell("A2").value = wrong("ROUND(1.005,2)", 0);
  sheet.getCell("A3").value = wrong("NA()", 0);
  sheet.getCell("A4").value = wrong('IF(1=1,"","x")', "stale");
  sheet.getCell("A5").value = wrong('IF(B1>1,"优秀","合格")', "合格");
  sheet.getCell("B1").value = 3;
  sheet.getCell("A6").value = wrong("DATE(2011,5,30)", 0);
  sheet.getCell("A6").numFmt = "yyyy-mm-dd";
  sheet.getCell("A7").value = wrong("B1>2", false);
  sheet.getCell("A8").value = "纯文本";
  await workbook.xlsx.writeFile(file);
}

describe("recalcProfileRegistry", () => {
  it("sets both load modes to 0 (always recalculate)", () => {
    const xcu = recalcProfileRegistry(true);
    expect(xcu).toContain('<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>');
    expect(xcu).toContain('<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop>');
  });

  it("sets nothing when recalculation on load is not wanted", () => {
    expect(recalcProfileRegistry(false)).not.toContain("RecalcMode");
  });
});

describe("recalculateWorkbooks refuses", () => {
  it("two inputs that would land on one output name", async () => {
    await expect(
      recalculateWorkbooks([path.join(work, "x/a.xlsx"), path.join(work, "y/a.xlsx")], work)
    ).rejects.toThrow(/collide/);
  });

  it("an outDir that would overwrite the input", async () => {
    const input = path.join(work, "self.xlsx");
    writeFileSync(input, "");
    await expect(recalculateWorkbooks([input], work)).rejects.toThrow(/overwrite its own input/);
  });

  it("a missing input", async () => {
    await expect(
      recalculateWorkbooks([path.join(work, "absent.xlsx")], path.join(work, "out"))
    ).rejects.toThrow(/no such file/);
  });

  it("returns nothing for nothing, without starting soffice", async () => {
    await expect(recalculateWorkbooks([], path.join(work, "out"))).resolves.toEqual([]);
  });
});

describe("recalculateWorkbooks reports a failing soffice", () => {
  const previous = process.env["SHIFAN_SOFFICE"];
  afterEach(() => {
    if (previous === undefined) delete process.env["SHIFAN_SOFFICE"];
    else process.env["SHIFAN_SOFFICE"] = previous;
  });

  function fakeSoffice(script: string): void {
    const file = path.join(work, `fake-soffice-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    process.env["SHIFAN_SOFFICE"] = file;
  }

  it("with its stderr when it exits non-zero", async () => {
    fakeSoffice('echo "Error: source file could not be loaded" >&2; exit 3');
    const input = path.join(work, "fail-input.xlsx");
    writeFileSync(input, "");
    await expect(recalculateWorkbooks([input], path.join(work, "fail-out"))).rejects.toThrow(
      /exited with 3[\s\S]*source file could not be loaded/
    );
  });

  it("when it exits 0 but wrote no file", async () => {
    fakeSoffice("exit 0");
    const input = path.join(work, "silent-input.xlsx");
    writeFileSync(input, "");
    await expect(recalculateWorkbooks([input], path.join(work, "silent-out"))).rejects.toThrow(
      /wrote no output for silent-input.xlsx/
    );
  });

  it("when it runs past the timeout, ending it", async () => {
    fakeSoffice("sleep 30");
    const input = path.join(work, "slow-input.xlsx");
    writeFileSync(input, "");
    const started = Date.now();
    await expect(
      recalculateWorkbooks([input], path.join(work, "slow-out"), { timeoutMs: 300 })
    ).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("and removes the private profile afterwards", async () => {
    fakeSoffice("exit 1");
    const input = path.join(work, "profile-input.xlsx");
    writeFileSync(input, "");
    await expect(recalculateWorkbooks([input], path.join(work, "profile-out"))).rejects.toThrow();
    const leftovers = readdirSync(os.tmpdir()).filter((name) =>
      name.startsWith(`shifan-lo-${process.pid}-`)
    );
    expect(leftovers).toEqual([]);
  });
});

describeWithSoffice("recalculateWorkbooks in LibreOffice", () => {
  let recalculated: ComputedWorkbook;
  let cachedOnly: ComputedWorkbook;

  beforeAll(async () => {
    const input = path.join(work, "probe.xlsx");
    await writeProbeWorkbook(input);
    const [withSetting] = await recalculateWorkbooks([input], path.join(work, "recalculated"));
    recalculated = await readComputedValues(withSetting!);
    const [withoutSetting] = await recalculateWorkbooks([input], path.join(work, "cached"), {
      recalculateOnLoad: false,
    });
    cachedOnly = await readComputedValues(withoutSetting!);
  }, 120_000);

  it("recomputes a formula whose cached value is wrong", () => {
    expect(recalculated.get("探针")?.get("A1")).toBe(2);
  });

  it("keeps the wrong cached value when the profile does not force recalculation (why the setting matters)", () => {
    expect(cachedOnly.get("探针")?.get("A1")).toBe(5);
  });

  it.each<[string, ComputedValue, string]>([
    ["A2", 1.01, "Excel's ROUND half away from zero"],
    ["A3", "#N/A", "an error as its text"],
    ["A4", null, "an empty-text result as blank"],
    ["A5", "优秀", "Chinese text results"],
    ["A6", 40693, "a date as its serial"],
    ["A7", true, "a boolean"],
    ["A8", "纯文本", "a plain text cell"],
  ])("reads %s as %p (%s)", (cell, expected) => {
    expect(recalculated.get("探针")?.get(cell)).toEqual(expected);
  });

  it("reads only the sheets asked for, and says which is missing", async () => {
    const input = path.join(work, "probe.xlsx");
    await expect(readComputedValues(input, ["探针"])).resolves.toHaveProperty("size", 1);
    await expect(readComputedValues(input, ["没有"])).rejects.toThrow(/no sheet 没有/);
  });

  it("starts its profile under a temp folder whose path has spaces and Chinese characters", async () => {
    const previous = process.env["TMPDIR"];
    const oddTemp = path.join(work, "临时 文件夹");
    mkdirSync(oddTemp, { recursive: true });
    process.env["TMPDIR"] = oddTemp;
    try {
      const input = path.join(work, "odd-temp.xlsx");
      await writeProbeWorkbook(input);
      const [output] = await recalculateWorkbooks([input], path.join(work, "输出 目录"));
      expect((await readComputedValues(output!)).get("探针")?.get("A1")).toBe(2);
      expect(readdirSync(oddTemp)).toEqual([]); // the profile was made there and removed
    } finally {
      if (previous === undefined) delete process.env["TMPDIR"];
      else process.env["TMPDIR"] = previous;
    }
  }, 120_000);

  it("recalculates several files in one call and in parallel calls, each with its own profile", async () => {
    const inputs = ["p1", "p2", "p3"].map((name) => path.join(work, `${name}.xlsx`));
    for (const input of inputs) await writeProbeWorkbook(input);
    const [batch, single] = await Promise.all([
      recalculateWorkbooks(inputs.slice(0, 2), path.join(work, "batch")),
      recalculateWorkbooks(inputs.slice(2), path.join(work, "single")),
    ]);
    const outputs = [...batch, ...single];
    expect(outputs.map((p) => path.basename(p))).toEqual(["p1.xlsx", "p2.xlsx", "p3.xlsx"]);
    for (const output of outputs) {
      expect(existsSync(output)).toBe(true);
      expect((await readComputedValues(output)).get("探针")?.get("A1")).toBe(2);
    }
  }, 120_000);
});
