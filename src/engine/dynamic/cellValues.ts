/** Values read back from sheets shifan wrote: a person may have retyped a number as text, so both count. */
import { readYesNo } from "../core/words";
import type { RawCell } from "../core/Grid";
import { serialToIsoDate, type IsoDate } from "../core/IsoDate";

export function textOf(cell: RawCell | null): string | null {
  if (cell === null) return null;
  if (cell.type === "text") return cell.text.trim() === "" ? null : cell.text.trim();
  if (cell.type === "number") return String(cell.value);
  return null;
}

export function numberOf(cell: RawCell | null): number | null {
  if (cell === null) return null;
  if (cell.type === "number") return cell.value;
  if (cell.type === "text" && /^-?\d+(\.\d+)?$/.test(cell.text.trim()))
    return Number(cell.text.trim());
  return null;
}

/** A date cell or a bare serial; text is not a date here (the sheets hold real dates). */
export function dateOf(cell: RawCell | null): IsoDate | null {
  if (cell === null) return null;
  if (cell.type === "date") return serialToIsoDate(cell.serial);
  if (cell.type === "number") return serialToIsoDate(cell.value);
  return null;
}

/** 是 → true, 否 → false, anything else → null. */
export function vetoOf(cell: RawCell | null): boolean | null {
  return readYesNo(textOf(cell));
}
