import { SEARCH_FIELDS } from "../../core/index.js";

/** The search document's weights of title, summary and body (the app's index uses the same). */
const [TITLE, SUMMARY, BODY] = SEARCH_FIELDS.map((f) => f.weight);

/**
 * The search page's script, served as `/assets/search.js` (no inline script: pages work under
 * `script-src 'self'`). It reads its index URL and labels from the form's data attributes, and
 * ranks an entry by the weight of the part each term is found in.
 */
export const SEARCH_SCRIPT = `"use strict";
(function () {
  var form = document.querySelector("form[data-search-index]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var kinds = JSON.parse(form.getAttribute("data-kinds") || "{}");
  var loading = null;
  function norm(s) { return s.normalize("NFKC").toLowerCase(); }
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-search-index"))
        .then(function (r) { return r.json(); })
        .then(function (items) {
          return items.map(function (i) {
            return { item: i, title: norm(i.title), summary: norm(i.summary || ""), text: norm(i.text) };
          });
        });
    }
    return loading;
  }
  function snippet(text, term) {
    var at = norm(text).indexOf(term);
    if (at < 0) return text.slice(0, 140);
    var start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + text.slice(start, start + 160) + "…";
  }
  var seq = 0;
  function run(q) {
    var terms = norm(q).split(/\\s+/).filter(Boolean);
    var mine = ++seq;
    if (terms.length === 0) { list.replaceChildren(); status.textContent = ""; return; }
    load().then(function (items) {
      if (mine !== seq) return;
      var hits = [];
      items.forEach(function (e) {
        var score = 0;
        for (var k = 0; k < terms.length; k++) {
          var t = terms[k];
          if (e.title.indexOf(t) >= 0) score += ${TITLE};
          else if (e.summary.indexOf(t) >= 0) score += ${SUMMARY};
          else if (e.text.indexOf(t) >= 0) score += ${BODY};
          else return;
        }
        hits.push({ e: e, score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      list.replaceChildren();
      status.textContent = hits.length === 0 ? form.getAttribute("data-no-results") : "";
      hits.slice(0, 100).forEach(function (h) {
        var li = document.createElement("li");
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = kinds[h.e.item.kind] || h.e.item.kind;
        var a = document.createElement("a");
        a.href = h.e.item.url;
        a.textContent = h.e.item.title;
        li.append(kind, " ", a);
        var shown = h.e.text.indexOf(terms[0]) < 0 && h.e.item.summary ? h.e.item.summary : h.e.item.text;
        if (shown) {
          var p = document.createElement("p");
          p.textContent = snippet(shown, terms[0]);
          li.append(p);
        }
        list.append(li);
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
