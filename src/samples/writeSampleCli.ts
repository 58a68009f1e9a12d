/**
 * `node dist/samples/writeSampleCli.js samples/sample-nominations.xlsx`: writes the bundled sample nomination
 * workbook, the file `npm run demo` inspects.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { sampleNominationGrid } from "./sampleNominations";
import { writeGridAsXlsx } from "./writeSampleXlsx";

async function main(target: string | undefined): Promise<void> {
  if (!target) throw new Error("usage: writeSampleCli FILE.xlsx");
  await fs.mkdir(path.dirname(target), { recursive: true });
  await writeGridAsXlsx(sampleNominationGrid(), target);
  process.stdout.write(`${target}\n`);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
