/**
 * `shifan serve --cert FILE --key FILE [--port N] [--host ADDRESS] [--root DIR]`: serves the built task pane
 * (dist/pane) over HTTPS with the administrator's certificate, so an intranet needs no web-server configuration.
 * HTML goes out with the pane's Content-Security-Policy (dist/pane/content-security-policy.txt, written by the
 * build), every file with `nosniff`. Runs until Ctrl-C.
 */
import fs from "node:fs";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { CliError, type Command } from "../CliIo";
import { badArgument, lastValue, parseCommandArgs, type ArgSpec } from "../commandArgs";

export const SERVE_ARGS: ArgSpec = { valued: ["--cert", "--key", "--port", "--host", "--root"] };
const USAGE = "serve --cert FILE --key FILE [--port N] [--host ADDRESS] [--root DIR]";
/** Written by `npm run build:pane` beside the pane (webpack.config.js). */
export const CSP_FILE = "content-security-policy.txt";
/** dist/cli/commands/serve.js → dist/pane. */
const DEFAULT_ROOT = path.resolve(__dirname, "..", "..", "pane");

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface PaneServerOptions {
  readonly root: string;
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly port: number;
  readonly host: string;
}

/** The file under `root` that a request path names, or null when it would leave `root`. */
export function fileInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent((urlPath.split("?")[0] ?? "/").split("#")[0] ?? "/");
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = decoded === "/" ? "taskpane.html" : decoded.replace(/^\/+/, "");
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Starts the HTTPS server; resolves once it listens, with the address people open. */
export function startPaneServer(
  options: PaneServerOptions
): Promise<{ server: https.Server; url: string }> {
  const root = path.resolve(options.root);
  const policy = fs.readFileSync(path.join(root, CSP_FILE), "utf8").trim();
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const file = fileInside(root, request.url ?? "/");
    if (!file) {
      response.writeHead(403).end();
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      const extension = path.extname(file).toLowerCase();
      const headers: Record<string, string | number> = {
        "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
        "content-length": stat.size,
        "x-content-type-options": "nosniff",
        // Excel asks again after an update; the scripts' names change with their content anyway.
        "cache-control": "no-cache",
      };
      if (extension === ".html") headers["content-security-policy"] = policy;
      response.writeHead(200, headers);
      if (request.method === "HEAD") response.end();
      else fs.createReadStream(file).pipe(response);
    });
  };
  const server = https.createServer({ cert: options.cert, key: options.key }, handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      const shown =
        options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
      resolve({ server, url: `https://${shown}${port === 443 ? "" : `:${port}`}` });
    });
  });
}

function readFileOrFail(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CliError(
      `无法读取${what} ${file} / cannot read the ${what === "证书" ? "certificate" : "key"} ${file}`
    );
  }
}

export function paneServerOptions(args: readonly string[]): PaneServerOptions {
  const parsed = parseCommandArgs(args, SERVE_ARGS);
  if (parsed.positionals.length)
    throw badArgument(
      { zh: `多余的参数 ${parsed.positionals[0]}`, en: `unexpected ${parsed.positionals[0]}` },
      USAGE
    );
  const certFile = lastValue(parsed, "--cert");
  const keyFile = lastValue(parsed, "--key");
  if (!certFile || !keyFile)
    throw badArgument(
      { zh: "需要证书 --cert 和私钥 --key", en: "--cert and --key are required" },
      USAGE
    );
  const portText = lastValue(parsed, "--port") ?? "443";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535)
    throw badArgument({
      zh: `--port ${portText} 不是有效的端口号`,
      en: `--port ${portText} is not a port number`,
    });
  const root = path.resolve(lastValue(parsed, "--root") ?? DEFAULT_ROOT);
  if (
    !fs.existsSync(path.join(root, "taskpane.html")) ||
    !fs.existsSync(path.join(root, CSP_FILE))
  ) {
    throw new CliError(
      `${root} 中没有构建好的任务窗格，请先运行 npm run build:pane / no built task pane in ${root}: run npm run build:pane first`
    );
  }
  return {
    root,
    cert: readFileOrFail(certFile, "证书"),
    key: readFileOrFail(keyFile, "私钥"),
    port,
    host: lastValue(parsed, "--host") ?? "0.0.0.0",
  };
}

export const serveCommand: Command = async (args, io) => {
  const options = paneServerOptions(args);
  let started: { server: https.Server; url: string };
  try {
    started = await startPaneServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === "EADDRINUSE"
        ? `端口 ${options.port} 已被占用 / port ${options.port} is in use`
        : code === "EACCES"
          ? `没有权限使用端口 ${options.port} / no permission for port ${options.port}`
          : `${(error as Error).message}`;
    throw new CliError(`无法启动 HTTPS 服务 / cannot start the HTTPS server: ${detail}`);
  }
  io.stdout(
    `任务窗格已在 ${started.url}/taskpane.html 提供，清单文件 ${started.url}/manifest.xml（Ctrl-C 停止）\n` +
      `serving the task pane at ${started.url}/taskpane.html, manifest at ${started.url}/manifest.xml (Ctrl-C to stop)\n`
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      started.server.close(() => resolve());
      started.server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
};
