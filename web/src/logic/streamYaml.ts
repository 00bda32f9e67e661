// A stream as the config file writes it, and the file with one stream replaced or added: the YAML
// the CLI reads, with the rest of the file (comments included) kept as it was.
import { isMap, isSeq, parse, parseDocument, stringify, visit, type Document, type Node } from 'yaml';
import { fromConditions, toConditions, type GroupNode } from './rules';

/** A stream being edited: its name, its rule as a tree, and its other keys (outputs, transform) as written. */
export interface StreamDraft {
  name: string;
  root: GroupNode;
  rest: Record<string, unknown>;
}

const RULE_KEYS = ['name', 'logic', 'conditions'];

/** The draft of a stream entry of the config file (as GET /api/config lists them). */
export function draftOf(entry: Record<string, unknown>): StreamDraft {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (!RULE_KEYS.includes(k)) rest[k] = v;
  return { name: typeof entry.name === 'string' ? entry.name : '', root: fromConditions(entry), rest };
}

/** The stream entry of a draft: name, logic, conditions, then the other keys. */
export function entryOf(draft: StreamDraft): Record<string, unknown> {
  return { name: draft.name, ...toConditions(draft.root), ...draft.rest };
}

/** Comparisons on one line each, as the README writes them: {field: url, operator: contains, value: /api/}. */
function flowComparisons(node: Node | Document): void {
  visit(node, {
    Map(_, map) {
      if (map.has('field') && map.has('operator')) map.flow = true;
    },
    Seq(key, seq) {
      // A stream's outputs list fits on a line too.
      if (isSeq(seq) && seq.items.length > 0 && seq.items.every((i) => !isMap(i)) && key !== null) seq.flow = true;
    },
  });
}

/** The stream as YAML, for the YAML view. */
export function streamYaml(draft: StreamDraft): string {
  const doc = parseDocument(stringify(entryOf(draft)));
  flowComparisons(doc);
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/**
 * The draft the YAML view's text describes.
 *
 * @throws Error saying what is wrong (a YAML syntax error, or a shape the builder cannot read)
 */
export function draftFromYaml(text: string): StreamDraft {
  const entry: unknown = parse(text);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new Error('expected one stream: name, conditions and its other keys');
  }
  return draftOf(entry as Record<string, unknown>);
}

/**
 * The config file with the stream {@code replacing} replaced by the draft, or the draft added
 * when replacing is null; every other line of the file stays as it was.
 *
 * @param file the file's text, or null when there is no file yet
 */
export function configWithStream(file: string | null, replacing: string | null, draft: StreamDraft): string {
  const doc = parseDocument(file ?? '');
  if (doc.errors.length > 0) throw new Error(`the config file is not valid YAML: ${doc.errors[0].message}`);
  const node = doc.createNode(entryOf(draft));
  flowComparisons(node);
  let streams = doc.get('streams');
  if (!isSeq(streams)) {
    streams = doc.createNode([]);
    doc.set('streams', streams); // an empty file becomes a map with this key

  }
  const items = (streams as { items: unknown[] }).items;
  const at = replacing === null ? -1 : items.findIndex((i) => isMap(i) && i.get('name') === replacing);
  if (at >= 0) items[at] = node;
  else items.push(node);
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}
