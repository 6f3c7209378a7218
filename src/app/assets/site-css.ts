import { CHART_CSS } from "../../study/index.js";

/**
 * The site's stylesheet: system font stacks with CJK fallbacks, light/dark by the reader's
 * setting, readable down to a 390 px phone (wide tables scroll inside `.table-wrap`, never the
 * page), and print styles. Kept as a module so the build needs no copy step.
 */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --bg: #fdfdfc;
  --fg: #1d1d1f;
  --muted: #6b6b70;
  --line: #e3e3e6;
  --accent: #0b57d0;
  --accent-visited: #6a3fb5;
  --code-bg: #f3f3f5;
  --stripe: #f7f7f9;
  --done: #1a7f37;
  --watching: #b35900;
  --font-sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
    "Noto Sans Mono CJK SC", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151517;
    --fg: #e6e6e9;
    --muted: #a0a0a8;
    --line: #34343a;
    --accent: #8ab4f8;
    --accent-visited: #c6a8ff;
    --code-bg: #222226;
    --stripe: #1c1c1f;
    --done: #56d364;
    --watching: #f0a35e;
  }
  /* A note's figures are mostly diagrams drawn for a white page (transparent, dark lines). */
  .note img { background: #fff; border-radius: 4px; }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto;
  max-width: 72rem;
  padding: 0 1rem 2rem;
  background: var(--bg);
  color: var(--fg);
  font-family: var(--font-sans);
  font-size: 1rem;
  line-height: 1.75;
  overflow-wrap: break-word;
  text-rendering: optimizeLegibility;
}
:lang(en) body, body:lang(en) { line-height: 1.6; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:visited { color: var(--accent-visited); }
h1, h2, h3 { line-height: 1.3; margin: 1.6em 0 0.6em; }
h1 { font-size: 1.75rem; margin-top: 0.8em; }
h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; }
h3 { font-size: 1.1rem; }
img, video, svg { max-width: 100%; height: auto; }
pre, code { font-family: var(--font-mono); font-size: 0.9em; }
pre { background: var(--code-bg); padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; }
:not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid var(--line); color: var(--muted); }
figure { margin: 1.5em 0; text-align: center; }
figcaption { color: var(--muted); font-size: 0.9em; margin-top: 0.4em; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 10; }
.site-header {
  display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between;
  gap: 0.5rem 1.5rem; padding: 1rem 0; border-bottom: 1px solid var(--line);
}
.site-title { font-weight: 600; color: var(--fg); text-decoration: none; }
.site-header nav { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; }
.site-header nav a { text-decoration: none; }
.site-header nav a[aria-current="page"] { font-weight: 600; text-decoration: underline; }
.site-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9em; }
.crumbs { margin-top: 1rem; font-size: 0.9em; color: var(--muted); }
.muted, .unknown { color: var(--muted); }
.site-label { margin-left: 0.35em; padding: 0 0.3em; border: 1px solid var(--line); border-radius: 3px; color: var(--muted); font-size: 0.75em; white-space: nowrap; }
.lead { font-size: 1.1em; color: var(--muted); }
.notice { border-left: 4px solid var(--watching); padding: 0.25rem 0.75rem; }
.totals { font-variant-numeric: tabular-nums; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 0.9em; }
.table-wrap { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
th { white-space: nowrap; font-weight: 600; }
tbody tr:nth-child(even) { background: var(--stripe); }
td.num, td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.covered { text-align: center; }
table.episodes td.title { min-width: 12rem; }
table.catalog td.name { white-space: nowrap; }
table.catalog td:nth-child(4) { min-width: 14rem; }
.own-page { font-size: 0.8em; }
.metric small { color: var(--muted); display: block; font-size: 0.75em; }
ul.videos, ul.inline-list, ul.tags { list-style: none; margin: 0; padding: 0; }
ul.inline-list li, ul.tags li { display: inline; }
ul.inline-list li + li::before { content: " · "; color: var(--muted); }
ul.tags li { border: 1px solid var(--line); border-radius: 999px; padding: 0 0.6em; margin-right: 0.3em; font-size: 0.85em; }
.status-done { color: var(--done); }
.status-watching { color: var(--watching); }
.status-skipped { color: var(--muted); text-decoration: line-through; }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 0 1rem 1rem; }
.card p { margin: 0.3rem 0; }
progress { width: 100%; }
.figures, .facts { display: grid; gap: 0.25rem 1.5rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); }
.figures dt, .facts dt { color: var(--muted); font-size: 0.85em; }
.figures dd, .facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.figures dd { font-size: 1.4em; }
.categories, .toc { columns: 2 18rem; padding-left: 1.2em; }
.note { margin-top: 1rem; }
.note .katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.25rem 0; }
.note table { display: block; overflow-x: auto; }
a.ts { font-variant-numeric: tabular-nums; }
.transcript .cues, .note-cues .cues { list-style: none; padding: 0; margin: 0; }
.transcript .cues { max-height: 32rem; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; padding: 0.25rem 0.5rem; }
.transcript-ai { color: var(--muted); font-size: 0.9em; margin: 0.25rem 0 0.5rem; }
.cues li { margin: 0.15rem 0; }
.cues a.cue { color: inherit; text-decoration: none; display: block; }
.cues a.cue:hover .cue-text, .cues a.cue:focus .cue-text { text-decoration: underline; }
.cue-time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.5em; }
.note-cues { border-left: 3px solid var(--line); padding-left: 0.75rem; font-size: 0.9em; margin: 1rem 0; }
.note-cues h3 { font-size: 0.95em; margin: 0 0 0.25rem; color: var(--muted); }
@media (min-width: 60rem) { .note-cues { float: right; width: 18rem; margin: 1rem 0 1rem 1.5rem; } }
.xref.broken { color: var(--muted); text-decoration: underline dotted; }
.note .tag { color: var(--muted); font-size: 0.9em; }
.bibliography ol { padding-left: 1.5em; }
.bibliography li { margin: 0.3em 0; }
pre.mermaid { white-space: pre-wrap; }
.pager { display: grid; grid-template-columns: 1fr auto 1fr; gap: 1rem; margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.pager [rel="next"] { text-align: right; }
.search-row { display: flex; gap: 0.5rem; margin-top: 0.3rem; }
.search input { flex: 1; min-width: 0; font: inherit; padding: 0.4rem 0.6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.search button { font: inherit; padding: 0.4rem 1rem; border-radius: 6px; border: 1px solid var(--line); background: var(--code-bg); color: var(--fg); }
.results { padding-left: 1.5em; }
.results .kind { color: var(--muted); font-size: 0.85em; }
.results p { margin: 0.1rem 0 0.8rem; color: var(--muted); font-size: 0.9em; }
@media (max-width: 40rem) {
  body { padding: 0 0.75rem 1.5rem; font-size: 0.97rem; }
  h1 { font-size: 1.45rem; }
  .pager { grid-template-columns: 1fr; }
  .pager [rel="next"] { text-align: left; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --line: #bbb; --accent: #000; --stripe: #fff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .site-header nav, .site-footer, .skip, .pager, .search, .own-page { display: none; }
  a { text-decoration: none; }
  .note a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.8em; color: var(--muted); }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  tr, figure, pre, .katex-display { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
${CHART_CSS}
.study-figures { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.checklist { list-style: none; padding-left: 0; }
.review-card { border: 1px solid var(--line, currentColor); border-radius: 6px; padding: 1rem; }
.review-actions button { margin-right: 0.5rem; }
`;
