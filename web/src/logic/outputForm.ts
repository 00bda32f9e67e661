// The output form: fields made from an output type's settings, and the values typed into them
// turned back into the settings the config file takes (configYaml.ts writes them into the file).
// The server checks the saved file as the CLI does; this only catches what a form can (a required
// field left empty, a number that is not one) before the round trip.
import type { ConfigStream, OutputSetting, OutputType } from '../api/outputs';

/** A form field: its setting and what it holds (text, or a checkbox's state). */
export interface Field {
  setting: OutputSetting;
  value: string | boolean;
}

/** An output name the config accepts (the loader's rule). */
export const OUTPUT_NAME = /^[a-z0-9_.-]{1,64}$/;

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
    case 'integer': {
      const expected = `a whole number${rangeText(setting)}`;
      if (!/^-?\d+$/.test(text)) return { error: `${name}: expected ${expected}, got "${text}"` };
      const n = Number(text);
      const outside = (setting.min !== null && n < setting.min) || (setting.max !== null && n > setting.max);
      return outside ? { error: `${name}: ${text} is out of range; expected ${expected}` } : { value: n };
    }
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

/**
 * " from 1 to 1000", sizes as " from 1 B to 1 TiB" (" of at least 1" when the top is past what a
 * page counts exactly), or "" for a setting with no range.
 */
export function rangeText(setting: OutputSetting): string {
  if (setting.min === null || setting.max === null) return '';
  const shown = setting.kind === 'bytes' ? sizeText : String;
  return setting.max >= Number.MAX_SAFE_INTEGER
    ? ` of at least ${shown(setting.min)}`
    : ` from ${shown(setting.min)} to ${shown(setting.max)}`;
}

const SIZE_UNITS: ReadonlyArray<[string, number]> = [['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]];

/** A size in the largest unit that writes it whole, as the config takes it: 1 TiB, 512 KiB, 1000 B. */
export function sizeText(bytes: number): string {
  const unit = SIZE_UNITS.find(([, size]) => bytes >= size && bytes % size === 0);
  return unit ? `${bytes / unit[1]} ${unit[0]}` : `${bytes} B`;
}

function sameAsDefault(setting: OutputSetting, value: unknown): boolean {
  const d = setting.default;
  return d !== null && d !== undefined && typeof d !== 'object' && String(d) === String(value);
}

/** The streams that ship to an output, by the config's streams (output: x, or outputs: [x, ...]). */
export function streamsOf(streams: readonly ConfigStream[], output: string): string[] {
  return streams.filter((s) => s.output === output || (s.outputs ?? []).includes(output)).map((s) => s.name);
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
