// Addresses of the streams page (#/streams/...), for the pages that link to it.

/** The argument of a new stream (#/streams/+new), and of one from an event (#/streams/+new/42): no stream name has a +. */
export const NEW_STREAM = '+new';

/** The stream's address in the dashboard. */
export function streamHref(name: string): string {
  return `#/streams/${encodeURIComponent(name)}`;
}

/** The address that opens the builder pre-filled from the event. */
export function newStreamFromEventHref(seq: number): string {
  return `#/streams/${NEW_STREAM}/${seq}`;
}

/** The event a new stream is made from (#/streams/+new/42 → 42), or null. */
export function eventOfNewStream(argument: string): number | null {
  const m = /^\+new\/(\d+)$/.exec(argument);
  return m ? Number(m[1]) : null;
}
