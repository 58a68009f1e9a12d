import { useEffect, useMemo, useRef, useState } from "react";
import {
  a1,
  cellAt,
  columnCount,
  columnLetter,
  rowCount,
  serialToIsoDate,
  type RawCell,
  type WorkbookGrid,
} from "../engine";
import type { FakeWorkbook } from "../adapters/officejs/fake/FakeExcel";
import { computedValues, type ComputedValues } from "./computedOverlay";

/** Enough for the sample and the sheets generated from it; larger sheets are cut with a note. */
const MAX_ROWS = 300;
const MAX_COLUMNS = 40;

function rawText(cell: RawCell | null): string {
  if (!cell) return "";
  switch (cell.type) {
    case "text":
      return cell.text;
    case "number":
      return String(cell.value);
    case "date":
      return serialToIsoDate(cell.serial) ?? String(cell.serial);
    case "boolean":
      return cell.value ? "TRUE" : "FALSE";
    case "error":
      return cell.error;
  }
}

function shownText(
  cell: RawCell | null,
  computed: ComputedValues,
  sheet: string,
  address: string
): string {
  const value = computed.get(sheet)?.get(address);
  if (value !== undefined && cell?.formula) return value === null ? "" : String(value);
  return rawText(cell);
}

/** The in-memory workbook as a plain HTML table with sheet tabs; it re-renders whenever the fake changes. */
export function GridView({ book }: { book: FakeWorkbook }) {
  const [version, setVersion] = useState(0);
  const [chosenSheet, setChosenSheet] = useState<string | null>(null);
  useEffect(() => book.onChange(() => setVersion((v) => v + 1)), [book]);

  const grid: WorkbookGrid = useMemo(() => book.toGrid(), [book, version]);
  const computed = useMemo(() => computedValues(grid), [grid]);
  const selection = book.selectedCell();
  const names = grid.sheets.map((sheet) => sheet.name);
  // Selecting a cell from the pane (校验) brings its sheet to the front, as Excel does.
  const [followedSelection, setFollowedSelection] = useState<string | null>(null);
  const selectionKey = selection ? `${selection.sheet}!${selection.address}` : null;
  if (selection && selectionKey !== followedSelection) {
    setFollowedSelection(selectionKey);
    setChosenSheet(selection.sheet);
  }
  const current = grid.sheets.find((sheet) => sheet.name === chosenSheet) ?? grid.sheets[0];
  const selectedAddress =
    selection && current && selection.sheet === current.name
      ? selection.address.replace(/\$/g, "").split(":")[0]
      : null;
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedAddress)
      scroller.current
        ?.querySelector(`td[data-cell="${selectedAddress}"]`)
        ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedAddress, current?.name]);
  if (!current) return <p>—</p>;
  const rows = Math.min(rowCount(current), MAX_ROWS);
  const columns = Math.min(columnCount(current), MAX_COLUMNS);
  // Hidden helper columns (the rank key) stay hidden, as in Excel.
  const hidden = new Set(current.hiddenColumns);
  const shownColumns = Array.from({ length: columns }, (_unused, c) => c + 1).filter(
    (c) => !hidden.has(c)
  );

  return (
    <section className="grid-view" aria-label="工作簿 / Workbook">
      <div role="tablist" className="sheet-tabs" aria-label="工作表 / Sheets">
        {names.map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={name === current.name}
            className={name === current.name ? "sheet-tab sheet-tab-active" : "sheet-tab"}
            onClick={() => setChosenSheet(name)}
          >
            {name}
          </button>
        ))}
      </div>
      <div
        className="grid-scroll"
        role="tabpanel"
        aria-label={current.name}
        tabIndex={0}
        ref={scroller}
      >
        <table className="grid" data-sheet={current.name}>
          <thead>
            <tr>
              <th scope="col" aria-label="行 / Row" />
              {shownColumns.map((c) => (
                <th key={c} scope="col">
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_unused, r) => (
              <tr key={r}>
                <th scope="row">{r + 1}</th>
                {shownColumns.map((c) => {
                  const address = a1(r + 1, c);
                  const cell = cellAt(current, r + 1, c);
                  const classes = [
                    cell?.formula ? "formula" : "",
                    address === selectedAddress ? "selected" : "",
                  ]
                    .filter(Boolean)
                    .join(" ");
                  return (
                    <td
                      key={c}
                      data-cell={address}
                      className={classes || undefined}
                      title={cell?.formula ? `=${cell.formula.replace(/^=/, "")}` : undefined}
                    >
                      {shownText(cell, computed, current.name, address)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {rowCount(current) > MAX_ROWS && (
          <p className="grid-note">… {rowCount(current) - MAX_ROWS} more rows</p>
        )}
      </div>
    </section>
  );
}
