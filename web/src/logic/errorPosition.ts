// Where in a transform's source an error happened, as the sandbox reports it: "line L, column C"
// for a script that does not load (in the try answer's fields, and in a config error's text),
// "(line L)" at the end of an event's error for a throw while running.

/** A place in the source: 1-based line, and 1-based column when known. */
export interface SourcePosition {
  line: number;
  column?: number;
}

const LOAD_ERROR = /\bline (\d+), column (\d+): /;
const RUN_ERROR = /\(line (\d+)\)\s*$/;

/** The place an error's text names, or null when it names none. */
export function errorPosition(message: string): SourcePosition | null {
  const load = LOAD_ERROR.exec(message);
  if (load) return { line: Number(load[1]), column: Number(load[2]) };
  const run = RUN_ERROR.exec(message);
  if (run) return { line: Number(run[1]) };
  return null;
}

/** A character range of the source to mark: the column's character, or the whole line when no column is known. */
export function markRange(source: string, at: SourcePosition): { from: number; to: number } {
  const lines = source.split('\n');
  const lineIndex = Math.min(Math.max(at.line, 1), lines.length) - 1;
  let start = 0;
  for (let i = 0; i < lineIndex; i++) start += lines[i].length + 1;
  const text = lines[lineIndex];
  if (at.column === undefined) return { from: start, to: start + text.length };
  const column = Math.min(Math.max(at.column, 1), text.length + 1) - 1;
  return { from: start + column, to: start + Math.min(column + 1, text.length) };
}
