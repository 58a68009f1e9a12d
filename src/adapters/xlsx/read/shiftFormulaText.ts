/**
 * A shared formula's follower (`<f t="shared" si="0"/>`) carries no text: its formula is the master's with
 * every relative reference moved by the follower's offset from the master (ECMA-376 §18.3.1.40). Quoted
 * text and quoted sheet names are copied as they are; `$` parts stay.
 */

/** A string literal, a quoted sheet name, or an A1 reference not inside a longer name nor followed by `(`. */
const TOKEN =
  /"(?:[^"]|"")*"|'(?:[^']|'')*'|(?<![A-Za-z0-9_.\\])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(.])/g;

/**
 * @example shiftFormulaText("SUM(B2:C2)*$D$1", 3, 0) === "SUM(B5:C5)*$D$1"
 */
export function shiftFormulaText(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  return formula.replace(
    TOKEN,
    (
      token,
      colAbs: string | undefined,
      letters: string | undefined,
      rowAbs: string,
      digits: string
    ) => {
      if (letters === undefined) return token;
      const col = colAbs ? columnNumber(letters) : columnNumber(letters) + cols;
      const row = rowAbs ? Number(digits) : Number(digits) + rows;
      if (col < 1 || row < 1) return "#REF!";
      return `${colAbs ?? ""}${columnLetters(col)}${rowAbs}${row}`;
    }
  );
}

function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

function columnLetters(col: number): string {
  let letters = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
