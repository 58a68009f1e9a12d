/**
 * The engine's only entry for the rest of shifan (adapters, command line, task pane).
 * Each stage adds its public functions here.
 */
export * from './core';
export * from './ports';
export * from './messages';
export type * from './formula/ast';
export type * from './plan/SheetPlan';
export { foldText, toSimplified, toHalfWidth, tidyText } from './normalize/foldText';
