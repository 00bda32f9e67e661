/** The shortest a tab's label gets: DevTools target ids are 32 hex digits, too long for a select. */
const MIN_PREFIX = 6;

/**
 * Short labels for the capture's tab ids: the shortest prefix, of at least {@link MIN_PREFIX}
 * characters, that no other of the ids shares, so that two tabs never read alike.
 */
export function tabLabels(ids: readonly string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const id of ids) {
    let length = Math.min(MIN_PREFIX, id.length);
    while (length < id.length && ids.some((other) => other !== id && other.startsWith(id.slice(0, length)))) length++;
    labels.set(id, length < id.length ? `${id.slice(0, length)}…` : id);
  }
  return labels;
}
