import type { Command } from "../CliIo";

/** Sub-commands of `shifan`, loaded only when called. */
export const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> =
  {
    inspect: {
      summary: "inspect FILE [--json] [--lang zh|en]   识别推荐表 / read a nomination workbook",
      load: async () => (await import("./inspect")).inspectCommand,
    },
    assess: {
      summary:
        "assess IN -o OUT [--rubric baiqianwan|wuhao|sanpingyi|FILE] [--judges N] [--min-judges N] [--quota TIER=N]… [--as-of D] [--password P] [--in-place]   生成考核工作簿 / build the assessment workbook",
      load: async () => (await import("./assess")).assessCommand,
    },
    report: {
      summary:
        "report FILE [--json] [--as-of D] [--lang zh|en]   考核结果 / the engine’s evaluation of an assessment workbook",
      load: async () => (await import("./report")).reportCommand,
    },
    copies: {
      summary:
        "copies ASSESSMENT -o DIR [--judges 1,3,…] [--groups peers,…]   分发评委评分表 / one workbook per judge (and per rater group) to email out",
      load: async () => (await import("./copies")).copiesCommand,
    },
    merge: {
      summary:
        "merge ASSESSMENT COPY… -o OUT [--json] [--prefer-copy] [--in-place]   回收评委评分表 / merge returned judge copies",
      load: async () => (await import("./merge")).mergeCommand,
    },
    "next-cycle": {
      summary:
        "next-cycle FILE -o OUT [--as-of D]   开始下一轮动态管理 / start the next dynamic-management cycle",
      load: async () => (await import("./nextCycle")).nextCycleCommand,
    },
    serve: {
      summary:
        "serve --cert FILE --key FILE [--port N] [--host ADDRESS] [--root DIR]   用 HTTPS 提供任务窗格 / serve the task pane over HTTPS",
      load: async () => (await import("./serve")).serveCommand,
    },
  };
