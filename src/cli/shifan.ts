#!/usr/bin/env node
import { COMMANDS } from "./commands";
import { CliError, processIo, type CliIo } from "./CliIo";
import { installProcessHygiene } from "./processHygiene";

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  shifan ${c.summary}`);
  return `shifan — 示范点推荐与考核 / demonstration-site nominations and assessment\n\n${lines.join("\n")}\n`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    // No command is an argument error like any other: usage on stderr, exit 2.
    io.stderr(usage());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return 0;
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
  installProcessHygiene();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 3;
    }
  );
}
