/** A failed action, in plain words (the error's own message). */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export function ErrorBar(props: { title: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.message}
      </MessageBarBody>
    </MessageBar>
  );
}
