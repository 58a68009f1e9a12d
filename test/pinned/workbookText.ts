/**
 * A written workbook as readable text, cell for cell: every sheet (with its visibility), every cell's value or
 * formula text with the value cached beside it, and the workbook's defined names. Read with ExcelJS directly, so
 * the pin does not depend on shifan's own reader.
 */
import ExcelJS from "exceljs";

/** One line per cell, grouped by sheet; a key per line so two pins can be compared line by line. */
export interface PinnedLine {
  /** `sheet!A1`, `sheet` or `name:SF_PassLine`: what the line is about. */
  readonly key: string;
  readonly text: string;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return `date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === "object") {
    const object = value as { error?: unknown; richText?: unknown; text?: unknown };
    if (typeof object.error === "string") return object.error;
    if (Array.isArray(object.richText))
      return JSON.stringify(
        object.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join("")
      );
    if (typeof object.text === "string") return JSON.stringify(object.text);
  }
  return JSON.stringify(value);
}

function cellText(cell: ExcelJS.Cell): string | null {
  if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return null;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    // ExcelJS translates a shared formula's child to its own text; the pin holds what each cell computes.
    return `=${cell.formula} → ${shown(value.result)}`;
  }
  return shown(cell.value);
}

export async function workbookLines(bytes: Uint8Array): Promise<PinnedLine[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const lines: PinnedLine[] = [];
  workbook.eachSheet((sheet) => {
    lines.push({ key: sheet.name, text: `== sheet ${sheet.name} [${sheet.state ?? "visible"}]` });
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = cellText(cell);
        if (text !== null)
          lines.push({ key: `${sheet.name}!${cell.address}`, text: `${cell.address} ${text}` });
      });
    });
  });
  const names = (
    workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }
  ).model;
  const sortedNames = [...names].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sortedNames.length > 0) lines.push({ key: "names", text: "== defined names" });
  for (const name of sortedNames)
    lines.push({ key: `name:${name.name}`, text: `${name.name} ${name.ranges.join(",")}` });
  return lines;
}

export function linesToText(title: string, lines: readonly PinnedLine[]): string {
  return [`# ${title}`, ...lines.map((line) => line.text), ""].join("\n");
}

/** The pin file back as lines keyed like workbookLines (the title line is skipped). */
export function textToLines(text: string): PinnedLine[] {
  const lines: PinnedLine[] = [];
  let sheet = "";
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# ")) continue;
    const sheetHeader = /^== sheet (.*) \[[^\]]*\]$/.exec(line);
    if (sheetHeader) {
      sheet = sheetHeader[1] ?? "";
      lines.push({ key: sheet, text: line });
    } else if (line === "== defined names") {
      sheet = "";
      lines.push({ key: "names", text: line });
    } else if (sheet === "") {
      lines.push({ key: `name:${line.split(" ")[0] ?? ""}`, text: line });
    } else {
      lines.push({ key: `${sheet}!${line.split(" ")[0] ?? ""}`, text: line });
    }
  }
  return lines;
}

export interface PinDifference {
  readonly key: string;
  readonly pinned: string | null;
  readonly now: string | null;
}

/** Every key whose line differs, appeared or vanished, in the order of the workbook. */
export function pinDifferences(
  pinned: readonly PinnedLine[],
  now: readonly PinnedLine[]
): PinDifference[] {
  const before = new Map(pinned.map((line) => [line.key, line.text]));
  const after = new Map(now.map((line) => [line.key, line.text]));
  const differences: PinDifference[] = [];
  for (const line of now) {
    const old = before.get(line.key);
    if (old !== line.text) differences.push({ key: line.key, pinned: old ?? null, now: line.text });
  }
  for (const line of pinned)
    if (!after.has(line.key)) differences.push({ key: line.key, pinned: line.text, now: null });
  return differences;
}

export function describeDifferences(differences: readonly PinDifference[], limit = 40): string {
  const shownLines = differences
    .slice(0, limit)
    .flatMap((d) => [
      `  ${d.key}`,
      `    pinned: ${d.pinned ?? "(absent)"}`,
      `    now:    ${d.now ?? "(absent)"}`,
    ]);
  const more = differences.length > limit ? [`  … and ${differences.length - limit} more`] : [];
  return [`${differences.length} pinned lines differ:`, ...shownLines, ...more].join("\n");
}
