/** withPrivateProfile, the one set-up of a private soffice profile, run here over a stand-in for soffice. */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withPrivateProfile } from "../../src/tools/libreoffice";

const PREFIX = `shifan-lo-profile-test-${process.pid}`;
let bin: string;
const saved = process.env["SHIFAN_SOFFICE"];

/** A stand-in soffice: prints its arguments, exits with `code`. */
function fakeSoffice(code: number): void {
  const script = path.join(bin, `soffice-${code}`);
  writeFileSync(script, `#!/bin/sh\necho "$@"\nexit ${code}\n`);
  chmodSync(script, 0o755);
  process.env["SHIFAN_SOFFICE"] = script;
}

const leftBehind = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith(PREFIX));

beforeAll(() => {
  bin = mkdtempSync(path.join(os.tmpdir(), "shifan-fake-soffice-"));
});
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
  if (saved === undefined) delete process.env["SHIFAN_SOFFICE"];
  else process.env["SHIFAN_SOFFICE"] = saved;
});

describe("withPrivateProfile", () => {
  it("runs soffice headless on a fresh profile holding the registry given, then removes it", async () => {
    fakeSoffice(0);
    const seen = await withPrivateProfile(
      { prefix: PREFIX, registry: "<oor:items/>", timeoutMs: 30_000 },
      async ({ work, soffice }) => {
        const registry = readFileSync(
          path.join(work, "profile", "user", "registrymodifications.xcu"),
          "utf8"
        );
        const run = await soffice(["--version"]);
        return { work, registry, args: run.stdout.trim().split(" ") };
      }
    );
    expect(seen.registry).toBe("<oor:items/>");
    expect(seen.args).toEqual([
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      `-env:UserInstallation=${pathToFileURL(path.join(seen.work, "profile")).href}`,
      "--version",
    ]);
    expect(existsSync(seen.work)).toBe(false);
    expect(leftBehind()).toEqual([]);
  });

  it("says soffice did not set up the profile for a macro, and leaves nothing behind", async () => {
    fakeSoffice(1);
    const use = jest.fn(() => Promise.resolve());
    await expect(
      withPrivateProfile({ prefix: PREFIX, basicModule: "<module/>", timeoutMs: 30_000 }, use)
    ).rejects.toThrow(/soffice did not set up its profile \(exit 1\)/);
    expect(use).not.toHaveBeenCalled();
    expect(leftBehind()).toEqual([]);
  });

  it("removes the profile when the caller's work fails", async () => {
    fakeSoffice(0);
    await expect(
      withPrivateProfile({ prefix: PREFIX, timeoutMs: 30_000 }, () =>
        Promise.reject(new Error("the caller failed"))
      )
    ).rejects.toThrow("the caller failed");
    expect(leftBehind()).toEqual([]);
  });
});
