import {
  FIELD_LABELS_EN,
  FIELD_LABELS_ZH,
  SECTOR_NAMES,
  TIER_NAMES,
  type Field,
  type SectorCode,
  type TierCode,
} from "../engine";
import type { PaneLang } from "./strings";

const TIER_NAMES_EN: Readonly<Record<TierCode, string>> = {
  province: "Provincial",
  city: "City",
  county: "County",
};

export function fieldLabel(field: Field, lang: PaneLang): string {
  return (lang === "zh" ? FIELD_LABELS_ZH : FIELD_LABELS_EN)[field];
}

/** Sector names are the notices' own words; the English pane shows them too, since officials search by them. */
export function sectorLabel(sector: SectorCode | null): string {
  return sector ? SECTOR_NAMES[sector] : "—";
}

export function tierLabel(tier: TierCode | null, lang: PaneLang): string {
  if (!tier) return "—";
  return lang === "zh" ? TIER_NAMES[tier] : TIER_NAMES_EN[tier];
}
