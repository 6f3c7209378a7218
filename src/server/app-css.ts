/** The web app's own styles (`/assets/app.css`), beside the site's: toolbar, editor, conflicts, suggestions. */
export const APP_CSS = `.reload-failed { margin: 0; padding: .5rem 1rem; background: #fde8e8; color: #7a1010; border-bottom: 1px solid #e0a0a0; }
.app-toolbar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0 1rem; }
.app-toolbar button { font: inherit; padding: .2rem .6rem; }
.app-progress, .app-passes { display: inline-flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
.app-position { width: 6rem; font: inherit; }
.editor-panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
.editor-pane { min-width: 0; }
.editor textarea { width: 100%; min-height: 24rem; font-family: var(--font-mono, monospace); font-size: .9rem; }
.pane-label, .editor label { display: block; font-weight: 600; margin-bottom: .3rem; }
#preview { border: 1px solid var(--line, #ddd); padding: .5rem 1rem; min-height: 24rem; overflow-x: auto; }
.conflict pre { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line, #ddd); padding: .5rem; max-height: 24rem; overflow: auto; }
.result-group h2 { font-size: 1.1rem; }
.snippet mark { padding: 0 .1em; }
.revisions pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.suggestions { padding-left: 1.5rem; }
.suggestion { margin: 0 0 1rem; }
.suggestion-title { font-size: 1.05rem; margin: 0; }
.suggestion p { margin: .2rem 0; }
.suggestion.added .suggestion-title::after { content: " ✓"; }
.jd-node circle { fill: var(--accent, currentColor); }
.jd-node-seed circle { fill: var(--jd-chart-line, var(--accent, currentColor)); }
.jd-node:hover text, .jd-node:focus text { text-decoration: underline; }
`;
