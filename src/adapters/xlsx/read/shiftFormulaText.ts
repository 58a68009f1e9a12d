/**
 * A shared formula's follower (`<f t="shared" si="0"/>`) carries no text: its formula is the master's with
 * every relative reference moved by the follower's offset from the master (ECMA-376 §18.3.1.40). Quoted
 * text and quoted sheet names are copied as they are; `$` parts stay.
 */

/**
 * A string literal, a quoted sheet name, or an A1 reference not followed by `(`. One preceded by a name's character
 * is inside a longer name: cutOf skips it (no lookbehind here: the pane's ES2017 browsers cannot parse one).
 */
const TOKEN = /"(?:[^"]|"")*"|'(?:[^']|'')*'|(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(.])/g;
const NAME_CHARACTER = /[A-Za-z0-9_.\\]/;

/** A formula cut at its references: text copied as it is, and each reference's parts. */
type Piece =
  | string
  | {
      readonly colAbs: string;
      readonly col: number;
      readonly rowAbs: string;
      readonly row: number;
      /** The column part as written (`$B`, `B`) and the row's `$`: what a move along its column keeps. */
      readonly colText: string;
    };

/**
 * Masters' formulas already cut, by text: a shared formula's followers (every row of a filled column, 10,000 of
 * them for one criterion score) are moved from one cut, not each matched against TOKEN again.
 */
const cuts = new Map<string, readonly Piece[]>();
const MAX_CUTS = 256;

function cutOf(formula: string): readonly Piece[] {
  let pieces = cuts.get(formula);
  if (pieces) return pieces;
  const cut: Piece[] = [];
  let copied = 0;
  for (const match of formula.matchAll(TOKEN)) {
    const [token, colAbs, letters, rowAbs, digits] = match;
    if (letters === undefined) continue;
    const at = match.index ?? 0;
    if (at > 0 && NAME_CHARACTER.test(formula[at - 1] ?? "")) continue;
    if (at > copied) cut.push(formula.slice(copied, at));
    cut.push({
      colAbs: colAbs ?? "",
      col: columnNumber(letters),
      rowAbs: rowAbs ?? "",
      row: Number(digits),
      colText: `${colAbs ?? ""}${letters.toUpperCase()}${rowAbs ?? ""}`,
    });
    copied = at + token.length;
  }
  if (copied < formula.length) cut.push(formula.slice(copied));
  pieces = cut;
  if (cuts.size >= MAX_CUTS) cuts.clear();
  cuts.set(formula, pieces);
  return pieces;
}

/**
 * @example shiftFormulaText("SUM(B2:C2)*$D$1", 3, 0) === "SUM(B5:C5)*$D$1"
 */
export function shiftFormulaText(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  const pieces = cutOf(formula);
  // Joined, not appended piece by piece: `+=` would keep every formula as a rope of a hundred strings.
  const moved = new Array<string>(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (typeof piece === "string") {
      moved[i] = piece;
      continue;
    }
    const col = piece.colAbs ? piece.col : piece.col + cols;
    const row = piece.rowAbs ? piece.row : piece.row + rows;
    // A follower down its master's column (a filled column: most of them) keeps each column as written.
    moved[i] =
      col < 1 || row < 1
        ? "#REF!"
        : col === piece.col
          ? piece.colText + String(row)
          : `${piece.colAbs}${columnLetters(col)}${piece.rowAbs}${row}`;
  }
  return moved.join("");
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
