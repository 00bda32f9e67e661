import type { Header, HttpEvent, SipEvent } from '../api';

/** Quotes for a POSIX shell: the text in single quotes, each single quote as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Headers curl sets itself or that would make the copy lie (a stale length, HTTP/2 pseudo-headers). */
const SKIPPED = new Set(['content-length', 'host', 'connection', 'accept-encoding']);

function keptHeaders(headers: Header[] | undefined): Header[] {
  return (headers ?? []).filter((h) => !h.name.startsWith(':') && !SKIPPED.has(h.name.toLowerCase()));
}

function decodeBase64(data: string): string {
  return atob(data);
}

/**
 * The request as a curl command line a user can paste into a shell. A binary body is written with
 * {@code --data-binary} of its bytes via printf; a cut or omitted body is left out with a comment,
 * since sending part of it would be a different request.
 */
export function toCurl(event: HttpEvent): string {
  const parts: string[] = ['curl'];
  if (event.method !== 'GET') parts.push('-X', shellQuote(event.method));
  parts.push(shellQuote(event.url));
  for (const h of keptHeaders(event.request.headers)) {
    parts.push('-H', shellQuote(`${h.name}: ${h.value ?? ''}`));
  }
  const body = event.request.body;
  let note = '';
  if (body && body.size > 0) {
    if (body.truncated || body.data === undefined) {
      note = `\n# the request body (${body.size} bytes) is left out: ${body.omitted ?? 'it was stored cut'}`;
    } else if (body.encoding === 'base64') {
      const bytes = decodeBase64(body.data);
      let escaped = '';
      for (let i = 0; i < bytes.length; i++) escaped += `\\x${bytes.charCodeAt(i).toString(16).padStart(2, '0')}`;
      parts.push('--data-binary', `"$(printf ${shellQuote(escaped)})"`);
    } else {
      parts.push('--data-raw', shellQuote(body.data));
    }
  }
  return parts.join(' ') + note;
}

/** The event as stored, indented: what "Copy as JSON" puts on the clipboard. */
export function toJsonText(event: SipEvent): string {
  return JSON.stringify(event, null, 2);
}
