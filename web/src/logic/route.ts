// The dashboard's pages are addressed by the URL's fragment (#/streams, #/outputs...), so that a
// page can be bookmarked or opened from the side panel without the server knowing the pages.

/** The page a fragment names, or the first page when it names none of them. */
export function pageOf(hash: string, ids: readonly string[]): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ids.includes(id) ? id : ids[0];
}

/** What follows the page in the fragment (#/events/42 → "42"), or "" when nothing does. */
export function pageArgument(hash: string): string {
  const parts = hash.replace(/^#\/?/, '').split('/');
  return parts.slice(1).join('/');
}

/** The event a fragment opens in the live page (#/live/42 → 42, as the side panel links), or null. */
export function eventOfFragment(hash: string): number | null {
  const match = /^#\/?live\/(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}
