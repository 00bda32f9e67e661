import type { DeadLetter } from '../api/outputs';

/** The listed letters "Discard all" deletes: all but those sent back and not yet written again. */
export function discardable(letters: DeadLetter[]): number {
  return letters.filter((l) => l.state !== 'requeued').length;
}

/**
 * What "Discard all" asks before deleting: how many of the filter's letters go, "or more" when
 * the list shows only the first of them.
 */
export function discardAllQuestion(letters: DeadLetter[], more: boolean): string {
  const n = discardable(letters);
  return `Discard ${n}${more ? ' or more' : ''} dead letter${n === 1 && !more ? '' : 's'} for good?`;
}
