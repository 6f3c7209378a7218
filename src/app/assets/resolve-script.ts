import { CLIENT_PRELUDE } from "./client-prelude.js";

/**
 * The web app's resolve page behaviour, served as `/assets/resolve.js` (no inline script: CSP).
 * On `/_/resolve` each paper's button asks `POST /api/resolve` and shows what came back: the
 * fields filled, "not found", or the candidates with a button each (`POST /api/resolve/choose`)
 * and "none of these". "Find them all" asks for one paper after another (each answer shown as it
 * comes, so an unsure one can be picked while the rest go on). On a name-only paper's page it
 * adds a link here. Words come from the page's `data-labels` (app/resolve-page.ts); the start
 * (meta, token, el) is the page scripts' shared prelude. App only.
 */
export const RESOLVE_SCRIPT = `"use strict";
(function () {
${CLIENT_PRELUDE}  // A name-only paper's page: a link to search for its ids.
  var notice = document.querySelector("[data-find-ids]");
  if (notice) {
    notice.append(" ", el("a", { href: "/_/resolve?paper=" + encodeURIComponent(notice.getAttribute("data-paper") || "") }, notice.getAttribute("data-find-ids")));
  }
  var root = document.getElementById("resolve");
  if (!root) return;
  // This page's own words (app/resolve-page.ts), beside the app-wide labels of the prelude.
  var words = {};
  try { words = JSON.parse(root.getAttribute("data-labels") || "{}"); } catch (e) { words = {}; }
  function failure(r) { return words.failed + " " + (r.data.message || r.data.error || r.status); }
  function candidateText(c) {
    var parts = [];
    if (c.authors && c.authors.length) parts.push(c.authors.slice(0, 3).join(", ") + (c.authors.length > 3 ? " …" : ""));
    if (c.year !== undefined) parts.push(String(c.year));
    if (c.venue) parts.push(c.venue);
    if (c.citationCount !== undefined) parts.push(words.citations.replace("{n}", c.citationCount.toLocaleString()));
    parts.push(words.confidence.replace("{p}", String(Math.round(c.confidence * 100))));
    return parts.join(" · ");
  }
  function show(li, r) {
    var out = li.querySelector(".resolve-answer");
    out.replaceChildren();
    li.removeAttribute("data-outcome");
    if (!r.ok) { out.textContent = failure(r); return; }
    var o = r.data;
    li.setAttribute("data-outcome", o.kind);
    if (o.kind === "resolved") {
      out.textContent = o.filled.length ? words.filled.replace("{fields}", o.filled.join(", ")) : words.nothingNew;
      li.querySelector("[data-resolve-find]").disabled = true;
      return;
    }
    if (o.kind === "not-found") { out.textContent = words.notFound; return; }
    out.append(el("p", {}, words.pick));
    var list = el("ol", { class: "resolve-candidates" });
    o.candidates.forEach(function (c) {
      var item = el("li", { "data-candidate": c.s2Id });
      item.append(el("strong", {}, c.title || c.s2Id), " ", el("span", { class: "muted" }, candidateText(c)), " ");
      var pick = el("button", { type: "button", "data-pick": c.s2Id }, words.thisOne);
      pick.addEventListener("click", function () { choose(li, c.s2Id); });
      item.append(pick);
      list.append(item);
    });
    out.append(list);
    var none = el("button", { type: "button", "data-pick-none": "" }, words.noneOfThem);
    none.addEventListener("click", function () { choose(li, null); });
    out.append(none);
  }
  function choose(li, s2Id) {
    li.querySelector(".resolve-answer").textContent = words.finding;
    return post("/api/resolve/choose", { paper: li.getAttribute("data-resolve-paper"), s2Id: s2Id }).then(function (r) { show(li, r); });
  }
  function find(li) {
    li.querySelector(".resolve-answer").textContent = words.finding;
    return post("/api/resolve", { paper: li.getAttribute("data-resolve-paper") }).then(function (r) { show(li, r); });
  }
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-resolve-paper]"));
  items.forEach(function (li) {
    li.querySelector("[data-resolve-find]").addEventListener("click", function () { find(li); });
  });
  var all = document.getElementById("resolve-all");
  var progress = document.getElementById("resolve-progress");
  if (all) all.addEventListener("click", function () {
    all.disabled = true;
    var todo = items.filter(function (li) { return !li.getAttribute("data-outcome"); });
    var i = 0;
    (function next() {
      if (i >= todo.length) { progress.textContent = ""; all.disabled = false; return; }
      progress.textContent = (i + 1) + " / " + todo.length;
      find(todo[i++]).then(next, next);
    })();
  });
  var focus = root.querySelector("[data-focus]");
  if (focus) { focus.scrollIntoView(); find(focus); }
})();
`;
