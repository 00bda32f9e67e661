// What a row says of a stream or output the pipeline's figures report but the config file does not
// name. While the file loads, it was renamed or deleted there; while it does not load (a YAML
// syntax error leaves nothing to read names from), nothing can be said of it, and calling every
// running stream removed would alarm for nothing.

export interface NotInFile {
  /** The word beside the name, or null when there is nothing to say. */
  mark: string | null;
  title: string;
}

export function notInFile(config: { file: string; valid: boolean } | null, what: 'stream' | 'output'): NotInFile {
  if (config === null || !config.valid) {
    const why = config === null ? 'has not been read' : 'does not load';
    return { mark: null, title: `the config file ${why}, so which ${what}s it names is not known: these are the figures the pipeline reports` };
  }
  return { mark: 'removed', title: `${config.file} no longer names this ${what}: these are the figures it made under this name` };
}
