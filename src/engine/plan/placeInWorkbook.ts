/**
 * Fits a compiled plan into the workbook it is written to: each generated sheet keeps the name a person gave
 * it, takes its default name when that is free, and a distinct one when a person's own sheet holds it; a
 * person's own defined names are never replaced (shifan's formulas use another name); and the plan gains the
 * workbook identity (workbookIdentity.ts) that lets the next run find all of this again.
 */
import { note, type Note } from "../core/Outcome";
import type { Rubric } from "../rubric/Rubric";
import type { PreviousAssessment } from "./AssessmentModel";
import type { CompiledAssessment } from "./compileAssessment";
import { renamePlan } from "./renamePlan";
import type { WorkbookPlan } from "./SheetPlan";
import {
  LAYOUT_VERSION,
  compileIdentitySheet,
  defaultSheetName,
  identityNames,
  roleFromKey,
  roleKey,
  roleLabel,
  roleOfDefaultName,
  type SheetRole,
  type WorkbookIdentity,
} from "./workbookIdentity";

/** The workbook a plan is written into, as far as placing it needs: read by the report stage's targetWorkbook. */
export interface TargetWorkbook {
  /** Every sheet it holds now. */
  readonly sheetNames: readonly string[];
  /** Role key → current name of each generated sheet present now. */
  readonly generated: ReadonlyMap<string, string>;
  /** Role key → name when shifan last wrote it (to tell a person's renaming). */
  readonly written: ReadonlyMap<string, string>;
  /** Defined names that are the person's own, upper-case. */
  readonly userNames: ReadonlySet<string>;
  /** Kept from the identity, or a new one for a workbook assessed the first time. */
  readonly assessmentId: string;
  /** Assessed by the first shifan (no identity until now). */
  readonly legacy: boolean;
}

/** A workbook nothing was written into: every default name is free. */
export function freshWorkbook(
  assessmentId: string,
  sheetNames: readonly string[] = []
): TargetWorkbook {
  return {
    sheetNames,
    generated: new Map(),
    written: new Map(),
    userNames: new Set(),
    assessmentId,
    legacy: false,
  };
}

export interface PlacedAssessment extends CompiledAssessment {
  /** Role key → the sheet's name in the written workbook. */
  readonly sheetNames: ReadonlyMap<string, string>;
  readonly identity: WorkbookIdentity;
  readonly notes: readonly Note[];
}

const MAX_SHEET_NAME = 31;

function suffixed(base: string, k: number): string {
  const suffix = `(${k})`;
  return `${base.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
}

export interface PlacedPlan {
  readonly plan: WorkbookPlan;
  /** Role key → the sheet's name in the written workbook. */
  readonly sheetNames: ReadonlyMap<string, string>;
  readonly identity: WorkbookIdentity;
  readonly notes: readonly Note[];
}

/**
 * A plan (compiled with default names) placed in `target`, with the identity sheet and names added.
 * `extraIdentityRows` go on the identity sheet as `key | value` rows (a copy's issue stamp).
 *
 * @example
 * const placed = placePlan(compiled.plan, freshWorkbook('7f3…'), ['推荐汇总']);
 */
export function placePlan(
  plan: WorkbookPlan,
  target: TargetWorkbook,
  sources: readonly string[],
  extraIdentityRows: readonly (readonly string[])[] = []
): PlacedPlan {
  const notes: Note[] = target.legacy ? [note("identity_added", {})] : [];
  const generatedNames = new Set([...target.generated.values()].map((n) => n.toUpperCase()));
  const taken = new Set(
    target.sheetNames
      .filter((n) => !generatedNames.has(n.toUpperCase()))
      .map((n) => n.toUpperCase())
  );
  const used = new Set<string>();
  const sheetRenames = new Map<string, string>();
  const sheetNames = new Map<string, string>();

  const place = (role: SheetRole, defaultName: string): string => {
    const key = roleKey(role);
    const current = target.generated.get(key);
    const label = roleLabel(role);
    let chosen: string;
    if (current !== undefined && !used.has(current.toUpperCase())) {
      chosen = current;
      const written = target.written.get(key);
      if (written !== undefined && written !== current)
        notes.push(
          note("sheet_renamed_kept", {
            roleZh: label.zh,
            roleEn: label.en,
            from: written,
            to: current,
          })
        );
    } else {
      chosen = defaultName;
      const free = (name: string) =>
        !taken.has(name.toUpperCase()) &&
        !used.has(name.toUpperCase()) &&
        // A generated sheet of another role still holding this name keeps it.
        ![...target.generated.entries()].some(
          ([otherKey, otherName]) =>
            otherKey !== key && otherName.toUpperCase() === name.toUpperCase()
        );
      for (let k = 2; !free(chosen); k++) chosen = suffixed(defaultName, k);
      if (chosen !== defaultName)
        notes.push(
          note("sheet_name_taken", {
            roleZh: label.zh,
            roleEn: label.en,
            taken: defaultName,
            used: chosen,
          })
        );
    }
    used.add(chosen.toUpperCase());
    sheetNames.set(key, chosen);
    if (chosen !== defaultName) sheetRenames.set(defaultName, chosen);
    return chosen;
  };

  const roles = plan.sheets.map((sheet) => {
    const role = roleOfDefaultName(sheet.name);
    if (!role) throw new Error(`plan sheet "${sheet.name}" has no role`);
    return role;
  });
  roles.forEach((role, i) => place(role, plan.sheets[i]?.name ?? defaultSheetName(role)));
  const identityRole: SheetRole = { kind: "identity" };
  const identitySheetName = place(identityRole, defaultSheetName(identityRole));

  const nameRenames = new Map<string, string>();
  const usedNames = new Set(target.userNames);
  for (const defined of plan.names) usedNames.add(defined.name.toUpperCase());
  for (const defined of plan.names) {
    if (!target.userNames.has(defined.name.toUpperCase())) continue;
    let k = 2;
    while (usedNames.has(`${defined.name}_${k}`.toUpperCase())) k++;
    const chosen = `${defined.name}_${k}`;
    usedNames.add(chosen.toUpperCase());
    nameRenames.set(defined.name, chosen);
    notes.push(note("defined_name_taken", { taken: defined.name, used: chosen }));
  }

  // Generated sheets this plan does not write (dynamic management no longer needed…) stay shifan's.
  const kept = [...target.generated.entries()].flatMap(([key, name]) => {
    const role = roleFromKey(key);
    return role && role.kind !== "identity" && !sheetNames.has(key) && !used.has(name.toUpperCase())
      ? [{ role, name }]
      : [];
  });
  const identity: WorkbookIdentity = {
    assessmentId: target.assessmentId,
    layoutVersion: LAYOUT_VERSION,
    sheets: [
      ...roles.map((role) => ({ role, name: sheetNames.get(roleKey(role)) as string })),
      ...kept,
      { role: identityRole, name: identitySheetName },
    ],
    sources,
  };
  const renamed = renamePlan(plan, { sheets: sheetRenames, names: nameRenames });
  const identitySheet = compileIdentitySheet(identity, extraIdentityRows);
  return {
    plan: {
      ...renamed,
      sheets: [...renamed.sheets, { ...identitySheet, name: identitySheetName }],
      names: [...renamed.names, ...identityNames(identity)],
      replaceable: [...target.generated.values()],
    },
    sheetNames,
    identity,
    notes,
  };
}

/** The compiled assessment placed in `target` (placePlan on its plan). */
export function placeInWorkbook(
  compiled: CompiledAssessment,
  target: TargetWorkbook,
  sources: readonly string[]
): PlacedAssessment {
  return { ...compiled, ...placePlan(compiled.plan, target, sources) };
}

/** Notes for the generated sheets a person deleted, each rebuilt now, and for renamed nomination sheets. */
export function rebuildNotes(previous: PreviousAssessment, rubric: Rubric): Note[] {
  const sheetName = (role: SheetRole): string =>
    previous.sheetNames?.get(roleKey(role)) ?? defaultSheetName(role);
  const missing = (previous.missing ?? []).map((role): Note => {
    switch (role.kind) {
      case "judge":
        return note("judge_sheet_missing", {
          judge: role.judge,
          sheet: sheetName(role),
          judges: rubric.judges,
        });
      case "main":
        return note("main_sheet_missing", { sheet: sheetName(role) });
      case "recusal":
        return note("recusal_sheet_missing", { sheet: sheetName(role) });
      case "rubric":
        return note("rubric_sheet_missing", { sheet: sheetName(role), rubric: rubric.title });
      default: {
        const label = roleLabel(role);
        return note("sheet_missing_rebuilt", {
          roleZh: label.zh,
          roleEn: label.en,
          sheet: sheetName(role),
        });
      }
    }
  });
  const renamed = [...(previous.renamedSources ?? new Map<string, string>()).entries()].map(
    ([from, to]) => note("source_sheet_renamed", { from, to })
  );
  return [...missing, ...renamed];
}
