#!/usr/bin/env node
/**
 * `npm run demo`: on a fresh clone too. Checks the port first (a busy port is said at once, not after the build),
 * installs the npm packages when they are missing or older than package-lock.json, builds the command line and the
 * pane, writes the assessed sample through the command line, then serves the demo on http://localhost:PORT
 * (default 3000).
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const root = path.join(__dirname, "..");
const cli = path.join(root, "dist", "cli", "shifan.js");
const HOST = "127.0.0.1";

function say(line) {
  process.stdout.write(`${line}\n`);
}

function fail(line, code = 2) {
  process.stderr.write(`${line}\n`);
  process.exit(code);
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  return result.status === 0;
}

/** The port from PORT (default 3000), or a clear refusal of a bad one. */
function chosenPort() {
  const text = process.env.PORT ?? "3000";
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    fail(
      `PORT=${text} 不是有效的端口号（1–65535）/ PORT=${text} is not a port number (1–65535), e.g. PORT=3001 npm run demo`
    );
  return port;
}

/** Resolves when `port` can be listened on, rejects with the listen error (EADDRINUSE, EACCES …) otherwise. */
function probePort(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

function portProblem(port, error) {
  const next = port === 65535 ? 3001 : port + 1;
  if (error && error.code === "EADDRINUSE")
    return `端口 ${port} 已被占用，请用 PORT 换一个端口：PORT=${next} npm run demo / port ${port} is in use; choose another with PORT: PORT=${next} npm run demo`;
  if (error && error.code === "EACCES")
    return `没有权限使用端口 ${port}，请用 PORT 换一个端口：PORT=${next} npm run demo / no permission to use port ${port}; choose another with PORT: PORT=${next} npm run demo`;
  const detail = error && error.message ? error.message : String(error);
  return `无法使用端口 ${port}：${detail} / cannot use port ${port}: ${detail} (PORT=${next} npm run demo chooses another)`;
}

/** npm ci when node_modules is missing or was installed from an older package-lock.json. */
function ensurePackages() {
  const installed = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const stale =
    !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  say("正在安装 npm 依赖包（npm ci）/ installing the npm packages (npm ci)");
  if (!run("npm", ["ci", "--no-audit", "--no-fund"]))
    fail("npm ci 失败，见上文 / npm ci failed, see above", 1);
}

function cliHelp() {
  const help = spawnSync(process.execPath, [cli, "--help"], { cwd: root, encoding: "utf8" });
  return `${help.stdout ?? ""}${help.stderr ?? ""}`;
}

function writeSamples() {
  const sample = path.join("samples", "sample-nominations.xlsx");
  const sampleWriter = path.join(root, "dist", "samples", "writeSampleCli.js");
  if (!fs.existsSync(path.join(root, sample)) && fs.existsSync(sampleWriter)) {
    run(process.execPath, [sampleWriter, sample]);
  }
  if (!fs.existsSync(cli)) {
    say("跳过：没有 dist/cli/shifan.js / skipped: dist/cli/shifan.js is missing");
  } else if (!fs.existsSync(path.join(root, sample))) {
    say(`跳过：没有 ${sample} / skipped: ${sample} does not exist (npm run sample writes it)`);
  } else if (!/\bassess\b/.test(cliHelp())) {
    say("跳过：命令行还没有 assess 命令 / skipped: the command line has no assess command yet");
  } else if (
    run(process.execPath, [
      cli,
      "assess",
      sample,
      "-o",
      path.join("samples", "sample-assessment.xlsx"),
    ])
  ) {
    say("已写出 samples/sample-assessment.xlsx / wrote samples/sample-assessment.xlsx");
  } else {
    say("assess 失败，见上文 / assess failed, see above");
  }
}

async function main() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20)
    fail(
      `需要 Node.js 20 或更新版本，当前为 ${process.version} / Node.js 20 or later is needed, this is ${process.version}`,
      1
    );
  const port = chosenPort();
  // Before the build (about a minute): a busy port should not cost that minute.
  await probePort(port).catch((error) => fail(portProblem(port, error)));
  ensurePackages();
  if (!run("npm", ["run", "--silent", "build:cli"])) {
    say(
      "命令行构建失败，跳过生成示例工作簿 / the command line did not build; skipping the sample workbooks"
    );
  }
  if (!run("npm", ["run", "--silent", "build:pane"]))
    fail("任务窗格构建失败 / the task pane did not build", 1);
  writeSamples();
  try {
    const { url } = await require("./demo-server.js").startStaticServer({
      root: path.join(root, "dist", "pane"),
      port,
      host: HOST,
    });
    say(`演示已启动 / demo running: ${url}/demo.html  (Ctrl-C 停止 / to stop)`);
  } catch (error) {
    // Taken while we were building.
    fail(portProblem(port, error));
  }
}

void main();
