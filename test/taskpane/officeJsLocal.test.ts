/** The intranet build's copy of office.js (SHIFAN_OFFICE_JS=local): what Excel needs, not all of @microsoft/office-js. */
import fs from "node:fs";
import path from "node:path";

// webpack.config.js is plain CommonJS; its list is what `npm run build:pane` copies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OFFICE_JS_LOCAL_FILES } = require("../../webpack.config.js") as {
  OFFICE_JS_LOCAL_FILES: readonly string[];
};

const DIST = path.resolve(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist");

function allFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? allFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`]
    );
}

/** A copy pattern as a regular expression: `*` stands for any characters within one name. */
const patternRegExp = (pattern: string): RegExp =>
  new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`);

/** The files the copy takes, debug builds left out (as the build's globOptions). */
function copied(files: readonly string[]): string[] {
  const patterns = OFFICE_JS_LOCAL_FILES.map(patternRegExp);
  return files.filter((file) => !file.endsWith(".debug.js") && patterns.some((p) => p.test(file)));
}

describe("office.js for an intranet", () => {
  const files = allFiles(DIST);
  const taken = copied(files);
  const bytes = (list: readonly string[]) =>
    list.reduce((sum, file) => sum + fs.statSync(path.join(DIST, file)).size, 0);

  it("takes office.js, Excel's host files for every platform, and the strings in Chinese and English", () => {
    expect(taken).toEqual(
      expect.arrayContaining([
        "office.js",
        "excel-win32-16.01.js",
        "excel-web-16.00.js",
        "excel-mac-16.00.js",
        "zh-cn/office_strings.js",
        "en-us/office_strings.js",
      ])
    );
    // Every pattern still names a file of the package: an office-js update that renames one fails here.
    const unmatched = OFFICE_JS_LOCAL_FILES.filter(
      (pattern) => !files.some((file) => patternRegExp(pattern).test(file))
    );
    expect(unmatched).toEqual([]);
  });

  it("leaves out the other hosts, the debug builds and the other languages", () => {
    expect(
      taken.filter((file) => /^(word|outlook|powerpoint|onenote|project|access)/.test(file))
    ).toEqual([]);
    expect(taken.filter((file) => file.endsWith(".debug.js"))).toEqual([]);
    expect(
      taken.filter((file) => file.includes("/") && !/^(zh-cn|en-us|telemetry)\//.test(file))
    ).toEqual([]);
  });

  it("is a tenth of the package: under 10 MB of its 86 MB", () => {
    expect(bytes(files)).toBeGreaterThan(80_000_000);
    expect(bytes(taken)).toBeLessThan(10_000_000);
  });
});
