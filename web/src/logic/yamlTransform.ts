// Writes a stream's transform into the config file's YAML text, changing nothing else: the user's
// comments, order and quoting stay as they were. The file is edited as text, not parsed and
// written again, because a YAML writer would drop the comments. The server checks the result as
// the commands check the file, so an edit this cannot place is refused there, never saved broken.

export interface TransformEdit {
  yaml: string;
  /** The transform_file the stream read its transform from, now inlined; null if it had none. */
  inlinedFile: string | null;
}

/** Thrown for YAML whose streams are not written in the block style this edits. */
export class YamlEditError extends Error {}

const TOP_LEVEL_KEY = /^[A-Za-z_][\w-]*\s*:/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** A plain, single- or double-quoted scalar's text, without a trailing comment. */
function scalar(text: string): string {
  const t = text.trim();
  const quoted = /^'((?:[^']|'')*)'|^"((?:[^"\\]|\\.)*)"/.exec(t);
  if (quoted) return quoted[1] !== undefined ? quoted[1].replace(/''/g, "'") : quoted[2];
  return t.replace(/\s+#.*$/, '');
}

/** The transform as a literal block under a key indented by {@code indent} spaces. */
export function literalBlock(indent: number, source: string): string[] {
  const body = source.replace(/\s+$/, '').split('\n');
  const pad = ' '.repeat(indent + 2);
  // A first line starting with a space would be taken for the block's indentation: say it explicitly.
  const indicator = body[0].startsWith(' ') ? '2' : '';
  return [`${' '.repeat(indent)}transform: |${indicator}`, ...body.map((l) => (l.trim() === '' ? '' : pad + l))];
}

/**
 * The YAML with stream {@code stream}'s transform set to {@code source}, as an inline literal block
 * where its transform or transform_file key was (a transform_file is replaced: the file stays on
 * disk but is no longer read), or at the end of the stream's entry when it had none.
 *
 * @throws YamlEditError when the file has no such stream in a block-style streams list
 */
export function setStreamTransform(yaml: string, stream: string, source: string): TransformEdit {
  if (source.trim() === '') throw new YamlEditError('the transform is empty: write a function transform(event)');
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => /^streams\s*:/.test(l));
  if (start < 0) throw new YamlEditError('the config file has no streams section');
  if (!/^streams\s*:\s*(#.*)?$/.test(lines[start])) {
    throw new YamlEditError('the config file writes its streams on one line ([...]); write them as a block list to edit them here');
  }
  let end = start + 1;
  while (end < lines.length && (isBlankOrComment(lines[end]) || !TOP_LEVEL_KEY.test(lines[end]))) end++;

  // The entries of the list: lines "- ..." at the list's indentation.
  const items: number[] = [];
  let itemIndent = -1;
  for (let i = start + 1; i < end; i++) {
    const m = /^(\s*)-(\s+|$)/.exec(lines[i]);
    if (!m || isBlankOrComment(lines[i])) continue;
    if (itemIndent < 0) itemIndent = m[1].length;
    if (m[1].length === itemIndent) items.push(i);
  }
  for (let k = 0; k < items.length; k++) {
    const first = items[k];
    let last = (k + 1 < items.length ? items[k + 1] : end) - 1;
    while (last > first && isBlankOrComment(lines[last])) last--;
    // The entry's keys line up with the text after its dash.
    const keyIndent = (/^\s*-\s*/.exec(lines[first]) ?? [''])[0].length;
    const keyAt = (i: number): string | null => {
      const line = i === first ? ' '.repeat(keyIndent) + lines[i].slice(keyIndent) : lines[i];
      if (indentOf(line) !== keyIndent) return null;
      return /^\s*([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1] ?? null;
    };
    const nameLine = range(first, last).find((i) => keyAt(i) === 'name');
    if (nameLine === undefined) continue;
    if (scalar(lines[nameLine].slice(lines[nameLine].indexOf(':') + 1)) !== stream) continue;

    const keys = range(first, last).filter((i) => keyAt(i) === 'transform' || keyAt(i) === 'transform_file');
    if (keys.includes(first)) {
      throw new YamlEditError(`stream '${stream}': its entry starts with ${keyAt(first)}; put name first to edit it here`);
    }
    let inlinedFile: string | null = null;
    const block = literalBlock(keyIndent, source);
    const kept = lines.slice();
    let insertAt = last + 1;
    // From the last key back, so that the earlier line numbers stay right.
    for (const at of keys.slice().reverse()) {
      if (keyAt(at) === 'transform_file') inlinedFile = scalar(lines[at].slice(lines[at].indexOf(':') + 1));
      let through = at;
      while (through + 1 <= last && (lines[through + 1].trim() === '' || indentOf(lines[through + 1]) > keyIndent)) through++;
      kept.splice(at, through - at + 1);
      insertAt = at;
    }
    kept.splice(insertAt, 0, ...block);
    return { yaml: kept.join('\n'), inlinedFile };
  }
  throw new YamlEditError(`stream '${stream}': no such stream in the config file's streams list`);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
