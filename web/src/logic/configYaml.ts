// The config file's YAML with an output written into it and bound to its streams, the rest of the
// file (its comments too) left as it was. Loaded only when a form is saved: the YAML library is most
// of its weight, and the dashboard's first load does without it.
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

/** Keys the pipeline reads for every output type besides type, which the form keeps as they were. */
const PIPELINE_KEYS = ['start_from'];

/** What to write: the output's name (and the one it had, when renamed), type, settings and streams. */
export interface OutputEdit {
  name: string;
  previousName?: string;
  type: string;
  settings: Record<string, unknown>;
  streams: readonly string[];
}

/**
 * The config's YAML with the output written (added, replaced or renamed) and bound to exactly the
 * streams given. The rest of the file, its comments included, stays as it was.
 */
export function withOutput(yaml: string, edit: OutputEdit): string {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) throw new Error(`the config is not valid YAML: ${doc.errors[0].message}`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const before = edit.previousName ?? edit.name;
  const kept: Record<string, unknown> = {};
  const old = doc.getIn(['outputs', before]);
  if (isMap(old)) {
    for (const key of PIPELINE_KEYS) {
      if (old.has(key)) kept[key] = old.get(key);
    }
  }
  if (edit.previousName && edit.previousName !== edit.name) doc.deleteIn(['outputs', edit.previousName]);
  if (!isMap(doc.get('outputs'))) doc.set('outputs', doc.createNode({}));
  doc.setIn(['outputs', edit.name], doc.createNode({ type: edit.type, ...kept, ...edit.settings }));
  bindStreams(doc, before, edit.name, edit.streams);
  return doc.toString();
}

function bindStreams(doc: Document, before: string, name: string, wanted: readonly string[]): void {
  const streams = doc.get('streams');
  if (!isSeq(streams)) {
    if (wanted.length > 0) throw new Error(`the config has no streams, so none can ship to ${name}`);
    return;
  }
  for (const item of streams.items) {
    if (!isMap(item)) continue;
    const stream = item as YAMLMap;
    const targets = targetsOf(stream).filter((o) => o !== before && o !== name);
    if (wanted.includes(String(stream.get('name')))) targets.push(name);
    const single = stream.get('output');
    const hadSingle = single !== undefined && !stream.has('outputs');
    stream.delete('output');
    if (targets.length === 1 && hadSingle) {
      stream.set('output', targets[0]);
    } else if (targets.length === 0) {
      stream.delete('outputs');
    } else {
      const list = doc.createNode(targets);
      list.flow = true;
      stream.set('outputs', list);
    }
  }
}

function targetsOf(stream: YAMLMap): string[] {
  const targets: string[] = [];
  const single = stream.get('output');
  if (single !== undefined && single !== null) targets.push(String(isScalar(single) ? single.value : single));
  const many = stream.get('outputs');
  if (isSeq(many)) {
    for (const o of many.items) targets.push(String(isScalar(o) ? o.value : o));
  }
  return targets;
}
