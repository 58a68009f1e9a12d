#!/usr/bin/env node
/**
 * `npm run demo`: builds the command line and the pane, writes the assessed sample through the command
 * line (when the assess command exists), then serves the demo on http://localhost:3000.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const cli = path.join(root, "dist", "cli", "shifan.js");

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  return result.status === 0;
}

function cliHelp() {
  const help = spawnSync(process.execPath, [cli, "--help"], { cwd: root, encoding: "utf8" });
  return `${help.stdout ?? ""}${help.stderr ?? ""}`;
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

if (!run("npm", ["run", "--silent", "build:cli"])) {
  say(
    "命令行构建失败，跳过生成示例工作簿 / the command line did not build; skipping the sample workbooks"
  );
}
if (!run("npm", ["run", "--silent", "build:pane"])) {
  process.stderr.write("任务窗格构建失败 / the task pane did not build\n");
  process.exit(1);
}

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

require("./demo-server.js")
  .startStaticServer({
    root: path.join(root, "dist", "pane"),
    port: Number(process.env.PORT || 3000),
  })
  .then(
    ({ url }) => say(`演示已启动 / demo running: ${url}/demo.html  (Ctrl-C 停止 / to stop)`),
    (error) => {
      process.stderr.write(`无法启动演示服务器 / cannot start the demo server: ${error.message}\n`);
      process.exit(2);
    }
  );
