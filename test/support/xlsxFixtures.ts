/**
 * Fixtures for the .xlsx writer, built in code: a rich source workbook (styles, notes, internal
 * hyperlinks, cross-sheet list validation, defined names of every scope and kind, a chart) and a plan
 * that uses every feature of SheetPlan.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { call, num, op, range, ref, text } from "../../src/engine/formula/build";
import type { CellPlan, WorkbookPlan } from "../../src/engine/plan/SheetPlan";

export const SOURCE_SHEET = "推荐申报表";
export const OPTIONS_SHEET = "选项";
export const PLAN_SHEET = "考核评分";
export const HIDDEN_PLAN_SHEET = "计算";

/** Names the rich fixture defines, as (name, localSheetId, value) — what a writer must keep. */
export const FIXTURE_NAMES = [
  { name: "nominees", localSheetId: undefined, value: `'${SOURCE_SHEET}'!$A$2:$A$4` },
  { name: "passRate", localSheetId: undefined, value: "0.6" },
  { name: "localPick", localSheetId: 1, value: `'${OPTIONS_SHEET}'!$A$1` },
] as const;

/** A source workbook with much for a careless writer to lose. */
export async function richSourceWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const source = wb.addWorksheet(SOURCE_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET);
  source.columns = [{ width: 20 }, { width: 12 }, { width: 16 }];
  source.getRow(1).values = ["名称", "得分", "日期"];
  source.getRow(1).font = { bold: true, color: { argb: "FFC00000" } };
  source.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  const rows: Array<[string, number, Date]> = [
    ["城关镇党委", 88, new Date(Date.UTC(2024, 2, 1))],
    ["河西村党支部", 92.5, new Date(Date.UTC(2024, 4, 15))],
    ["县一中党总支", 79, new Date(Date.UTC(2023, 10, 30))],
  ];
  rows.forEach((values, i) => {
    source.getRow(i + 2).values = values;
    source.getCell(i + 2, 3).numFmt = 'yyyy"年"m"月"d"日"';
  });
  source.getCell("A2").note = "自荐材料齐全";
  source.getCell("D1").value = { text: "看选项", hyperlink: `#'${OPTIONS_SHEET}'!A1` };
  source.getCell("E2").dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [`'${OPTIONS_SHEET}'!$A$1:$A$2`],
  };
  options.getCell("A1").value = "是";
  options.getCell("A2").value = "否";
  wb.definedNames.add(`'${SOURCE_SHEET}'!$A$2:$A$4`, "nominees");
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  return addNamesAndChart(written);
}

/** ExcelJS writes range names only: add a constant name, a sheet-scoped name and a chart by hand. */
function addNamesAndChart(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const edit = (path: string, change: (xml: string) => string): void => {
    const part = parts[path];
    if (!part) throw new Error(`fixture: no ${path}`);
    parts[path] = strToU8(change(strFromU8(part)));
  };
  edit("xl/workbook.xml", (xml) =>
    xml.replace(
      "</definedNames>",
      `<definedName name="passRate">0.6</definedName><definedName name="localPick" localSheetId="1">'${OPTIONS_SHEET}'!$A$1</definedName></definedNames>`
    )
  );
  const sheetRelsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  edit(sheetRelsPath, (xml) =>
    xml.replace(
      "</Relationships>",
      '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>'
    )
  );
  edit("xl/worksheets/sheet1.xml", (xml) =>
    xml.replace("<legacyDrawing", '<drawing r:id="rIdChart1"/><legacyDrawing')
  );
  edit("[Content_Types].xml", (xml) =>
    xml.replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>'
    )
  );
  parts["xl/drawings/drawing1.xml"] = strToU8(DRAWING_XML);
  parts["xl/drawings/_rels/drawing1.xml.rels"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>'
  );
  parts["xl/charts/chart1.xml"] = strToU8(CHART_XML);
  return zipSync(parts);
}

const DRAWING_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  "<xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
  "<xdr:to><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="得分图"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
  "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>";

const CHART_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
  `<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>'${SOURCE_SHEET}'!$A$2:$A$4</c:f></c:strRef></c:cat>` +
  `<c:val><c:numRef><c:f>'${SOURCE_SHEET}'!$B$2:$B$4</c:f></c:numRef></c:val></c:ser>` +
  '<c:axId val="101"/><c:axId val="102"/></c:barChart>' +
  '<c:catAx><c:axId val="101"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="102"/></c:catAx>' +
  '<c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="101"/></c:valAx>' +
  "</c:plotArea></c:chart></c:chartSpace>";

/**
 * A plan using every SheetPlan feature. Row 4 of the plan sheet scores the three source rows; E4:E6
 * hold ROUND(B*0.6+C*0.4, 1) with cached values, so a recalculating reader can be compared with them.
 */
export function featurePlan(options: { password?: string } = {}): WorkbookPlan {
  const scoreRows = [
    { row: 4, name: "城关镇党委", leader: 88, peer: 90 },
    { row: 5, name: "河西村党支部", leader: 92.5, peer: 85 },
    { row: 6, name: "县一中党总支", leader: 79, peer: 70 },
  ];
  const total = (leader: number, peer: number): number =>
    Math.round((leader * 0.6 + peer * 0.4) * 10) / 10;
  const cells: CellPlan[] = [
    { row: 1, col: 1, content: { kind: "text", text: "示范点考核评分表" }, style: "title" },
    { row: 3, col: 1, content: { kind: "text", text: "名称" }, style: "header" },
    { row: 3, col: 2, content: { kind: "text", text: "领导点评" }, style: "header" },
    { row: 3, col: 3, content: { kind: "text", text: "党员互评" }, style: "header" },
    { row: 3, col: 4, content: { kind: "text", text: "考核日期" }, style: "header" },
    {
      row: 3,
      col: 5,
      content: { kind: "text", text: "总分" },
      style: "header",
      note: "领导点评×60% + 党员互评×40%",
    },
    { row: 3, col: 6, content: { kind: "text", text: "等次" }, style: "header" },
    { row: 3, col: 7, content: { kind: "text", text: "授牌" }, style: "header" },
  ];
  for (const r of scoreRows) {
    const sum = total(r.leader, r.peer);
    cells.push(
      {
        row: r.row,
        col: 1,
        content: { kind: "text", text: r.name },
        link: { sheet: SOURCE_SHEET, cell: `A${r.row - 2}` },
      },
      { row: r.row, col: 2, content: { kind: "number", value: r.leader }, style: "input" },
      { row: r.row, col: 3, content: { kind: "number", value: r.peer }, style: "input" },
      { row: r.row, col: 4, content: { kind: "date", serial: 45474 } },
      {
        row: r.row,
        col: 5,
        content: {
          kind: "formula",
          formula: call(
            "ROUND",
            op(op(ref(r.row, 2), "*", num(0.6)), "+", op(ref(r.row, 3), "*", num(0.4))),
            num(1)
          ),
          cached: sum,
        },
        style: "score",
      },
      {
        row: r.row,
        col: 6,
        content: {
          kind: "formula",
          formula: call("IF", op(ref(r.row, 5), ">=", num(85)), text("优秀"), text("合格")),
          cached: sum >= 85 ? "优秀" : "合格",
        },
      },
      {
        row: r.row,
        col: 7,
        content: { kind: "formula", formula: op(ref(r.row, 5), ">=", num(80)), cached: sum >= 80 },
      }
    );
  }
  cells.push(
    { row: 8, col: 1, content: { kind: "text", text: "=SUM(A1)" } },
    { row: 8, col: 2, content: { kind: "text", text: '<a & "b">\u0001_x0041_\r\n末' } },
    { row: 8, col: 3, content: { kind: "bool", value: true } },
    { row: 8, col: 4, content: { kind: "blank" }, style: "input" },
    {
      row: 8,
      col: 5,
      content: { kind: "formula", formula: call("SUM", range("E4", "E6")), cached: null },
    }
  );
  return {
    styles: {
      title: { bold: true, fontSize: 16 },
      header: {
        bold: true,
        fill: "DDEBF7",
        border: true,
        horizontal: "center",
        vertical: "center",
        wrap: true,
      },
      input: { locked: false, fill: "FFF2CC", numberFormat: "0.0" },
      score: { numberFormat: "0.0", bold: true, fontColor: "1F4E78" },
    },
    names: [
      { name: "shifan_total_scores", refersTo: range("$E$4", "$E$6", PLAN_SHEET), comment: "总分" },
    ],
    sheets: [
      {
        name: PLAN_SHEET,
        cells,
        columns: [
          { col: 1, width: 24 },
          { col: 4, width: 12 },
          { col: 8, hidden: true },
        ],
        merges: [{ top: 1, left: 1, bottom: 1, right: 7 }],
        validations: [
          {
            range: { top: 4, left: 2, bottom: 6, right: 3 },
            rule: { type: "decimal", min: num(0), max: num(100) },
            allowBlank: true,
            prompt: { title: "评分", text: "请输入0到100之间的分数" },
            error: { title: "分数无效", text: "分数应在0到100之间" },
          },
          {
            range: { top: 4, left: 7, bottom: 6, right: 7 },
            rule: { type: "list", choices: ["是", "否"] },
            allowBlank: true,
            error: { title: "请选择", text: "只能选是或否" },
          },
        ],
        conditionalFormats: [
          {
            range: { top: 4, left: 5, bottom: 6, right: 5 },
            when: op(ref(4, 5), "<", num(80)),
            style: { fill: "FFC7CE", fontColor: "9C0006" },
            priority: 1,
          },
        ],
        freeze: { rows: 3, columns: 1 },
        autoFilter: { top: 3, left: 1, bottom: 6, right: 7 },
        protection: options.password !== undefined ? { password: options.password } : {},
        print: {
          orientation: "landscape",
          paper: "A4",
          repeatRows: { first: 3, last: 3 },
          fitToWidth: true,
        },
        tabColor: "2E75B6",
      },
      {
        name: HIDDEN_PLAN_SHEET,
        cells: [
          {
            row: 1,
            col: 1,
            content: {
              kind: "formula",
              formula: call("SUM", range("E4", "E6", PLAN_SHEET)),
              cached: 253.7,
            },
          },
        ],
        columns: [],
        merges: [],
        validations: [],
        conditionalFormats: [],
        visibility: "hidden",
      },
    ],
  };
}
