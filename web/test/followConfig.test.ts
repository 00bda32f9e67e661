import { describe, expect, it } from 'vitest';
import { readConfigAgain } from '../src/logic/followConfig';

interface Config {
  version: string;
  streams: string[];
}

/** What the page holds, updated as a page's state setter would. */
function page(first: Config) {
  const held: { config: Config | null } = { config: first };
  return { held, set: (update: (h: Config | null) => Config | null) => (held.config = update(held.config)) };
}

describe('readConfigAgain', () => {
  it('keeps what the page holds while the file is unchanged, and takes the file as it is once it changed', async () => {
    const first = { version: 'a', streams: ['frames'] };
    const { held, set } = page(first);
    await readConfigAgain(() => Promise.resolve({ version: 'a', streams: ['frames'] }), set);
    expect(held.config).toBe(first);

    const changed = { version: 'b', streams: ['ws_frames'] };
    await readConfigAgain(() => Promise.resolve(changed), set);
    expect(held.config).toBe(changed);
  });

  it('keeps what the page shows when the read fails', async () => {
    const first = { version: 'a', streams: [] };
    const { held, set } = page(first);
    await readConfigAgain(() => Promise.reject(new Error('server gone')), set);
    expect(held.config).toBe(first);
  });
});
