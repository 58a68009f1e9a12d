import { execFile } from "node:child_process";
import fs from "node:fs";
import type { Server } from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// scripts/demo-server.js is plain CommonJS shared with `npm run demo`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStaticServer, resolveInside } = require("../../scripts/demo-server.js") as {
  startStaticServer: (options: {
    root: string;
    port: number;
  }) => Promise<{ server: Server; url: string }>;
  resolveInside: (root: string, urlPath: string) => string | null;
};

describe("resolveInside", () => {
  const root = path.resolve("/srv/pane");
  it("maps / to the demo page and a path to its file", () => {
    expect(resolveInside(root, "/")).toBe(path.join(root, "demo.html"));
    expect(resolveInside(root, "/assets/icon-32.png?v=1")).toBe(
      path.join(root, "assets", "icon-32.png")
    );
  });

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../etc/passwd", "/%E0%A4%A"])(
    "refuses %s",
    (urlPath) => {
      expect(resolveInside(root, urlPath)).toBeNull();
    }
  );
});

describe("startStaticServer", () => {
  let dir: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shifan-demo-server-"));
    fs.writeFileSync(path.join(dir, "demo.html"), "<p>演示</p>");
    ({ server, url } = await startStaticServer({ root: dir, port: 0 }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves a file with its content type", async () => {
    const response = await fetch(`${url}/demo.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("<p>演示</p>");
  });

  it("answers 404 for a missing file and 405 for a POST", async () => {
    expect((await fetch(`${url}/nothing.js`)).status).toBe(404);
    expect((await fetch(`${url}/demo.html`, { method: "POST" })).status).toBe(405);
  });
});

describe("npm run demo", () => {
  const demo = path.join(__dirname, "..", "..", "scripts", "demo.js");

  function runDemo(port: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [demo],
        { env: { ...process.env, PORT: port }, timeout: 20_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr })
      );
    });
  }

  it("says a busy port and names PORT before it builds anything", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runDemo(String(port));
      expect(run.code).toBe(2);
      // Nothing built: the build's own output would be on stdout.
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`端口 ${port} 已被占用`);
      expect(run.stderr).toContain(`PORT=${port + 1} npm run demo`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it("refuses a PORT that is not a port number", async () => {
    const run = await runDemo("30oo");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("PORT=30oo");
  });
});
