import type { ConfigFile } from '../api/transforms';

/**
 * What the transforms page says when the config file gives it no stream to pick: that the file is
 * not there yet, that it does not load, or that it defines none; null when there are streams.
 */
export function noStreamsText(config: Pick<ConfigFile, 'file' | 'exists' | 'valid' | 'streams'>): string | null {
  if (config.streams.length > 0) return null;
  if (!config.exists) return `There is no ${config.file} yet: make a stream first, then shape its events here.`;
  if (!config.valid) return `${config.file} does not load, so it offers no stream to pick: mend it first.`;
  return `${config.file} defines no streams yet: make one first, then shape its events here.`;
}
