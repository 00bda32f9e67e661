import type { Body } from '../api';

/** How the detail shows a body: pretty JSON, plain text, a hex dump, or why there is nothing. */
export type BodyView =
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'hex'; text: string }
  | { kind: 'none'; text: string };

const HEX_LIMIT = 64 * 1024;

function bytesOf(base64: string): Uint8Array {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Lines of 16 bytes: offset, hex pairs, and the printable ASCII, as xxd prints them. */
export function hexDump(bytes: Uint8Array, limit = HEX_LIMIT): string {
  const lines: string[] = [];
  const end = Math.min(bytes.length, limit);
  for (let off = 0; off < end; off += 16) {
    const chunk = bytes.subarray(off, Math.min(off + 16, end));
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes`);
  return lines.join('\n');
}

/** Declared as JSON, or text that starts as JSON does. */
export function looksJson(text: string, mimeType: string | undefined): boolean {
  if (mimeType && /json/i.test(mimeType)) return true;
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** The view of a body; text that parses as JSON is indented, whatever its declared type. */
export function viewBody(body: Body | undefined, mimeType?: string): BodyView {
  if (!body) return { kind: 'none', text: 'no body' };
  if (body.data === undefined) return { kind: 'none', text: `not stored: ${body.omitted ?? 'omitted'} (${body.size} bytes)` };
  if (body.encoding === 'base64') return { kind: 'hex', text: hexDump(bytesOf(body.data)) };
  if (looksJson(body.data, mimeType)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(body.data), null, 2) };
    } catch {
      // cut or not JSON after all: show it as it is
    }
  }
  return { kind: 'text', text: body.data };
}
