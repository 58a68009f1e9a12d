/*
 * Inlined into taskpane.html before office.js and the bundle, so it must run everywhere, IE11 included: ES5 only
 * (test/e2e/bootCheck.test.ts parses it as ES5). Where the pane cannot start (a webview too old for the bundle,
 * office.js blocked, a file that failed to load) it replaces "正在加载…" with what to do, in Chinese and English.
 * The bundle calls shifanBoot.started() once it has taken over the page, and shifanBoot.fail(reason) itself
 * when it finds office.js missing.
 */
(function () {
  var started = false;
  var shown = false;
  var pending = null;
  var REASONS = {
    old: [
      "此 Office 用 Internet Explorer 11 显示加载项（批量许可版 Office 2016 和 2019 都是如此），本加载项无法在其中运行。",
      "This Office shows add-ins in Internet Explorer 11 (volume-licensed Office 2016 and 2019 do), where the add-in cannot run.",
    ],
    office: [
      "无法加载 Office 的脚本库 office.js，可能是网络屏蔽了 Microsoft 的服务器。",
      "Office's script library (office.js) could not be loaded; the network may block Microsoft's servers.",
    ],
    script: ["加载项的文件没有全部加载成功。", "Some of the add-in's files did not load."],
    timeout: ["加载项长时间没有启动。", "The add-in has not started after a long wait."],
  };
  var ADVICE = [
    [
      "考核工作簿本身在这台电脑的 Excel 中照样自动计算：可请管理员或同事用 shifan 命令行（shifan assess）生成后发给您。",
      "The assessment workbook itself computes in this Excel: an administrator or colleague can make it with the shifan command line (shifan assess) and send it to you.",
    ],
    [
      "更新 Office（文件 → 账户 → 更新选项 → 立即更新）。",
      "Update Office (File → Account → Update Options → Update Now).",
    ],
    [
      "零售版 Office 或 Microsoft 365（Windows）：安装 Microsoft Edge WebView2 运行时，然后重新打开 Excel。",
      "Retail Office or Microsoft 365 on Windows: install the Microsoft Edge WebView2 Runtime, then open Excel again.",
    ],
    ["或改用 Excel 网页版打开这个工作簿。", "Or open this workbook in Excel on the web."],
    [
      "单位内网无法访问 Microsoft 的服务器时，请管理员部署本加载项的内网版（见说明文档“内网部署”）。",
      "Where the intranet cannot reach Microsoft's servers, ask the administrator for the add-in's intranet build (see the README, \"Intranets\").",
    ],
  ];

  function paragraph(text, lang) {
    var p = document.createElement("p");
    p.setAttribute("lang", lang);
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function render(reason) {
    var root = document.getElementById("root");
    if (!root) return;
    var texts = REASONS[reason] || REASONS.script;
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "boot-failure";
    box.appendChild(paragraph(texts[0], "zh-CN"));
    box.appendChild(paragraph(texts[1], "en"));
    var list = document.createElement("ul");
    for (var i = 0; i < ADVICE.length; i++) {
      var item = document.createElement("li");
      item.appendChild(paragraph(ADVICE[i][0], "zh-CN"));
      item.appendChild(paragraph(ADVICE[i][1], "en"));
      list.appendChild(item);
    }
    box.appendChild(list);
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(box);
    root.setAttribute("data-boot-failure", reason);
  }

  function fail(reason) {
    if (started || shown) return;
    if (document.readyState === "loading") {
      pending = pending || reason;
      return;
    }
    shown = true;
    // The first cause found explains the rest (a webview too old fails on every script after it).
    render(pending || reason);
  }

  window.shifanBoot = {
    started: function () {
      started = true;
    },
    fail: fail,
  };

  // A script that fails to load (office.js blocked, a bundle file missing) is reported to window only in the capture phase.
  window.addEventListener(
    "error",
    function (event) {
      var target = event.target;
      if (target && target.tagName === "SCRIPT") {
        fail(/office\.js/i.test(target.src || "") ? "office" : "script");
      }
    },
    true
  );

  // ES2017 built-ins stand for ES2017 syntax: IE11 has neither, EdgeHTML 18 and later have both.
  var modern =
    typeof Promise === "function" &&
    typeof Symbol === "function" &&
    typeof Object.getOwnPropertyDescriptors === "function" &&
    typeof String.prototype.padStart === "function";
  if (!modern) fail("old");

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Office === "undefined") fail("office");
    if (pending) fail(pending);
  });
  window.setTimeout(function () {
    fail("timeout");
  }, 45000);
})();
