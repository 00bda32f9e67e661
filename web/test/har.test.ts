import { describe, expect, it } from 'vitest';
import { ApiError, harOf } from '../src/api';
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

describe('harOf', () => {
  it("takes the server's file name and its counts of the events left out", async () => {
    const har = await harOf(
      new Response('{"log":{"entries":[]}}', {
        headers: {
          'Content-Disposition': 'attachment; filename="datasipper-20261201-101530.har"',
          'DataSipper-Events-Missing': '3',
          'DataSipper-Events-Unreadable': '1',
        },
      }),
    );
    expect(har.fileName).toBe('datasipper-20261201-101530.har');
    expect([har.missing, har.unreadable]).toEqual([3, 1]);
    expect(await har.blob.text()).toBe('{"log":{"entries":[]}}');
  });

  it("throws the server's reason when it refuses", async () => {
    const refused = harOf(new Response('{"error":"body.seqs: 100,001 seqs; at most 100,000 in one download"}', { status: 400 }));
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toThrow('body.seqs: 100,001 seqs; at most 100,000 in one download');
  });
});
