/* eslint-disable no-control-regex -- the cases are about control characters. */
/**
 * Damaged and hostile packages (issue #12 §9): whatever is done to a workbook file, reading it either gives a
 * grid or one of the reader's own refusals — never a crash, a hang or an allocation the file declares — and
 * what a sound file holds comes back unchanged, through reading and through writing an assessment into it.
 * Runs are few and files small, so the suite stays fast.
 */
import fc from "fast-check";
import { XlsxReadError, readWorkbookBytes } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { escapeCellText, decodeCellText } from "../../../src/adapters/xlsx/xmlText";
import { BUILTIN_RUBRICS, sourceSheetsOnly } from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { compileAssessment } from "../../../src/engine/plan/compileAssessment";
import { handParts, zipTextParts, type HandSheet } from "../../support/handPackage";

/** Reads and classifies: "grid" or the refusal's code; anything else thrown fails the property. */
async function outcome(bytes: Uint8Array): Promise<string> {
  const before = bytes.slice();
  try {
    await readWorkbookBytes(bytes);
    return "grid";
  } catch (err) {
    if (err instanceof XlsxReadError) return err.code;
    throw err;
  } finally {
    // The reader never writes into what it was given.
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(before))).toBe(0);
  }
}

const SHEETS: HandSheet[] = [
  {
    name: "推荐汇总",
    body:
      '<dimension ref="A1:E4"/><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
      '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="s"><v>6</v></c></row>' +
      '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>7</v></c><c r="C3" t="s"><v>8</v></c><c r="D3" t="s"><v>9</v></c></row>' +
      "</sheetData>",
  },
  {
    name: "说明",
    body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>',
  },
];
const STRINGS = [
  "序号",
  "推荐单位",
  "党组织名称",
  "党组织类别",
  "长沙市",
  "城关镇党委",
  "乡镇党委",
  "湘潭市",
  "第一行_x000D_\n第二行",
  "社区党组织",
];

function soundParts(): Record<string, string> {
  return handParts(SHEETS, { sharedStrings: STRINGS });
}

describe("fuzz: damaged packages never crash the reader", () => {
  const sound = zipTextParts(soundParts());

  it("reads the sound package (the base every case below damages)", async () => {
    expect(await outcome(sound)).toBe("grid");
  });

  it("survives truncation at any length", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sound.length - 1 }), async (length) => {
        expect(["grid", "damaged_file", "not_xlsx"]).toContain(
          await outcome(sound.slice(0, length))
        );
      }),
      { numRuns: 120 }
    );
  });

  it("survives bytes overwritten anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: sound.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const bytes = sound.slice();
          for (const [at, value] of edits) bytes[at] = value;
          await outcome(bytes);
        }
      ),
      { numRuns: 150 }
    );
  });

  it("survives any part missing, emptied, cut short or replaced by junk", async () => {
    const names = Object.keys(soundParts());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          fc.constant<"drop">("drop"),
          fc.constant(""),
          fc.nat({ max: 400 }),
          fc.string({ maxLength: 60 }),
          fc.constantFrom(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            "<a><b></a>"
          )
        ),
        async (name, damage) => {
          const parts: Record<string, string | Uint8Array> = soundParts();
          if (damage === "drop") delete parts[name];
          else if (typeof damage === "number")
            parts[name] = (parts[name] as string).slice(0, damage);
          else parts[name] = damage;
          await outcome(zipTextParts(parts));
        }
      ),
      { numRuns: 150 }
    );
  });

  it("survives wrong content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
          "text/plain",
          ""
        ),
        async (type) => {
          const parts = soundParts();
          parts["[Content_Types].xml"] = parts["[Content_Types].xml"]!.replace(
            /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.(sheet\.main|worksheet)\+xml/g,
            type
          );
          expect(await outcome(zipTextParts(parts))).toBe("grid");
        }
      ),
      { numRuns: 8 }
    );
  });

  it("keeps memory to the cells present whatever dimensions, rows, spans and merges declare", async () => {
    const big = fc.integer({ min: 1, max: 1_048_576 });
    const col = fc.integer({ min: 1, max: 16_384 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(big, col), { minLength: 1, maxLength: 12 }),
        big,
        col,
        async (cells, mergeBottom, mergeRight) => {
          const letters = (n: number): string => {
            let s = "";
            for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
              s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
            return s;
          };
          const byRow = new Map<number, number[]>();
          for (const [r, c] of cells)
            byRow.set(
              r,
              [...new Set([...(byRow.get(r) ?? []), c])].sort((a, b) => a - b)
            );
          const rows = [...byRow]
            .sort((a, b) => a[0] - b[0])
            .map(
              ([r, cs]) =>
                `<row r="${r}" spans="1:16384">${cs.map((c) => `<c r="${letters(c)}${r}"><v>${r}</v></c>`).join("")}</row>`
            );
          const body =
            `<dimension ref="A1:XFD1048576"/><sheetData>${rows.join("")}</sheetData>` +
            `<mergeCells count="1"><mergeCell ref="A1:${letters(mergeRight)}${mergeBottom}"/></mergeCells>`;
          const grid = (await readWorkbookBytes(zipTextParts(handParts([{ name: "表", body }]))))
            .grid;
          const sheet = grid.sheets[0]!;
          expect(Object.keys(sheet.rows)).toHaveLength(byRow.size);
          let stored = 0;
          for (const r in sheet.rows) stored += Object.keys(sheet.rows[Number(r)] ?? []).length;
          expect(stored).toBe([...byRow.values()].reduce((n, cs) => n + cs.length, 0));
        }
      ),
      { numRuns: 40 }
    );
  });
});

describe("fuzz: what a sound file holds comes back unchanged", () => {
  /** Text a person may type, including what looks like an escape and line breaks. */
  const typed = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "_x0041_",
          "_x005F_",
          "_x000D_",
          "_x",
          "_",
          "\r\n",
          "\n",
          "\t",
          "&",
          "<",
          "]]>",
          "党",
          "衞",
          "😀"
        ),
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))
      ),
      { maxLength: 12 }
    )
    .map((pieces) => pieces.join(""));

  it("decodes exactly what the writer escaped, once", () => {
    fc.assert(
      fc.property(typed, (text) => {
        const storable = text.replace(
          /[\u0000\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          ""
        );
        const xml = escapeCellText(storable)
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&");
        expect(decodeCellText(xml)).toBe(storable);
      }),
      { numRuns: 400 }
    );
  });

  it("keeps odd and clashing sheet names and every cell through an assessment written into the file", async () => {
    const sheetName = fc.oneof(
      fc.constantFrom(
        "考核表",
        "汇总",
        "评委1",
        "评分标准",
        "校验结果",
        "Sheet'1",
        "O'Brien",
        "名单 ",
        "x".repeat(31),
        "推荐汇总"
      ),
      fc.stringMatching(/^[^[\]:*?/\\']{1,31}$/)
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(sheetName, { minLength: 1, maxLength: 3, selector: (n) => n.toUpperCase() }),
        typed,
        async (names, text) => {
          const storable = text.replace(
            /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/g,
            ""
          );
          const sheets: HandSheet[] = names.map((name, i) => ({
            name: name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;"),
            body:
              "<sheetData>" +
              '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>党组织名称</t></is></c><c r="C1" t="inlineStr"><is><t>党组织类别</t></is></c><c r="D1" t="inlineStr"><is><t>推荐级别</t></is></c></row>' +
              `<row r="2"><c r="A2"><v>${i + 1}</v></c><c r="B2" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(storable || "空")}</t></is></c><c r="C2" t="inlineStr"><is><t>村党组织</t></is></c><c r="D2" t="inlineStr"><is><t>县级</t></is></c></row>` +
              "</sheetData>",
          }));
          const bytes = zipTextParts(handParts(sheets));
          const source = (await readWorkbookBytes(bytes)).grid;
          expect(source.sheets.map((s) => s.name)).toEqual(names);
          const inspected = inspectWorkbook(sourceSheetsOnly(source));
          let written: Uint8Array;
          try {
            const compiled = compileAssessment(inspected, {
              rubric: BUILTIN_RUBRICS.baiqianwan,
              asOf: "2012-04-01" as never,
            });
            written = await writePlanToXlsx(bytes, compiled.plan);
          } catch (err) {
            // A plan sheet named like one of the person's own sheets is refused, never written over it.
            expect(String(err)).toMatch(/overwrite the source workbook's own sheet/);
            return;
          }
          const after = (await readWorkbookBytes(written)).grid;
          for (const sheet of source.sheets) {
            const kept = after.sheets.find((s) => s.name === sheet.name);
            expect(kept?.rows).toEqual(sheet.rows);
          }
        }
      ),
      { numRuns: 25 }
    );
  });
});
