/** The shape of an issue's text in one language: per code, a function of that code's params. */
import type { IssueCode, IssueParams } from "../core/Issue";

/** What every issue's text may also quote: the label of the issue's field in the message's language ("" for none). */
export interface IssueLabel {
  readonly label: string;
}

export type IssueText = {
  readonly [K in IssueCode]: (params: IssueParams[K] & IssueLabel) => string;
};
