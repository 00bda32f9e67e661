import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { saveConfig, type ConfigView, type OutputType } from '../api/outputs';
import {
  type Field,
  fieldOfError,
  fieldsOf,
  OUTPUT_NAME,
  rangeText,
  settingsOf,
  shownDefault,
  streamsOf,
} from '../logic/outputForm';

export interface OutputFormProps {
  types: readonly OutputType[];
  config: ConfigView;
  /** The output edited; undefined to add one. */
  name?: string;
  onSaved(message: string): void;
  onCancel(): void;
}

/**
 * Adds or edits an output: its name, its type, a field per setting its type describes, and the
 * streams that ship to it. Saving writes the config file through the API, which checks it as the
 * CLI does; its error, naming the key path, shows beside the field at fault.
 */
export function OutputForm({ types, config, name: editedName, onSaved, onCancel }: OutputFormProps) {
  const existing = editedName === undefined ? undefined : config.outputs[editedName];
  const [name, setName] = useState(editedName ?? '');
  const [type, setType] = useState(() => String(existing?.type ?? types.find((t) => t.type === 'file')?.type ?? types[0]?.type ?? ''));
  const [fields, setFields] = useState<Field[]>(() => {
    const t = types.find((x) => x.type === type);
    return t ? fieldsOf(t, existing) : [];
  });
  const [streams, setStreams] = useState<string[]>(() => (editedName ? streamsOf(config.streams, editedName) : []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const chooseType = (next: string) => {
    setType(next);
    const t = types.find((x) => x.type === next);
    setFields(t ? fieldsOf(t, next === existing?.type ? existing : {}) : []);
    setErrors({});
  };
  const setField = (settingName: string, value: string | boolean) =>
    setFields((all) => all.map((f) => (f.setting.name === settingName ? { ...f, value } : f)));
  const toggleStream = (stream: string, on: boolean) =>
    setStreams((all) => (on ? [...all.filter((s) => s !== stream), stream] : all.filter((s) => s !== stream)));

  const save = async (e: Event) => {
    e.preventDefault();
    setServerError(null);
    const result = settingsOf(fields);
    const found: Record<string, string> = result.ok ? {} : { ...result.errors };
    if (!OUTPUT_NAME.test(name)) found['.name'] = `name must be 1 to 64 of a-z, 0-9, _ . - (was "${name}")`;
    else if (name !== editedName && config.outputs[name]) found['.name'] = `an output named ${name} exists already`;
    setErrors(found);
    if (!result.ok || Object.keys(found).length > 0) return;
    setSaving(true);
    let yaml: string;
    try {
      const { withOutput } = await import('../logic/configYaml');
      yaml = withOutput(config.yaml, { name, previousName: editedName, type, settings: result.settings, streams });
    } catch (err) {
      setServerError(err instanceof Error ? err.message : String(err));
      setSaving(false);
      return;
    }
    try {
      const saved = await saveConfig(yaml, config.version);
      if (saved.reload.error) setServerError(`saved, but the pipeline did not reload: ${saved.reload.error}`);
      else onSaved(`Saved output ${name}: ${saved.reload.message}`);
    } catch (err) {
      const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
      setServerError(message);
      const settings = types.find((t) => t.type === type)?.settings ?? [];
      const key = fieldOfError(message, name, settings);
      if (key) setErrors({ [key]: message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="output-form" onSubmit={save} data-testid="output-form" noValidate>
      <h2>{editedName ? `Edit output ${editedName}` : 'Add an output'}</h2>
      <label class="form-row">
        <span class="form-label">name <b class="req">*</b></span>
        <input data-testid="output-name" value={name} onInput={(e) => setName(e.currentTarget.value)}
          placeholder="e.g. orders_file" />
        {errors['.name'] && <span class="field-error" data-testid="field-error-.name">{errors['.name']}</span>}
      </label>
      <label class="form-row">
        <span class="form-label">type</span>
        <select data-testid="output-type" value={type} onChange={(e) => chooseType(e.currentTarget.value)}>
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.type}
            </option>
          ))}
        </select>
      </label>
      {fields.map((f) => (
        <SettingField key={`${type}.${f.setting.name}`} field={f} error={errors[f.setting.name]} onChange={setField} />
      ))}
      <fieldset class="form-row">
        <legend class="form-label">streams that ship to it</legend>
        {config.streams.length === 0 && <span class="help">No streams yet: make one on the streams page.</span>}
        {config.streams.map((s) => (
          <label key={s.name} class="check">
            <input type="checkbox" data-testid={`bind-${s.name}`} checked={streams.includes(s.name)}
              onChange={(e) => toggleStream(s.name, e.currentTarget.checked)} />
            {s.name}
          </label>
        ))}
      </fieldset>
      {serverError && (
        <div class="banner banner-error" data-testid="form-error">
          {serverError}
        </div>
      )}
      <div class="form-actions">
        <button type="submit" data-testid="save-output" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface SettingFieldProps {
  field: Field;
  error?: string;
  onChange(name: string, value: string | boolean): void;
}

function SettingField({ field, error, onChange }: SettingFieldProps) {
  const { setting, value } = field;
  const id = `setting-${setting.name}`;
  const text = typeof value === 'string' ? value : '';
  let input;
  switch (setting.kind) {
    case 'boolean':
      input = <input type="checkbox" data-testid={id} checked={value === true}
        onChange={(e) => onChange(setting.name, e.currentTarget.checked)} />;
      break;
    case 'choice':
      input = (
        <select data-testid={id} value={text} onChange={(e) => onChange(setting.name, e.currentTarget.value)}>
          {setting.required && <option value="">choose…</option>}
          {setting.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
      break;
    case 'map':
      input = <textarea data-testid={id} rows={3} value={text} placeholder={shownDefault(setting) || 'name: value, one a line'}
        onInput={(e) => onChange(setting.name, e.currentTarget.value)} />;
      break;
    case 'secret':
      input = <input type="password" data-testid={id} value={text} autocomplete="off"
        onInput={(e) => onChange(setting.name, e.currentTarget.value)} />;
      break;
    default:
      input = <input type="text" data-testid={id} value={text}
        placeholder={shownDefault(setting) || (setting.kind === 'list' ? 'a, b, c' : '')}
        onInput={(e) => onChange(setting.name, e.currentTarget.value)} />;
  }
  return (
    <label class={error ? 'form-row invalid' : 'form-row'}>
      <span class="form-label">
        {setting.name} {setting.required && <b class="req">*</b>}
      </span>
      {input}
      <span class="help">
        {setting.help}
        {rangeText(setting) && ` (${rangeText(setting).trim()})`}
      </span>
      {error && <span class="field-error" data-testid={`field-error-${setting.name}`}>{error}</span>}
    </label>
  );
}
