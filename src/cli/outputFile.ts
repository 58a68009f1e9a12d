/**
 * How every command that writes a workbook treats its output: never the input itself unless asked (--in-place),
 * written atomically, a failure as one bilingual line naming the file.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fatalMessage } from "../engine";
import { atomicWriteFile } from "../adapters/xlsx/XlsxPlanSink";
import { CliError } from "./CliIo";

/** Refuses an output that is the input file (through links; a path not there yet is taken as written). */
export async function refuseOutputOverInput(input: string, output: string): Promise<void> {
  const real = async (p: string): Promise<string> => fs.realpath(p).catch(() => path.resolve(p));
  if ((await real(input)) === (await real(output)))
    throw new CliError(fatalMessage("output_is_input"));
}

/**
 * Writes `bytes` (one array, or pieces one after another) to `file` atomically, or a CliError naming the file and
 * why it could not be written.
 */
export async function writeOutputFile(
  file: string,
  bytes: Uint8Array | readonly Uint8Array[]
): Promise<void> {
  try {
    await atomicWriteFile(file, bytes);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(fatalMessage("output_not_writable", { file, reason }));
  }
}
