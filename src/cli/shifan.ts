#!/usr/bin/env node
import { COMMANDS } from "./commands";
import { CliError, processIo, type CliIo } from "./CliIo";

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  shifan ${c.summary}`);
  return `shifan — 示范点推荐与考核 / demonstration-site nominations and assessment\n\n${lines.join("\n")}\n`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`未知命令 ${name} / unknown command ${name}\n${usage()}`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    // A broken invariant: still one line, but say it is ours.
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(`shifan 内部错误 / internal error: ${detail}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 3;
    }
  );
}
