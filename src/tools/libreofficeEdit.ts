/**
 * Edits workbooks the way a person does in a spreadsheet application — rename, delete or move a sheet, type into
 * a cell, sort rows — with a real LibreOffice, then saves them as .xlsx. What shifan must survive is what a real
 * application leaves behind (references that followed a renamed sheet, #REF! where a sheet was deleted), so the
 * tests make those edits with one, not by rewriting XML by hand.
 *
 * How: a fresh private profile, a Basic macro in its Standard library, and ONE soffice call for every workbook.
 * The macro reads a script: for each workbook its source and target URLs and its edits. Strings travel as
 * Unicode code points (Basic reads the script file in the system's 8-bit encoding, sheet names are Chinese; its Chr takes any BMP code point).
 * Node-only tooling for tests; nothing the add-in or the command line ships.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withPrivateProfile } from "./libreoffice";

export type WorkbookEdit =
  | { readonly kind: "rename"; readonly sheet: string; readonly to: string }
  | { readonly kind: "delete"; readonly sheet: string }
  /** To 0-based position `to` in the tab order. */
  | { readonly kind: "move"; readonly sheet: string; readonly to: number }
  /** A number, a text, or null to clear the cell. */
  | {
      readonly kind: "set";
      readonly sheet: string;
      readonly cell: string;
      readonly value: number | string | null;
    }
  /** Sorts rows `from`…`to` (1-based, inclusive) of columns A…`lastColumn` by column `byColumn` (1-based), descending or not. */
  | {
      readonly kind: "sort";
      readonly sheet: string;
      readonly from: number;
      readonly to: number;
      readonly lastColumn: number;
      readonly byColumn: number;
      readonly descending: boolean;
    }
  /** Deletes rows `from`…`to` (1-based, inclusive). */
  | {
      readonly kind: "deleteRows";
      readonly sheet: string;
      readonly from: number;
      readonly to: number;
    };

export interface EditJob {
  readonly input: string;
  readonly output: string;
  readonly edits: readonly WorkbookEdit[];
}

/** A string as code points, `20320.22909`: survives Basic's 8-bit file reading. */
function encode(text: string): string {
  return [...text].map((ch) => ch.codePointAt(0)).join(".") || "-";
}

const EDIT_MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Function DecodeText(s As String) As String
  Dim parts, i As Integer, out As String
  out = &quot;&quot;
  If s = &quot;-&quot; Then
    DecodeText = out
    Exit Function
  End If
  parts = Split(s, &quot;.&quot;)
  For i = LBound(parts) To UBound(parts)
    out = out &amp; Chr(CLng(parts(i)))
  Next i
  DecodeText = out
End Function

Sub Main
  On Error GoTo Finish
  Dim listFile As Integer, resultFile As Integer
  Dim cmd As String, doc As Object, parts, ok As Boolean
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = &quot;Hidden&quot;
  loadArgs(0).Value = True
  Dim saveArgs(0) As New com.sun.star.beans.PropertyValue
  saveArgs(0).Name = &quot;FilterName&quot;
  saveArgs(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  listFile = FreeFile
  Open Environ(&quot;SHIFAN_EDIT_LIST&quot;) For Input As #listFile
  resultFile = FreeFile
  Open Environ(&quot;SHIFAN_EDIT_RESULT&quot;) For Output As #resultFile
  Do While Not EOF(listFile)
    Line Input #listFile, cmd
    parts = Split(cmd, &quot; &quot;)
    On Error GoTo Failed
    Select Case parts(0)
      Case &quot;OPEN&quot;
        doc = StarDesktop.loadComponentFromURL(parts(1), &quot;_blank&quot;, 0, loadArgs())
      Case &quot;RENAME&quot;
        doc.Sheets.getByName(DecodeText(parts(1))).setName(DecodeText(parts(2)))
      Case &quot;DELETE&quot;
        doc.Sheets.removeByName(DecodeText(parts(1)))
      Case &quot;MOVE&quot;
        doc.Sheets.moveByName(DecodeText(parts(1)), CInt(parts(2)))
      Case &quot;SETNUM&quot;
        doc.Sheets.getByName(DecodeText(parts(1))).getCellRangeByName(parts(2)).setValue(CDbl(parts(3)))
      Case &quot;SETTEXT&quot;
        doc.Sheets.getByName(DecodeText(parts(1))).getCellRangeByName(parts(2)).setString(DecodeText(parts(3)))
      Case &quot;CLEAR&quot;
        doc.Sheets.getByName(DecodeText(parts(1))).getCellRangeByName(parts(2)).clearContents(1 + 2 + 4 + 16)
      Case &quot;SORT&quot;
        Dim sheet As Object, area As Object
        sheet = doc.Sheets.getByName(DecodeText(parts(1)))
        area = sheet.getCellRangeByPosition(0, CLng(parts(2)) - 1, CLng(parts(4)) - 1, CLng(parts(3)) - 1)
        Dim fields(0) As New com.sun.star.table.TableSortField
        fields(0).Field = CLng(parts(5)) - 1
        fields(0).IsAscending = (parts(6) = &quot;asc&quot;)
        Dim sortArgs(0) As New com.sun.star.beans.PropertyValue
        sortArgs(0).Name = &quot;SortFields&quot;
        sortArgs(0).Value = fields()
        area.sort(sortArgs())
      Case &quot;DELROWS&quot;
        doc.Sheets.getByName(DecodeText(parts(1))).getRows().removeByIndex(CLng(parts(2)) - 1, CLng(parts(3)) - CLng(parts(2)) + 1)
      Case &quot;SAVE&quot;
        doc.storeToURL(parts(1), saveArgs())
        doc.close(True)
        Print #resultFile, &quot;ok&quot;
    End Select
    GoTo NextLine
Failed:
    Print #resultFile, &quot;error &quot; &amp; Err &amp; &quot; &quot; &amp; Error$ &amp; &quot; at &quot; &amp; cmd
    Resume NextLine
NextLine:
  Loop
  Close #resultFile
  Close #listFile
Finish:
  StarDesktop.terminate()
End Sub
</script:module>
`;

function scriptLines(job: EditJob): string[] {
  const lines = [`OPEN ${pathToFileURL(path.resolve(job.input)).href}`];
  for (const edit of job.edits) {
    switch (edit.kind) {
      case "rename":
        lines.push(`RENAME ${encode(edit.sheet)} ${encode(edit.to)}`);
        break;
      case "delete":
        lines.push(`DELETE ${encode(edit.sheet)}`);
        break;
      case "move":
        lines.push(`MOVE ${encode(edit.sheet)} ${edit.to}`);
        break;
      case "set":
        if (edit.value === null) lines.push(`CLEAR ${encode(edit.sheet)} ${edit.cell}`);
        else if (typeof edit.value === "number")
          lines.push(`SETNUM ${encode(edit.sheet)} ${edit.cell} ${edit.value}`);
        else lines.push(`SETTEXT ${encode(edit.sheet)} ${edit.cell} ${encode(edit.value)}`);
        break;
      case "sort":
        lines.push(
          `SORT ${encode(edit.sheet)} ${edit.from} ${edit.to} ${edit.lastColumn} ${edit.byColumn} ${edit.descending ? "desc" : "asc"}`
        );
        break;
      case "deleteRows":
        lines.push(`DELROWS ${encode(edit.sheet)} ${edit.from} ${edit.to}`);
        break;
    }
  }
  lines.push(`SAVE ${pathToFileURL(path.resolve(job.output)).href}`);
  return lines;
}

/**
 * Applies each job's edits in LibreOffice and saves the result as .xlsx, all in one soffice process. Throws,
 * naming the line, when an edit fails (a sheet that is not there…) or a job writes nothing.
 *
 * @example
 *   await editWithLibreOffice([{ input: 'a.xlsx', output: 'b.xlsx', edits: [{ kind: 'delete', sheet: '考核表' }] }]);
 */
export async function editWithLibreOffice(
  jobs: readonly EditJob[],
  options: { readonly timeoutMs?: number } = {}
): Promise<void> {
  if (jobs.length === 0) return;
  for (const job of jobs)
    if (!existsSync(job.input)) throw new Error(`editWithLibreOffice: no such file ${job.input}`);
  const profile = {
    prefix: "shifan-lo-edit",
    basicModule: EDIT_MODULE,
    timeoutMs: options.timeoutMs ?? 600_000,
  };
  await withPrivateProfile(profile, async ({ work, soffice }) => {
    const list = path.join(work, "list.txt");
    const result = path.join(work, "result.txt");
    await fs.writeFile(list, `${jobs.flatMap(scriptLines).join("\n")}\n`);
    for (const job of jobs) await fs.rm(job.output, { force: true });
    const run = await soffice(["macro:///Standard.Module1.Main()"], {
      SHIFAN_EDIT_LIST: list,
      SHIFAN_EDIT_RESULT: result,
    });
    const lines = existsSync(result)
      ? (await fs.readFile(result, "utf8")).split(/\r?\n/).filter((l) => l.trim() !== "")
      : [];
    const errors = lines.filter((l) => l.startsWith("error"));
    if (run.timedOut || errors.length > 0 || jobs.some((job) => !existsSync(job.output)))
      throw new Error(
        `LibreOffice could not make the edits${run.timedOut ? " (timed out)" : ""}:\n${errors.join("\n")}\n${run.stderr}`
      );
  });
}
