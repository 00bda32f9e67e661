// "New stream from this event": a rule that takes events like the one selected, and a name for it.
import type { SipEvent } from '../api';
import type { ComparisonNode, GroupNode } from './rules';

function equals(field: string, value: string | number): ComparisonNode {
  return { kind: 'comparison', field, operator: 'equals', value, caseInsensitive: false };
}

/** Host and path as the rule fields read them: the host in lower case without port, the path as written. */
function urlParts(url: string): { host: string; path: string } | null {
  try {
    const u = new URL(url);
    return u.hostname ? { host: u.hostname.toLowerCase(), path: u.pathname || '/' } : null;
  } catch {
    return null;
  }
}

/**
 * The path exactly, or, when it has ids in it (/api/orders/45), a pattern with any id in their
 * place, so that the stream takes the calls of that kind and not the one call.
 */
function pathCondition(path: string): ComparisonNode {
  const segments = path.split('/');
  const isId = (s: string) => /^\d+$/.test(s) || (/\d/.test(s) && /^[0-9a-f]{8,}(-[0-9a-f]{4,})*$/i.test(s));
  if (!segments.some(isId)) return equals('path', path);
  const pattern = segments.map((s) => (isId(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { kind: 'comparison', field: 'path', operator: 'regex', value: `^${pattern}$`, caseInsensitive: false };
}

/**
 * Conditions that take the event's kind of traffic: its type, host and path, and what tells such
 * events apart (an http call's method, a frame's direction, an SSE message's event name).
 */
export function ruleFromEvent(event: SipEvent): GroupNode {
  const children: ComparisonNode[] = [equals('type', event.type)];
  if ('url' in event) {
    const parts = urlParts(event.url);
    if (parts) children.push(equals('host', parts.host), pathCondition(parts.path));
  }
  if (event.type === 'http') children.push(equals('method', event.method));
  if (event.type === 'ws_frame') children.push(equals('direction', event.direction));
  if (event.type === 'sse' && event.event) children.push(equals('event', event.event));
  return { kind: 'group', logic: 'AND', children };
}

/** A stream name for the event's traffic (get_api_orders), unlike those taken (a _2 added if need be). */
export function nameFromEvent(event: SipEvent, taken: readonly string[]): string {
  const words: string[] = [event.type === 'http' ? event.method : event.type];
  const parts = 'url' in event ? urlParts(event.url) : null;
  if (parts) words.push(...parts.path.split('/').filter((s) => s !== '' && !/^\d+$/.test(s)).slice(-2));
  const base = words.join('_').toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'stream';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}_${n}`;
  return name;
}
