// A CodeMirror 5 mode for Drools DRL, on CodeMirror's simple-mode addon: keywords of the rule
// language, strings, numbers, comments, and the Java of consequences highlighted alike.
CodeMirror.defineSimpleMode("drl", {
  start: [
    {regex: /"(?:[^\\"]|\\.)*"/, token: "string"},
    {regex: /\/\/.*/, token: "comment"},
    {regex: /\/\*/, token: "comment", next: "comment"},
    {regex: /\b(?:package|import|function|global|declare|query|rule|when|then|end|salience|no-loop|lock-on-active|agenda-group|activation-group|dialect|enabled|duration|timer|date-effective|date-expires|extends)\b/,
     token: "keyword"},
    {regex: /\b(?:and|or|not|exists|forall|from|collect|accumulate|entry-point|over|eval|matches|memberOf|contains|soundslike|in|this|insert|insertLogical|modify|update|retract|delete|new|return|if|else|true|false|null)\b/,
     token: "atom"},
    {regex: /[-+]?\d+(?:\.\d+)?/, token: "number"},
    {regex: /\$[A-Za-z_]\w*/, token: "variable-2"},
    {regex: /[A-Z]\w*/, token: "type"},
    {regex: /[-+\/*=<>!&|:]+/, token: "operator"}
  ],
  comment: [
    {regex: /.*?\*\//, token: "comment", next: "start"},
    {regex: /.*/, token: "comment"}
  ],
  meta: {lineComment: "//"}
});
