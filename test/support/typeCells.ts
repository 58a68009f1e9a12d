/**
 * Typing into a written .xlsx as a person saving it in Excel would: only the named cells of one sheet's XML
 * change (a number, inline text, or blank), each keeping its style; every other part stays byte for byte, so
 * cached formula values are left stale on purpose.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export type TypedValue = number | string | null;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function columnNumber(address: string): number {
  let col = 0;
  for (const ch of /^[A-Z]+/.exec(address)?.[0] ?? "") col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

function sheetPartPath(parts: Record<string, Uint8Array>, sheetName: string): string {
  const text = (partPath: string): string => strFromU8(parts[partPath] ?? new Uint8Array());
  const sheetTag = new RegExp(`<sheet [^>]*name="${escapeRegExp(sheetName)}"[^>]*/>`).exec(
    text("xl/workbook.xml")
  )?.[0];
  const relId = sheetTag && /r:id="([^"]+)"/.exec(sheetTag)?.[1];
  const target =
    relId &&
    new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*/>`).exec(
      text("xl/_rels/workbook.xml.rels")
    )?.[0];
  const partTarget = target && /Target="([^"]+)"/.exec(target)?.[1];
  if (!partTarget) throw new Error(`test fixture: no sheet ${sheetName}`);
  return partTarget.startsWith("/") ? partTarget.slice(1) : `xl/${partTarget}`;
}

function cellXml(address: string, style: string | undefined, value: TypedValue): string {
  const s = style === undefined ? "" : ` s="${style}"`;
  if (value === null) return `<c r="${address}"${s}/>`;
  if (typeof value === "number") return `<c r="${address}"${s}><v>${value}</v></c>`;
  return `<c r="${address}"${s} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
}

function setCell(xml: string, address: string, value: TypedValue): string {
  const existing = new RegExp(`<c r="${address}"([^>]*?)(/>|>.*?</c>)`).exec(xml);
  if (existing) {
    const style = /\bs="(\d+)"/.exec(existing[1] ?? "")?.[1];
    return xml.replace(existing[0], cellXml(address, style, value));
  }
  const row = Number(/\d+$/.exec(address)?.[0]);
  const col = columnNumber(address);
  const fresh = cellXml(address, undefined, value);
  const rowMatch = new RegExp(`<row r="${row}"([^>]*?)(/>|>(.*?)</row>)`).exec(xml);
  if (rowMatch) {
    const cells = rowMatch[3] ?? "";
    // Cells stay in column order within the row.
    const after = [...cells.matchAll(/<c r="([A-Z]+)\d+"/g)].find(
      (m) => columnNumber(m[1] ?? "") > col
    );
    const body =
      after?.index === undefined
        ? cells + fresh
        : cells.slice(0, after.index) + fresh + cells.slice(after.index);
    return xml.replace(rowMatch[0], `<row r="${row}"${rowMatch[1] ?? ""}>${body}</row>`);
  }
  const later = [...xml.matchAll(/<row r="(\d+)"/g)].find((m) => Number(m[1]) > row);
  const rowXml = `<row r="${row}">${fresh}</row>`;
  if (later?.index !== undefined)
    return xml.slice(0, later.index) + rowXml + xml.slice(later.index);
  if (xml.includes("<sheetData/>"))
    return xml.replace("<sheetData/>", `<sheetData>${rowXml}</sheetData>`);
  return xml.replace("</sheetData>", `${rowXml}</sheetData>`);
}

/** The package with `values` (A1 address → value) typed into `sheetName`. */
export function typeCells(
  bytes: Uint8Array,
  sheetName: string,
  values: Readonly<Record<string, TypedValue>>
): Uint8Array {
  const parts = unzipSync(bytes);
  const partPath = sheetPartPath(parts, sheetName);
  let xml = strFromU8(parts[partPath] ?? new Uint8Array());
  for (const [address, value] of Object.entries(values)) xml = setCell(xml, address, value);
  parts[partPath] = strToU8(xml);
  return zipSync(parts);
}
