import { useState } from 'preact/hooks';

interface Props {
  label: string;
  /** Shown in the button's place after the first click; a click on it does the deed. */
  question: string;
  disabled?: boolean;
  title?: string;
  testid: string;
  onConfirm(): void;
}

/**
 * A button for what cannot be undone: the first click only asks, and the deed waits for a second
 * click on the question; Cancel leaves things as they were. Unlike `window.confirm`, it blocks
 * nothing else on the page, which goes on refreshing meanwhile.
 */
export function ConfirmButton(props: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking || props.disabled) {
    return (
      <button data-testid={props.testid} disabled={props.disabled} title={props.title} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button class="danger" data-testid={`${props.testid}-confirm`}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}>
        {props.question}
      </button>
      <button data-testid={`${props.testid}-cancel`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
