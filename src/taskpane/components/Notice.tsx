import type { ReactNode } from "react";
import { MessageBar, MessageBarBody, type MessageBarIntent } from "@fluentui/react-components";

/** A one-line status under a tab's action: success, information or warning. */
export function Notice(props: { intent: MessageBarIntent; children: ReactNode }) {
  return (
    <MessageBar intent={props.intent} role="status">
      <MessageBarBody>{props.children}</MessageBarBody>
    </MessageBar>
  );
}
