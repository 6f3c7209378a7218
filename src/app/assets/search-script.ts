import {
  CJK_END,
  CJK_RUN,
  cjkPairs,
  foldToken,
  SEARCH_FIELDS,
  termTokens,
  wordTokens,
} from "../../core/index.js";
import { runSplitQuery } from "../search-query.js";
import { RECORD_GROUP, SPLITS_PATH } from "../search-split.js";
import { folded, foldedByChar } from "./search-fold.js";

/** Results shown, as the app's search shows (its default limit). */
const SHOWN = 20;

/**
 * The search page's script, served as `/assets/search.js` (no inline script: pages work under
 * `script-src 'self'`). It carries the tokenizer of core/search-tokens.ts and the query of
 * search-query.ts as their own source, so that the site splits a query exactly as the index was
 * split. It reads the fragments' folder, the item count and the labels from the form's data
 * attributes, fetches the term fragments a query needs (and later pages of long postings lists
 * until its top 20 are certain), then the records of the top results, and shows each with a
 * snippet around the first match, the matches marked.
 */
export const SEARCH_SCRIPT = `"use strict";
(function () {
  var form = document.querySelector("form[data-search-parts], form[data-search-scripts]");
  if (!form) return;
  // Source embedded from a loader that keeps function names (tsx, esbuild's keepNames) calls
  // its helper __name; tsc's output does not: a no-op either way.
  var __name = function (f) { return f; };
  var CJK_RUN = ${CJK_RUN};
  var CJK_END = ${CJK_END};
  var TOKEN = /[\\p{L}\\p{N}\\p{Co}]+/gu;
  var MARKS = /\\p{M}/gu;
  ${String(cjkPairs)}
  ${String(foldToken)}
  ${String(wordTokens)}
  ${String(termTokens)}
  var runSplitQuery = ${String(runSplitQuery)};
  var weights = ${JSON.stringify(SEARCH_FIELDS.map((f) => f.weight))};
  // A relative build (site/relative-urls.ts) names its fragments' folder data-search-scripts.
  var scripts = !form.hasAttribute("data-search-parts");
  var base = form.getAttribute(scripts ? "data-search-scripts" : "data-search-parts") || "";
  var docs = Number(form.getAttribute("data-search-docs")) || 1;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var kinds = JSON.parse(form.getAttribute("data-kinds") || "{}");
  var cache = new Map();
  var waiting = new Map();
  // What a fragment script calls (jingduSearch.load("t/72-65.json", {...})).
  window.jingduSearch = { load: function (name, data) {
    var done = waiting.get(name);
    if (done) { waiting.delete(name); done(data); }
  } };
  /**
   * One fragment of the split index by name ("t/72-65.json"), or null when there is none: fetched,
   * or in a relative build (which works from file://, where chromium refuses fetch) loaded as the
   * script beside it ("t/72-65.js") under the page's script-src 'self'. Only how a fragment is
   * loaded lives here; what it holds is runSplitQuery's.
   */
  function loadPart(name) {
    if (!scripts) return fetch(base + name).then(function (r) { return r.ok ? r.json() : null; });
    return new Promise(function (resolve) {
      var tag = document.createElement("script");
      var settle = function () { tag.remove(); if (waiting.get(name) === resolve) { waiting.delete(name); resolve(null); } };
      waiting.set(name, resolve);
      tag.src = base + name.replace(/\\.json$/, ".js");
      tag.onload = settle;
      tag.onerror = settle;
      document.head.append(tag);
    });
  }
  function fetchJson(path) {
    if (!cache.has(path)) cache.set(path, loadPart(path.replace(/^\\/search\\//, "")));
    return cache.get(path);
  }
  // Which term fragments are split: every query needs it, so it comes with the page.
  fetchJson(${JSON.stringify(SPLITS_PATH)});
  function norm(s) { return s.normalize("NFKC").toLowerCase(); }
  // The text folded as a query is, with where each folded character came from (search-fold.ts).
  ${String(foldedByChar)}
  ${String(folded)}
  /** A window around the first match of a term in text, each match in it marked. */
  function snippet(text, needles) {
    var f = folded(text);
    var lower = f.text;
    var at = -1;
    needles.forEach(function (n) { var i = lower.indexOf(n); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = at < 0 ? 0 : Math.max(0, f.from(at) - 60);
    var end = Math.min(text.length, start + (at < 0 ? 160 : 180));
    var frag = document.createDocumentFragment();
    if (start > 0) frag.append("…");
    var i = start, j = 0;
    while (j < lower.length && f.from(j) < start) j++;
    for (;;) {
      var next = -1, len = 0;
      needles.forEach(function (n) { var k = lower.indexOf(n, j); if (k >= 0 && (next < 0 || k < next)) { next = k; len = n.length; } });
      if (next < 0) break;
      var a = Math.max(i, f.from(next)), b = f.to(next + len - 1);
      if (b > end) break;
      frag.append(text.slice(i, a));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      frag.append(mark);
      i = b;
      j = next + len;
    }
    frag.append(text.slice(i, end));
    if (end < text.length) frag.append("…");
    return frag;
  }
  var seq = 0;
  function run(q) {
    var mine = ++seq;
    var needles = norm(q).split(/\\s+/).filter(Boolean);
    if (needles.length === 0) { list.replaceChildren(); status.textContent = ""; return; }
    runSplitQuery(q, docs, fetchJson, termTokens, weights, ${SHOWN}).then(function (answer) {
      if (mine !== seq) return;
      var top = answer.hits;
      return Promise.all(top.map(function (h) {
        return fetchJson("/search/r/" + Math.floor(h.n / ${RECORD_GROUP}) + ".json").then(function (rs) {
          return rs && rs[h.n % ${RECORD_GROUP}];
        });
      })).then(function (records) {
        if (mine !== seq) return;
        list.replaceChildren();
        status.textContent = top.length === 0 ? form.getAttribute("data-no-results") : "";
        // What a reader (and the browser test) can check: how many matched, for which query
        // (exact when data-complete; else at least that many: pages past the top were not read).
        list.setAttribute("data-total", String(answer.matched));
        list.setAttribute("data-complete", String(answer.complete));
        list.setAttribute("data-query", q);
        records.forEach(function (r) {
          if (!r) return;
          var li = document.createElement("li");
          var kind = document.createElement("span");
          kind.className = "kind";
          kind.textContent = kinds[r[0]] || r[0];
          var a = document.createElement("a");
          a.href = r[2];
          a.append(snippet(r[1], needles));
          li.append(kind, " ", a);
          var inText = needles.some(function (n) { return norm(r[4]).indexOf(n) >= 0; });
          var shown = inText || !r[3] ? r[4] : r[3];
          if (shown) {
            var p = document.createElement("p");
            p.append(snippet(shown, needles));
            li.append(p);
          }
          list.append(li);
        });
      });
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  input.addEventListener("input", function () { run(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
`;
