import { useEffect, useRef, useState } from 'preact/hooks';
import type { Marker, MountedEditor } from '../editor/codemirror';

export interface CodeEditorProps {
  /** The text the editor starts with; a new value replaces what is in it. */
  initial: string;
  onChange(text: string): void;
  markers: readonly Marker[];
}

/** The JavaScript editor, its code fetched on first use (see editor/codemirror.ts). */
export function CodeEditor({ initial, onChange, markers }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<MountedEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let gone = false;
    import('../editor/codemirror')
      .then(({ mountEditor }) => {
        if (gone || !host.current) return;
        editor.current = mountEditor(host.current, initial, (text) => change.current(text));
        setReady(true);
      })
      .catch((e: unknown) => setProblem(`the editor could not load: ${String(e instanceof Error ? e.message : e)}`));
    return () => {
      gone = true;
      editor.current?.destroy();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    if (editor.current && editor.current.text() !== initial) editor.current.setText(initial);
  }, [initial, ready]);

  useEffect(() => {
    editor.current?.mark(markers);
  }, [markers, ready]);

  return (
    <div class="code-editor">
      {problem && <div class="banner banner-error" role="alert">{problem}</div>}
      {!ready && !problem && <div class="loading">Loading the editor…</div>}
      <div class="code-editor-host" ref={host} data-testid="editor" data-ready={ready ? 'yes' : 'no'} />
    </div>
  );
}
