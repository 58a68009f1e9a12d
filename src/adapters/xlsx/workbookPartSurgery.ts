/**
 * Reads and edits `xl/workbook.xml` in place: the sheet list, defined names and calculation properties.
 * Everything not touched (bookViews, extLst, mc:AlternateContent, other names) stays byte for byte.
 */
import { SPREADSHEET_NS } from "./styleSheetSurgery";
import { RELATIONSHIPS_NS } from "./worksheetXml";
import {
  escapeAttr,
  escapeText,
  findElement,
  findElements,
  namespacePrefix,
  readAttributes,
  setAttribute,
  splice,
  unescapeXml,
} from "./xmlText";

/**
 * The sheet-scoped hidden name that marks a sheet a shifan run generated: it survives saving in Excel,
 * WPS and LibreOffice (they keep sheet-scoped names), so a later run knows which sheets it may replace.
 */
export const GENERATED_SHEET_MARKER = "_shifan_generated";
export const PRINT_TITLES = "_xlnm.Print_Titles";
export const FILTER_DATABASE = "_xlnm._FilterDatabase";
/** Names a run writes on its own sheets, removed when the sheet is replaced. */
const NAMES_OWNED_BY_GENERATED_SHEETS = new Set(
  [GENERATED_SHEET_MARKER, PRINT_TITLES, FILTER_DATABASE].map((n) => n.toUpperCase())
);

/** The children of <workbook> that must come after <definedNames>, in schema order (CT_Workbook). */
const AFTER_DEFINED_NAMES = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];
const AFTER_CALC_PR = AFTER_DEFINED_NAMES.slice(1);

export interface WorkbookSheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  /** 0-based position in <sheets>: what localSheetId refers to. */
  readonly index: number;
}

/** A <sheet> element to write; visible when `visibility` is absent. */
export interface SheetTagEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  readonly visibility?: "hidden" | "veryHidden" | undefined;
}

export interface DefinedNameEntry {
  readonly name: string;
  readonly localSheetId?: number;
  readonly value: string;
  readonly hidden?: boolean;
}

export interface DefinedNameToWrite {
  readonly name: string;
  readonly localSheetId?: number;
  readonly hidden?: boolean;
  readonly comment?: string;
  readonly value: string;
}

export class WorkbookPart {
  private xml: string;
  /** Element prefix for SpreadsheetML ('' or 'x:'), and attribute prefix for relationship ids ('r:'). */
  private readonly ns: string;
  private readonly relNs: string;

  constructor(xml: string) {
    const ns = namespacePrefix(xml, SPREADSHEET_NS);
    if (ns === undefined)
      throw new Error("the workbook part is not SpreadsheetML (strict OOXML is not supported)");
    this.ns = ns;
    this.xml = xml;
    this.relNs = namespacePrefix(xml, RELATIONSHIPS_NS) ?? "";
    if (!this.relNs) {
      // A workbook with no relationship namespace on its root has no sheets either; declare one to use.
      const root = findElement(this.xml, `${this.ns}workbook`);
      if (!root) throw new Error("the workbook part has no <workbook> root");
      this.xml = splice(
        this.xml,
        root.start,
        root.openEnd,
        setAttribute(root.openTag, "xmlns:r", RELATIONSHIPS_NS)
      );
      this.relNs = "r:";
    }
  }

  text(): string {
    return this.xml;
  }

  sheets(): WorkbookSheetEntry[] {
    const sheetsSpan = findElement(this.xml, `${this.ns}sheets`);
    if (!sheetsSpan) throw new Error("the workbook part has no <sheets>");
    const inner = this.xml.slice(sheetsSpan.openEnd, sheetsSpan.innerEnd);
    return findElements(inner, `${this.ns}sheet`).map((span, index) => {
      const attributes = readAttributes(span.openTag);
      return {
        name: attributes.get("name") ?? "",
        sheetId: Number(attributes.get("sheetId")),
        relId: attributes.get(`${this.relNs}id`) ?? "",
        index,
      };
    });
  }

  definedNames(): DefinedNameEntry[] {
    return this.definedNameSpans().map(({ attributes, value }) => {
      const local = attributes.get("localSheetId");
      const hidden = attributes.get("hidden");
      return {
        name: attributes.get("name") ?? "",
        value,
        ...(local !== undefined ? { localSheetId: Number(local) } : {}),
        ...(hidden === "1" || hidden === "true" ? { hidden: true } : {}),
      };
    });
  }

  /** Appends a sheet at the end of the tab order. */
  appendSheet(entry: SheetTagEntry): void {
    const sheetsSpan = findElement(this.xml, `${this.ns}sheets`);
    if (!sheetsSpan || sheetsSpan.selfClosing) throw new Error("the workbook part has no <sheets>");
    this.xml = splice(this.xml, sheetsSpan.innerEnd, sheetsSpan.innerEnd, this.sheetTag(entry));
  }

  /** Rewrites a sheet's entry in place with the same id and relationship; only its visibility may change. */
  replaceSheet(entry: WorkbookSheetEntry & SheetTagEntry): void {
    const sheetsSpan = findElement(this.xml, `${this.ns}sheets`);
    if (!sheetsSpan) throw new Error("the workbook part has no <sheets>");
    const inner = this.xml.slice(sheetsSpan.openEnd, sheetsSpan.innerEnd);
    const span = findElements(inner, `${this.ns}sheet`)[entry.index];
    if (!span) throw new Error(`the workbook has no sheet at position ${entry.index}`);
    this.xml = splice(
      this.xml,
      sheetsSpan.openEnd + span.start,
      sheetsSpan.openEnd + span.end,
      this.sheetTag(entry)
    );
  }

  /**
   * Removes the sheet at `index` from the tab order, with the names scoped to it; names scoped to later sheets
   * and the workbook view's active and first tab follow the sheets they pointed at.
   */
  removeSheet(index: number): void {
    const sheetsSpan = findElement(this.xml, `${this.ns}sheets`);
    if (!sheetsSpan) throw new Error("the workbook part has no <sheets>");
    const inner = this.xml.slice(sheetsSpan.openEnd, sheetsSpan.innerEnd);
    const span = findElements(inner, `${this.ns}sheet`)[index];
    if (!span) throw new Error(`the workbook has no sheet at position ${index}`);
    this.xml = splice(this.xml, sheetsSpan.openEnd + span.start, sheetsSpan.openEnd + span.end, "");
    for (const found of this.definedNameSpans().reverse()) {
      const local = found.attributes.get("localSheetId");
      if (local === undefined || Number(local) < index) continue;
      if (Number(local) === index) {
        this.xml = splice(this.xml, found.start, found.end, "");
        continue;
      }
      const element = findElement(this.xml, `${this.ns}definedName`, found.start);
      if (!element) throw new Error("a defined name vanished while renumbering");
      this.xml = splice(
        this.xml,
        element.start,
        element.openEnd,
        setAttribute(element.openTag, "localSheetId", String(Number(local) - 1))
      );
    }
    for (const view of findElements(this.xml, `${this.ns}workbookView`).reverse()) {
      let tag = view.openTag;
      for (const attribute of ["activeTab", "firstSheet"]) {
        const value = readAttributes(tag).get(attribute);
        if (value === undefined || Number(value) < index) continue;
        tag = setAttribute(tag, attribute, String(Math.max(0, Number(value) - 1)));
      }
      this.xml = splice(this.xml, view.start, view.openEnd, tag);
    }
  }

  /**
   * Removes the names a run owns on replaced sheets, and workbook-scoped names the plan writes again,
   * so no name is defined twice (Excel refuses duplicates).
   */
  removeDefinedNames(shouldRemove: (name: DefinedNameEntry) => boolean): void {
    for (const found of this.definedNameSpans().reverse()) {
      const local = found.attributes.get("localSheetId");
      const entry = {
        name: found.attributes.get("name") ?? "",
        value: found.value,
        ...(local !== undefined ? { localSheetId: Number(local) } : {}),
      };
      if (shouldRemove(entry)) this.xml = splice(this.xml, found.start, found.end, "");
    }
  }

  appendDefinedNames(names: readonly DefinedNameToWrite[]): void {
    if (names.length === 0) return;
    const p = this.ns;
    const elements = names
      .map((n) => {
        const attributes =
          ` name="${escapeAttr(n.name)}"` +
          (n.comment !== undefined ? ` comment="${escapeAttr(n.comment)}"` : "") +
          (n.localSheetId !== undefined ? ` localSheetId="${n.localSheetId}"` : "") +
          (n.hidden ? ' hidden="1"' : "");
        return `<${p}definedName${attributes}>${escapeText(n.value)}</${p}definedName>`;
      })
      .join("");
    const span = findElement(this.xml, `${p}definedNames`);
    if (span && !span.selfClosing) {
      this.xml = splice(this.xml, span.innerEnd, span.innerEnd, elements);
    } else if (span) {
      this.xml = splice(
        this.xml,
        span.start,
        span.end,
        `<${p}definedNames>${elements}</${p}definedNames>`
      );
    } else {
      const at = this.insertionPoint(AFTER_DEFINED_NAMES);
      this.xml = splice(this.xml, at, at, `<${p}definedNames>${elements}</${p}definedNames>`);
    }
  }

  /** Drops an empty <definedNames/> left behind by removals: the schema wants at least one child. */
  dropEmptyDefinedNames(): void {
    const span = findElement(this.xml, `${this.ns}definedNames`);
    if (span && (span.selfClosing || this.xml.slice(span.openEnd, span.innerEnd).trim() === ""))
      this.xml = splice(this.xml, span.start, span.end, "");
  }

  /** Makes Excel recalculate every formula on open, keeping calcPr's other attributes. */
  setFullCalcOnLoad(): void {
    const span = findElement(this.xml, `${this.ns}calcPr`);
    if (span) {
      this.xml = splice(
        this.xml,
        span.start,
        span.openEnd,
        setAttribute(span.openTag, "fullCalcOnLoad", "1")
      );
      return;
    }
    const at = this.insertionPoint(AFTER_CALC_PR);
    this.xml = splice(this.xml, at, at, `<${this.ns}calcPr fullCalcOnLoad="1"/>`);
  }

  private sheetTag(entry: SheetTagEntry): string {
    const state = entry.visibility === undefined ? "" : ` state="${entry.visibility}"`;
    return `<${this.ns}sheet name="${escapeAttr(entry.name)}" sheetId="${entry.sheetId}"${state} ${this.relNs}id="${escapeAttr(entry.relId)}"/>`;
  }

  private definedNameSpans(): Array<{
    start: number;
    end: number;
    attributes: Map<string, string>;
    value: string;
  }> {
    const container = findElement(this.xml, `${this.ns}definedNames`);
    if (!container || container.selfClosing) return [];
    const inner = this.xml.slice(container.openEnd, container.innerEnd);
    return findElements(inner, `${this.ns}definedName`).map((span) => ({
      start: container.openEnd + span.start,
      end: container.openEnd + span.end,
      attributes: readAttributes(span.openTag),
      value: unescapeXml(inner.slice(span.openEnd, span.innerEnd)),
    }));
  }

  private insertionPoint(followers: readonly string[]): number {
    for (const name of followers) {
      const span = findElement(this.xml, `${this.ns}${name}`);
      if (span) return span.start;
    }
    const close = this.xml.lastIndexOf(`</${this.ns}workbook>`);
    if (close < 0) throw new Error("the workbook part has no </workbook>");
    return close;
  }
}

export function isOwnedByGeneratedSheet(name: string): boolean {
  return NAMES_OWNED_BY_GENERATED_SHEETS.has(name.toUpperCase());
}
