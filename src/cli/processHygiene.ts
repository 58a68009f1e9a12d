/**
 * What the shifan process does when its surroundings end it: a reader that closes the pipe (`shifan report x |
 * head`) ends it quietly, and an interrupt (Ctrl-C, SIGTERM, a closed terminal) removes any half-written
 * temporary file before the process goes (an output is renamed into place only when complete).
 */
import { removePendingTemporaryFiles } from "../adapters/xlsx/XlsxPlanSink";

/** Exit status for a signal, as shells report it: 128 + its number. */
const SIGNAL_EXIT: Readonly<Record<"SIGINT" | "SIGTERM" | "SIGHUP", number>> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

export function installProcessHygiene(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      // The reader has gone: nothing more can be said to it, and nothing is wrong with the work.
      if (err.code === "EPIPE") {
        removePendingTemporaryFiles();
        process.exit(0);
      }
      throw err;
    });
  }
  for (const signal of Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>) {
    process.once(signal, () => {
      const removed = removePendingTemporaryFiles();
      if (removed > 0)
        process.stderr.write("已中断，未写入输出文件 / interrupted: the output was not written\n");
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
