/**
 * The PaneService over any workbook access (real Excel through office-js, or the in-memory fake) and
 * the engine. The access is handed in by a composition root, so this file never sees `Excel`.
 */
import {
  BUILTIN_RUBRICS,
  BUILTIN_RUBRIC_IDS,
  type BuiltinRubricId,
  TIER_CODES,
  inspectNominations,
  addRecusalLine,
  fatalMessage,
  issueCopies,
  mergeReturns,
  readRecusalRegister,
  removeRecusalLine,
  readYesNo,
  planAssessment,
  reportAssessment,
  type ApplyResult,
  type AssessmentReport,
  type CancelToken,
  type Field,
  type ProgressListener,
  type WorkbookGrid,
  type WorkbookPlan,
} from "../../engine";
import {
  type CellAt,
  type CellWrite,
  type GenerateOutcome,
  type GenerateRequest,
  type HostCapabilities,
  type GenerateSettings,
  type ScoreInput,
  type InspectView,
  type IssueOutcome,
  type MappingOverrides,
  type MergeOutcome,
  type RecusalOutcome,
  type ReturnedFile,
  type MeetingData,
  type MeetingNominee,
  type PaneService,
} from "./PaneService";
import { browserDownloads, type DeliveredFile, type FileDelivery } from "./FileDelivery";
import type { DeliveryMode } from "./FileDelivery";

/** The workbook as the service needs it; the office-js adapter provides each piece. */
export interface WorkbookAccess {
  capabilities(): HostCapabilities;
  read(): Promise<WorkbookGrid>;
  apply(
    plan: WorkbookPlan,
    options: { progress: ProgressListener; cancel: CancelToken }
  ): Promise<ApplyResult>;
  writeCells(cells: readonly CellWrite[]): Promise<void>;
  selectCell(sheet: string, cell: string): Promise<void>;
}

/** A new assessment id: random where the host offers it (every browser the pane supports does). */
export function newAssessmentId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Overrides whose column the inspection did not map as asked: "sheet!column → field". */
export function unappliedOverrides(
  inspect: InspectView,
  overrides: MappingOverrides
): { sheet: string; col: number; field: Field | null }[] {
  const unapplied: { sheet: string; col: number; field: Field | null }[] = [];
  for (const [sheet, columns] of Object.entries(overrides)) {
    const table = inspect.tables.find((candidate) => candidate.sheet === sheet);
    for (const [colText, field] of Object.entries(columns)) {
      const col = Number(colText);
      const mapped = table?.columns.find((column) => column.col === col);
      if (!mapped || mapped.field !== field) unapplied.push({ sheet, col, field });
    }
  }
  return unapplied;
}

/** `'评委1'!C5` → { sheet: '评委1', cell: 'C5' }. */
export function splitSheetCell(ref: string): CellAt {
  const bang = ref.lastIndexOf("!");
  if (bang < 0) throw new RangeError(`not a sheet-qualified reference: ${ref}`);
  const rawSheet = ref.slice(0, bang);
  const sheet =
    rawSheet.startsWith("'") && rawSheet.endsWith("'")
      ? rawSheet.slice(1, -1).replace(/''/g, "'")
      : rawSheet;
  return { sheet, cell: ref.slice(bang + 1).replace(/\$/g, "") };
}

/** The report's nominees as meeting mode edits them: [judge][criterion] input cells. */
export function meetingDataFromReport(
  report: AssessmentReport,
  rubric: MeetingData["rubric"]
): MeetingData {
  const criterionIndex = new Map(rubric.criteria.map((criterion, index) => [criterion.id, index]));
  const nominees: MeetingNominee[] = report.nominees.map((nominee) => {
    const scores: ScoreInput[][] = Array.from({ length: rubric.judges }, () => []);
    for (const score of nominee.inputs.scores) {
      const c = criterionIndex.get(score.criterion);
      const judgeCells = scores[score.judge - 1];
      if (c === undefined || !judgeCells) continue;
      judgeCells[c] =
        score.cell === null
          ? { sheet: null, cell: null, value: null }
          : { ...splitSheetCell(score.cell), value: score.value };
    }
    return {
      id: nominee.id,
      name: nominee.name ?? nominee.id,
      sector: nominee.sector,
      tier: nominee.tier,
      scores,
      satisfaction: {
        ...splitSheetCell(nominee.inputs.satisfaction.cell),
        value: nominee.inputs.satisfaction.value,
      },
      veto: {
        ...splitSheetCell(nominee.inputs.veto.cell),
        value: readYesNo(nominee.inputs.veto.value),
      },
      totalCell: splitSheetCell(nominee.outputs.total.cell),
      status: nominee.outputs.status.value || null,
    };
  });
  return { rubric, nominees };
}

/**
 * The copies' file names: `<stem>-评委N.xlsx`, `<stem>-评议_<code>.xlsx`, the stem from the workbook's own name when
 * the host gives it.
 */
function copyFileName(stem: string, label: string): string {
  return `${stem}-${label}.xlsx`;
}

export class WorkbookPaneService implements PaneService {
  constructor(
    private readonly workbook: WorkbookAccess,
    private readonly delivery: FileDelivery = browserDownloads(),
    /** The open workbook's name without extension (Office.context.document.url), for the copies' names. */
    private readonly workbookStem: () => string = () => "考核工作簿"
  ) {}

  capabilities(): HostCapabilities {
    return this.workbook.capabilities();
  }

  async inspect(overrides: MappingOverrides): Promise<InspectView> {
    return inspectNominations(await this.workbook.read(), { mappingOverrides: overrides }).inspect;
  }

  selectCell(at: CellAt): Promise<void> {
    return this.workbook.selectCell(at.sheet, at.cell);
  }

  async generatedSettings(): Promise<GenerateSettings | null> {
    const reported = reportAssessment(await this.workbook.read());
    if (!reported.ok) return null;
    const { rubric } = reported.state;
    if (!(BUILTIN_RUBRIC_IDS as readonly string[]).includes(rubric.id)) return null;
    return {
      rubricId: rubric.id as BuiltinRubricId,
      judges: rubric.judges,
      quotas: rubric.quotas.byTier,
    };
  }

  async generate(
    request: GenerateRequest,
    options: { progress: ProgressListener; cancel: CancelToken }
  ): Promise<GenerateOutcome> {
    // The same use case as `shifan assess`: the settings asked for, every entered score kept or nothing done.
    const grid = await this.workbook.read();
    const planned = planAssessment(grid, {
      rubric: BUILTIN_RUBRICS[request.rubricId],
      judges: request.judges,
      // The pane shows the whole quota table, so a tier left blank there means no quota, not "keep".
      quotas: Object.fromEntries(TIER_CODES.map((tier) => [tier, request.quotas[tier] ?? null])),
      mappingOverrides: request.mappingOverrides,
      newAssessmentId: newAssessmentId(),
      ...(request.password ? { password: request.password } : {}),
    });
    if (!planned.ok) return planned;
    // A cancel the adapter honours arrives as CancelledError; one that comes after the last request changes nothing.
    const applied = await this.workbook.apply(planned.plan, options);
    return {
      ok: true,
      sheets: planned.plan.sheets
        .filter((sheet) => sheet.visibility !== "veryHidden")
        .map((sheet) => sheet.name),
      issues: planned.issues,
      // What this Excel could not read or left out of the sheets is said beside what the engine kept and changed.
      notes: [...(grid.notes ?? []), ...planned.notes, ...applied.notes],
    };
  }

  async readAssessment(): Promise<MeetingData | null> {
    const reported = reportAssessment(await this.workbook.read());
    if (!reported.ok) return null;
    return {
      ...meetingDataFromReport(reported.report, reported.state.rubric),
      dynamic: reported.dynamic,
      recusals: reported.state.recusals,
    };
  }

  writeCells(cells: readonly CellWrite[]): Promise<void> {
    return cells.length === 0 ? Promise.resolve() : this.workbook.writeCells(cells);
  }

  copyDelivery(): DeliveryMode {
    return this.delivery.mode;
  }

  async issueCopies(judges?: readonly number[], groups?: readonly string[]): Promise<IssueOutcome> {
    // The same use case as `shifan copies`, and the same writer (with fflate's deflate in the browser).
    const issued = issueCopies(await this.workbook.read(), {
      issuedAt: new Date().toISOString(),
      newCopyId: newAssessmentId,
      ...(judges === undefined ? {} : { judges }),
      ...(groups === undefined ? {} : { groups }),
    });
    if (!issued.ok) return issued;
    const stem = this.workbookStem();
    // The writer (and fflate's deflate) load on first use: the pane's first paint stays small.
    const { writePlanInBrowser } = await import("../../adapters/xlsx/browserPackage");
    // One copy's plan at a time (each as large as a judge's sheet); only the written bytes are kept to deliver.
    const files: DeliveredFile[] = [];
    for (const copy of issued.copies)
      files.push({
        name: copyFileName(stem, copy.label),
        bytes: await writePlanInBrowser(copy.plan()),
      });
    await this.delivery.deliver(files);
    return {
      ok: true,
      copies: issued.copies.map((copy, i) => ({
        ...(copy.kind === "judge"
          ? { judge: copy.judge }
          : { judge: null, group: copy.group, groupLabel: copy.groupLabel }),
        fileName: files[i]?.name ?? copyFileName(stem, copy.label),
        version: copy.version,
        complete: copy.complete,
        nominees: copy.nominees,
      })),
      delivery: this.delivery.mode,
      issues: issued.issues,
      notes: issued.notes,
    };
  }

  async mergeReturns(files: readonly ReturnedFile[], preferCopy: boolean): Promise<MergeOutcome> {
    // Read with the command line's own reader, whatever the judge saved (.xlsx, or .xls/.et from WPS, .ods); merged
    // by the engine; only the values taken are written.
    const { XlsxReadError, readWorkbookBytes } =
      await import("../../adapters/xlsx/read/readWorkbookBytes");
    const copies = await Promise.all(
      files.map(async (file) => {
        try {
          return { file: file.name, grid: (await readWorkbookBytes(file.bytes)).grid };
        } catch (error) {
          return {
            file: file.name,
            grid: null,
            unreadable:
              error instanceof XlsxReadError
                ? fatalMessage(error.code, { file: file.name })
                : error instanceof Error
                  ? error.message
                  : String(error),
          };
        }
      })
    );
    const merged = mergeReturns(await this.workbook.read(), copies, {
      mergedAt: new Date().toISOString(),
      preferCopy,
      output: "cells",
    });
    if (!merged.ok) return merged;
    if (merged.writes.length > 0) await this.workbook.writeCells(merged.writes);
    await this.workbook.apply(merged.plan, {
      progress: () => undefined,
      cancel: { cancelled: false },
    });
    return {
      ok: true,
      report: merged.report,
      messages: merged.messages,
      ignored: merged.ignored,
      written: merged.writes.length,
      issues: merged.issues,
      notes: merged.notes,
    };
  }

  async readRecusals(): Promise<RecusalOutcome> {
    return readRecusalRegister(await this.workbook.read());
  }

  async addRecusal(line: { judge: number; id: string; reason: string }): Promise<RecusalOutcome> {
    const register = await this.readRecusals();
    if (!register.ok) return register;
    await this.workbook.writeCells(addRecusalLine(register, line));
    return this.readRecusals();
  }

  async removeRecusal(row: number): Promise<RecusalOutcome> {
    const register = await this.readRecusals();
    if (!register.ok) return register;
    await this.workbook.writeCells(removeRecusalLine(register, row));
    return this.readRecusals();
  }
}
