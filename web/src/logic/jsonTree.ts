/**
 * The JSON tree of the event detail. A body of megabytes must not freeze the page, so the tree
 * opens only as many rows as a budget allows at first, and lists a node's children in slices.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How much the tree shows before the user asks for more. */
export interface TreeCaps {
  /** Rows shown when the tree first opens: containers open breadth-first while they fit. */
  rows: number;
  /** Children of one node listed before a "more" row. */
  children: number;
}

export const TREE_CAPS: TreeCaps = { rows: 400, children: 100 };

export function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === 'object' && value !== null;
}

export function childCount(value: Json): number {
  if (Array.isArray(value)) return value.length;
  return isContainer(value) ? Object.keys(value).length : 0;
}

/** The first `limit` children of a container as [key, value], and how many are left out. */
export function childrenOf(value: Json, limit: number): { entries: Array<[string, Json]>; more: number } {
  if (!isContainer(value)) return { entries: [], more: 0 };
  const keys = Array.isArray(value) ? null : Object.keys(value);
  const total = keys ? keys.length : (value as Json[]).length;
  const shown = Math.min(total, limit);
  const entries: Array<[string, Json]> = [];
  for (let i = 0; i < shown; i++) {
    entries.push(keys ? [keys[i], (value as { [key: string]: Json })[keys[i]]] : [String(i), (value as Json[])[i]]);
  }
  return { entries, more: total - shown };
}

/** A child's path: JSON Pointer (RFC 6901), so keys holding `/` stay distinct. */
export function childPath(parent: string, key: string): string {
  return `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The paths of the containers open at first. The root is always open; then, breadth-first,
 * each container opens if the rows it adds (its listed children) still fit in `caps.rows`.
 */
export function initiallyOpen(root: Json, caps: TreeCaps = TREE_CAPS): Set<string> {
  const open = new Set<string>();
  if (!isContainer(root)) return open;
  const rowsOf = (v: Json) => Math.min(childCount(v), caps.children) + (childCount(v) > caps.children ? 1 : 0);
  open.add('');
  let rows = 1 + rowsOf(root);
  const queue: Array<[string, Json]> = [['', root]];
  while (queue.length > 0) {
    const [path, value] = queue.shift()!;
    for (const [key, child] of childrenOf(value, caps.children).entries) {
      if (!isContainer(child)) continue;
      const added = rowsOf(child);
      if (rows + added > caps.rows) return open;
      const p = childPath(path, key);
      open.add(p);
      rows += added;
      queue.push([p, child]);
    }
  }
  return open;
}

/** One line for a leaf (as JSON writes it) or a closed container (its size). */
export function summary(value: Json): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  if (isContainer(value)) {
    const n = Object.keys(value).length;
    return `{${n} ${n === 1 ? 'key' : 'keys'}}`;
  }
  return JSON.stringify(value);
}
