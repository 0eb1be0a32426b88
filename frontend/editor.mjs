// The query page's editor: CodeMirror 6 with SPARQL highlighting, in place of the textarea.
// query.js calls window.parlgraphEditor(textarea) when this bundle is present.
import { EditorView, basicSetup } from "codemirror";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

window.parlgraphEditor = (textarea) => {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      basicSetup,
      StreamLanguage.define(sparql),
      EditorView.contentAttributes.of({ "aria-label": "SPARQL query" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = view.state.doc.toString();
      }),
    ],
  });
  textarea.after(view.dom);
  textarea.hidden = true;
  return {
    getValue: () => view.state.doc.toString(),
    setValue: (text) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
};
