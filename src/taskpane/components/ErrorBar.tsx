import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { CancelledError } from "../services/PaneService";
import { paneText, type PaneLang } from "../strings";

/** An error in plain words for the person at the pane; the technical text stays in the details. */
export function plainError(error: unknown, lang: PaneLang): string {
  if (error instanceof CancelledError) return paneText(lang, "cancelled");
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorBar(props: { error: unknown; lang: PaneLang; onDismiss: () => void }) {
  const { error, lang, onDismiss } = props;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{paneText(lang, "errorTitle")}</MessageBarTitle>
        {plainError(error, lang)}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" onClick={onDismiss}>
          {paneText(lang, "dismiss")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
