/**
 * `npm run bench`: speed and size figures, printed, never asserted. Each section lives in its own file
 * and exports `bench(print)`; sections missing from a build are skipped with a line saying so.
 */
import os from "node:os";

export type Print = (line: string) => void;
export type BenchSection = (print: Print) => Promise<void>;

const SECTIONS: ReadonlyArray<{ title: string; load: () => Promise<BenchSection> }> = [
  { title: "intake (shifan inspect)", load: async () => (await import("./intakeBench")).bench },
  {
    title: "xlsx write (writePlanToXlsx)",
    load: async () => (await import("./xlsxWriteBench")).bench,
  },
  {
    title: "task pane bundle (initial JS, gzip)",
    load: async () => (await import("./bundleBench")).bench,
  },
  {
    title: "office-js requests (10,000 nominees on the Excel fake)",
    load: async () => (await import("./officeJsBench")).bench,
  },
  {
    title: "evaluate (evaluatePlan: the interpreter over a 10,000-nominee plan)",
    load: async () => (await import("./evaluateBench")).bench,
  },
  {
    title: "report (report --json, 10,000 nominees, every score entered)",
    load: async () => (await import("./reportBench")).bench,
  },
  {
    title: "round trip (copies and merge of a 10,000-nominee, 5-judge assessment)",
    load: async () => (await import("./roundTripBench")).bench,
  },
  {
    title: "assess (10,000 and 20,000 nominees; LibreOffice recalculation)",
    load: async () => (await import("./assessBench")).bench,
  },
  {
    title: "memory (peak of inspect and assess, 10,000 and 200,000 nominees)",
    load: async () => (await import("./memoryBench")).bench,
  },
];

async function main(): Promise<void> {
  const print: Print = (line) => process.stdout.write(`${line}\n`);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  print(
    `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
  );
  const only = process.argv.slice(2);
  for (const section of SECTIONS) {
    // A filter names a section by the start of its title: `assess` is the assess section, not also the memory
    // section whose title mentions assess.
    if (only.length && !only.some((o) => section.title.startsWith(o))) continue;
    print(`\n## ${section.title}`);
    await (
      await section.load()
    )(print);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
