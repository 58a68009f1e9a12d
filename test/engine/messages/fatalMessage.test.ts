/**
 * Fatal errors' params are typed per code, as issues' are (#10 §4): core/Outcome.ts FatalParams, messages/fatal.ts
 * typed against it. The engine leaves the file out; the command line names it with inFile, the pane does not.
 */
import { failureMessage, fatalMessage, inFile } from "../../../src/engine";
import { failed } from "../../../src/engine/core/Outcome";
import { FATAL_MESSAGES, type FatalText } from "../../../src/engine/messages/fatal";

describe("fatal errors' params", () => {
  it("names the workbook by its file on the command line and as 此工作簿 / this workbook in the pane", () => {
    const refused = failed("assessment_incomplete", { sheet: "考核表" });
    expect(failureMessage(refused.failure)).toBe(
      '此工作簿缺少工作表“考核表”（已被删除）；请先运行 shifan assess 重建，再查看结果 / this workbook is missing its sheet "考核表" (deleted); run shifan assess to rebuild it first'
    );
    expect(failureMessage(inFile(refused.failure, "考核.xlsx"), "zh")).toBe(
      "考核.xlsx 缺少工作表“考核表”（已被删除）；请先运行 shifan assess 重建，再查看结果"
    );
    expect(failureMessage(inFile(refused.failure, "考核.xlsx"), "en")).toBe(
      '考核.xlsx is missing its sheet "考核表" (deleted); run shifan assess to rebuild it first'
    );
  });

  it("quotes numbers as numbers", () => {
    const refused = failed("too_few_judges", { judges: 2, minJudges: 3 });
    expect(refused.failure).toEqual({
      code: "too_few_judges",
      params: { judges: 2, minJudges: 3 },
    });
    expect(failureMessage(refused.failure, "en")).toMatch(
      /^2 judges is fewer than the minimum of 3: .*--min-judges 2 /
    );
    expect(fatalMessage("no_such_judge", { judge: 4, judges: 3 })).toBe(
      "没有评委 4：此考核工作簿有 3 位评委 / there is no judge 4: this assessment has 3 judges"
    );
    expect(fatalMessage("output_is_input")).toBe(
      "输出文件与输入文件相同；如确需覆盖，请加 --in-place / the output is the input file; add --in-place to overwrite it"
    );
  });

  it("refuses a missing, misnamed or extra parameter when compiled (npm run typecheck)", () => {
    const lines = [
      // @ts-expect-error no_such_judge also quotes how many judges there are
      fatalMessage("no_such_judge", { judge: 4 }),
      // @ts-expect-error output_not_writable's reason is reason
      fatalMessage("output_not_writable", { file: "out.xlsx", why: "read-only" }),
      // @ts-expect-error output_is_input quotes nothing
      fatalMessage("output_is_input", { file: "in.xlsx" }),
      // @ts-expect-error file_not_found names the file
      fatalMessage("file_not_found"),
      // @ts-expect-error too_few_judges quotes numbers
      failureMessage(failed("too_few_judges", { judges: "2", minJudges: "3" }).failure),
    ];
    expect(lines).toHaveLength(5);
    const texts: FatalText = {
      ...FATAL_MESSAGES,
      // @ts-expect-error no_identity quotes no sheet
      no_identity: { zh: (p) => `${p.sheet}`, en: (p) => `${p.sheet}` },
    };
    expect(Object.keys(texts).sort()).toEqual(Object.keys(FATAL_MESSAGES).sort());
  });
});
