import type { Body } from '../api';

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/javascript': 'js',
  'application/xml': 'xml',
  'application/pdf': 'pdf',
  'application/octet-stream': 'bin',
  'application/wasm': 'wasm',
  'text/html': 'html',
  'text/css': 'css',
  'text/javascript': 'js',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/xml': 'xml',
  'text/event-stream': 'txt',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'font/woff2': 'woff2',
  'font/woff': 'woff',
};

/** The MIME type alone, lower case: `Text/HTML; charset=utf-8` is `text/html`. */
export function essence(mimeType: string | undefined): string {
  return (mimeType ?? '').split(';')[0].trim().toLowerCase();
}

function extensionOf(mimeType: string | undefined): string {
  const type = essence(mimeType);
  if (EXTENSIONS[type]) return EXTENSIONS[type];
  if (type.endsWith('+json')) return 'json';
  if (type.endsWith('+xml')) return 'xml';
  return type.startsWith('text/') ? 'txt' : 'bin';
}

/**
 * A file name for a body: the URL's last path segment, made safe for every file system, with an
 * extension from the MIME type when the segment has none; `body` when the URL names no file.
 */
export function downloadName(url: string | undefined, mimeType: string | undefined): string {
  let segment = '';
  try {
    const path = new URL(url ?? '').pathname;
    segment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    // not a URL, or a broken %-escape: the name falls back to "body"
  }
  const safe = segment.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '').slice(0, 120);
  const base = safe || 'body';
  return /\.[A-Za-z0-9]{1,8}$/.test(base) ? base : `${base}.${extensionOf(mimeType)}`;
}

/** The stored bytes of a body: base64 decoded, text as UTF-8; null when the store kept none. */
export function bodyBytes(body: Body | undefined): Uint8Array<ArrayBuffer> | null {
  if (!body || body.data === undefined) return null;
  if (body.encoding === 'base64') {
    const raw = atob(body.data);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(body.data) as Uint8Array<ArrayBuffer>;
}

/** Raster and vector images a page can show from a blob: URL. */
export function isImage(mimeType: string | undefined): boolean {
  return /^image\/(png|jpeg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)$/.test(essence(mimeType));
}

/** Saves a blob as a file of that name, as the browser saves downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Not at once: a browser may read the URL after the click's task. The blob's memory goes with it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
