/**
 * Builds the task pane (`taskpane`) and the try-it-without-Excel page (`demo`) into dist/pane/.
 * Environment:
 *   SHIFAN_HOST       origin the deployed manifest points at (default https://localhost:3000)
 *   SHIFAN_OFFICE_JS  'local' serves office.js from the add-in's own origin (intranets); default Microsoft's CDN
 */
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const MANIFEST_DEV_HOST = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OUT_DIR = path.resolve(__dirname, "dist/pane");

/** The repository manifest with every URL moved from the development host to `host`. */
function manifestForHost(manifestXml, host) {
  const origin = host.replace(/\/+$/, "");
  if (!/^https:\/\/[^\s"<>]+$/.test(origin)) {
    throw new Error(
      `SHIFAN_HOST must be an https origin such as https://addins.example.gov.cn, got "${host}"`
    );
  }
  return manifestXml.split(MANIFEST_DEV_HOST).join(origin);
}

function hostFromEnv() {
  const host = process.env.SHIFAN_HOST || "localhost:3000";
  return /^https?:\/\//.test(host) ? host : `https://${host}`;
}

module.exports = (_env, argv = {}) => {
  const production = argv.mode !== "development";
  const localOfficeJs = process.env.SHIFAN_OFFICE_JS === "local";
  const host = hostFromEnv();
  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      demo: "./src/demo/index.tsx",
    },
    output: {
      path: OUT_DIR,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "chunk.[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, configFile: "tsconfig.pane.json" },
          },
        },
      ],
    },
    optimization: {
      splitChunks: { chunks: "all" },
    },
    performance: {
      // The 400 KB gzip budget is checked on the initial chunks by `npm run bench`; webpack's own hint counts raw bytes.
      hints: false,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN,
      }),
      new HtmlWebpackPlugin({
        filename: "demo.html",
        template: "./src/demo/demo.html",
        chunks: ["demo"],
      }),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/taskpane/help.html",
        chunks: [],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => manifestForHost(content.toString("utf8"), host),
          },
          ...(localOfficeJs
            ? [
                // Already minified by Microsoft: marking it so keeps Terser off 60 MB of office.js (minutes of build).
                {
                  from: "node_modules/@microsoft/office-js/dist",
                  to: "office-js",
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
      {
        // Records which build produced dist/pane, so the browser tests can tell a fresh build from a stale one.
        apply(compiler) {
          compiler.hooks.afterEmit.tap("ShifanBuildStamp", () => {
            fs.writeFileSync(
              path.join(OUT_DIR, "build-stamp.json"),
              JSON.stringify({ builtAt: new Date().toISOString(), host, localOfficeJs })
            );
          });
        },
      },
    ],
  };
};

module.exports.manifestForHost = manifestForHost;
