/**
 * Builds the task pane (`taskpane`) and the try-it-without-Excel page (`demo`) into dist/pane/.
 * Environment:
 *   SHIFAN_HOST       origin the deployed manifest points at (default https://localhost:3000)
 *   SHIFAN_OFFICE_JS  'local' serves office.js from the add-in's own origin (intranets); default Microsoft's CDN
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const MANIFEST_DEV_HOST = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = "node_modules/@microsoft/office-js/dist";
/**
 * What office.js loads in Excel, for the intranet build (SHIFAN_OFFICE_JS=local): office.js itself, its Excel host
 * files for every platform, the Office 2013 mapping table, the Promise polyfill it loads on IE, its telemetry
 * module, and its strings in Chinese and English. The other hosts, debug builds and 200 locales stay out.
 */
const OFFICE_JS_LOCAL_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "es6-promise.js",
  "excel*.js",
  "telemetry/oteljs_agave.js",
  "telemetry/oteljs.js",
  "zh-cn/office_strings.js",
  "en-us/office_strings.js",
];
/** The ES5 boot check inlined into taskpane.html (src/taskpane/boot.js). */
const BOOT_SCRIPT = fs.readFileSync(path.join(__dirname, "src/taskpane/boot.js"), "utf8").trim();
const CSP_FILE = "content-security-policy.txt";

/**
 * The pane's Content-Security-Policy. Scripts come only from the add-in's origin, office.js's (Microsoft's CDN unless
 * served locally; office.js fetches MicrosoftAjax from ajax.aspnetcdn.com on some hosts) and the inline boot check by
 * its hash. Styles allow inline: Fluent's Griffel inserts <style> rules at run time, and so does office.js in Excel
 * on the web (OfficeDev/office-js#1687). No eval, no plugins, no framing of other sites.
 */
function contentSecurityPolicy({ localOfficeJs, inlineScriptHashes }) {
  const officeOrigins = localOfficeJs
    ? []
    : ["https://appsforoffice.microsoft.com", "https://ajax.aspnetcdn.com"];
  return [
    "default-src 'self'",
    `script-src 'self' ${[...officeOrigins, ...inlineScriptHashes.map((h) => `'${h}'`)].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${localOfficeJs ? "" : " https://appsforoffice.microsoft.com"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

const sha256 = (text) =>
  `sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}`;
const CSP_PLACEHOLDER = "__SHIFAN_CONTENT_SECURITY_POLICY__";

/**
 * Puts the policy into the pages that ask for it, hashing their inline scripts as they stand in the files written
 * (after every minifier has run), and writes the pane's policy beside it for `shifan serve` to send as a header.
 */
class ContentSecurityPolicyPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ShifanCsp", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ShifanCsp", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const name of Object.keys(assets).filter((file) => file.endsWith(".html"))) {
            const html = assets[name].source().toString();
            if (!html.includes(CSP_PLACEHOLDER)) continue;
            const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
            const policy = contentSecurityPolicy({
              localOfficeJs: this.options.localOfficeJs,
              inlineScriptHashes: inline.map(sha256),
            });
            compilation.updateAsset(
              name,
              new sources.RawSource(
                html.replace(new RegExp(`content=("?)${CSP_PLACEHOLDER}\\1`), `content="${policy}"`)
              )
            );
            if (name === "taskpane.html")
              compilation.emitAsset(CSP_FILE, new sources.RawSource(`${policy}\n`));
          }
        }
      );
    });
  }
}

const OUT_DIR = path.resolve(__dirname, "dist/pane");

/**
 * The webviews the pane must run in: EdgeHTML 18 (Office 2019 on Windows 10 without WebView2) sets the syntax
 * floor, ES2017; Safari 12 (Office for Mac on macOS 10.14) and older Chromium add polyfills of their own.
 */
const TARGETS = ["edge >= 18", "safari >= 12", "chrome >= 69", "firefox >= 68"];
/** core-js is the polyfills themselves, and webpack's buildins are its own runtime. */
const NOT_TRANSPILED = /[\\/]node_modules[\\/](core-js|webpack)[\\/]/;
const CORE_JS_VERSION = require("core-js/package.json").version;

function swcLoader(syntax) {
  return {
    loader: "swc-loader",
    options: {
      jsc: {
        parser:
          syntax === "typescript" ? { syntax: "typescript", tsx: true } : { syntax: "ecmascript" },
        transform: { react: { runtime: "automatic" } },
      },
      env: { targets: TARGETS, mode: "usage", coreJs: CORE_JS_VERSION },
      // Dependencies mix ES modules and CommonJS; swc adds `import` or `require` of polyfills to match each file.
      isModule: "unknown",
      sourceMaps: true,
    },
  };
}

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
    // webpack's own runtime and Terser's output stay within ES2017 too.
    target: ["web", "es2017"],
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
        // Our TypeScript and every dependency go through swc down to ES2017 (EdgeHTML 18), with core-js
        // polyfills for what the code uses and the targets lack (docs/decisions/0014).
        { test: /\.tsx?$/, exclude: /node_modules/, use: swcLoader("typescript") },
        { test: /\.[cm]?js$/, exclude: NOT_TRANSPILED, use: swcLoader("ecmascript") },
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
        bootScript: BOOT_SCRIPT,
        contentSecurityPolicy: CSP_PLACEHOLDER,
      }),
      new ContentSecurityPolicyPlugin({ localOfficeJs }),
      new HtmlWebpackPlugin({
        filename: "demo.html",
        template: "./src/demo/demo.html",
        chunks: ["demo"],
        // The same policy as the pane, so the browser tests drive Fluent under it.
        contentSecurityPolicy: CSP_PLACEHOLDER,
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
                // Already minified by Microsoft: marking it so keeps Terser off office.js (minutes of build).
                ...OFFICE_JS_LOCAL_FILES.map((file) => ({
                  from: `${OFFICE_JS_DIST}/${file}`,
                  to: `office-js/${path.dirname(file) === "." ? "" : `${path.dirname(file)}/`}[name][ext]`,
                  info: { minimized: true },
                  globOptions: { ignore: ["**/*.debug.js"] },
                })),
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
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.OFFICE_JS_LOCAL_FILES = OFFICE_JS_LOCAL_FILES;
module.exports.CSP_FILE = CSP_FILE;
