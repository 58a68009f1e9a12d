/**
 * The workbook-wide parts a worksheet's cells refer to: the shared string table (`t="s"` cells hold an index
 * into it) and the cell formats of styles.xml (a cell's `s` picks one; its number format says date or number).
 */
import { decodeCellText } from "../xmlText";
import { ownCopy, type XmlHandler } from "./xmlEvents";
import type { ScanHandler } from "./xmlScanner";

/**
 * Collects the shared strings in order: the text runs of each `<si>`, phonetic guides (`<rPh>`) left out,
 * escapes decoded. Nothing is allocated from the declared count.
 */
export class SharedStringsHandler implements ScanHandler {
  readonly strings: string[] = [];
  private inItem = false;
  private inText = false;
  private phoneticDepth = 0;
  private current = "";

  open(name: string): void {
    if (name === "si") {
      this.inItem = true;
      this.current = "";
    } else if (name === "rPh") this.phoneticDepth++;
    else if (name === "t" && this.inItem && this.phoneticDepth === 0) this.inText = true;
  }

  wantsText(): boolean {
    return this.inText;
  }

  text(text: string): void {
    if (this.inText) this.current += text;
  }

  close(name: string): void {
    if (name === "t") this.inText = false;
    else if (name === "rPh") this.phoneticDepth--;
    else if (name === "si") {
      this.strings.push(ownCopy(decodeCellText(this.current)));
      this.inItem = false;
      this.current = "";
    }
  }
}

/**
 * Built-in number formats (ECMA-376 §18.8.30) that a file names by id only; 27–36 and 50–58 are the
 * Chinese (PRC) locale's, the one WPS and Chinese Excel write.
 */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The number format of each cell format (`cellXfs`), by the index a cell's `s` attribute gives. */
export class StylesHandler implements XmlHandler {
  private readonly custom = new Map<number, string>();
  private readonly formatIds: number[] = [];
  private inCellXfs = false;

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (name === "numFmt") {
      const id = Number(attributes.numFmtId);
      if (Number.isInteger(id) && attributes.formatCode !== undefined)
        this.custom.set(id, attributes.formatCode);
    } else if (name === "cellXfs") this.inCellXfs = true;
    else if (name === "xf" && this.inCellXfs) this.formatIds.push(Number(attributes.numFmtId ?? 0));
  }

  close(name: string): void {
    if (name === "cellXfs") this.inCellXfs = false;
  }

  /** Number format codes by cell format index; undefined for General. */
  formats(): Array<string | undefined> {
    return this.formatIds.map((id) =>
      id === 0 || !Number.isInteger(id) ? undefined : (this.custom.get(id) ?? BUILTIN_FORMATS[id])
    );
  }
}
