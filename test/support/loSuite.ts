/**
 * `describe` for suites that need LibreOffice: skipped with a printed reason on a machine without soffice,
 * but FAILED in CI, where .ci/run installs it and a silent skip would hide a broken cross-check.
 */
import { sofficeAvailable } from "./libreoffice";

export function describeWithSoffice(name: string, body: () => void): void {
  if (sofficeAvailable()) {
    describe(name, body);
    return;
  }
  if (process.env["CI"]) {
    describe(name, () => {
      it("finds soffice (CI installs libreoffice-calc; set SHIFAN_SOFFICE if it lives off PATH)", () => {
        throw new Error("soffice is not available in CI: the LibreOffice cross-check cannot run");
      });
    });
    return;
  }
  console.warn(
    `skipping "${name}": soffice (LibreOffice) is not installed; set SHIFAN_SOFFICE to its path`
  );
  describe.skip(name, body);
}
