/**
 * `shifan serve`: the built pane over HTTPS with the administrator's certificate, here a throwaway self-signed one
 * that openssl makes for the test.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import {
  CSP_FILE,
  fileInside,
  paneServerOptions,
  startPaneServer,
} from "../../src/cli/commands/serve";
import { main } from "../../src/cli/shifan";

const haveOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
// .ci/run installs openssl; without it here the HTTPS cases cannot run, and CI must not skip them silently.
if (!haveOpenssl && process.env.CI) throw new Error("openssl is missing: .ci/run installs it");
const withOpenssl = haveOpenssl ? describe : describe.skip;

const POLICY = "default-src 'self'; script-src 'self' 'sha256-abc='";

function paneDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shifan-serve-"));
  fs.writeFileSync(path.join(dir, "taskpane.html"), "<!doctype html><title>示范点考核</title>");
  fs.writeFileSync(path.join(dir, "manifest.xml"), "<OfficeApp/>");
  fs.writeFileSync(path.join(dir, "taskpane.1234.js"), "window.x = 1;");
  fs.writeFileSync(path.join(dir, CSP_FILE), `${POLICY}\n`);
  return dir;
}

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, "server.crt");
  const key = path.join(dir, "server.key");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" }
  );
  return { cert, key };
}

function get(
  url: string,
  ca: Buffer
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
        );
      })
      .on("error", reject);
  });
}

withOpenssl("shifan serve over HTTPS", () => {
  const dir = paneDir();
  const { cert, key } = selfSignedCertificate(
    fs.mkdtempSync(path.join(os.tmpdir(), "shifan-cert-"))
  );
  let server: https.Server;
  let url: string;

  beforeAll(async () => {
    const started = await startPaneServer(
      paneServerOptions([
        "--cert",
        cert,
        "--key",
        key,
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--root",
        dir,
      ])
    );
    server = started.server;
    url = started.url.replace("localhost", "127.0.0.1");
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("serves the pane with the certificate given, and the build's Content-Security-Policy on HTML", async () => {
    const page = await get(`${url}/taskpane.html`, fs.readFileSync(cert));
    expect(page.status).toBe(200);
    expect(page.body).toContain("示范点考核");
    expect(page.headers["content-security-policy"]).toBe(POLICY);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves scripts and the manifest without a policy of their own", async () => {
    const script = await get(`${url}/taskpane.1234.js`, fs.readFileSync(cert));
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["content-security-policy"]).toBeUndefined();
    expect((await get(`${url}/manifest.xml`, fs.readFileSync(cert))).body).toBe("<OfficeApp/>");
  });

  it("answers / with the task pane, and 404 for what is not there", async () => {
    expect((await get(`${url}/`, fs.readFileSync(cert))).body).toContain("示范点考核");
    expect((await get(`${url}/nothing.js`, fs.readFileSync(cert))).status).toBe(404);
  });

  it("is refused by a client that does not trust the certificate", async () => {
    await expect(get(`${url}/taskpane.html`, Buffer.from(""))).rejects.toThrow(
      /self.signed|certificate/i
    );
  });
});

describe("shifan serve arguments", () => {
  const dir = paneDir();

  it.each([
    ["/../../etc/passwd", null],
    ["/%2e%2e/%2e%2e/etc/passwd", null],
    ["/a%00b", null],
    ["/", path.join(dir, "taskpane.html")],
    ["/assets/icon-32.png?v=1", path.join(dir, "assets", "icon-32.png")],
  ])("maps %s inside the pane folder only", (urlPath, expected) => {
    expect(fileInside(dir, urlPath)).toBe(expected);
  });

  it("needs a certificate and a key, in Chinese and English, exit 2", async () => {
    const errors: string[] = [];
    const code = await main(["serve", "--root", dir], {
      stdout: () => undefined,
      stderr: (t) => errors.push(t),
    });
    expect(code).toBe(2);
    expect(errors.join("")).toMatch(/serve --cert FILE --key FILE/);
  });

  it("says when the pane was not built", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "shifan-empty-"));
    expect(() => paneServerOptions(["--cert", "c", "--key", "k", "--root", empty])).toThrow(
      /请先运行 npm run build:pane \/ no built task pane/
    );
  });

  it("says which certificate file it cannot read", () => {
    expect(() =>
      paneServerOptions(["--cert", "/nonexistent.crt", "--key", "k", "--root", dir])
    ).toThrow(/无法读取证书 \/nonexistent\.crt \/ cannot read the certificate/);
  });

  it("refuses a port that is not a number", () => {
    expect(() => paneServerOptions(["--cert", "c", "--key", "k", "--port", "https"])).toThrow(
      /--port https/
    );
  });
});
