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

/** `B7` for (7, 2). */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
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

/** `'Sheet'!B7` — the form issues and reports use to name a cell. */
export function sheetCellRef(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${a1(row, col)}`;
}
