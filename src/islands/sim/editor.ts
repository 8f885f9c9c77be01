// The model editor: CodeMirror 6 with TypeScript highlighting, loaded only when a reader opens it.
// Tab is left to the browser (no indentWithTab) so keyboard users can leave the editor.

import { javascript } from '@codemirror/lang-javascript';
import { basicSetup, EditorView } from 'codemirror';

/** A tiny handle on the editor: read and replace the text. */
export interface ModelEditor {
  getSource(): string;
  setSource(text: string): void;
}

/** Mounts an editor in `host` holding `source`; `label` names it for assistive technology. */
export function createModelEditor(host: HTMLElement, source: string, label: string): ModelEditor {
  const view = new EditorView({
    doc: source,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ],
    parent: host,
  });
  return {
    getSource: () => view.state.doc.toString(),
    setSource: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}
