/**
 * Use case: returned copies — judges' and rater groups' (三评议) — merged into the assessment (`shifan merge`, the
 * pane's 回收). A cell is matched by nominee id and criterion (a group's: by nominee id and the 评议人r header),
 * never by position. HotCRP's rule for offline reviews: a cell the judge changed and the
 * master did not (since the copy was issued: the stamp's baseline) is taken; changed in both to different values,
 * it is a conflict — not applied, listed — unless the person prefers the copy. Copies of another assessment, whose
 * entry sheet is not the stamped one, superseded by a later copy of the same judge, or unreadable are refused
 * whole. Nothing but the judge's input cells is read from a copy. Merging a copy twice changes nothing the second
 * time. docs/decisions/0011, 0025.
 */
import { a1 } from "../core/CellRef";
import { cellAt, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import { todayFromClock, type IsoDate } from "../core/IsoDate";
import { failed, type Outcome } from "../core/Outcome";
import { mergeReasonText, type InvalidReason, type RefusalReason } from "../messages/mergeReasons";
import { HEADER_ROW } from "../plan/assessmentLayout";
import { rubricLayout } from "../plan/compileAssessment";
import { CELL_STYLES } from "../plan/cellStyles";
import { compileMergeLog, type MergeLogLine } from "../plan/mergeLog";
import { isJudgeEntry } from "../plan/AssessmentModel";
import { placePlan } from "../plan/placeInWorkbook";
import type { SheetPlan, WorkbookPlan } from "../plan/SheetPlan";
import { RATER_MAX, raterHeader } from "../plan/compileRaterSheet";
import { raterGroups } from "../rubric/Rubric";
import { COPY_KEYS, defaultSheetName, roleKey, type SheetRole } from "../plan/workbookIdentity";
import type { AssessmentState } from "../report/readAssessment";
import { readIdentity, targetWorkbook } from "../report/readIdentity";
import { mergedCopies, readMergeLog } from "../report/readMergeLog";
import { copyRaterColumns } from "../report/raterColumns";
import {
  CELL_BLANK,
  CELL_NUMBER,
  copyReadOf,
  idAt,
  renamedAt,
  type CopyRead,
  type EntrySheetRead,
} from "./mergeReturnsRead";
import { withCachedValues } from "./cachedValues";
import { placeReadAssessment, randomAssessmentId } from "./planAssessment";
import { readCompleteAssessment } from "./readEvaluableAssessment";
import { recusalsOf } from "./recusals";

/**
 * A returned file as the front end read it: its grid, what merge reads of it (copyReadOf, made where the file was
 * read: the CLI's worker thread), or why it could not be read.
 */
export type ReturnedCopy =
  | {
      /** How the person knows the file (its name). */
      readonly file: string;
      readonly grid: WorkbookGrid | null;
      /** Why `grid` is null, in words (damaged, not a workbook …). */
      readonly unreadable?: string;
    }
  | { readonly file: string; readonly read: CopyRead };

export interface MergeRequest {
  /** Take the copy's value where both changed, and merge a superseded copy anyway. */
  readonly preferCopy?: boolean;
  /** When the merge happens, ISO 8601 (the front end's clock). */
  readonly mergedAt: string;
  readonly today?: IsoDate;
  /**
   * `workbook`: the whole assessment compiled again with the values taken (a file to write, cached values right);
   * `cells`: only the cells to write and the 合并记录 sheet (the pane, where Excel recalculates).
   */
  readonly output: "workbook" | "cells";
}

/**
 * Whose entry sheet a line is about: a judge's, as `--json` has always said, or a rater group's — `judge` null
 * and `group` its code (decision 0025: added, so a reader of judges' lines reads them as before).
 */
export type MergeEntry =
  { readonly judge: number } | { readonly judge: null; readonly group: string };

/** Which cell a line is about: a judge's criterion, or a rater group's rater (1-based; `criterion` null). */
export type MergeCellOf =
  | { readonly judge: number; readonly criterion: string }
  | {
      readonly judge: null;
      readonly group: string;
      readonly criterion: null;
      readonly rater: number;
    };

/** `shifan merge --json`, exactly (issue #9 §3; rater groups' lines: decision 0025). */
export interface MergeReport {
  readonly merged: readonly ({ readonly file: string } & MergeEntry & { readonly taken: number })[];
  readonly refused: readonly { readonly file: string; readonly reason: RefusalReason }[];
  readonly conflicts: readonly ({
    readonly file: string;
    readonly nominee: string;
    readonly cell: string;
    readonly master: number | null;
    readonly copy: number | null;
  } & MergeCellOf)[];
  readonly invalid: readonly ({
    readonly file: string;
    readonly nominee: string;
    readonly cell: string;
    readonly value: string | number | boolean | null;
    readonly reason: InvalidReason;
  } & MergeCellOf)[];
}

/**
 * A cell line of the report, its keys in the order `--json` has always printed them (file, judge, nominee,
 * criterion, …), a group's with `group` after `judge` and `rater` after `criterion`.
 */
function cellLine<T extends object>(
  file: string,
  of: MergeCellOf,
  nominee: string,
  rest: T
): { readonly file: string; readonly nominee: string } & MergeCellOf & T {
  return of.judge !== null
    ? { file, judge: of.judge, nominee, criterion: of.criterion, ...rest }
    : { file, judge: null, group: of.group, nominee, criterion: null, rater: of.rater, ...rest };
}

/** A value to write into the master: a judge's or a rater's score cell. */
export interface MergeWrite {
  readonly sheet: string;
  readonly cell: string;
  readonly value: number | null;
}

export interface MergedReturns {
  readonly report: MergeReport;
  /** Each refusal's and invalid value's text, Chinese and English, in the report's order. */
  readonly messages: {
    readonly refused: readonly { readonly zh: string; readonly en: string }[];
    readonly invalid: readonly { readonly zh: string; readonly en: string }[];
  };
  /** Ignored parts of copies (edited identity text, added sheets), one bilingual line each. */
  readonly ignored: readonly string[];
  /** The cells taken, where the master holds them: made on first read. */
  readonly writes: readonly MergeWrite[];
  /** `workbook`: the assessment with the values taken and 合并记录; `cells`: 合并记录 (and the identity) only. */
  readonly plan: WorkbookPlan;
}

type EntryRole = Extract<SheetRole, { kind: "judge" | "raters" }>;

interface Stamp {
  readonly copyId: string;
  /** The judge or rater group the copy was issued to. */
  readonly to: EntryRole;
  readonly version: number;
  readonly issuedAt: string;
  /** The entry sheet's role as stamped (`judge_3`, `raters_peers`). */
  readonly entry: string;
}

function stampOf(entries: ReadonlyMap<string, string>): Stamp | null {
  const copyId = entries.get(COPY_KEYS.id);
  const judge = Number(entries.get(COPY_KEYS.judge));
  const group = entries.get(COPY_KEYS.group) ?? "";
  const issuedAt = entries.get(COPY_KEYS.issuedAt);
  const entry = entries.get(COPY_KEYS.entry);
  const to: EntryRole | null =
    Number.isInteger(judge) && judge >= 1
      ? { kind: "judge", judge }
      : /^[A-Za-z0-9]{1,40}$/.test(group)
        ? { kind: "raters", group }
        : null;
  if (!copyId || !to || !issuedAt || !entry) return null;
  return {
    copyId,
    to,
    version: Number(entries.get(COPY_KEYS.version) ?? 1) || 1,
    issuedAt,
    entry,
  };
}

/** A score off the rubric's step (0.5): never counted (RULES §4.3). */
function offStep(value: number, step: number): boolean {
  if (step <= 0) return false;
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) > 1e-9;
}

/** One input cell of an entry sheet, the same on every row: a judge's criterion, a group's rater. */
interface Slot {
  readonly of: MergeCellOf;
  /** What 合并记录's 指标 column says: `C1`, `评议人3`. */
  readonly logName: string;
  readonly max: number;
  /** Where a copy, written to the layout, holds it on its entry sheet. */
  readonly copyColumn: number;
  /** Where the master holds it on its entry sheet as it stands; null when that sheet has no such column. */
  readonly masterColumn: number | null;
}

/** A master entry sheet that copies merge into: a judge's or a rater group's. */
interface EntryTarget {
  readonly role: EntryRole;
  readonly line: MergeEntry;
  readonly sheetName: string;
  readonly slots: readonly Slot[];
  /** The master's values per nominee (state order), slot by slot; updated as copies are taken, in issue order. */
  readonly values: (number | null)[][];
  /** Where in the cells taken this target is (TakenCells' `target`). */
  readonly ordinal: number;
  /**
   * Per nominee (state order) and slot, at `index * slots + slot`: 1 + where among the cells taken that cell is, 0
   * when it is not taken (one master cell per nominee and slot: its row by id, its column by slot).
   */
  readonly writeAt: Int32Array;
  /**
   * Each nominee's row (state order) on the master's entry sheet, found by id once; 0 when that sheet has no row
   * for it.
   */
  readonly masterRows: Int32Array;
  /** Nominees this entry may not score (回避: judges only, RULES §4.4). */
  readonly recused: ReadonlySet<string>;
  /** `评委3` / `judge 3`; `评议组 peers（党员互评）` / `rater group peers`. */
  readonly who: { readonly zh: string; readonly en: string };
}

interface CopyPlanned {
  readonly file: string;
  readonly stamp: Stamp;
  readonly target: EntryTarget;
  readonly entrySheet: EntrySheetRead;
  /** The copy's column of each of the target's slots (matched by header, never by position). */
  readonly columns: readonly number[];
  readonly ignored: string[];
}

/** Text of a header cell, or "". */
function headerAt(sheet: SheetGrid, col: number): string {
  const cell = cellAt(sheet, HEADER_ROW, col);
  return cell?.type === "text" ? cell.text : "";
}

/**
 * @example
 * const merged = mergeReturns(master, [{ file: 'a-评委3.xlsx', grid }], { mergedAt: new Date().toISOString(), output: 'workbook' });
 * if (merged.ok) console.log(JSON.stringify(merged.report));
 */
export function mergeReturns(
  master: WorkbookGrid,
  returned: readonly ReturnedCopy[],
  request: MergeRequest
): Outcome<MergedReturns> {
  // Taken and placed in a call of its own, so what only the taking reads (the master's state as it was and as
  // taken, the copies' rows matched, the values per target) is let go before the merged workbook is evaluated.
  const placed = placeMerged(master, returned, request);
  if (!placed.ok) return placed;
  const { taken } = placed;
  const plan =
    request.output === "workbook"
      ? withCachedValues(placed.plan, request.today ?? todayFromClock())
      : placed.plan;
  let writes: readonly MergeWrite[] | undefined;
  return {
    ok: true,
    report: taken.report,
    messages: taken.messages,
    ignored: taken.ignored,
    // Made when first read, after the workbook is evaluated: the pane writes them, the CLI's `workbook` output never
    // reads them (200,000 objects for five full 10k returns).
    get writes(): readonly MergeWrite[] {
      writes ??= writesOf(taken.cells, taken.targets);
      return writes;
    },
    plan,
    issues: [],
    notes: placed.notes,
  };
}

/**
 * The returns taken, and the plan to write them with, its formulas not yet evaluated: `workbook`, the assessment
 * placed again with the values taken in place; `cells`, 合并记录 (and the identity) only.
 */
function placeMerged(
  master: WorkbookGrid,
  returned: readonly ReturnedCopy[],
  request: MergeRequest
): Outcome<{ readonly taken: Omit<TakenReturns, "state">; readonly plan: WorkbookPlan }> {
  const taken = takeReturns(master, returned, request);
  if (!taken.ok) return taken;
  const { assessmentId, state, logSheet, ...rest } = taken;
  const notes = state.notes;
  if (request.output === "workbook") {
    const placed = placeReadAssessment(master, state, {
      extraSheets: [logSheet],
      newAssessmentId: randomAssessmentId(),
      ...(request.today === undefined ? {} : { today: request.today }),
    });
    if (!placed.ok) return placed;
    return {
      ok: true,
      taken: { assessmentId, logSheet, ...rest },
      plan: placed.plan,
      issues: [],
      notes,
    };
  }
  const identity = readIdentity(master);
  const sources =
    identity.kind === "identity"
      ? identity.sources.flatMap((s) => (s.current ? [s.current] : []))
      : [];
  const plan = placePlan(
    { sheets: [logSheet], names: [], styles: CELL_STYLES },
    targetWorkbook(master, assessmentId, identity),
    sources
  ).plan;
  return { ok: true, taken: { assessmentId, logSheet, ...rest }, plan, issues: [], notes };
}

/** What mergeReturns took of the returns, and all it needs of the taking to plan the merged workbook. */
interface TakenReturns {
  readonly assessmentId: string;
  /** `workbook`: the master's state with the values taken in place (withTaken); `cells`: as read. */
  readonly state: AssessmentState;
  readonly report: MergeReport;
  readonly messages: MergedReturns["messages"];
  readonly ignored: readonly string[];
  /** 合并记录, grown by this merge's lines. */
  readonly logSheet: SheetPlan;
  /** The cells taken (TAKEN_FIELDS numbers each) and where on the master, by the targets' ordinals. */
  readonly cells: readonly number[];
  readonly targets: readonly (WriteTarget | null)[];
}

/** mergeReturns' reading of the master and the copies, and its taking of the values. */
function takeReturns(
  master: WorkbookGrid,
  returned: readonly ReturnedCopy[],
  request: MergeRequest
): Outcome<TakenReturns> {
  const read = readCompleteAssessment(master);
  if (!read.ok) return read;
  const state = read.state;
  const assessmentId = state.identity.kind === "identity" ? state.identity.assessmentId : null;
  if (assessmentId === null) return failed("no_identity", {});
  const { rubric } = state;
  const groups = raterGroups(rubric);
  const layout = rubricLayout(rubric, state.nominees.length);
  const logSheet = state.identity.sheets.find((s) => s.role.kind === "mergeLog")?.sheet ?? null;
  // Who is recused, as 回避's formulas say; with no line typed there is nobody, and compiling the assessment to
  // evaluate its recusal columns would only confirm that.
  const { recused } = state.recusals.some((line) => line.judge !== null || line.id !== null)
    ? recusalsOf(state).found
    : { recused: [] as readonly ReadonlySet<string>[] };
  const earlierLines = readMergeLog(logSheet);
  const merged = mergedCopies(earlierLines);

  const rowsOf = (rows: ReadonlyMap<string, number> | undefined): Int32Array =>
    Int32Array.from(state.nominees, (nominee) => rows?.get(nominee.id) ?? 0);
  // The master's entry sheets copies merge into, made once each: two copies of one judge share its values.
  const targets = new Map<string, EntryTarget | null>();
  const targetOf = (role: EntryRole): EntryTarget | null => {
    const key = roleKey(role);
    if (!targets.has(key)) targets.set(key, makeTarget(role));
    return targets.get(key) ?? null;
  };
  const makeTarget = (role: EntryRole): EntryTarget | null => {
    const sheetName = state.sheetNames.get(roleKey(role)) ?? defaultSheetName(role);
    if (role.kind === "judge") {
      const { judge } = role;
      if (judge > rubric.judges) return null;
      return {
        role,
        line: { judge },
        sheetName,
        slots: rubric.criteria.map((criterion, c) => ({
          of: { judge, criterion: criterion.id },
          logName: criterion.id,
          max: criterion.max,
          copyColumn: layout.judgeScoreColumns[c] ?? 0,
          // The criterion's column on the master's sheet as it stands (found by header), not the layout's.
          masterColumn: state.judgeColumns[judge - 1]?.[c] ?? null,
        })),
        values: state.nominees.map((n) => [...(n.inputs.scores[judge - 1] ?? [])]),
        ordinal: targets.size,
        writeAt: new Int32Array(state.nominees.length * rubric.criteria.length),
        masterRows: rowsOf(state.judgeRows[judge - 1]),
        recused: recused[judge - 1] ?? new Set(),
        who: { zh: `评委${judge}`, en: `judge ${judge}` },
      };
    }
    const g = groups.findIndex((group) => group.id === role.group);
    const group = groups[g];
    const at = layout.raterSheets[g];
    if (!group || !at) return null;
    const rows = state.raterRows.get(group.id);
    return {
      role,
      line: { judge: null, group: group.id },
      sheetName,
      slots: at.scoreColumns.map((col, r) => ({
        of: { judge: null, group: group.id, criterion: null, rater: r + 1 },
        logName: raterHeader(r + 1),
        max: RATER_MAX,
        copyColumn: col,
        // The rater's column on the master's sheet as it stands (found by its 评议人r header), not the layout's.
        masterColumn: state.raterColumns.get(group.id)?.[r] ?? null,
      })),
      values: state.nominees.map((n) =>
        at.scoreColumns.map((_col, r) => n.inputs.raters?.[group.id]?.[r] ?? null)
      ),
      ordinal: targets.size,
      writeAt: new Int32Array(state.nominees.length * at.scoreColumns.length),
      masterRows: rowsOf(rows),
      recused: new Set(),
      who: { zh: `评议组 ${group.id}（${group.label}）`, en: `rater group ${group.id}` },
    };
  };

  const refused: { file: string; reason: RefusalReason }[] = [];
  const refusedText: { zh: string; en: string }[] = [];
  const refuse = (
    file: string,
    reason: RefusalReason,
    params: Record<string, string | number> = {}
  ) => {
    refused.push({ file, reason });
    refusedText.push(mergeReasonText(reason, params));
  };

  // Check every copy before taking anything: identity, stamp, entry sheet.
  const candidates: CopyPlanned[] = [];
  for (const copy of returned) {
    const read = "read" in copy ? copy.read : copy.grid ? copyReadOf(copy.grid) : null;
    if (!read) {
      refuse(copy.file, "unreadable", { detail: ("unreadable" in copy && copy.unreadable) || "" });
      continue;
    }
    if (read.kind !== "copy") {
      refuse(copy.file, "not_a_copy");
      continue;
    }
    if (read.assessmentId !== assessmentId) {
      refuse(copy.file, "foreign");
      continue;
    }
    const stamp = stampOf(read.entries);
    if (!stamp) {
      refuse(copy.file, "not_a_copy");
      continue;
    }
    const checked = checkEntrySheet(read.entrySheets, stamp, targetOf(stamp.to), rubric.judges);
    if ("wrong" in checked) {
      refuse(copy.file, "wrong_entry_sheet", { detail: checked.wrong });
      continue;
    }
    const { added } = read;
    const ignored: string[] = [];
    if (added.length > 0)
      ignored.push(
        `${copy.file}：忽略新增的工作表 ${added.join("、")} / sheets added to the copy are ignored: ${added.join(", ")}`
      );
    candidates.push({
      file: copy.file,
      stamp,
      target: checked.target,
      entrySheet: checked.entry,
      columns: checked.columns,
      ignored,
    });
  }

  // Superseded: a later copy of the same judge (or group) merged before, or among these.
  const ordered = [...candidates].sort((a, b) => a.stamp.issuedAt.localeCompare(b.stamp.issuedAt));
  const accepted: CopyPlanned[] = [];
  for (const copy of ordered) {
    const entry = roleKey(copy.stamp.to);
    const newer = [
      ...merged.filter((m) => m.entry === entry && m.copyId !== copy.stamp.copyId),
      ...candidates
        .filter((c) => roleKey(c.stamp.to) === entry && c.stamp.copyId !== copy.stamp.copyId)
        .map((c) => c.stamp),
    ].filter((other) => other.issuedAt > copy.stamp.issuedAt);
    if (newer.length > 0 && !request.preferCopy) {
      const latest =
        newer
          .map((n) => n.issuedAt)
          .sort()
          .at(-1) ?? "";
      refuse(copy.file, "superseded", {
        whoZh: copy.target.who.zh,
        whoEn: copy.target.who.en,
        newer: latest,
        issuedAt: copy.stamp.issuedAt,
      });
      continue;
    }
    accepted.push(copy);
  }

  const indexById = new Map(state.nominees.map((n, i) => [n.id, i]));
  const report: {
    merged: MergeReport["merged"][number][];
    conflicts: MergeReport["conflicts"][number][];
    invalid: MergeReport["invalid"][number][];
  } = { merged: [], conflicts: [], invalid: [] };
  const invalidText: { zh: string; en: string }[] = [];
  // In the order cells were first taken; a cell taken again (a later copy of the same judge) keeps its place.
  const takenCells: number[] = [];
  const lines: MergeLogLine[] = [];
  const ignored: string[] = [];

  for (const copy of accepted) {
    const { target, entrySheet } = copy;
    const { sheetName, slots } = target;
    let takenHere = 0;
    let conflicts = 0;
    let invalids = 0;
    const detail: MergeLogLine[] = [];
    const base = {
      time: request.mergedAt,
      file: copy.file,
      judge: target.line.judge,
      group: target.line.judge === null ? target.line.group : null,
      copyId: copy.stamp.copyId,
      version: copy.stamp.version,
      issuedAt: copy.stamp.issuedAt,
    };
    /** A value not taken, listed with where it is: the master's cell, or the copy's when the master has none. */
    const invalid = (
      at: { readonly id: string; readonly row: number; readonly masterRow: number | null },
      s: number,
      reason: InvalidReason,
      value: string | number | boolean | null,
      params: Record<string, string | number> = {}
    ) => {
      const slot = slots[s] as Slot;
      const masterAddress =
        at.masterRow === null || slot.masterColumn === null
          ? null
          : a1(at.masterRow, slot.masterColumn);
      const cell =
        masterAddress !== null
          ? `'${sheetName}'!${masterAddress}`
          : `'${entrySheet.name}'!${a1(at.row, copy.columns[s] ?? 0)}`;
      report.invalid.push(cellLine(copy.file, slot.of, at.id, { cell, value, reason }));
      const index = indexById.get(at.id);
      const text = mergeReasonText(reason, {
        value: String(value ?? ""),
        nominee: at.id,
        ...params,
      });
      invalidText.push(text);
      invalids++;
      detail.push({
        ...base,
        result: "invalid",
        cell: masterAddress !== null ? { sheet: sheetName, address: masterAddress } : null,
        nominee: at.id,
        criterion: slot.logName,
        master: index === undefined ? null : (target.values[index]?.[s] ?? null),
        copy: typeof value === "boolean" ? String(value) : value,
        taken: null,
        conflicts: null,
        invalid: null,
        reasonZh: text.zh,
        reasonEn: text.en,
      });
    };
    ignored.push(...copy.ignored);
    let renamedIdentity = 0;
    const { kinds, numbers, others, firstColumn, width, baselineWidth } = entrySheet;
    // The copy's cell of each slot, as an offset into a row of `kinds`; -1 where the copy has no such column.
    const offsets = slots.map((_slot, s) => {
      const at = (copy.columns[s] ?? 0) - firstColumn;
      return at >= 0 && at < width ? at : -1;
    });
    for (let i = 0; i < entrySheet.rows.length; i++) {
      const id = idAt(entrySheet, i);
      const row = entrySheet.rows[i] as number;
      const index = indexById.get(id);
      // Never by position: a row deleted on the master's sheet would put this score on another nominee's row.
      const masterRow = index === undefined ? null : target.masterRows[index] || null;
      const values = index === undefined ? undefined : target.values[index];
      const recused = index !== undefined && target.recused.has(id);
      for (let s = 0; s < slots.length; s++) {
        const slot = slots[s] as Slot;
        const offset = offsets[s] as number;
        const cell = offset < 0 ? -1 : i * width + offset;
        const kind = cell < 0 ? CELL_BLANK : (kinds[cell] as number);
        // Text, TRUE/FALSE or an error: never a score.
        const bad = kind !== CELL_BLANK && kind !== CELL_NUMBER;
        const read =
          kind === CELL_NUMBER
            ? (numbers[cell] as number)
            : kind === CELL_BLANK
              ? null
              : (others.get(cell) ?? null);
        const b = i * baselineWidth + s;
        const baseline =
          s < baselineWidth && entrySheet.baselineKinds[b] === 1
            ? (entrySheet.baselineNumbers[b] as number)
            : null;
        const masterCol = masterRow === null ? null : slot.masterColumn;
        if (index === undefined || values === undefined) {
          if (read !== null) invalid({ id, row, masterRow }, s, "unknown_nominee", read);
          continue;
        }
        if (masterRow === null || masterCol === null) {
          if (bad || read !== baseline)
            invalid({ id, row, masterRow }, s, "no_master_cell", read, {
              sheet: sheetName,
              criterion: slot.logName,
            });
          continue;
        }
        // 回避 as the master's formulas say now: whatever the copy holds there is never taken (RULES §4.4).
        if (recused) {
          if (bad || read !== baseline) invalid({ id, row, masterRow }, s, "recused", read);
          continue;
        }
        if (bad) {
          // Unchanged bad text is the judge's own problem already reported on the master; a new one is listed.
          invalid({ id, row, masterRow }, s, "not_a_number", read);
          continue;
        }
        const value = read as number | null;
        if (value === baseline) continue; // the judge did not change it
        if (value !== null && (value < 0 || value > slot.max)) {
          invalid({ id, row, masterRow }, s, "out_of_range", value, { max: slot.max });
          continue;
        }
        if (value !== null && offStep(value, rubric.scoreStep)) {
          invalid({ id, row, masterRow }, s, "off_step", value, { step: rubric.scoreStep });
          continue;
        }
        const master = values[s] ?? null;
        if (master === value) continue; // already so (merged before, or typed alike)
        if (master !== baseline && !request.preferCopy) {
          const masterAddress = a1(masterRow, masterCol);
          conflicts++;
          report.conflicts.push(
            cellLine(copy.file, slot.of, id, {
              cell: `'${sheetName}'!${masterAddress}`,
              master,
              copy: value,
            })
          );
          detail.push({
            ...base,
            result: "conflict",
            cell: { sheet: sheetName, address: masterAddress },
            nominee: id,
            criterion: slot.logName,
            master,
            copy: value,
            taken: null,
            conflicts: null,
            invalid: null,
            reasonZh: `${target.who.zh}的副本与考核工作簿都改了此格，保留考核工作簿的值`,
            reasonEn: "changed in both the copy and the master; the master keeps its value",
          });
          continue;
        }
        values[s] = value;
        const at = index * slots.length + s;
        const taken = target.writeAt[at] ?? 0;
        if (taken === 0)
          target.writeAt[at] =
            takenCells.push(target.ordinal, index, s, value ?? NaN) / TAKEN_FIELDS;
        else takenCells[(taken - 1) * TAKEN_FIELDS + 3] = value ?? NaN;
        takenHere++;
      }
      const masterName = state.nominees[index ?? -1]?.name ?? null;
      if (index !== undefined && masterName !== null && renamedAt(entrySheet, i, masterName))
        renamedIdentity++;
    }
    if (renamedIdentity > 0)
      ignored.push(
        `${copy.file}：${renamedIdentity} 行的名称被改动，已忽略（按编号匹配）/ names edited on ${renamedIdentity} rows are ignored (rows match by id)`
      );
    report.merged.push({ file: copy.file, ...target.line, taken: takenHere });
    lines.push({
      ...base,
      result: "merged",
      cell: { sheet: sheetName, address: "A1" },
      nominee: null,
      criterion: null,
      master: null,
      copy: null,
      taken: takenHere,
      conflicts,
      invalid: invalids,
      reasonZh: "",
      reasonEn: "",
    });
    lines.push(...detail);
  }
  refused.forEach((refusal, i) =>
    lines.push({
      time: request.mergedAt,
      file: refusal.file,
      judge: null,
      group: null,
      copyId: null,
      version: null,
      issuedAt: null,
      result: "refused",
      cell: null,
      nominee: null,
      criterion: null,
      master: null,
      copy: null,
      taken: null,
      conflicts: null,
      invalid: null,
      reasonZh: `${refusal.reason}: ${refusedText[i]?.zh ?? ""}`,
      reasonEn: `${refusal.reason}: ${refusedText[i]?.en ?? ""}`,
    })
  );

  const byOrdinal = [...targets.values()];
  return {
    ok: true,
    assessmentId,
    state:
      request.output === "workbook"
        ? withTaken(state, byOrdinal, () => writesOf(takenCells, byOrdinal))
        : state,
    report: {
      merged: report.merged,
      refused,
      conflicts: report.conflicts,
      invalid: report.invalid,
    },
    messages: { refused: refusedText, invalid: invalidText },
    ignored,
    logSheet: compileMergeLog([...earlierLines, ...lines]),
    cells: takenCells,
    // Where the cells taken go, without the values per target (let go with the taking).
    targets: byOrdinal.map(
      (target) =>
        target && {
          sheetName: target.sheetName,
          slots: target.slots,
          masterRows: target.masterRows,
        }
    ),
    issues: [],
    notes: [],
  };
}

/**
 * Numbers per cell taken in mergeReturns' list of them: the target's ordinal, the nominee's index, the slot, and the
 * value taken last (NaN: blank; no cell holds NaN).
 */
const TAKEN_FIELDS = 4;

/** What writesOf needs of a target: where its cells are on the master (not its values, let go after the taking). */
type WriteTarget = Pick<EntryTarget, "sheetName" | "slots" | "masterRows">;

/** The cells taken as the master's cells, in the order first taken, each with the value taken last. */
function writesOf(
  taken: readonly number[],
  targets: readonly (WriteTarget | null)[]
): MergeWrite[] {
  const writes: MergeWrite[] = [];
  for (let k = 0; k < taken.length; k += TAKEN_FIELDS) {
    const target = targets[taken[k] as number] as WriteTarget;
    const index = taken[k + 1] as number;
    const s = taken[k + 2] as number;
    const value = taken[k + 3] as number;
    // A cell is taken only where the master has its row and column.
    const row = target.masterRows[index] as number;
    const col = target.slots[s]?.masterColumn as number;
    writes.push({
      sheet: target.sheetName,
      cell: a1(row, col),
      value: Number.isNaN(value) ? null : value,
    });
  }
  return writes;
}

/**
 * The copy's entry sheet, checked against its stamp and the master: exactly one entry sheet, the one the stamp
 * names, for an entry the master has; a judge's titled `评委N …` with the rubric's criteria; a group's with one
 * `评议人r` column per rater the assessment has (评分标准's 评议人数). The copy's column of each of the target's slots.
 */
function checkEntrySheet(
  entries: readonly { readonly key: string; readonly sheet: EntrySheetRead | null }[],
  stamp: Stamp,
  target: EntryTarget | null,
  judges: number
):
  | { readonly wrong: string }
  | {
      readonly target: EntryTarget;
      readonly entry: EntrySheetRead;
      readonly columns: readonly number[];
    } {
  const entry = entries.find((s) => s.key === stamp.entry)?.sheet ?? null;
  if (entries.length !== 1) return { wrong: `${entries.length} 张评分表 / entry sheets` };
  if (!entry) return { wrong: stamp.entry };
  if (stamp.entry !== roleKey(stamp.to)) return { wrong: `${entry.name}: ${stamp.entry}` };
  const to = stamp.to;
  if (to.kind === "judge") {
    if (!target) return { wrong: `评委${to.judge} > ${judges}` };
    const titleCell = cellAt(entry.head, 1, 1);
    const title = titleCell?.type === "text" ? titleCell.text : "";
    if (!title.startsWith(`评委${to.judge} `)) return { wrong: `${entry.name}: ${title}` };
    const columns = target.slots.map((slot) => slot.copyColumn);
    const headers = columns.map((col) => headerAt(entry.head, col).split(/\s+/)[0] ?? "");
    const wanted = target.slots.map((slot) => slot.logName);
    return headers.join(",") !== wanted.join(",")
      ? { wrong: `${headers.join(",")} ≠ ${wanted.join(",")}` }
      : { target, entry, columns };
  }
  if (!target)
    return { wrong: `评议组 ${to.group} 不在此考核工作簿中 / no rater group ${to.group} here` };
  const found = copyRaterColumns(entry.head, target.slots.length);
  return "wrong" in found
    ? { wrong: `${entry.name}: ${found.wrong}` }
    : { target, entry, columns: found.columns };
}

/**
 * The master's state with the values taken in place, as reading the written workbook back would give it: each
 * target's values, and no `rejected` entry or issue left for a cell a value was written to. (Regeneration writes a
 * rejected entry's text back into its cell: kept, it would overwrite the value taken.) planAssessment then need
 * not read the workbook a second time.
 */
function withTaken(
  state: AssessmentState,
  targets: readonly (EntryTarget | null)[],
  writes: () => readonly MergeWrite[]
): AssessmentState {
  const touched = targets.filter(
    (target): target is EntryTarget => target !== null && target.writeAt.some((at) => at > 0)
  );
  if (touched.length === 0) return state;
  const byRole = new Map(touched.map((target) => [roleKey(target.role), target]));
  const written = (target: EntryTarget, index: number, slot: number): boolean =>
    (target.writeAt[index * target.slots.length + slot] ?? 0) > 0;
  const anyWritten = (target: EntryTarget, index: number): boolean => {
    for (let s = 0; s < target.slots.length; s++) if (written(target, index, s)) return true;
    return false;
  };
  const nominees = state.nominees.map((nominee, index) => {
    const mine = touched.filter((target) => anyWritten(target, index));
    if (mine.length === 0) return nominee;
    const scores = [...nominee.inputs.scores];
    let { raters } = nominee.inputs;
    for (const target of mine) {
      // The target's row itself, not a copy: the taking is over, nothing changes it any more.
      const values = target.values[index] ?? [];
      if (target.role.kind === "judge") {
        const j = target.role.judge - 1;
        if (j < scores.length) scores[j] = values;
      } else raters = { ...raters, [target.role.group]: values };
    }
    const rejected = (nominee.inputs.rejected ?? []).filter((entry) => {
      const target = isJudgeEntry(entry)
        ? entry.judge === null
          ? undefined
          : byRole.get(roleKey({ kind: "judge", judge: entry.judge + 1 }))
        : byRole.get(roleKey({ kind: "raters", group: entry.group }));
      const slot = isJudgeEntry(entry) ? entry.criterion : entry.rater;
      return !target || !written(target, index, slot);
    });
    const { rejected: _before, ...inputs } = nominee.inputs;
    return {
      ...nominee,
      inputs: {
        ...inputs,
        scores,
        ...(raters === undefined ? {} : { raters }),
        ...(rejected.length > 0 ? { rejected } : {}),
      },
    };
  });
  // A written cell's issue (text, out of range, off step) is gone with what was there.
  const sheets = new Set(touched.map((target) => target.sheetName));
  const cells = state.issues.some((issue) => sheets.has(issue.sheet))
    ? new Set(writes().map((write) => `${write.sheet}!${write.cell}`))
    : new Set<string>();
  const issues = state.issues.filter((issue) => !cells.has(`${issue.sheet}!${issue.cell}`));
  return { ...state, nominees, issues };
}
