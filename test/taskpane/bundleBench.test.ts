import { initialScripts } from "../../src/bench/bundleBench";

describe("initialScripts", () => {
  it("lists the local scripts of a minified page and leaves the office.js CDN out", () => {
    const html =
      "<head><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script>" +
      '<script defer src=131.d652ab03.js></script><script defer="defer" src="taskpane.27405160.js"></script>' +
      "<script src='extra.js'></script></head>";
    expect(initialScripts(html)).toEqual(["131.d652ab03.js", "taskpane.27405160.js", "extra.js"]);
  });

  it("does not count office.js served from the add-in itself (SHIFAN_OFFICE_JS=local)", () => {
    expect(
      initialScripts("<script src=office-js/office.js></script><script src=a.js></script>")
    ).toEqual(["a.js"]);
  });

  it("finds nothing in a page without scripts", () => {
    expect(initialScripts("<html><body><p>src=x.js</p></body></html>")).toEqual([]);
  });
});
