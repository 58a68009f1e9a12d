export * from "./Grid";
export * from "./CellRef";
export * from "./IsoDate";
export * from "./domain";
export * from "./Nominee";
export * from "./Issue";
export * from "./Table";
export * from "./Outcome";
