/// <reference types="office-js" />
/**
 * The office-js adapter: reads the open workbook into grids and renders a WorkbookPlan into it.
 * The only code in shifan that names the `Excel` namespace (besides the task pane's bootstrap), and only
 * in types: at run time it uses string literals, so it also runs over the in-memory fake outside Office.
 */
import type {
  CellRange,
  RawCell,
  SheetGrid,
  WorkbookGrid,
  WorkbookPlan,
  PlanSink,
  ApplyResult,
  ProgressListener,
  CancelToken,
  WorkbookSource,
  SheetVisibility,
  WorkbookName,
} from "../../engine";
import { isIdentityName, note, parseA1, unparse } from "../../engine";
import type { BlockCells, CellBlock } from "./blockReads";
import { readAreas } from "./blockReads";
import { parseAreasAddress, rawCellFromOfficeJs } from "./cellReading";
import type {
  HostGatedFeature,
  XlContext,
  XlRange,
  XlRangeAreas,
  XlWorksheet,
} from "./excelApiSubset";
import { EXCEL_API_FLOOR, HOST_GATED_FEATURES } from "./excelApiSubset";
import { TEXT_NUMBER_FORMAT, excelWouldReinterpret, utf8Length } from "./fake/excelText";
import type { WriteStep, WriteTarget } from "./planSteps";
import { OPERATION_OVERHEAD_BYTES, packSteps, planSteps } from "./planSteps";

export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Where batches run: `Excel.run({ delayForCellEdit: true }, batch)` in Office; FakeWorkbook.host() in tests and the demo. */
export interface ExcelHost {
  run<T>(batch: ExcelBatch<T>): Promise<T>;
  /** Requirement-set check; when absent, every set is taken as present (a host that cannot say is not Office). */
  isSetSupported?(api: "ExcelApi", version: string): boolean;
}

/** The production host: delayForCellEdit waits while a person is typing in a cell instead of failing the batch. */
export const officeExcelHost: ExcelHost = {
  run: <T>(batch: ExcelBatch<T>) => Excel.run({ delayForCellEdit: true }, batch),
  isSetSupported: (api, version) => {
    try {
      return Office.context.requirements.isSetSupported(api, version);
    } catch {
      return false;
    }
  },
};

// Compile-time proof that the real API offers everything the adapter and the fake agree on.
const conformsToSubset: (context: Excel.RequestContext) => XlContext = (context) => context;
void conformsToSubset;

function supports(host: ExcelHost, version: string): boolean {
  return host.isSetSupported?.("ExcelApi", version) ?? true;
}

/** What this Excel can do of what shifan asks of it. */
export interface HostCapabilities {
  /** ExcelApi 1.7, the floor the manifest asks for, is there: without it the pane cannot work. */
  readonly supported: boolean;
  /** Features the adapter leaves out on this host, in HOST_GATED_FEATURES order; empty on a current Excel. */
  readonly missing: readonly HostGatedFeature[];
}

export function hostCapabilities(host: ExcelHost): HostCapabilities {
  return {
    supported: supports(host, EXCEL_API_FLOOR),
    missing: (Object.keys(HOST_GATED_FEATURES) as HostGatedFeature[]).filter(
      (feature) => !supports(host, HOST_GATED_FEATURES[feature])
    ),
  };
}

/** Mixed hidden rows are read row by row only up to this many rows a sheet; beyond it they are not reported. */
const HIDDEN_ROW_PROBE_LIMIT = 20_000;
const HIDDEN_COLUMN_PROBE_LIMIT = 500;

interface UsedArea {
  readonly worksheet: XlWorksheet;
  readonly name: string;
  readonly hidden: boolean;
  readonly visibility: SheetVisibility;
  readonly range: XlRange;
}

class SheetBuilder {
  readonly rows: (RawCell | null)[][] = [];
  merges: CellRange[] = [];
  readonly hiddenRows: number[] = [];
  readonly hiddenColumns: number[] = [];

  constructor(
    readonly name: string,
    readonly hidden: boolean,
    readonly visibility: SheetVisibility
  ) {}

  build(): SheetGrid {
    return {
      name: this.name,
      hidden: this.hidden,
      visibility: this.visibility,
      rows: this.rows,
      merges: this.merges,
      hiddenRows: this.hiddenRows,
      hiddenColumns: this.hiddenColumns,
    };
  }
}

/** Reads used ranges in bounded blocks: values, number formats, value types, formulas, merges, hidden rows and columns. */
export class OfficeJsWorkbookSource implements WorkbookSource {
  constructor(
    private readonly host: ExcelHost,
    private readonly options: { sheets?: string[] } = {}
  ) {}

  read(): Promise<WorkbookGrid> {
    const readMerges = supports(this.host, HOST_GATED_FEATURES.mergedCells);
    // What this host cannot read goes back with the grid (`not_read`), as apply returns what it could not render.
    const unread = readMerges
      ? []
      : [note("not_read", { part: "merged_cells", needs: HOST_GATED_FEATURES.mergedCells })];
    return this.host.run(async (context) => {
      const xl: XlContext = context;
      const collection = xl.workbook.worksheets.load("items/name,items/visibility");
      // Workbook-scoped names, hidden ones too: the workbook identity lives there (ExcelApi 1.7 for formula).
      const namedItems = xl.workbook.names.load("items/name,items/formula,items/visible");
      await xl.sync();
      const names: WorkbookName[] = namedItems.items.map((item) => ({
        name: item.name,
        refersTo: String(item.formula ?? "").replace(/^=/, ""),
        hidden: !item.visible,
      }));
      const wanted = this.options.sheets;
      const sheets = collection.items.filter((ws) => !wanted || wanted.includes(ws.name));
      const used: UsedArea[] = sheets.map((worksheet) => ({
        worksheet,
        name: worksheet.name,
        hidden: worksheet.visibility !== "Visible",
        visibility:
          worksheet.visibility === "VeryHidden"
            ? "veryHidden"
            : worksheet.visibility === "Hidden"
              ? "hidden"
              : "visible",
        range: worksheet
          .getUsedRangeOrNullObject(true)
          .load("rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden"),
      }));
      await xl.sync();

      const builders: SheetBuilder[] = [];
      const toRead: { builder: SheetBuilder; area: UsedArea }[] = [];
      for (const area of used) {
        const builder = new SheetBuilder(area.name, area.hidden, area.visibility);
        builders.push(builder);
        if (area.range.isNullObject) continue;
        const { rowIndex, columnIndex, rowCount, columnCount } = area.range;
        if (area.range.rowHidden === true)
          for (let r = 0; r < rowCount; r++) builder.hiddenRows.push(rowIndex + r + 1);
        if (area.range.columnHidden === true)
          for (let c = 0; c < columnCount; c++) builder.hiddenColumns.push(columnIndex + c + 1);
        toRead.push({ builder, area });
      }

      // Merges and mixed hidden columns ride along with the first request of cells.
      const extras = toRead.map(({ area }) => ({
        merges: null as XlRangeAreas | null,
        columnProbes: null as XlRange[] | null,
        area,
      }));
      const queueExtras = (): void => {
        for (const extra of extras) {
          const { range, worksheet } = extra.area;
          extra.merges = readMerges ? range.getMergedAreasOrNullObject().load("address") : null;
          extra.columnProbes =
            range.columnHidden === null && range.columnCount <= HIDDEN_COLUMN_PROBE_LIMIT
              ? Array.from({ length: range.columnCount }, (_, c) =>
                  worksheet
                    .getRangeByIndexes(range.rowIndex, range.columnIndex + c, 1, 1)
                    .load("columnHidden")
                )
              : null;
        }
      };
      await readAreas(
        xl,
        toRead.map(({ area }) => ({
          worksheet: area.worksheet,
          rowIndex: area.range.rowIndex,
          columnIndex: area.range.columnIndex,
          rowCount: area.range.rowCount,
          columnCount: area.range.columnCount,
          probeRows: area.range.rowHidden === null && area.range.rowCount <= HIDDEN_ROW_PROBE_LIMIT,
        })),
        (block, cells) => {
          const target = toRead[block.area]?.builder;
          if (target) collectBlock(target, block, cells);
        },
        toRead.length ? { extras: queueExtras } : {}
      );

      extras.forEach((extra, index) => {
        const builder = toRead[index]?.builder;
        if (!builder) return;
        if (extra.merges && !extra.merges.isNullObject)
          builder.merges = dedupeAreas(parseAreasAddress(extra.merges.address));
        extra.columnProbes?.forEach((probe, c) => {
          if (probe.columnHidden) builder.hiddenColumns.push(extra.area.range.columnIndex + c + 1);
        });
      });
      for (const builder of builders) {
        // A grid's rows array is dense up to the last row read; blank rows are empty arrays.
        for (let r = 0; r < builder.rows.length; r++) builder.rows[r] ??= [];
        builder.hiddenRows.sort((a, b) => a - b);
      }
      const sheetGrids = builders.map((b) => b.build());
      return unread.length > 0
        ? { sheets: sheetGrids, names, notes: unread }
        : { sheets: sheetGrids, names };
    });
  }
}

/** Puts one block's cells into its sheet's rows (a block may be a slice of columns of a wide sheet). */
function collectBlock(builder: SheetBuilder, block: CellBlock, cells: BlockCells): void {
  const { values, valueTypes, numberFormat, formulas } = cells;
  values.forEach((line, r) => {
    let row = builder.rows[block.row + r];
    line.forEach((value, c) => {
      const raw = rawCellFromOfficeJs(
        value,
        valueTypes[r]?.[c],
        numberFormat[r]?.[c],
        formulas[r]?.[c]
      );
      if (!raw) return;
      row ??= builder.rows[block.row + r] = [];
      const col = block.col + c;
      while (row.length < col) row.push(null);
      row[col] = raw;
    });
  });
  cells.rowHidden?.forEach((hidden, r) => {
    if (hidden) builder.hiddenRows.push(block.row + r + 1);
  });
}

function dedupeAreas(areas: CellRange[]): CellRange[] {
  const seen = new Set<string>();
  return areas.filter((area) => {
    const key = `${area.top},${area.left},${area.bottom},${area.right}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Thrown by OfficeJsPlanSink.apply when the cancel token is set between two requests; the workbook is left clean. */
export class ApplyCancelledError extends Error {
  constructor(
    /** Sheets of this plan that were written and then deleted again. */
    readonly removedSheets: readonly string[],
    /** Earlier generated sheets with the plan's names that were already replaced (deleted) before the cancel. */
    readonly replacedSheets: readonly string[]
  ) {
    super(
      removedSheets.length
        ? `apply cancelled: removed the partly written sheets ${removedSheets.join(", ")}` +
            (replacedSheets.length
              ? `; the earlier ${replacedSheets.join(", ")} had already been replaced and are gone`
              : "")
        : "apply cancelled before anything was written"
    );
    this.name = "ApplyCancelledError";
  }
}

export interface OfficeJsPlanSinkOptions {
  /** Budget per request, estimated as JSON bytes. Default 4 MB, under Excel on the web's 5 MB limit. */
  readonly maxRequestBytes?: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/**
 * Renders a plan into the open workbook in requests under the byte budget: sheets (replacing same-named
 * ones after the source sheets) and names first, then values, formulas, validation, formats, settings and
 * protection. One sync per request, never in a loop over cells; calculation and screen updating are
 * suspended for each request, and the workbook is recalculated once at the end.
 */
export class OfficeJsPlanSink implements PlanSink {
  private readonly budget: number;

  constructor(
    private readonly host: ExcelHost,
    options: OfficeJsPlanSinkOptions = {}
  ) {
    this.budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  }

  async apply(
    plan: WorkbookPlan,
    options: { progress?: ProgressListener; cancel?: CancelToken } = {}
  ): Promise<ApplyResult> {
    const { progress, cancel } = options;
    if (cancel?.cancelled) throw new ApplyCancelledError([], []);
    const features = {
      dataValidation: supports(this.host, HOST_GATED_FEATURES.validation),
      autoFilterAndPageLayout: supports(this.host, HOST_GATED_FEATURES.filtersAndPrint),
    };
    const suspendScreen = features.autoFilterAndPageLayout;
    const { steps, notes } = planSteps(plan, {
      stepBytes: Math.max(4_096, Math.floor(this.budget / 32)),
      features,
    });

    await this.host.run(async (context) => {
      const xl: XlContext = context;
      const existingSheets = xl.workbook.worksheets.load("items/name");
      const existingNames = xl.workbook.names.load("items/name");
      await xl.sync();
      const sheetNames = new Set(existingSheets.items.map((ws) => ws.name.toLowerCase()));
      const nameNames = new Set(existingNames.items.map((n) => n.name.toLowerCase()));
      const replaced = [
        ...(plan.removeSheets ?? []).filter((name) => sheetNames.has(name.toLowerCase())),
        ...plan.sheets.filter((s) => sheetNames.has(s.name.toLowerCase())).map((s) => s.name),
      ];
      const chunks = packSteps([structureStep(plan, replaced, nameNames), ...steps], this.budget);

      for (let index = 0; index < chunks.length; index++) {
        if (cancel?.cancelled) {
          if (index > 0) await removeGenerated(xl, plan);
          throw new ApplyCancelledError(
            index > 0 ? plan.sheets.map((s) => s.name) : [],
            index > 0 ? replaced : []
          );
        }
        xl.application.suspendApiCalculationUntilNextSync();
        if (suspendScreen) xl.application.suspendScreenUpdatingUntilNextSync();
        const target = requestTarget(xl);
        const chunk = chunks[index] ?? [];
        for (const step of chunk) step.queue(target);
        try {
          await xl.sync();
        } catch (error) {
          // A refused request must not leave half an assessment behind; the original error is what matters.
          await removeGenerated(xl, plan).catch(() => undefined);
          throw error;
        }
        progress?.(index + 1, chunks.length, chunk[chunk.length - 1]?.stage ?? "values");
      }
      // Calculation was suspended for every request, which leaves recalculating to us: once, over everything.
      xl.application.calculate("Full");
      await xl.sync();
    });
    return { notes };
  }
}

/** Worksheet proxies are cheap but each getItem adds to the request, so one per sheet per request. */
function requestTarget(xl: XlContext): WriteTarget {
  const sheets = new Map<string, XlWorksheet>();
  return {
    workbook: xl.workbook,
    sheet(name) {
      let worksheet = sheets.get(name);
      if (!worksheet) {
        worksheet = xl.workbook.worksheets.getItem(name);
        sheets.set(name, worksheet);
      }
      return worksheet;
    },
  };
}

/**
 * Replaces same-named sheets and names: delete, then add (add appends, so new sheets follow the source
 * sheets); `replaced` also holds the earlier generated sheets the plan drops. Names are added right after their sheets exist, before any formula that uses them.
 */
function structureStep(
  plan: WorkbookPlan,
  replaced: readonly string[],
  existingNames: ReadonlySet<string>
): WriteStep {
  // A plan that writes the workbook identity replaces all of it (names of roles or sources it no longer has).
  const writesIdentity = plan.names.some((n) => isIdentityName(n.name));
  const planNames = new Set(plan.names.map((n) => n.name.toLowerCase()));
  const namesToDelete = [...existingNames].filter(
    (n) => planNames.has(n) || (writesIdentity && isIdentityName(n))
  );
  const names = plan.names.map((n) => ({
    name: n.name,
    formula: unparse(n.refersTo, "officejs"),
    comment: n.comment,
    hidden: n.hidden === true,
  }));
  const sheets = plan.sheets.map((s) => ({ name: s.name, tabColor: s.tabColor }));
  const operationCount =
    namesToDelete.length +
    replaced.length +
    sheets.length * 2 +
    names.length +
    names.filter((n) => n.hidden).length;
  return {
    stage: "sheets",
    bytes:
      operationCount * OPERATION_OVERHEAD_BYTES +
      utf8Length(JSON.stringify([namesToDelete, replaced, names, sheets])),
    queue: (target) => {
      const { worksheets, names: namedItems } = target.workbook;
      for (const name of namesToDelete) namedItems.getItemOrNullObject(name).delete();
      for (const name of replaced) worksheets.getItem(name).delete();
      for (const sheet of sheets) {
        const added = worksheets.add(sheet.name);
        if (sheet.tabColor !== undefined) added.tabColor = `#${sheet.tabColor}`;
      }
      for (const name of names) {
        const added =
          name.comment !== undefined
            ? namedItems.add(name.name, name.formula, name.comment)
            : namedItems.add(name.name, name.formula);
        // The identity's names stay out of the Name Manager, as in a written .xlsx.
        if (name.hidden) added.visible = false;
      }
    },
  };
}

/** After a cancel or a failed request: the plan's sheets and names go again, so no half-written assessment is left behind. */
async function removeGenerated(xl: XlContext, plan: WorkbookPlan): Promise<void> {
  // Looked up first: after a failed request some of the plan's sheets and names may not exist.
  const sheets = plan.sheets.map((sheet) =>
    xl.workbook.worksheets.getItemOrNullObject(sheet.name).load("name")
  );
  const names = plan.names.map((name) =>
    xl.workbook.names.getItemOrNullObject(name.name).load("name")
  );
  await xl.sync();
  for (const found of [...sheets, ...names]) if (!found.isNullObject) found.delete();
  await xl.sync();
}

/**
 * Meeting mode: writes only the given cells, one request per budget, so co-authors editing other cells
 * are not overwritten. Text that Excel would turn into something else ('=…', '00123', 'TRUE') gets the
 * text format first; null clears the cell.
 */
export async function writeInputCells(
  host: ExcelHost,
  cells: readonly { sheet: string; cell: string; value: number | string | null }[],
  options: OfficeJsPlanSinkOptions = {}
): Promise<void> {
  if (!cells.length) return;
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const steps: WriteStep[] = cells.map((entry) => {
    parseA1(entry.cell); // a malformed address is the caller's bug: fail before anything is written
    const asText = typeof entry.value === "string" && excelWouldReinterpret(entry.value);
    return {
      stage: "values",
      bytes: (asText ? 2 : 1) * OPERATION_OVERHEAD_BYTES + utf8Length(JSON.stringify(entry)),
      queue: (target) => {
        const range = target.sheet(entry.sheet).getRange(entry.cell);
        if (asText) range.numberFormat = [[TEXT_NUMBER_FORMAT]];
        range.values = [[entry.value === null ? "" : entry.value]];
      },
    };
  });
  await host.run(async (context) => {
    const xl: XlContext = context;
    for (const chunk of packSteps(steps, budget)) {
      const target = requestTarget(xl);
      for (const step of chunk) step.queue(target);
      await xl.sync();
    }
  });
}

/** Current values of some cells of one sheet, in the order asked; a blank cell is null. One request. */
export async function readCellValues(
  host: ExcelHost,
  sheet: string,
  addresses: readonly string[]
): Promise<(number | string | boolean | null)[]> {
  if (!addresses.length) return [];
  return host.run(async (context) => {
    const xl: XlContext = context;
    const worksheet = xl.workbook.worksheets.getItem(sheet);
    const ranges = addresses.map((address) => worksheet.getRange(address).load("values"));
    await xl.sync();
    return ranges.map((range) => {
      const value = range.values[0]?.[0];
      return value === "" || value === undefined ? null : value;
    });
  });
}

/** Activates the sheet and selects the cell (校验: clicking an issue takes the person to its cell). */
export async function selectCell(host: ExcelHost, sheet: string, cell: string): Promise<void> {
  await host.run(async (context) => {
    const xl: XlContext = context;
    const worksheet = xl.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(cell).select();
    await xl.sync();
  });
}
