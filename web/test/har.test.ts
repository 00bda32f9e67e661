import { describe, expect, it } from 'vitest';
import { harShortfall } from '../src/logic/har';

describe('harShortfall', () => {
  it('says nothing when the HAR holds every event shown', () => {
    expect(harShortfall('datasipper-20261201-101530.har', 1200, 0, 0)).toBeNull();
  });

  it('counts the events left out and says why', () => {
    expect(harShortfall('datasipper-20261201-101530.har', 1200, 3, 0)).toBe(
      'datasipper-20261201-101530.har holds 1,197 of the 1,200 events shown: 3 not in the store' +
        ' (not written yet, or removed by retention).',
    );
    expect(harShortfall('x.har', 10, 2, 1)).toBe(
      'x.har holds 7 of the 10 events shown: 2 not in the store (not written yet, or removed by retention),' +
        ' 1 stored but unreadable.',
    );
  });
});
