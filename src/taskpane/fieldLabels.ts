import {
  FIELD_LABELS_EN,
  FIELD_LABELS_ZH,
  sectorName,
  tierName,
  type Field,
  type SectorCode,
  type TierCode,
} from "../engine";
import type { PaneLang } from "./strings";

export function fieldLabel(field: Field, lang: PaneLang): string {
  return (lang === "zh" ? FIELD_LABELS_ZH : FIELD_LABELS_EN)[field];
}

/** The notice's own words in Chinese; short English names in the English pane, as `--lang en` prints them. */
export function sectorLabel(sector: SectorCode | null, lang: PaneLang): string {
  return sector ? sectorName(sector, lang) : "—";
}

export function tierLabel(tier: TierCode | null, lang: PaneLang): string {
  return tier ? tierName(tier, lang) : "—";
}
