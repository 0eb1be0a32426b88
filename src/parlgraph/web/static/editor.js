// Replaced by the CodeMirror bundle when the front-end build has run (see frontend/).
