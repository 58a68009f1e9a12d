/**
 * Issue #12 §2 end to end: names with a pasted line break (CR LF) and with text typed as `_x0041_` survive
 * assess, and assess again, as typed: the same nominees match, and no escape grows.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { main } from "../../src/cli/shifan";
import type { CliIo } from "../../src/cli/CliIo";
import { readWorkbookBytes } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { handPackage } from "../support/handPackage";

const TYPED = ["第一行\r\n第二行党支部", "_x0041_党委", "城关镇党委"];
/** As Excel stores them: CR as _x000D_, a typed _x0041_ with its underscore escaped. */
const STORED = ["第一行_x000D_\n第二行党支部", "_x005F_x0041_党委", "城关镇党委"];

function source(): Uint8Array {
  const strings = ["序号", "党组织名称", "党组织类别", "推荐级别", "村党组织", "县级", ...STORED];
  const row = (r: number, nameIndex: number): string =>
    `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="s"><v>${nameIndex}</v></c><c r="C${r}" t="s"><v>4</v></c><c r="D${r}" t="s"><v>5</v></c></row>`;
  return handPackage(
    [
      {
        name: "推荐汇总",
        body:
          '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
          row(2, 6) +
          row(3, 7) +
          row(4, 8) +
          "</sheetData>",
      },
    ],
    { sharedStrings: strings }
  );
}

async function namesOn(file: string, sheet: string): Promise<string[]> {
  const grid = (await readWorkbookBytes(new Uint8Array(await fs.readFile(file)))).grid;
  const found = grid.sheets.find((s) => s.name === sheet);
  const names: string[] = [];
  for (const row of found?.rows ?? [])
    for (const cell of row ?? []) if (cell?.type === "text") names.push(cell.text);
  return names;
}

function sheetXml(bytes: Uint8Array): string {
  const parts = unzipSync(bytes);
  return Object.entries(parts)
    .filter(([name]) => name.startsWith("xl/worksheets/"))
    .map(([, data]) => strFromU8(data))
    .join("");
}

describe("escapes through assess and re-assess", () => {
  let dir: string;
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) };
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-escapes-"));
    await fs.writeFile(path.join(dir, "in.xlsx"), source());
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("shows the names as typed on 考核表 and 评委1, and matches every nominee again on re-assessment", async () => {
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    expect(
      await main(["assess", path.join(dir, "in.xlsx"), "-o", first, "--as-of", "2012-04-01"], io)
    ).toBe(0);
    for (const sheet of ["考核表", "评委1"]) {
      const names = await namesOn(first, sheet);
      for (const typed of TYPED) expect(names).toContain(typed);
    }
    out.length = 0;
    expect(await main(["assess", first, "-o", second], io)).toBe(0);
    expect(out.join("")).not.toMatch(/no longer in the source/);
    expect(await namesOn(second, "考核表")).toEqual(await namesOn(first, "考核表"));

    for (const file of [first, second]) {
      const xml = sheetXml(new Uint8Array(await fs.readFile(file)));
      expect(xml).toContain("_x005F_x0041_党委");
      expect(xml).toContain("第一行_x000D_\n第二行党支部");
      // An escape escaped again would read back as the escape's own text.
      expect(xml).not.toContain("_x005F_x005F_");
      expect(xml).not.toContain("_x005F_x000D_");
    }
  });
});
