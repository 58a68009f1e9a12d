/**
 * Loaded with `node --require` into a process the memory bench starts: at exit it writes the process's peak
 * resident memory in kilobytes to the file named by SHIFAN_PEAK_MEMORY_FILE, so the command itself runs exactly
 * as an official runs it.
 *
 * Linux's VmHWM, not `process.resourceUsage().maxRSS`: getrusage keeps the larger of the exec'd program's peak and
 * the peak of the process it was forked from, so a child of a 300 MB bench reported at least 300 MB (measured:
 * maxRSS 311,216 KB against VmHWM 40,460 KB for `node -e` under a parent holding a 300 MB buffer).
 */
import { readFileSync, writeFileSync } from "node:fs";

const target = process.env.SHIFAN_PEAK_MEMORY_FILE;

function peakKilobytes(): string {
  try {
    const match = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match?.[1]) return `${match[1]} VmHWM`;
  } catch {
    // No /proc (not Linux): getrusage's figure, which may include the parent's memory, says so.
  }
  return `${process.resourceUsage().maxRSS} maxRSS`;
}

if (target) process.on("exit", () => writeFileSync(target, peakKilobytes()));
