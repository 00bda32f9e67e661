// The code editor, CodeMirror 6. Loaded with import() by CodeEditor only when the transform page
// opens, so the live page's first load does not carry it.
//
// CodeMirror puts its styles in a <style> element when it sits in the document, which the server's
// CSP (style-src 'self') refuses. In a shadow root it puts them in a constructed stylesheet
// (adoptedStyleSheets) instead: the CSSOM, which the CSP does not govern. So the editor lives in a
// shadow root of its own, and the CSP stays as strict as it was.

import { basicSetup, EditorView } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { markRange, type SourcePosition } from '../logic/errorPosition';

/** An error to mark: where, and the message shown on hovering the marker. */
export interface Marker {
  at: SourcePosition;
  message: string;
}

export interface MountedEditor {
  text(): string;
  setText(text: string): void;
  mark(markers: readonly Marker[]): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', backgroundColor: '#fff' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, monospace" },
});

export function mountEditor(host: HTMLElement, text: string, onChange: (text: string) => void): MountedEditor {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const view = new EditorView({
    doc: text,
    root,
    parent: root,
    extensions: [
      basicSetup,
      javascript(),
      lintGutter(),
      theme,
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText(next: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    mark(markers: readonly Marker[]) {
      const source = view.state.doc.toString();
      const diagnostics: Diagnostic[] = markers.map((m) => ({
        ...markRange(source, m.at),
        severity: 'error',
        message: m.message,
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    destroy: () => view.destroy(),
  };
}
