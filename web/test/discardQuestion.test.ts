import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '../src/api/outputs';
import { discardAllQuestion, discardable } from '../src/logic/discardQuestion';

function letter(id: number, state: DeadLetter['state']): DeadLetter {
  return {
    id,
    state,
    redeliveries: state === 'dead' ? 0 : 1,
    state_at: null,
    at: '2026-12-08T10:00:00Z',
    stream: 'orders',
    output: 'hook',
    source_seq: id,
    event_id: `e${id}`,
    record: { n: id },
    error: 'HTTP 422',
  };
}

describe('discardAllQuestion', () => {
  it('counts the letters that go, leaving out those being sent back', () => {
    const letters = [letter(1, 'dead'), letter(2, 'requeued'), letter(3, 'delivered')];
    expect(discardable(letters)).toBe(2);
    expect(discardAllQuestion(letters, false)).toBe('Discard 2 dead letters for good?');
  });
  it('says one in the singular', () => {
    expect(discardAllQuestion([letter(1, 'dead'), letter(2, 'requeued')], false)).toBe('Discard 1 dead letter for good?');
  });
  it('says "or more" when the list shows only the first of the filter', () => {
    expect(discardAllQuestion([letter(1, 'dead')], true)).toBe('Discard 1 or more dead letters for good?');
  });
});
