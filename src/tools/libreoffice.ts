/**
 * Runs LibreOffice headless to recalculate .xlsx files or print them to PDF, and reads the values a file holds.
 * Node-only tooling for the cross-check suite and the bench; the engine and the add-in never import it.
 *
 * LibreOffice shows the values cached in an .xlsx and does not recalculate on load by default, so every
 * run gets a fresh private profile whose registry says "always recalculate" (OOXMLRecalcMode = 0).
 * Two soffice processes sharing a profile would hand work to each other or refuse to start, so the
 * profile directory is unique per call and removed afterwards.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";

/** A computed cell value as a recipient's spreadsheet shows it; errors are their Excel text ('#N/A'). */
export type ComputedValue = number | string | boolean | null;

/** Sheet name → A1 → value. Only cells that hold something are present. */
export type ComputedWorkbook = Map<string, Map<string, ComputedValue>>;

export interface RecalculateOptions {
  /** Whole soffice run, all files together. Default 10 minutes. */
  readonly timeoutMs?: number;
  /**
   * Default true. False leaves LibreOffice's own setting (show cached values), which only the test that
   * proves the setting matters should want.
   */
  readonly recalculateOnLoad?: boolean;
}

/** The soffice executable: `SHIFAN_SOFFICE` when set, else `soffice` on PATH. */
export function sofficeCommand(): string {
  return process.env["SHIFAN_SOFFICE"] ?? "soffice";
}

let availability: boolean | undefined;

/** True when soffice runs on this machine (checked once per process). */
export function sofficeAvailable(): boolean {
  if (availability === undefined) {
    const probe = spawnSync(sofficeCommand(), ["--version"], { encoding: "utf8", timeout: 60_000 });
    availability = probe.status === 0 && /LibreOffice/i.test(probe.stdout);
  }
  return availability;
}

/** The registry a fresh profile starts with: recalculate every formula when an .xlsx or .ods is loaded. */
export function recalcProfileRegistry(recalculateOnLoad: boolean): string {
  const always = (name: string): string =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  const items = recalculateOnLoad ? [always("OOXMLRecalcMode"), always("ODFRecalcMode")] : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ...items,
    "</oor:items>",
    "",
  ].join("\n");
}

/**
 * Recalculates every workbook in ONE soffice call (its start-up is most of the cost) and returns the
 * recalculated copies' paths, in the order given. Outputs are named like their inputs, inside `outDir`.
 *
 * @example
 *   const [recalculated] = await recalculateWorkbooks(['/tmp/a.xlsx'], '/tmp/out'); // '/tmp/out/a.xlsx'
 */
export function recalculateWorkbooks(
  paths: readonly string[],
  outDir: string,
  options: RecalculateOptions = {}
): Promise<string[]> {
  return convertWithSoffice(paths, outDir, "xlsx", "xlsx:Calc MS Excel 2007 XML", options);
}

/**
 * Prints every workbook to PDF in ONE soffice call, as a person's "export as PDF" does: every visible sheet by its
 * own print setup, after recalculating. Returns the PDFs' paths in the order given, named like their inputs.
 *
 * @example
 *   const [pdf] = await convertWorkbooksToPdf(['/tmp/a.xlsx'], '/tmp/out'); // '/tmp/out/a.pdf'
 */
export function convertWorkbooksToPdf(
  paths: readonly string[],
  outDir: string,
  options: RecalculateOptions = {}
): Promise<string[]> {
  return convertWithSoffice(paths, outDir, "pdf", "pdf:calc_pdf_Export", options);
}

/**
 * Saves every workbook as Excel 97–2003 (.xls, BIFF8; what WPS's .et is inside) in ONE soffice call, as a judge who
 * saves a copy in an old format does. Returns the .xls paths in the order given.
 */
export function convertWorkbooksToXls(
  paths: readonly string[],
  outDir: string,
  options: RecalculateOptions = {}
): Promise<string[]> {
  return convertWithSoffice(paths, outDir, "xls", "xls:MS Excel 97", {
    recalculateOnLoad: false,
    ...options,
  });
}

async function convertWithSoffice(
  paths: readonly string[],
  outDir: string,
  extension: string,
  filter: string,
  options: RecalculateOptions
): Promise<string[]> {
  if (paths.length === 0) return [];
  const inputs = paths.map((p) => path.resolve(p));
  const absoluteOutDir = path.resolve(outDir);
  const outputs = inputs.map((input) =>
    path.join(absoluteOutDir, `${path.parse(input).name}.${extension}`)
  );
  // soffice names each output after its input: two inputs with one name, or an input inside outDir, would clobber.
  if (new Set(outputs).size !== outputs.length)
    throw new Error(`soffice --convert-to: input names collide in ${absoluteOutDir}`);
  for (const [i, output] of outputs.entries()) {
    if (output === inputs[i])
      throw new Error(
        `soffice --convert-to: ${output} would overwrite its own input; choose another outDir`
      );
  }
  for (const input of inputs)
    if (!existsSync(input)) throw new Error(`soffice --convert-to: no such file ${input}`);

  await fs.mkdir(absoluteOutDir, { recursive: true });
  await Promise.all(outputs.map((output) => fs.rm(output, { force: true })));

  const timeoutMs = options.timeoutMs ?? 600_000;
  const registry = recalcProfileRegistry(options.recalculateOnLoad ?? true);
  return withPrivateProfile({ prefix: "shifan-lo", registry, timeoutMs }, async ({ soffice }) => {
    const run = await soffice(["--convert-to", filter, "--outdir", absoluteOutDir, ...inputs]);
    const missing = outputs.filter((output) => !existsSync(output));
    if (run.timedOut || run.exitCode !== 0 || missing.length > 0) {
      const why = run.timedOut
        ? `timed out after ${timeoutMs} ms`
        : run.exitCode !== 0
          ? `exited with ${run.exitCode ?? run.signal}`
          : `wrote no output for ${missing.map((m) => path.basename(m)).join(", ")}`;
      throw new Error(`soffice ${why}\nstdout: ${run.stdout.trim()}\nstderr: ${run.stderr.trim()}`);
    }
    return outputs;
  });
}

export interface PrivateProfileOptions {
  /** The temporary folder's name starts with it (shifan-lo-edit …). */
  readonly prefix: string;
  /** registrymodifications.xcu of the fresh profile; LibreOffice's defaults when absent. */
  readonly registry?: string;
  /** A Basic module (Module1.xba) put in the profile's Standard library, to run as macro:///Standard.Module1.Main(). */
  readonly basicModule?: string;
  /** Each soffice run. */
  readonly timeoutMs: number;
}

export interface PrivateProfile {
  /** A folder of its own for the caller's files (lists, results), removed with the profile. */
  readonly work: string;
  /** soffice headless on the private profile; `env` adds to this process's environment. */
  soffice(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<ProcessRun>;
}

/**
 * Runs `use` with a fresh private soffice profile in a temporary folder of its own, removed afterwards whatever
 * happens: two soffice processes sharing a profile would hand work to each other or refuse to start.
 *
 * @example
 *   await withPrivateProfile({ prefix: "shifan-lo", timeoutMs: 60_000 }, ({ soffice }) => soffice(["--version"]));
 */
export async function withPrivateProfile<T>(
  options: PrivateProfileOptions,
  use: (profile: PrivateProfile) => Promise<T>
): Promise<T> {
  const work = path.join(
    os.tmpdir(),
    `${options.prefix}-${process.pid}-${randomBytes(6).toString("hex")}`
  );
  const profile = path.join(work, "profile");
  // A URL, so a temp folder with spaces or CJK characters still names the profile exactly.
  const profileUrl = pathToFileURL(profile).href;
  const soffice = (args: readonly string[], env: Readonly<Record<string, string>> = {}) =>
    runProcess(
      sofficeCommand(),
      [
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        `-env:UserInstallation=${profileUrl}`,
        ...args,
      ],
      options.timeoutMs,
      env
    );
  try {
    await fs.mkdir(path.join(profile, "user"), { recursive: true });
    if (options.registry !== undefined)
      await fs.writeFile(path.join(profile, "user", "registrymodifications.xcu"), options.registry);
    if (options.basicModule !== undefined) {
      // The first start fills the profile's Basic libraries with LibreOffice's defaults, replacing any written
      // before; so start once, then put the module in place of the default Module1.
      const init = await soffice(["--terminate_after_init"]);
      const moduleFile = path.join(profile, "user", "basic", "Standard", "Module1.xba");
      if (init.exitCode !== 0 || !existsSync(moduleFile))
        throw new Error(
          `soffice did not set up its profile (exit ${init.exitCode})\n${init.stdout}${init.stderr}`
        );
      await fs.writeFile(moduleFile, options.basicModule);
    }
    return await use({ work, soffice });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export interface ProcessRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command in its own process group, so a timeout can end soffice.bin too (the soffice script forks it).
 * `env` adds to this process's environment.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  env: Readonly<Record<string, string>> = {}
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // The group is already gone: nothing left to end.
        }
      }
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${command}: ${err.message}`));
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, stdout, stderr });
    });
  });
}

/**
 * Reads the values a workbook holds: a formula cell's stored result, any other cell's value.
 * Dates come back as Excel serials, errors as their text ('#DIV/0!'), rich text as plain text.
 * `sheets` limits the sheets read (all when absent).
 */
export async function readComputedValues(
  xlsxPath: string,
  sheets?: readonly string[]
): Promise<ComputedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const result: ComputedWorkbook = new Map();
  workbook.eachSheet((worksheet) => {
    if (sheets && !sheets.includes(worksheet.name)) return;
    const values = new Map<string, ComputedValue>();
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A formula's result read from the cell itself: ExcelJS's `cell.value` copy drops falsy results, so a
        // formula showing 0, FALSE or "" would read as empty.
        const value =
          cell.type === ExcelJS.ValueType.Formula
            ? (scalarOf(cell.result) ?? null)
            : computedValueOf(cell.value);
        if (value !== undefined) values.set(cell.address, value);
      });
    });
    result.set(worksheet.name, values);
  });
  if (sheets) {
    const missing = sheets.filter((name) => !result.has(name));
    if (missing.length > 0)
      throw new Error(`${path.basename(xlsxPath)} has no sheet ${missing.join(", ")}`);
  }
  return result;
}

/** ExcelJS cell value → ComputedValue; undefined for a cell with nothing in it. */
function computedValueOf(value: ExcelJS.CellValue): ComputedValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return dateToSerial(value);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined ? null : (scalarOf(result) ?? null);
  }
  return scalarOf(value) ?? undefined;
}

function scalarOf(value: unknown): ComputedValue | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return dateToSerial(value);
  if (typeof value === "object") {
    if ("error" in value) return String((value as { error: unknown }).error);
    if ("richText" in value)
      return (value as { richText: { text: string }[] }).richText.map((run) => run.text).join("");
    if ("text" in value) return String((value as { text: unknown }).text);
  }
  return undefined;
}

/** ExcelJS reads date-formatted numbers as UTC Dates; back to the 1900-system serial they were. */
function dateToSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25569;
}
