// The output form: fields made from an output type's settings, the values typed into them turned
// back into the settings the config file takes, and the config's YAML with the output and its
// streams changed. The server checks the saved file as the CLI does; this only catches what a form
// can (a required field left empty, a number that is not one) before the round trip.
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { ConfigStream, OutputSetting, OutputType } from '../api/outputs';

/** A form field: its setting and what it holds (text, or a checkbox's state). */
export interface Field {
  setting: OutputSetting;
  value: string | boolean;
}

/** An output name the config accepts (the loader's rule). */
export const OUTPUT_NAME = /^[a-z0-9_.-]{1,64}$/;

/** Keys the pipeline reads for every output type besides type, which the form keeps as they were. */
const PIPELINE_KEYS = ['start_from'];

/** The default as a field shows it (a placeholder for text, the state of a checkbox). */
export function shownDefault(setting: OutputSetting): string {
  const d = setting.default;
  if (d === null || d === undefined) return '';
  if (typeof d === 'object') return mapText(d as Record<string, unknown>);
  return String(d);
}

/** The fields of a type's form, filled from an existing output's settings or left to their defaults. */
export function fieldsOf(type: OutputType, existing: Record<string, unknown> = {}): Field[] {
  return type.settings.map((setting) => {
    const given = existing[setting.name];
    if (setting.kind === 'boolean') {
      return { setting, value: given === undefined ? setting.default === true : given === true || given === 'true' };
    }
    if (given === undefined || given === null) {
      // A choice shows its default picked: there is no "nothing" among its options unless it is required.
      return { setting, value: setting.kind === 'choice' ? shownDefault(setting) : '' };
    }
    return { setting, value: textOf(setting, given) };
  });
}

function textOf(setting: OutputSetting, value: unknown): string {
  if (setting.kind === 'list' && Array.isArray(value)) return value.map(String).join(', ');
  if (setting.kind === 'map' && typeof value === 'object') return mapText(value as Record<string, unknown>);
  return String(value);
}

function mapText(map: Record<string, unknown>): string {
  return Object.entries(map)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
}

/** The settings the fields make, or, per setting name, why a field cannot be saved. */
export type FormResult =
  | { ok: true; settings: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/**
 * The settings the fields hold, as the config file writes them: empty optional fields and values
 * equal to the default are left out, so the file says only what differs.
 */
export function settingsOf(fields: readonly Field[]): FormResult {
  const settings: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const { setting, value } of fields) {
    const name = setting.name;
    if (typeof value === 'boolean') {
      if (value !== (setting.default === true)) settings[name] = value;
      continue;
    }
    const text = value.trim();
    if (text === '') {
      if (setting.required) errors[name] = `${name}: missing; ${setting.help}`;
      continue;
    }
    const parsed = parse(setting, text);
    if ('error' in parsed) {
      errors[name] = parsed.error;
    } else if (!sameAsDefault(setting, parsed.value)) {
      settings[name] = parsed.value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}

function parse(setting: OutputSetting, text: string): { value: unknown } | { error: string } {
  const name = setting.name;
  switch (setting.kind) {
    case 'integer':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: `${name}: expected a whole number, got "${text}"` };
    case 'bytes':
      // A plain number stays a number; text such as 512KiB is the server's to check.
      return { value: /^\d+$/.test(text) ? Number(text) : text };
    case 'choice':
      return setting.choices.includes(text)
        ? { value: text }
        : { error: `${name}: expected one of ${setting.choices.join(', ')}, got "${text}"` };
    case 'list':
      return {
        value: text
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      };
    case 'map': {
      const map: Record<string, string> = {};
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const colon = line.indexOf(':');
        if (colon <= 0) return { error: `${name}: expected a line of name: value, got "${line.trim()}"` };
        map[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      return { value: map };
    }
    default:
      return { value: text };
  }
}

function sameAsDefault(setting: OutputSetting, value: unknown): boolean {
  const d = setting.default;
  return d !== null && d !== undefined && typeof d !== 'object' && String(d) === String(value);
}

/** The streams that ship to an output, by the config's streams (output: x, or outputs: [x, ...]). */
export function streamsOf(streams: readonly ConfigStream[], output: string): string[] {
  return streams.filter((s) => s.output === output || (s.outputs ?? []).includes(output)).map((s) => s.name);
}

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

/**
 * The setting a saved config's error is about, when it is about this output: the server names the
 * key path ("...: outputs.orders.max_files: ..."), which the form shows beside its field.
 */
export function fieldOfError(message: string, output: string, settings: readonly OutputSetting[]): string | null {
  const at = message.indexOf(`outputs.${output}.`);
  if (at < 0) return null;
  const rest = message.slice(at + `outputs.${output}.`.length);
  const key = rest.split(/[.:\s[]/)[0];
  return settings.some((s) => s.name === key) ? key : null;
}
