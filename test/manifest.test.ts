import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { ManifestInfo } from "office-addin-manifest/lib/manifestInfo";
import { EXCEL_API_FLOOR } from "../src/adapters/officejs/excelApiSubset";

const root = path.resolve(__dirname, "..");
const manifestPath = path.join(root, "manifest.xml");
const manifestXml = readFileSync(manifestPath, "utf8");
// webpack.config.js is plain CommonJS; its host rewrite is what `npm run build:pane` applies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestForHost } = require("../webpack.config.js") as {
  manifestForHost: (xml: string, host: string) => string;
};

/**
 * office-addin-manifest's own reader, run in plain Node: its dependencies (uuid, strip-bom) are
 * ESM-only, which Node 20 requires natively but jest's module loader cannot.
 */
function readManifestInfo(file: string): ManifestInfo {
  const script =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    ".then((info) => process.stdout.write(JSON.stringify(info)), (err) => { console.error(err); process.exit(1); })";
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script, file], { cwd: root, encoding: "utf8" })
  ) as ManifestInfo;
}

/** Every DefaultValue/Value URL in the manifest. */
function urlsIn(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map(
    (match) => match[1] ?? ""
  );
}

describe("manifest.xml read offline by office-addin-manifest", () => {
  it("names the add-in in Chinese by default with a fixed id and the Workbook host", () => {
    const info = readManifestInfo(manifestPath);
    expect(info.id).toBe("5c1f0a3e-8d2b-4f6a-9e47-2b7d1c9a6f30");
    expect(info.defaultLocale).toBe("zh-CN");
    expect(info.displayName).toBe("示范点考核");
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
  });

  it("opens the task pane from the development host", () => {
    const info = readManifestInfo(manifestPath);
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3000/taskpane.html");
    expect(info.iconUrl).toBe("https://localhost:3000/assets/icon-32.png");
    expect(info.highResolutionIconUrl).toBe("https://localhost:3000/assets/icon-64.png");
  });

  it("requires ExcelApi 1.7, what volume-licensed Office 2019 has, and nothing more", () => {
    const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifestXml)?.[1] ?? "";
    expect(requirements).toContain('<Sets DefaultMinVersion="1.1">');
    expect(
      [...requirements.matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)"\/>/g)].map(
        (m) => `${m[1]} ${m[2]}`
      )
    ).toEqual([`ExcelApi ${EXCEL_API_FLOOR}`]);
    expect(EXCEL_API_FLOOR).toBe("1.7");
  });

  it("gives the name, description and ribbon labels an en-US override", () => {
    const overrideCount = (manifestXml.match(/Locale="en-US"/g) ?? []).length;
    // DisplayName, Description, 3 short strings, 2 long strings.
    expect(overrideCount).toBe(7);
    expect(manifestXml).toMatch(
      /<DisplayName DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="Demonstration Site Assessment"\/>/
    );
    expect(manifestXml).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
  });

  it("puts a button that shows the task pane on the Home tab", () => {
    expect(manifestXml).toContain('<OfficeTab id="TabHome">');
    expect(manifestXml).toMatch(
      /<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="Taskpane.Url"\/>/
    );
    expect(manifestXml).toContain(
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>'
    );
  });

  it("points every URL at the development host over https", () => {
    const urls = urlsIn(manifestXml);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://localhost:3000/")).toBe(true);
  });

  it.each([16, 32, 64, 80])("ships the %i px icon it names as a PNG of that size", (size) => {
    const file = path.join(root, "assets", `icon-${size}.png`);
    expect(manifestXml).toContain(`/assets/icon-${size}.png`);
    expect(existsSync(file)).toBe(true);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
  });
});

describe("manifestForHost (npm run build:pane)", () => {
  it("moves every URL to the configured host", () => {
    const deployed = manifestForHost(manifestXml, "https://addins.example.gov.cn/shifan/");
    const urls = urlsIn(deployed);
    expect(urls.length).toBe(urlsIn(manifestXml).length);
    for (const url of urls)
      expect(url.startsWith("https://addins.example.gov.cn/shifan/")).toBe(true);
    expect(deployed).not.toContain("localhost");
    expect(deployed).toContain(
      '<SourceLocation DefaultValue="https://addins.example.gov.cn/shifan/taskpane.html"/>'
    );
  });

  it.each(["http://addins.example.gov.cn", "addins.example.gov.cn", "https://bad host"])(
    "refuses a host that is not an https origin: %s",
    (host) => {
      expect(() => manifestForHost(manifestXml, host)).toThrow(/SHIFAN_HOST/);
    }
  );
});
