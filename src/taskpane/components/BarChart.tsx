/**
 * Small horizontal bar charts drawn as SVG by hand: a chart library would cost more bytes than the
 * whole pane. Each chart is an image with a text equivalent for screen readers.
 */
import { tokens } from "@fluentui/react-components";

export interface BarSegment {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

export interface BarRow {
  readonly label: string;
  readonly segments: readonly BarSegment[];
  /** Length of the row's track; defaults to the largest row total of the chart. */
  readonly scale?: number;
  /** Shown at the end of the bar, e.g. "12 / 100". */
  readonly note?: string;
}

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 120;
const NOTE_WIDTH = 64;
const WIDTH = 320;

/** A row's segments laid end to end, in chart units of `scale`. */
export function segmentExtents(
  row: BarRow,
  chartScale: number
): { x: number; width: number; segment: BarSegment }[] {
  const scale = row.scale ?? chartScale;
  const track = WIDTH - LABEL_WIDTH - NOTE_WIDTH;
  let x = LABEL_WIDTH;
  return row.segments.map((segment) => {
    const width = scale > 0 ? (Math.min(segment.value, scale) / scale) * track : 0;
    const extent = { x, width, segment };
    x += width;
    return extent;
  });
}

export function BarChart(props: {
  title: string;
  rows: readonly BarRow[];
  legend?: readonly BarSegment[];
}) {
  const { title, rows, legend } = props;
  const chartScale = Math.max(
    0,
    ...rows.map((row) => row.segments.reduce((sum, segment) => sum + segment.value, 0))
  );
  const legendHeight = legend ? ROW_HEIGHT : 0;
  const height = rows.length * ROW_HEIGHT + legendHeight + 4;
  const description = rows
    .map(
      (row) =>
        `${row.label}: ${row.segments.map((segment) => `${segment.label} ${segment.value}`).join(", ")}${row.note ? ` (${row.note})` : ""}`
    )
    .join("; ");
  return (
    <svg
      role="img"
      aria-label={`${title}. ${description}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
    >
      <title>{title}</title>
      {rows.map((row, r) => {
        const y = r * ROW_HEIGHT;
        const scale = row.scale ?? chartScale;
        return (
          <g key={row.label}>
            <text
              x={LABEL_WIDTH - 6}
              y={y + 15}
              textAnchor="end"
              fontSize="11"
              style={{ fill: tokens.colorNeutralForeground1 }}
            >
              {row.label.length > 10 ? `${row.label.slice(0, 9)}…` : row.label}
            </text>
            {row.scale !== undefined && (
              <rect
                x={LABEL_WIDTH}
                y={y + 4}
                width={WIDTH - LABEL_WIDTH - NOTE_WIDTH}
                height={ROW_HEIGHT - 8}
                style={{ fill: tokens.colorNeutralBackground4 }}
              />
            )}
            {segmentExtents(row, scale).map(({ x, width, segment }) => (
              <rect
                key={segment.label}
                x={x}
                y={y + 4}
                width={width}
                height={ROW_HEIGHT - 8}
                style={{ fill: segment.color }}
              />
            ))}
            <text
              x={WIDTH - NOTE_WIDTH + 4}
              y={y + 15}
              fontSize="11"
              style={{ fill: tokens.colorNeutralForeground2 }}
            >
              {row.note ?? row.segments.reduce((sum, segment) => sum + segment.value, 0)}
            </text>
          </g>
        );
      })}
      {legend && (
        <g>
          {legend.map((segment, i) => (
            <g
              key={segment.label}
              transform={`translate(${LABEL_WIDTH + i * 52}, ${rows.length * ROW_HEIGHT + 4})`}
            >
              <rect width="10" height="10" y="3" style={{ fill: segment.color }} />
              <text x="13" y="12" fontSize="10" style={{ fill: tokens.colorNeutralForeground1 }}>
                {segment.label}
              </text>
            </g>
          ))}
        </g>
      )}
    </svg>
  );
}
