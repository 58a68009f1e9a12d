/**
 * Times LibreOffice's three stages on workbooks — load, full recalculation, save as .xlsx — each on its own,
 * inside one soffice process. A `--convert-to` run only gives the sum, and on a large assessment workbook
 * most of that sum is the .xlsx export, not the recalculation the bench is asked about.
 *
 * How: a fresh private profile that does NOT recalculate on load, a Basic macro written into that profile's
 * Standard library, and one soffice call that runs it: load (cached values kept), `calculateAll()` (every
 * formula, as a hard recalculation does), `storeToURL` as .xlsx, with `GetSystemTicks()` around each.
 * Node-only tooling for the bench and its test; nothing the add-in or the command line ships.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withPrivateProfile } from "./libreoffice";

export interface StageTimes {
  /** Opening the file, cached values kept (no recalculation on load). */
  readonly loadMs: number;
  /** `calculateAll()`: every formula cell of the workbook computed again. */
  readonly recalcMs: number;
  /** Writing the recalculated workbook as .xlsx. */
  readonly saveMs: number;
  /** Where the recalculated copy was written. */
  readonly output: string;
}

export interface TimeStagesOptions {
  /** The whole soffice run, all files together. Default 30 minutes. */
  readonly timeoutMs?: number;
  /**
   * Default true. False skips `calculateAll()` (recalcMs is then about 0): load and save as a recipient whose
   * LibreOffice keeps its default setting does, which still computes what it does not trust while saving.
   */
  readonly recalculate?: boolean;
}

/** LibreOffice's own setting, spelled out: show the cached values of an .xlsx, never recalculate on load. */
const NEVER_RECALCULATE_ON_LOAD = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>',
  "</oor:items>",
  "",
].join("\n");

/**
 * The macro. It reads pairs of lines (source URL, target URL) from the file named by SHIFAN_TIMING_LIST and
 * writes one line per pair to SHIFAN_TIMING_RESULT: "ok LOAD RECALC SAVE" in ms, or "error N TEXT".
 * Whatever happens it ends soffice, so a failure is a line in the result, not a hung process.
 */
const TIMING_MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  On Error GoTo Finish
  Dim listFile As Integer, resultFile As Integer
  Dim source As String, target As String
  listFile = FreeFile
  Open Environ(&quot;SHIFAN_TIMING_LIST&quot;) For Input As #listFile
  resultFile = FreeFile
  Open Environ(&quot;SHIFAN_TIMING_RESULT&quot;) For Output As #resultFile
  Do While Not EOF(listFile)
    Line Input #listFile, source
    Line Input #listFile, target
    Print #resultFile, TimeOne(source, target)
  Loop
  Close #resultFile
  Close #listFile
Finish:
  StarDesktop.terminate()
End Sub

Function TimeOne(source As String, target As String) As String
  On Error GoTo Failed
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = &quot;Hidden&quot;
  loadArgs(0).Value = True
  Dim saveArgs(0) As New com.sun.star.beans.PropertyValue
  saveArgs(0).Name = &quot;FilterName&quot;
  saveArgs(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  Dim started As Long, loaded As Long, calculated As Long, saved As Long
  started = GetSystemTicks()
  document = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, loadArgs())
  loaded = GetSystemTicks()
  If Environ(&quot;SHIFAN_TIMING_RECALCULATE&quot;) &lt;&gt; &quot;0&quot; Then document.calculateAll()
  calculated = GetSystemTicks()
  document.storeToURL(target, saveArgs())
  saved = GetSystemTicks()
  document.close(True)
  TimeOne = &quot;ok &quot; &amp; (loaded - started) &amp; &quot; &quot; &amp; (calculated - loaded) &amp; &quot; &quot; &amp; (saved - calculated)
  Exit Function
Failed:
  TimeOne = &quot;error &quot; &amp; Err &amp; &quot; &quot; &amp; Error$
End Function
</script:module>
`;

/**
 * Loads, recalculates and saves each workbook in turn inside ONE soffice process and returns the time of each
 * stage, in the order given. The recalculated copies are written into `outDir`, named like their inputs.
 *
 * @example
 *   const [times] = await timeLibreOfficeStages(['/tmp/a.xlsx'], '/tmp/out'); // { loadMs, recalcMs, saveMs, output }
 */
export async function timeLibreOfficeStages(
  paths: readonly string[],
  outDir: string,
  options: TimeStagesOptions = {}
): Promise<StageTimes[]> {
  if (paths.length === 0) return [];
  const inputs = paths.map((p) => path.resolve(p));
  for (const input of inputs)
    if (!existsSync(input)) throw new Error(`timeLibreOfficeStages: no such file ${input}`);
  const absoluteOutDir = path.resolve(outDir);
  await fs.mkdir(absoluteOutDir, { recursive: true });
  const outputs = inputs.map((input, i) =>
    path.join(absoluteOutDir, `${i + 1}-${path.parse(input).name}.xlsx`)
  );

  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const profile = {
    prefix: "shifan-lo-timing",
    registry: NEVER_RECALCULATE_ON_LOAD,
    basicModule: TIMING_MODULE,
    timeoutMs,
  };
  return withPrivateProfile(profile, async ({ work, soffice }) => {
    // URLs, percent-encoded: the macro reads the list as plain bytes, whatever characters the paths hold.
    const list = path.join(work, "list.txt");
    const result = path.join(work, "result.txt");
    await fs.writeFile(
      list,
      inputs
        .map(
          (input, i) =>
            `${pathToFileURL(input).href}\n${pathToFileURL(outputs[i] as string).href}\n`
        )
        .join("")
    );
    const run = await soffice(["macro:///Standard.Module1.Main()"], {
      SHIFAN_TIMING_LIST: list,
      SHIFAN_TIMING_RESULT: result,
      SHIFAN_TIMING_RECALCULATE: options.recalculate === false ? "0" : "1",
    });
    const lines = existsSync(result)
      ? (await fs.readFile(result, "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "")
      : [];
    if (run.timedOut || lines.length !== inputs.length) {
      const why = run.timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${run.exitCode}`;
      throw new Error(
        `soffice ${why} after timing ${lines.length} of ${inputs.length} workbooks\n${run.stdout}${run.stderr}`
      );
    }
    return lines.map((line, i) => stageTimesOf(line, inputs[i] as string, outputs[i] as string));
  });
}

function stageTimesOf(line: string, input: string, output: string): StageTimes {
  const ok = /^ok (\d+) (\d+) (\d+)\s*$/.exec(line);
  if (!ok) throw new Error(`LibreOffice could not time ${path.basename(input)}: ${line.trim()}`);
  return { loadMs: Number(ok[1]), recalcMs: Number(ok[2]), saveMs: Number(ok[3]), output };
}
