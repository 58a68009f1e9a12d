import type { Command } from '../CliIo';

/** Sub-commands of `shifan`, loaded only when called. */
export const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  inspect: {
    summary: 'inspect FILE [--json] [--lang zh|en]   识别推荐表 / read a nomination workbook',
    load: async () => (await import('./inspect')).inspectCommand,
  },
};
