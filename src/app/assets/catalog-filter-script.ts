/**
 * The catalog's filter, served as `/assets/catalog-filter.js`: `?tag=gan` (any facet of
 * core/search-document.ts `catalogFacets`, named by the table's `data-facet-names`) keeps the
 * rows whose `data-facets` (a query string, app/catalog-table.ts `facetQuery`) have that value,
 * hides sections left empty, and says so in `#catalog-filter` with a link to the whole list.
 * Without script, or without a facet in the URL, every paper stays listed.
 * It also makes the Year and Citations headers (`th[data-sort]`) buttons that sort their table,
 * highest first, then lowest first on a second press; papers without the value stay last.
 */
export const CATALOG_FILTER_SCRIPT = `"use strict";
(function () {
  document.querySelectorAll("th[data-sort]").forEach(function (th) {
    var key = th.getAttribute("data-sort");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", function () {
      var table = th.closest("table");
      var body = table.tBodies[0];
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("th[data-sort]").forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      var value = function (tr) { var v = tr.getAttribute("data-" + key); return v === "" || v === null ? null : Number(v); };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
        return down ? y - x : x - y;
      });
      rows.forEach(function (tr) { body.append(tr); });
    });
  });
  var notice = document.getElementById("catalog-filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-facets]"));
  if (!notice || rows.length === 0) return;
  var facets = rows.map(function (tr) { return new URLSearchParams(tr.getAttribute("data-facets")); });
  var known = {};
  document.querySelectorAll("table[data-facet-names]").forEach(function (table) {
    table.getAttribute("data-facet-names").split(" ").forEach(function (k) { if (k) known[k] = true; });
  });
  var wanted = [];
  new URLSearchParams(location.search).forEach(function (value, name) {
    if (known[name]) wanted.push([name, value]);
  });
  if (wanted.length === 0) return;
  rows.forEach(function (tr, i) {
    tr.hidden = !wanted.every(function (w) { return facets[i].getAll(w[0]).indexOf(w[1]) >= 0; });
  });
  document.querySelectorAll("section").forEach(function (section) {
    var own = section.querySelectorAll("tr[data-facets]");
    if (own.length === 0) return;
    section.hidden = !Array.prototype.some.call(own, function (tr) { return !tr.hidden; });
  });
  var shown = rows.filter(function (tr) { return !tr.hidden; }).length;
  var values = wanted.map(function (w) { return w[1]; }).join(", ");
  notice.textContent = notice.getAttribute("data-template")
    .replace("{value}", values).replace("{count}", String(shown)) + " ";
  var all = document.createElement("a");
  all.href = location.pathname;
  all.textContent = notice.getAttribute("data-show-all");
  notice.append(all);
  notice.hidden = false;
})();
`;
