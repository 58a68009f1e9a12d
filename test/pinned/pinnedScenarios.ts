/**
 * The workbooks the pin holds, each made the way an official makes it: a nomination workbook (or a register of
 * awarded sites) → `shifan assess` → scores typed into the cells `shifan report --json` names → `shifan assess`
 * again (re-assessment) → and for the register `shifan next-cycle`. Everything runs through the command line,
 * so the pin holds what a user gets whatever the engine's insides look like.
 */
import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/shifan";
import type { CliIo } from "../../src/cli/CliIo";
import { registerWorkbookBytes } from "../engine/dynamic/registerFixture";
import { scoresForPanel } from "../crosscheck/scenarios";
import { typeCells, type TypedValue } from "../support/typeCells";

export const SOURCE_SHEET = "推荐汇总";

/** One nomination row as a provincial office types it. */
interface SourceRow {
  readonly name: string;
  readonly sector: string;
  readonly tier: string;
  readonly region: string;
}

/**
 * What people type for one nominee: per judge either a panel to spread over the criteria (steps of 0.5), the
 * criterion scores themselves, or null (the judge left the row blank).
 */
interface TypedNominee {
  readonly judges: readonly (number | readonly (number | null)[] | null)[];
  readonly satisfaction?: number;
  readonly veto?: "是" | "否";
}

async function sourceBytes(rows: readonly SourceRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SOURCE_SHEET);
  sheet.addRow(["示范点推荐汇总表（固定样例）"]);
  sheet.mergeCells(1, 1, 1, 5);
  sheet.addRow(["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]);
  rows.forEach((row, i) => sheet.addRow([i + 1, row.region, row.name, row.sector, row.tier]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function shifan(...argv: string[]): Promise<string> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t) };
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`shifan ${argv.join(" ")} exited ${code}: ${err}`);
  return out;
}

interface ReportJson {
  readonly rubric: { readonly criteria: readonly { readonly max: number }[] };
  readonly nominees: readonly {
    readonly inputs: {
      readonly scores: readonly { judge: number; criterion: string; cell: string }[];
      readonly satisfaction: { readonly cell: string };
      readonly veto: { readonly cell: string };
    };
  }[];
}

function splitRef(ref: string): { sheet: string; address: string } {
  const bang = ref.lastIndexOf("!");
  return { sheet: ref.slice(0, bang).replace(/^'|'$/g, ""), address: ref.slice(bang + 1) };
}

/** Types each nominee's inputs into the cells the report names; nominee i of `typed` is report row i. */
async function typeInputs(file: string, typed: readonly (TypedNominee | null)[]): Promise<void> {
  const report = JSON.parse(await shifan("report", file, "--json")) as ReportJson;
  const maxima = report.rubric.criteria.map((c) => c.max);
  const bySheet = new Map<string, Record<string, TypedValue>>();
  const put = (ref: string, value: TypedValue): void => {
    const { sheet, address } = splitRef(ref);
    const cells = bySheet.get(sheet) ?? {};
    cells[address] = value;
    bySheet.set(sheet, cells);
  };
  typed.forEach((nominee, i) => {
    const row = report.nominees[i];
    if (!nominee || !row) return;
    nominee.judges.forEach((entry, j) => {
      const scores =
        entry === null
          ? maxima.map(() => null)
          : typeof entry === "number"
            ? scoresForPanel(entry, maxima)
            : entry;
      row.inputs.scores
        .filter((score) => score.judge === j + 1)
        .forEach((score, c) => put(score.cell, scores[c] ?? null));
    });
    if (nominee.satisfaction !== undefined) put(row.inputs.satisfaction.cell, nominee.satisfaction);
    if (nominee.veto !== undefined) put(row.inputs.veto.cell, nominee.veto);
  });
  let bytes: Uint8Array = await fs.readFile(file);
  for (const [sheet, cells] of bySheet) bytes = typeCells(bytes, sheet, cells);
  await fs.writeFile(file, bytes);
}

const SECTORS = ["社区", "村", "街道", "机关", "国有企业", "学校", "非公企业", "医院"];
const TIERS = ["省级", "市级", "县级"];
const REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市"];

function rows(prefix: string, count: number): SourceRow[] {
  return Array.from({ length: count }, (_u, i) => ({
    name: `${prefix}示范点${String(i + 1).padStart(2, "0")}`,
    sector: SECTORS[i % SECTORS.length] ?? "社区",
    tier: TIERS[i % TIERS.length] ?? "省级",
    region: REGIONS[i % REGIONS.length] ?? "长沙市",
  }));
}

const every = (judges: number, panel: number): number[] => Array(judges).fill(panel);

/** 百千万, five judges, quotas 省级 2 and 市级 3: abstentions, incomplete rows, ties at the line, veto, 85.00 and 84.99. */
const BAIQIANWAN_TYPED: (TypedNominee | null)[] = [
  { judges: every(5, 92), satisfaction: 95, veto: "否" },
  { judges: every(5, 88), satisfaction: 90, veto: "否" },
  { judges: [90, 91, 89, 92, null], satisfaction: 93, veto: "否" }, // one judge abstained: four present
  { judges: [95, 95, null, null, null], satisfaction: 99, veto: "否" }, // two judges only: incomplete
  { judges: every(5, 97), satisfaction: 100, veto: "是" }, // the best scores, vetoed
  { judges: every(5, 85), satisfaction: 85, veto: "否" }, // total 85.00: on the pass line
  { judges: every(5, 85), satisfaction: 84.95, veto: "否" }, // total 84.99: just below
  { judges: every(5, 90), satisfaction: 80, veto: "否" }, // ties with the next at every level
  { judges: every(5, 90), satisfaction: 80, veto: "否" },
  {
    judges: [
      [28, 18, 22.5, 23],
      [27.5, 19, 23, 22],
      [29, null, 24, 23.5],
      [26, 17.5, null, 21],
      [30, 20, 25, 25],
    ],
    satisfaction: 88.5,
    veto: "否",
  },
  { judges: every(5, 70), satisfaction: 60 }, // veto left blank
  { judges: every(5, 91) }, // satisfaction left blank
  null, // nothing entered at all
  { judges: [60, 100, 80, 80, 80], satisfaction: 75.5, veto: "否" }, // highest and lowest dropped
];

/** 五个好, three judges, quota 县级 1: a three-way tie in 县级 at the line. */
const WUHAO_TYPED: (TypedNominee | null)[] = [
  { judges: every(3, 95), satisfaction: 92, veto: "否" },
  { judges: every(3, 80), satisfaction: 85, veto: "否" },
  { judges: every(3, 93), satisfaction: 90, veto: "否" }, // 县级
  { judges: every(3, 86.5), satisfaction: 70, veto: "否" },
  { judges: every(3, 75), satisfaction: 100, veto: "否" },
  { judges: every(3, 93), satisfaction: 90, veto: "否" }, // 县级, tied with row 3
  { judges: [99, 60, 81], satisfaction: 88, veto: "否" },
  { judges: [null, 90, 90], satisfaction: 90, veto: "否" },
  { judges: every(3, 93), satisfaction: 90, veto: "否" }, // 县级, tied again
];

const REASSESS_TYPED: (TypedNominee | null)[] = [
  { judges: every(4, 89), satisfaction: 91, veto: "否" },
  { judges: every(4, 78), satisfaction: 88, veto: "否" },
  { judges: [92, 94, 90, 96], satisfaction: 97, veto: "否" },
  { judges: [86, null, 84, 88], satisfaction: 90, veto: "是" },
  { judges: every(4, 99), satisfaction: 99, veto: "否" },
  { judges: [null, null, 70, 75], satisfaction: 80 },
];

/** Scores for the register's awarded sites (the first five of the register fixture). */
const REGISTER_TYPED: (TypedNominee | null)[] = [
  { judges: every(5, 90), satisfaction: 90, veto: "否" },
  { judges: every(5, 80), satisfaction: 80, veto: "否" },
  { judges: every(5, 95), satisfaction: 95, veto: "是" },
  null,
  { judges: every(5, 86), satisfaction: 86, veto: "否" },
];

export interface PinnedWorkbook {
  /** File stem of the pin: test/pinned/workbooks/<id>.pin.txt */
  readonly id: string;
  /** How the workbook was made, for the pin's first line. */
  readonly how: string;
  readonly bytes: Uint8Array;
}

/** Makes every pinned workbook in `dir`. */
export async function makePinnedWorkbooks(dir: string): Promise<PinnedWorkbook[]> {
  // The workbook identity's assessment id is random (node:crypto randomUUID): fixed here, counted, so the pins hold it.
  let ids = 0;
  const fixedIds = jest
    .spyOn(crypto, "randomUUID")
    .mockImplementation(() => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`);
  try {
    return await makeAll(dir);
  } finally {
    fixedIds.mockRestore();
  }
}

async function makeAll(dir: string): Promise<PinnedWorkbook[]> {
  const made: PinnedWorkbook[] = [];
  const keep = async (id: string, how: string, file: string): Promise<void> => {
    made.push({ id, how, bytes: new Uint8Array(await fs.readFile(file)) });
  };
  const at = (name: string): string => path.join(dir, name);

  // 百千万, 5 judges, 省级 2 / 市级 3.
  await fs.writeFile(at("bqw-src.xlsx"), await sourceBytes(rows("百千万", 14)));
  const bqwArgs = ["--judges", "5", "--quota", "province=2", "--quota", "city=3"];
  await shifan(
    "assess",
    at("bqw-src.xlsx"),
    "-o",
    at("bqw-1.xlsx"),
    ...bqwArgs,
    "--as-of",
    "2012-04-01"
  );
  await keep(
    "baiqianwan-5judges-blank",
    "assess --judges 5 --quota province=2 --quota city=3 --as-of 2012-04-01",
    at("bqw-1.xlsx")
  );
  await typeInputs(at("bqw-1.xlsx"), BAIQIANWAN_TYPED);
  await shifan("assess", at("bqw-1.xlsx"), "-o", at("bqw-2.xlsx"));
  await keep(
    "baiqianwan-5judges-scored",
    "the blank one with scores typed in, then assess again",
    at("bqw-2.xlsx")
  );

  // 五个好, 3 judges, 县级 1.
  await fs.writeFile(at("wh-src.xlsx"), await sourceBytes(rows("五个好", 9)));
  await shifan(
    "assess",
    at("wh-src.xlsx"),
    "-o",
    at("wh-1.xlsx"),
    "--rubric",
    "wuhao",
    "--judges",
    "3",
    "--quota",
    "county=1",
    "--as-of",
    "2012-04-01"
  );
  await typeInputs(at("wh-1.xlsx"), WUHAO_TYPED);
  await shifan("assess", at("wh-1.xlsx"), "-o", at("wh-2.xlsx"));
  await keep(
    "wuhao-3judges-scored",
    "assess --rubric wuhao --judges 3 --quota county=1, scores typed, assess again",
    at("wh-2.xlsx")
  );

  // Re-assessment after the source changed: one nominee renamed (kept, flagged as gone; the new name added),
  // one nominee added; entered scores stay with their nominees.
  await fs.writeFile(at("re-src.xlsx"), await sourceBytes(rows("复评", 6)));
  await shifan(
    "assess",
    at("re-src.xlsx"),
    "-o",
    at("re-1.xlsx"),
    "--judges",
    "4",
    "--quota",
    "county=1",
    "--as-of",
    "2012-04-01"
  );
  await typeInputs(at("re-1.xlsx"), REASSESS_TYPED);
  let bytes: Uint8Array = await fs.readFile(at("re-1.xlsx"));
  bytes = typeCells(bytes, SOURCE_SHEET, {
    C5: "复评示范点03（更名）",
    A9: 7,
    B9: "湘潭市",
    C9: "复评示范点07",
    D9: "社区",
    E9: "县级",
  });
  await fs.writeFile(at("re-1.xlsx"), bytes);
  await shifan("assess", at("re-1.xlsx"), "-o", at("re-2.xlsx"));
  await keep(
    "reassessment-source-changed",
    "assess --judges 4 --quota county=1, scores typed, one nominee renamed and one added in the source, assess again",
    at("re-2.xlsx")
  );

  // A register of awarded sites: 动态管理 sheets, then the next cycle.
  await fs.writeFile(at("reg-src.xlsx"), await registerWorkbookBytes());
  await shifan("assess", at("reg-src.xlsx"), "-o", at("reg-1.xlsx"), "--as-of", "2014-06-30");
  await typeInputs(at("reg-1.xlsx"), REGISTER_TYPED);
  await shifan("assess", at("reg-1.xlsx"), "-o", at("reg-2.xlsx"));
  await keep(
    "register-dynamic-scored",
    "the register fixture: assess --as-of 2014-06-30, scores typed, assess again",
    at("reg-2.xlsx")
  );
  await shifan("next-cycle", at("reg-2.xlsx"), "-o", at("reg-next.xlsx"), "--as-of", "2014-06-30");
  await keep(
    "register-next-cycle",
    "next-cycle --as-of 2014-06-30 of the scored register",
    at("reg-next.xlsx")
  );
  return made;
}
