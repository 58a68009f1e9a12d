/**
 * Renders a WorkbookPlan into an .xlsx by surgery on the source package: every part of the source stays
 * byte for byte (charts, names, comments, styles, validations — what ExcelJS loses on read-modify-write),
 * new worksheet parts are added, and a handful of parts get small in-place edits: workbook.xml (sheets,
 * names, calcPr), its relationships, [Content_Types].xml and styles.xml (entries appended only).
 * docProps/app.xml is left alone: its TitlesOfParts goes stale, which Excel, WPS and LibreOffice ignore.
 *
 * No Node API here: the parts are compressed by a PartPacker, Node's zlib on the command line (XlsxPlanSink.ts)
 * and fflate in the task pane (browserPackage.ts), so the pane writes judges' copies with this same pipeline.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { columnLetter, quoteSheetName, isIdentityName, unparse } from "../../engine";
import type { SheetPlan, WorkbookPlan, CancelToken, ProgressListener } from "../../engine";
import { removeDrawingParts, writeSheetCharts, CHART_REL_TYPE } from "./chartParts";
import { commentsXml, vmlBlocksNeeded, vmlDrawingXml } from "./notesXml";
import {
  CONTENT_TYPE,
  CONTENT_TYPES_PATH,
  PACKAGE_RELS_PATH,
  REL_TYPE,
  appendRelationships,
  editContentTypes,
  freshPartPath,
  freshRelationshipId,
  newRelationshipsPart,
  readRelationships,
  relationshipXml,
  relativeTarget,
  relsPathFor,
  removeRelationships,
  resolveTarget,
} from "./packageParts";
import { createStyleAllocator } from "./styleSheetSurgery";
import {
  GENERATED_SHEET_MARKER,
  FILTER_DATABASE,
  PRINT_TITLES,
  WorkbookPart,
  isOwnedByGeneratedSheet,
  type DefinedNameToWrite,
} from "./workbookPartSurgery";
import { rangeRef, renderWorksheetSegments, sortedCells, surveyCells } from "./worksheetXml";
import { EMPTY_WORKBOOK_PARTS, NO_SHEET_WORKBOOK_PARTS } from "./emptyWorkbook";
import { EditablePackage } from "./editablePackage";
import { withoutDanglingRelationships, withoutMacros } from "./packageRepair";
import { joinPieces } from "./bytePieces";
import { zipPackedPieces, type PackedPart, type PartPacker } from "./packedZip";

/**
 * Deflate level. With fflate (src/bench/xlsxWriteBench.ts, 20,000 rows × 25 cells) levels 1, 3 and 6 took about
 * the same time next to building the XML; with Node's zlib (zipPackage.ts) they do not: every part of the bench's
 * 10,000-nominee workbooks deflated alone, least of 5, level 3 → 2: assess's 269 → 191 ms (8.1 → 9.0 MB), merge's
 * 454 → 310 ms (10.7 → 11.6 MB; its scores make the XML less repetitive), on the threads that deflate beside the
 * rendering (decision 0044).
 */
export const COMPRESSION_LEVEL: CompressionLevel = 2;
const EMPTY = new Uint8Array(0);

export interface WritePlanOptions {
  readonly progress?: ProgressListener;
  readonly cancel?: CancelToken;
  /** Deflate level; the default suits every caller, the bench compares others. */
  readonly compressionLevel?: CompressionLevel;
  /**
   * Plan sheets written as the person's own, without the mark that lets a later run replace them: the source
   * sheets of a workbook converted from .xls or .ods (gridAsXlsx.ts).
   */
  readonly userSheets?: ReadonlySet<string>;
}

export type CompressionLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Thrown when a CancelToken stops the write between sheets. */
export class WriteCancelledError extends Error {
  constructor() {
    super("writing the workbook was cancelled");
    this.name = "WriteCancelledError";
  }
}

/**
 * The package a workbook made only of a plan's sheets starts from (a judge's copy): the empty workbook without its
 * sheet. Not a workbook by itself (a workbook needs a sheet); writePlanToXlsx adds the plan's.
 */
export function sheetlessWorkbookBytes(): Uint8Array {
  const files: Zippable = {};
  for (const [partPath, xml] of EMPTY_WORKBOOK_PARTS) {
    if (partPath === "xl/worksheets/sheet1.xml") continue;
    files[partPath] = strToU8(
      xml
        .replace(/<sheets>.*<\/sheets>/, "<sheets></sheets>")
        .replace(/<Relationship Id="rId1"[^>]*worksheet[^>]*\/>/, "")
        .replace(/<Override PartName="\/xl\/worksheets\/sheet1.xml"[^>]*\/>/, "")
    );
  }
  return zipSync(files, { level: COMPRESSION_LEVEL });
}

/** A blank workbook (one empty sheet) for tests and for plans without a source. */
export function emptyWorkbookBytes(): Uint8Array {
  return zipOf(EMPTY_WORKBOOK_PARTS);
}

/** A workbook package with no sheet yet, for a plan that brings all of them (gridAsXlsx.ts). */
export function noSheetWorkbookBytes(): Uint8Array {
  return zipOf(NO_SHEET_WORKBOOK_PARTS);
}

function zipOf(parts: ReadonlyMap<string, string>): Uint8Array {
  const files: Zippable = {};
  for (const [partPath, xml] of parts) files[partPath] = strToU8(xml);
  return zipSync(files, { level: COMPRESSION_LEVEL });
}

interface SheetTarget {
  readonly plan: SheetPlan;
  readonly partPath: string;
  readonly index: number;
  readonly sheetId: number;
  readonly relId: string;
  readonly replacing: boolean;
}

/**
 * Writes `plan` into a copy of `sourceBytes` and returns the new package, its parts compressed by `packer`. Plan
 * sheets a previous run generated are replaced in place; a plan sheet named like one of the user's own sheets is a
 * broken invariant (the compiler chooses names) and throws.
 */
export async function writePlanPackage(
  sourceBytes: Uint8Array,
  plan: WorkbookPlan,
  options: WritePlanOptions,
  packer: PartPacker
): Promise<Uint8Array> {
  return joinPieces(await writePlanPackagePieces(sourceBytes, plan, options, packer));
}

/** writePlanPackage's package as the pieces that make it up, in order, never joined (see zipPackedPieces). */
export async function writePlanPackagePieces(
  sourceBytes: Uint8Array,
  plan: WorkbookPlan,
  options: WritePlanOptions,
  packer: PartPacker
): Promise<Uint8Array[]> {
  const level = options.compressionLevel ?? COMPRESSION_LEVEL;
  const files = new EditablePackage(sourceBytes);
  // Worksheet parts already deflating in the background, by part path.
  const packing = new Map<string, Promise<PackedPart>>();
  const taken = new Set(files.paths().map((p) => p.toLowerCase()));
  const text = (partPath: string): string => {
    const xml = files.text(partPath);
    if (xml === undefined) throw new Error(`the workbook package has no ${partPath}`);
    return xml;
  };

  const workbookPath = findWorkbookPath(text(PACKAGE_RELS_PATH));
  const workbookRelsPath = relsPathFor(workbookPath);
  const workbook = new WorkbookPart(text(workbookPath));
  // Outputs are .xlsx: a macro-enabled source loses its vbaProject (assess says so).
  const macroFree = withoutMacros(
    files,
    text(CONTENT_TYPES_PATH),
    workbookPath,
    text(workbookRelsPath)
  );
  const removedParts: string[] = [];
  const removePart = (partPath: string): void => {
    if (files.delete(partPath)) removedParts.push(partPath);
  };
  let workbookRels = removeSheets(
    files,
    workbook,
    workbookPath,
    withoutDanglingRelationships(macroFree.workbookRels, workbookPath, files),
    plan,
    removePart
  );
  const rels = readRelationships(workbookRels);
  const relIds = new Set(rels.map((r) => r.id));
  const existingSheets = workbook.sheets();
  // Sheets a run may replace: marked by the first version's sheet-scoped marker, or found by the engine through
  // the workbook identity (a workbook the pane generated has no markers; a person may have renamed a sheet).
  const replaceable = new Set((plan.replaceable ?? []).map((name) => name.toUpperCase()));
  const generatedIndices = new Set([
    ...workbook
      .definedNames()
      .filter((n) => n.name === GENERATED_SHEET_MARKER && n.localSheetId !== undefined)
      .map((n) => n.localSheetId as number),
    ...existingSheets.filter((s) => replaceable.has(s.name.toUpperCase())).map((s) => s.index),
  ]);

  let nextSheetId = Math.max(0, ...existingSheets.map((s) => s.sheetId)) + 1;
  let nextIndex = existingSheets.length;
  const seenPlanNames = new Set<string>();
  const targets: SheetTarget[] = plan.sheets.map((sheet) => {
    checkSheetName(sheet.name);
    const key = sheet.name.toUpperCase();
    if (seenPlanNames.has(key)) throw new Error(`the plan has two sheets named "${sheet.name}"`);
    seenPlanNames.add(key);
    const existing = existingSheets.find((s) => s.name.toUpperCase() === key);
    if (!existing) {
      const partPath = freshPartPath(taken, `${partFolder(workbookPath)}worksheets/sheet`, ".xml");
      return {
        plan: sheet,
        partPath,
        index: nextIndex++,
        sheetId: nextSheetId++,
        relId: freshRelationshipId(relIds),
        replacing: false,
      };
    }
    if (!generatedIndices.has(existing.index))
      throw new Error(
        `plan sheet "${sheet.name}" would overwrite the source workbook's own sheet of that name`
      );
    const rel = rels.find((r) => r.id === existing.relId);
    if (!rel) throw new Error(`sheet "${existing.name}" has no relationship ${existing.relId}`);
    return {
      plan: sheet,
      partPath: resolveTarget(workbookPath, rel.target),
      index: existing.index,
      sheetId: existing.sheetId,
      relId: existing.relId,
      replacing: true,
    };
  });

  // A replaced sheet's old notes go with it; so does the calculation chain, which may name its old formula cells.
  for (const target of targets.filter((t) => t.replacing)) {
    const oldRelsPath = relsPathFor(target.partPath);
    const oldRels = files.text(oldRelsPath);
    if (oldRels !== undefined) {
      for (const rel of readRelationships(oldRels)) {
        if (rel.external) continue;
        if (rel.type === REL_TYPE.comments || rel.type === REL_TYPE.vmlDrawing)
          removePart(resolveTarget(target.partPath, rel.target));
        // The old charts go with their drawing: the plan brings the sheet's charts anew.
        else if (rel.type === CHART_REL_TYPE.drawing)
          removeDrawingParts(files, resolveTarget(target.partPath, rel.target), removePart);
      }
      // Recorded as removed: LibreOffice lists relationship parts in [Content_Types].xml one by one.
      removePart(oldRelsPath);
    }
  }
  if (targets.some((t) => t.replacing)) {
    const calcChains = rels.filter((r) => r.type === REL_TYPE.calcChain);
    for (const rel of calcChains) removePart(resolveTarget(workbookPath, rel.target));
    workbookRels = removeRelationships(workbookRels, new Set(calcChains.map((r) => r.id)));
  }

  const stylesRel = rels.find((r) => r.type === REL_TYPE.styles);
  // A styles relationship to a part that is not there was dropped above: a new style sheet is added below.
  const stylesPath = stylesRel ? resolveTarget(workbookPath, stylesRel.target) : undefined;
  const styles = createStyleAllocator(
    stylesPath ? text(stylesPath) : EMPTY_STYLES_XML,
    plan.styles
  );
  let vmlBlock = highestVmlBlock(files) + 1;

  const totalCells = plan.sheets.reduce((sum, s) => sum + s.cells.length, 0);
  let cellsDone = 0;
  const addedOverrides: Array<{ part: string; contentType: string }> = [];
  let usesVml = false;
  for (const target of targets) {
    if (options.cancel?.cancelled) throw new WriteCancelledError();
    const cells = sortedCells(target.plan);
    const survey = surveyCells(cells);
    const notes = survey.notes;
    const sheetRels: string[] = [];
    let legacyDrawingRelId: string | undefined;
    if (notes.length > 0) {
      const commentsPath = freshPartPath(taken, `${partFolder(workbookPath)}comments`, ".xml");
      const vmlPath = freshPartPath(
        taken,
        `${partFolder(workbookPath)}drawings/vmlDrawing`,
        ".vml"
      );
      const blocks = Array.from({ length: vmlBlocksNeeded(notes.length) }, () => vmlBlock++);
      files.setText(commentsPath, commentsXml(notes));
      files.setText(vmlPath, vmlDrawingXml(notes, blocks));
      legacyDrawingRelId = "rId2";
      sheetRels.push(
        relationshipXml({
          id: "rId1",
          type: REL_TYPE.comments,
          target: relativeTarget(target.partPath, commentsPath),
        })
      );
      sheetRels.push(
        relationshipXml({
          id: legacyDrawingRelId,
          type: REL_TYPE.vmlDrawing,
          target: relativeTarget(target.partPath, vmlPath),
        })
      );
      addedOverrides.push({ part: commentsPath, contentType: CONTENT_TYPE.comments });
      usesVml = true;
    }
    const drawingRelId = "rId3";
    const charts = writeSheetCharts(
      files,
      taken,
      partFolder(workbookPath),
      target.partPath,
      target.plan,
      drawingRelId
    );
    if (charts) {
      sheetRels.push(charts.relationship);
      addedOverrides.push(...charts.overrides);
    }
    const segments = packer.segmented(level);
    renderWorksheetSegments(
      target.plan,
      cells,
      {
        styles,
        survey,
        ...(legacyDrawingRelId ? { legacyDrawingRelId } : {}),
        ...(charts ? { drawingRelId } : {}),
        ...(options.progress
          ? { onRows: () => options.progress?.(cellsDone, totalCells, "write") }
          : {}),
      },
      (segment) => segments.add(segment)
    );
    // Keeps the part's place in the package's order; its bytes come from the packer.
    files.set(target.partPath, EMPTY);
    const packed = segments.finish();
    // Handled here so a cancelled write leaves no unobserved rejection; the zip below awaits it.
    packed.catch(() => undefined);
    packing.set(target.partPath, packed);
    await packer.betweenParts?.();
    if (sheetRels.length > 0)
      files.setText(relsPathFor(target.partPath), newRelationshipsPart(sheetRels));
    cellsDone += cells.length;
    options.progress?.(cellsDone, totalCells, "write");

    if (target.replacing) {
      workbook.replaceSheet({
        name: target.plan.name,
        sheetId: target.sheetId,
        relId: target.relId,
        index: target.index,
        visibility: target.plan.visibility,
      });
    } else {
      workbook.appendSheet({
        name: target.plan.name,
        sheetId: target.sheetId,
        relId: target.relId,
        visibility: target.plan.visibility,
      });
      workbookRels = appendRelationships(workbookRels, [
        relationshipXml({
          id: target.relId,
          type: REL_TYPE.worksheet,
          target: relativeTarget(workbookPath, target.partPath),
        }),
      ]);
      addedOverrides.push({ part: target.partPath, contentType: CONTENT_TYPE.worksheet });
    }
  }

  writeDefinedNames(workbook, plan, targets, options.userSheets ?? new Set());
  workbook.setFullCalcOnLoad();
  files.setText(workbookPath, workbook.text());
  files.setText(workbookRelsPath, workbookRels);
  if (stylesPath) {
    files.setText(stylesPath, styles.finish());
  } else {
    // A package without a style sheet (some generators omit it): give it one so style indices mean something.
    const newStylesPath = `${partFolder(workbookPath)}styles.xml`;
    files.setText(newStylesPath, styles.finish());
    files.setText(
      workbookRelsPath,
      appendRelationships(workbookRels, [
        relationshipXml({
          id: freshRelationshipId(relIds),
          type: REL_TYPE.styles,
          target: relativeTarget(workbookPath, newStylesPath),
        }),
      ])
    );
    addedOverrides.push({
      part: newStylesPath,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    });
  }
  files.setText(
    CONTENT_TYPES_PATH,
    editContentTypes(macroFree.contentTypes, {
      removeParts: [...removedParts, ...macroFree.removedParts],
      addDefaults: usesVml ? [{ extension: "vml", contentType: CONTENT_TYPE.vmlDrawing }] : [],
      addOverrides: addedOverrides,
    })
  );
  const parts = await Promise.all(
    files
      .paths()
      .map(async (partPath): Promise<[string, PackedPart]> => [
        partPath,
        await (packing.get(partPath) ?? files.packed(partPath, level, packer.whole)),
      ])
  );
  return zipPackedPieces(parts);
}

/**
 * Deletes the generated sheets a plan drops (a judge fewer) from the package: the sheet's entry in `workbook`, its
 * part with its notes and charts (through `removePart`, which records them for [Content_Types].xml), and the
 * calculation chain that may name its cells. Returns the workbook's relationships without theirs. A sheet already
 * gone is skipped; one the user made is a broken invariant.
 */
function removeSheets(
  files: EditablePackage,
  workbook: WorkbookPart,
  workbookPath: string,
  workbookRels: string,
  plan: WorkbookPlan,
  removePart: (partPath: string) => void
): string {
  const names = plan.removeSheets ?? [];
  if (names.length === 0) return workbookRels;
  const rels = readRelationships(workbookRels);
  const generated = new Set(
    workbook
      .definedNames()
      .filter((n) => n.name === GENERATED_SHEET_MARKER && n.localSheetId !== undefined)
      .map((n) => n.localSheetId as number)
  );
  // The identity found these generated (a pane-written workbook has no markers).
  const identified = new Set((plan.replaceable ?? []).map((name) => name.toUpperCase()));
  const wanted = new Set(names.map((name) => name.toUpperCase()));
  const doomed = workbook
    .sheets()
    .filter((sheet) => wanted.has(sheet.name.toUpperCase()))
    .sort((a, b) => b.index - a.index);
  for (const sheet of doomed) {
    if (!generated.has(sheet.index) && !identified.has(sheet.name.toUpperCase()))
      throw new Error(`the plan would remove the workbook's own sheet "${sheet.name}"`);
    const rel = rels.find((r) => r.id === sheet.relId);
    if (rel) {
      const partPath = resolveTarget(workbookPath, rel.target);
      const sheetRels = files.text(relsPathFor(partPath));
      if (sheetRels !== undefined)
        for (const owned of readRelationships(sheetRels)) {
          if (owned.external) continue;
          if (owned.type === CHART_REL_TYPE.drawing)
            removeDrawingParts(files, resolveTarget(partPath, owned.target), removePart);
          else removePart(resolveTarget(partPath, owned.target));
        }
      removePart(relsPathFor(partPath));
      removePart(partPath);
    }
    workbook.removeSheet(sheet.index);
  }
  const removedIds = new Set(doomed.map((sheet) => sheet.relId));
  const calcChains = rels.filter((r) => r.type === REL_TYPE.calcChain);
  for (const rel of calcChains) {
    removePart(resolveTarget(workbookPath, rel.target));
    removedIds.add(rel.id);
  }
  return removeRelationships(workbookRels, removedIds);
}

function writeDefinedNames(
  workbook: WorkbookPart,
  plan: WorkbookPlan,
  targets: readonly SheetTarget[],
  userSheets: ReadonlySet<string>
): void {
  const replacedIndices = new Set(targets.filter((t) => t.replacing).map((t) => t.index));
  const planNames = new Set(plan.names.map((n) => n.name.toUpperCase()));
  // A plan that writes the identity replaces all of it: names of sources or roles it no longer has go too.
  const writesIdentity = plan.names.some((n) => isIdentityName(n.name));
  workbook.removeDefinedNames(
    (n) =>
      (n.localSheetId !== undefined &&
        replacedIndices.has(n.localSheetId) &&
        isOwnedByGeneratedSheet(n.name)) ||
      (n.localSheetId === undefined &&
        (planNames.has(n.name.toUpperCase()) || (writesIdentity && isIdentityName(n.name))))
  );
  const names: DefinedNameToWrite[] = [];
  for (const target of targets) {
    const sheet = target.plan;
    if (!userSheets.has(sheet.name))
      names.push({
        name: GENERATED_SHEET_MARKER,
        localSheetId: target.index,
        hidden: true,
        value: "TRUE",
      });
    const repeatRows = sheet.print?.repeatRows;
    const repeatColumns = sheet.print?.repeatColumns;
    // Columns first, then rows, as Excel writes a sheet's print titles.
    const titles = [
      ...(repeatColumns
        ? [`$${columnLetter(repeatColumns.first)}:$${columnLetter(repeatColumns.last)}`]
        : []),
      ...(repeatRows ? [`$${repeatRows.first}:$${repeatRows.last}`] : []),
    ];
    if (titles.length > 0)
      names.push({
        name: PRINT_TITLES,
        localSheetId: target.index,
        value: titles.map((area) => `${quoteSheetName(sheet.name)}!${area}`).join(","),
      });
    if (sheet.autoFilter) {
      const absolute = rangeRef(sheet.autoFilter).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      names.push({
        name: FILTER_DATABASE,
        localSheetId: target.index,
        hidden: true,
        value: `${quoteSheetName(sheet.name)}!${absolute}`,
      });
    }
  }
  for (const name of plan.names) {
    names.push({
      name: name.name,
      value: unparse(name.refersTo, "ooxml"),
      ...(name.comment !== undefined ? { comment: name.comment } : {}),
      ...(name.hidden === true ? { hidden: true } : {}),
    });
  }
  workbook.dropEmptyDefinedNames();
  workbook.appendDefinedNames(names);
}

function findWorkbookPath(packageRelsXml: string): string {
  const rel = readRelationships(packageRelsXml).find((r) => r.type === REL_TYPE.officeDocument);
  if (!rel) throw new Error("the package has no officeDocument relationship: not a workbook");
  return resolveTarget("", rel.target);
}

/** Excel refuses (or "repairs") a workbook whose sheet name breaks these rules, so a plan that does is a bug. */
function checkSheetName(name: string): void {
  if (
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    throw new Error(`plan sheet name ${JSON.stringify(name)} is not a valid Excel sheet name`);
  }
}

/** The folder of a part with its trailing slash ('' at the package root). */
function partFolder(partPath: string): string {
  return partPath.slice(0, partPath.lastIndexOf("/") + 1);
}

/** The highest `o:idmap` block any VML drawing in the package claims (0 when none). */
function highestVmlBlock(files: EditablePackage): number {
  let highest = 0;
  for (const partPath of files.paths()) {
    if (!partPath.toLowerCase().endsWith(".vml")) continue;
    for (const m of (files.text(partPath) ?? "").matchAll(/<o:idmap\b[^>]*\bdata="([^"]*)"/g)) {
      for (const n of (m[1] ?? "").split(",")) if (Number(n) > highest) highest = Number(n);
    }
  }
  return highest;
}

const EMPTY_STYLES_XML = EMPTY_WORKBOOK_PARTS.get("xl/styles.xml") ?? "";
