/** A1 references: column letters ↔ numbers, 1-based. */

export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1)
    throw new RangeError(`column must be a positive integer, got ${col}`);
  let n = col;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`not a column: ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Letters of the columns met so far: `report` names 300,000 cells of a 10,000-nominee workbook. */
const letterCache: string[] = [];

/** `B7` for (7, 2). */
export function a1(row: number, col: number): string {
  const known = Number.isInteger(col) && col <= 16_384 ? letterCache[col] : undefined;
  if (known !== undefined) return `${known}${row}`;
  const letters = columnLetter(col);
  letterCache[col] = letters;
  return `${letters}${row}`;
}

/** Parses `B7` (also `$B$7`) into 1-based row and column. */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m || !m[1] || !m[2]) throw new RangeError(`not an A1 reference: ${ref}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** A sheet name quoted for use in a reference: 'Sheet'!B7 (always quoted; ' doubled). */
export function quoteSheetName(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Sheet names quoted so far, a workbook's few (bounded, in case a caller names many). */
const quotedSheets = new Map<string, string>();

/** `'Sheet'!B7` — the form issues and reports use to name a cell. */
export function sheetCellRef(sheet: string, row: number, col: number): string {
  let quoted = quotedSheets.get(sheet);
  if (quoted === undefined) {
    quoted = quoteSheetName(sheet);
    if (quotedSheets.size < 1024) quotedSheets.set(sheet, quoted);
  }
  return `${quoted}!${a1(row, col)}`;
}
