/**
 * Fluent UI v9 writes a few screen-reader labels of its own, in English: a Dropdown's hidden clear button
 * ("Clear selection"), a SpinButton's arrows ("Increment value", "Decrement value") and a Combobox's open button
 * ("Open"). Each is a slot whose props win over the default, so every such control in the pane spreads these.
 */
import { paneText, type PaneLang } from "../strings";

export function fluentLabels(lang: PaneLang) {
  return {
    dropdown: { clearButton: { "aria-label": paneText(lang, "clearSelection") } },
    combobox: { expandIcon: { "aria-label": paneText(lang, "openList") } },
    spinButton: {
      incrementButton: { "aria-label": paneText(lang, "increment") },
      decrementButton: { "aria-label": paneText(lang, "decrement") },
    },
  } as const;
}
