/**
 * A sheet's native charts as OOXML parts: one drawing part (xl/drawings/drawingN.xml) anchoring a graphic frame
 * per chart, one chart part (xl/charts/chartN.xml) per chart. Series are references to the sheet's own cells, so
 * the charts recompute with its formulas; each carries the plan's cached values too, for viewers that draw a
 * chart from its cache before (or without) recalculating. Decision 0020.
 */
import { cachedValueOf, chartSeries, columnLetter, quoteSheetName } from "../../engine";
import type { CellRange, ChartKind, ChartPlan, ScalarValue, SheetPlan } from "../../engine";
import type { EditablePackage } from "./editablePackage";
import {
  newRelationshipsPart,
  readRelationships,
  relationshipXml,
  relativeTarget,
  relsPathFor,
  resolveTarget,
  freshPartPath,
} from "./packageParts";
import { escapeText, escapeAttr } from "./xmlText";

export const CHART_REL_TYPE = {
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
} as const;

export const CHART_CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface WrittenCharts {
  /** The worksheet's relationship to its drawing (`<drawing r:id>` names `relId`). */
  readonly relationship: string;
  /** New parts for [Content_Types].xml. */
  readonly overrides: readonly { readonly part: string; readonly contentType: string }[];
}

/**
 * Adds the drawing and chart parts of `sheet`'s charts to the package, for the worksheet part `sheetPartPath`
 * whose relationship to the drawing will be `relId`. Nothing when the sheet has no charts.
 */
export function writeSheetCharts(
  files: EditablePackage,
  taken: Set<string>,
  folder: string,
  sheetPartPath: string,
  sheet: SheetPlan,
  relId: string
): WrittenCharts | undefined {
  const charts = sheet.charts ?? [];
  if (charts.length === 0) return undefined;
  const drawingPath = freshPartPath(taken, `${folder}drawings/drawing`, ".xml");
  const overrides: { part: string; contentType: string }[] = [
    { part: drawingPath, contentType: CHART_CONTENT_TYPE.drawing },
  ];
  const cached = cachedValues(sheet);
  const drawingRels: string[] = [];
  const frames = charts.map((chart, i) => {
    const chartPath = freshPartPath(taken, `${folder}charts/chart`, ".xml");
    files.setText(chartPath, chartXml(chart, sheet.name, cached));
    overrides.push({ part: chartPath, contentType: CHART_CONTENT_TYPE.chart });
    const chartRelId = `rId${i + 1}`;
    drawingRels.push(
      relationshipXml({
        id: chartRelId,
        type: CHART_REL_TYPE.chart,
        target: relativeTarget(drawingPath, chartPath),
      })
    );
    return graphicFrameXml(chart, i, chartRelId);
  });
  files.setText(
    drawingPath,
    XML_DECLARATION +
      `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.main}">${frames.join("")}</xdr:wsDr>`
  );
  files.setText(relsPathFor(drawingPath), newRelationshipsPart(drawingRels));
  return {
    relationship: relationshipXml({
      id: relId,
      type: CHART_REL_TYPE.drawing,
      target: relativeTarget(sheetPartPath, drawingPath),
    }),
    overrides,
  };
}

/**
 * Removes a drawing part with every part it holds (charts, and what an application saved beside them: their
 * styles, colours, images), and their relationship parts. `removePart` records each part for [Content_Types].xml.
 */
export function removeDrawingParts(
  files: EditablePackage,
  drawingPath: string,
  removePart: (partPath: string) => void
): void {
  const rels = files.text(relsPathFor(drawingPath));
  if (rels !== undefined) {
    for (const rel of readRelationships(rels)) {
      if (rel.external) continue;
      const target = resolveTarget(drawingPath, rel.target);
      if (rel.type === CHART_REL_TYPE.chart) removeDrawingParts(files, target, removePart);
      else removePart(target);
    }
    removePart(relsPathFor(drawingPath));
  }
  removePart(drawingPath);
}

function graphicFrameXml(chart: ChartPlan, index: number, chartRelId: string): string {
  const { top, left, bottom, right } = chart.anchor;
  // Corner to corner: from the top-left of the first cell to the top-left of the cell past the last (0-based).
  const marker = (tag: string, row: number, col: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    "<xdr:twoCellAnchor>" +
    marker("from", top - 1, left - 1) +
    marker("to", bottom, right) +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${escapeAttr(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="${chartRelId}"/></a:graphicData></a:graphic>` +
    "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
  );
}

type CachedCells = ReadonlyMap<string, ScalarValue>;

/** What each cell of the sheet shows before recalculation: a formula's cached value, a constant as it is. */
function cachedValues(sheet: SheetPlan): CachedCells {
  const values = new Map<string, ScalarValue>();
  const wanted = (sheet.charts ?? []).map((chart) => chart.table);
  const inside = (row: number, col: number): boolean =>
    wanted.some((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  for (const cell of sheet.cells) {
    if (!inside(cell.row, cell.col)) continue;
    const content = cell.content;
    const value: ScalarValue =
      content.kind === "text"
        ? content.text
        : content.kind === "number" || content.kind === "bool"
          ? content.value
          : content.kind === "formula" || content.kind === "filled"
            ? cachedValueOf(sheet, cell, content)
            : null;
    values.set(`${cell.row},${cell.col}`, value);
  }
  return values;
}

function absoluteRange(sheetName: string, range: CellRange): string {
  const at = (row: number, col: number) => `$${columnLetter(col)}$${row}`;
  const end =
    range.top === range.bottom && range.left === range.right
      ? ""
      : `:${at(range.bottom, range.right)}`;
  return `${quoteSheetName(sheetName)}!${at(range.top, range.left)}${end}`;
}

function cellsOf(range: CellRange): { row: number; col: number }[] {
  const cells: { row: number; col: number }[] = [];
  for (let row = range.top; row <= range.bottom; row++)
    for (let col = range.left; col <= range.right; col++) cells.push({ row, col });
  return cells;
}

function stringReference(sheetName: string, range: CellRange, cached: CachedCells): string {
  const cells = cellsOf(range);
  const points = cells.map(({ row, col }, i) => {
    const value = cached.get(`${row},${col}`);
    return value === null || value === undefined
      ? ""
      : `<c:pt idx="${i}"><c:v>${escapeText(String(value))}</c:v></c:pt>`;
  });
  return (
    `<c:strRef><c:f>${escapeText(absoluteRange(sheetName, range))}</c:f>` +
    `<c:strCache><c:ptCount val="${cells.length}"/>${points.join("")}</c:strCache></c:strRef>`
  );
}

function numberReference(sheetName: string, range: CellRange, cached: CachedCells): string {
  const cells = cellsOf(range);
  // A point with no number (a quota left empty) is left out of the cache: the chart shows a gap there.
  const points = cells.map(({ row, col }, i) => {
    const value = cached.get(`${row},${col}`);
    return typeof value === "number" && Number.isFinite(value)
      ? `<c:pt idx="${i}"><c:v>${value}</c:v></c:pt>`
      : "";
  });
  return (
    `<c:numRef><c:f>${escapeText(absoluteRange(sheetName, range))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${points.join("")}</c:numCache></c:numRef>`
  );
}

const BAR_LAYOUT: Readonly<Record<ChartKind, { dir: "col" | "bar"; grouping: string }>> = {
  columnClustered: { dir: "col", grouping: "clustered" },
  columnStacked: { dir: "col", grouping: "stacked" },
  barStacked: { dir: "bar", grouping: "stacked" },
};

/** East Asian text in a chart: without a typeface for `ea`, some viewers draw CJK titles and labels as boxes. */
const TEXT_FONTS = '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>';

function textProperties(size: number, bold = false): string {
  return (
    "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>" +
    `<a:defRPr sz="${size}" b="${bold ? 1 : 0}">${TEXT_FONTS}</a:defRPr>` +
    '</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
  );
}

/** One chart part: a bar chart of the table's series, a category and a value axis, the legend below. */
export function chartXml(chart: ChartPlan, sheetName: string, cached: CachedCells): string {
  const layout = BAR_LAYOUT[chart.kind];
  const stacked = layout.grouping === "stacked";
  const series = chartSeries(chart).map((s, i) => {
    const colour = chart.colours[i];
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx>${stringReference(sheetName, { top: s.name.row, left: s.name.col, bottom: s.name.row, right: s.name.col }, cached)}</c:tx>` +
      (colour === undefined
        ? ""
        : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>`) +
      '<c:invertIfNegative val="0"/>' +
      `<c:cat>${stringReference(sheetName, s.categories, cached)}</c:cat>` +
      `<c:val>${numberReference(sheetName, s.values, cached)}</c:val>` +
      "</c:ser>"
    );
  });
  const categoryAxis = 500001;
  const valueAxis = 500002;
  const horizontal = layout.dir === "bar";
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.relationships}">` +
    '<c:lang val="zh-CN"/><c:roundedCorners val="0"/>' +
    "<c:chart>" +
    "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>" +
    `<a:pPr><a:defRPr sz="1200" b="1">${TEXT_FONTS}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1200" b="1">${TEXT_FONTS}</a:rPr><a:t>${escapeText(chart.title)}</a:t></a:r>` +
    '</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>' +
    '<c:autoTitleDeleted val="0"/>' +
    "<c:plotArea><c:layout/>" +
    `<c:barChart><c:barDir val="${layout.dir}"/><c:grouping val="${layout.grouping}"/><c:varyColors val="0"/>` +
    series.join("") +
    `<c:gapWidth val="80"/>${stacked ? '<c:overlap val="100"/>' : ""}` +
    `<c:axId val="${categoryAxis}"/><c:axId val="${valueAxis}"/></c:barChart>` +
    `<c:catAx><c:axId val="${categoryAxis}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/>${textProperties(900)}<c:crossAx val="${valueAxis}"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${valueAxis}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/>` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/>${textProperties(900)}<c:crossAx val="${categoryAxis}"/><c:crosses val="autoZero"/>` +
    '<c:crossBetween val="between"/></c:valAx>' +
    "</c:plotArea>" +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProperties(900)}</c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart>" +
    "</c:chartSpace>"
  );
}
