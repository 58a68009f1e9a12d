import type { Field, SectorCode, TierCode } from "./domain";
import type { IsoDate } from "./IsoDate";

/** One nominated (or, in a register, awarded) site after normalising. A value that could not be read is null. */
export interface Nominee {
  readonly sheet: string;
  /** 1-based sheet row. */
  readonly row: number;
  /** Name trimmed with inner spaces folded; `displayName` keeps it as typed. */
  readonly name: string | null;
  readonly displayName: string | null;
  readonly sector: SectorCode | null;
  readonly tier: TierCode | null;
  readonly region: string | null;
  readonly members: number | null;
  readonly secretary: string | null;
  readonly phone: string | null;
  readonly nominatedOn: IsoDate | null;
  readonly awardedOn: IsoDate | null;
  readonly lastReviewOn: IsoDate | null;
  readonly lastReviewScore: number | null;
  readonly lastReviewVeto: boolean | null;
  readonly notes: string | null;
  /** A1 address (no sheet) of the source cell of each mapped field, e.g. { name: 'C7' }. */
  readonly cells: Readonly<Partial<Record<Field, string>>>;
  /** Cells of columns that map to no field, kept as display text by header: nothing is dropped. */
  readonly extra: Readonly<Record<string, string>>;
}
