/**
 * A file picker in the pane's own words: a Fluent button that opens a visually hidden `<input type="file">`, with the
 * chosen files' names under it. The browser's own control says "Choose Files / No file chosen" in the browser's
 * language (Chromium's English in Excel's webview), whatever language the pane speaks.
 */
import {
  Button,
  Label,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useRef } from "react";

const useFilePickerStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXS,
  },
  // Hidden from sight, still rendered: a webview may open the dialog from click() only on a rendered input.
  input: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0px, 0px, 0px, 0px)",
    whiteSpace: "nowrap",
    border: 0,
  },
  // File names run long and without spaces: they break anywhere rather than widen the pane.
  chosen: { overflowWrap: "anywhere", wordBreak: "break-word" },
});

export interface FilePickerProps {
  /** What is picked (选择交回的文件): the label above the button, read with the button's own text. */
  readonly label: string;
  /** What the button says (选择文件… / Choose files…). */
  readonly buttonText: string;
  /** The picked files' names, or that none is picked, in the pane's language; the button's description. */
  readonly chosenText: string;
  readonly accept: string;
  readonly multiple?: boolean;
  readonly disabled?: boolean;
  readonly className?: string;
  readonly onPick: (files: File[]) => void;
}

export function FilePicker(props: FilePickerProps) {
  const styles = useFilePickerStyles();
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId("file-picker-label");
  const buttonTextId = useId("file-picker-button");
  const chosenId = useId("file-picker-chosen");
  return (
    <div className={mergeClasses(styles.root, props.className)}>
      <Label id={labelId}>{props.label}</Label>
      <Button
        disabled={props.disabled}
        aria-labelledby={`${labelId} ${buttonTextId}`}
        aria-describedby={chosenId}
        onClick={() => input.current?.click()}
      >
        <span id={buttonTextId}>{props.buttonText}</span>
      </Button>
      <Text id={chosenId} size={200} className={styles.chosen}>
        {props.chosenText}
      </Text>
      <input
        ref={input}
        type="file"
        className={styles.input}
        tabIndex={-1}
        aria-hidden="true"
        aria-label={props.label}
        multiple={props.multiple}
        accept={props.accept}
        onChange={(event) => {
          props.onPick([...(event.target.files ?? [])]);
          // Picking the same files again (after a merge, say) is still a pick.
          event.target.value = "";
        }}
      />
    </div>
  );
}
