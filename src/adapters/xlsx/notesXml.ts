/**
 * Cell notes: a comments part holds the text, a legacy VML drawing makes Excel draw the note boxes
 * (without the VML part Excel keeps the comment but shows no red triangle).
 */
import { a1 } from "../../engine";
import { SPREADSHEET_NS } from "./styleSheetSurgery";
import { clipCellText } from "./excelLimits";
import { escapeCellText } from "./xmlText";

export const NOTE_AUTHOR = "shifan";
/** VML shape ids come in blocks of 1024 per `o:idmap` number; a drawing claims as many blocks as it needs. */
export const VML_SHAPES_PER_BLOCK = 1024;

export interface NotedCell {
  readonly row: number;
  readonly col: number;
  readonly note: string;
}

/** Each note is one plain run: readers such as ExcelJS only take comment text from runs (<r>). */
export function commentsXml(notes: readonly NotedCell[]): string {
  const comments = notes.map(
    (n) =>
      `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><t xml:space="preserve">${escapeCellText(clipCellText(n.note))}</t></r></text></comment>`
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<comments xmlns="${SPREADSHEET_NS}"><authors><author>${NOTE_AUTHOR}</author></authors>` +
    `<commentList>${comments.join("")}</commentList></comments>`
  );
}

/** How many idmap blocks a drawing with this many notes needs (shape ids must stay inside its blocks). */
export function vmlBlocksNeeded(noteCount: number): number {
  return Math.max(1, Math.ceil((noteCount + 1) / VML_SHAPES_PER_BLOCK));
}

/**
 * The legacy drawing. `blocks` are idmap numbers no other drawing in the workbook uses: shape ids are
 * block × 1024 + n and must be unique across the workbook.
 */
export function vmlDrawingXml(notes: readonly NotedCell[], blocks: readonly number[]): string {
  const shapes = notes.map((n, i) => {
    const block = blocks[Math.floor((i + 1) / VML_SHAPES_PER_BLOCK)];
    if (block === undefined) throw new Error("not enough VML id blocks for the notes");
    const shapeId = block * VML_SHAPES_PER_BLOCK + ((i + 1) % VML_SHAPES_PER_BLOCK);
    const row0 = n.row - 1;
    const col0 = n.col - 1;
    // Anchor: left column, x offset, top row, y offset, right column, x offset, bottom row, y offset.
    const anchor = `${col0 + 1}, 15, ${Math.max(0, row0 - 1)}, 10, ${col0 + 3}, 15, ${row0 + 3}, 4`;
    return (
      `<v:shape id="_x0000_s${shapeId}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row0}</x:Row><x:Column>${col0}</x:Column></x:ClientData>` +
      "</v:shape>"
    );
  });
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join("") +
    "</xml>"
  );
}
