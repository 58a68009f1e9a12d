/** What a command may touch besides files: its output streams. Tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Thrown by commands for a one-line bilingual error: exit 2, nothing on stdout, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2
  ) {
    super(message);
    this.name = "CliError";
  }
}

export type Command = (args: string[], io: CliIo) => Promise<number>;
