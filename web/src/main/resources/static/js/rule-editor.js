// The rule pack editor: CodeMirror over the draft's textarea, with the lines Drools reported marked.
(function () {
  var area = document.getElementById("content");
  if (!area || typeof CodeMirror === "undefined") {
    return;
  }
  var editor = CodeMirror.fromTextArea(area, {
    mode: area.dataset.mode, lineNumbers: true, readOnly: area.readOnly, viewportMargin: Infinity
  });
  window.liveguardEditor = editor;
  (area.dataset.errorLines || "").split(",").filter(Boolean).forEach(function (line) {
    editor.addLineClass(Number(line) - 1, "background", "cm-error-line");
  });
})();
