// The dead letters page's fragment: #/dead-letters/42 opens letter 42; #/dead-letters/output=orders
// (or stream=..., or both joined by &) lists those of one output or stream.
import type { DeadLetterFilter } from '../api/outputs';

export interface DeadLetterRoute {
  open: number | null;
  filter: DeadLetterFilter;
}

export function deadLetterRoute(argument: string): DeadLetterRoute {
  if (/^\d+$/.test(argument)) return { open: Number(argument), filter: {} };
  const params = new URLSearchParams(argument);
  const filter: DeadLetterFilter = {};
  const stream = params.get('stream');
  const output = params.get('output');
  if (stream) filter.stream = stream;
  if (output) filter.output = output;
  return { open: null, filter };
}

/** The fragment that lists the letters of this filter. */
export function deadLettersHash(filter: DeadLetterFilter): string {
  const params = new URLSearchParams();
  if (filter.stream) params.set('stream', filter.stream);
  if (filter.output) params.set('output', filter.output);
  const text = params.toString();
  return text ? `#/dead-letters/${text}` : '#/dead-letters';
}
