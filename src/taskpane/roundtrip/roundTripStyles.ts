/** The 分发回收 tab's sections and lists, shared by its two parts (RoundTripTab and RecusalEditor). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useRoundTripStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  lines: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    paddingLeft: 0,
  },
  line: { listStyleType: "none" },
});
