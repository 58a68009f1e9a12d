#!/usr/bin/env node
/**
 * Serves dist/pane on http://localhost:PORT (default 3000) with plain node:http: the try-it-without-Excel
 * demo needs no package beyond Node. `node scripts/demo-server.js [--port N] [--root DIR] [--https]`;
 * Ctrl-C stops. `--https` uses the Office dev certificate, for sideloading into Excel (npm start).
 * Also `require`d by the browser tests: startStaticServer({ root, port: 0 }) → { server, url }.
 */
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const os = require("node:os");
const path = require("node:path");

/** Where `npx office-addin-dev-certs install` puts the trusted localhost certificate. */
const DEV_CERTS_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The file under `root` that a URL path names, or null when it would leave `root`. */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return null;
  }
  const relative = decoded === "/" ? "demo.html" : decoded.replace(/^\/+/, "");
  const file = path.resolve(root, relative);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function startStaticServer({ root, port = 3000, host = "127.0.0.1", tls = null }) {
  const absoluteRoot = path.resolve(root);
  const handler = (request, response) => {
    const file = resolveInside(absoluteRoot, request.url ?? "/");
    if (!file || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(file ? 405 : 403).end();
      return;
    }
    fs.stat(file, (statError, stat) => {
      if (statError || !stat.isFile()) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      response.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-length": stat.size,
        "cache-control": "no-store",
      });
      if (request.method === "HEAD") response.end();
      else fs.createReadStream(file).pipe(response);
    });
  };
  // Excel loads add-ins only over https; the demo page in a browser is fine with http.
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `${tls ? "https" : "http"}://localhost:${address.port}` });
    });
  });
}

module.exports = { startStaticServer, resolveInside };

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
  };
  const root = option("--root", path.join(__dirname, "..", "dist", "pane"));
  const port = Number(option("--port", process.env.PORT || "3000"));
  if (!fs.existsSync(path.join(root, "demo.html"))) {
    process.stderr.write(
      `没有找到 ${root}/demo.html，请先运行 npm run build:pane / ${root}/demo.html is missing: run npm run build:pane first\n`
    );
    process.exit(2);
  }
  let tls = null;
  if (args.includes("--https")) {
    try {
      tls = {
        cert: fs.readFileSync(path.join(DEV_CERTS_DIR, "localhost.crt")),
        key: fs.readFileSync(path.join(DEV_CERTS_DIR, "localhost.key")),
      };
    } catch {
      process.stderr.write(
        "没有开发证书，请先运行 npx office-addin-dev-certs install / no dev certificate: run npx office-addin-dev-certs install first\n"
      );
      process.exit(2);
    }
  }
  startStaticServer({ root, port, tls }).then(
    ({ url }) => {
      process.stdout.write(
        `演示已启动 / demo running: ${url}/demo.html  (Ctrl-C 停止 / to stop)\n`
      );
    },
    (error) => {
      const hint =
        error && error.code === "EADDRINUSE"
          ? ` — 端口 ${port} 已被占用 / port ${port} is in use; try --port 3001`
          : "";
      process.stderr.write(
        `无法启动演示服务器 / cannot start the demo server: ${error.message}${hint}\n`
      );
      process.exit(2);
    }
  );
}
