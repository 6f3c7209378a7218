/**
 * The catalog's filter, served as `/assets/catalog-filter.js`: `?tag=gan` (any facet of
 * core/search-document.ts `catalogFacets`, named by the table's `data-facet-names`) keeps the
 * rows that have that value (a query string of the table's `data-facets`, those of every row,
 * and the row's own: app/catalog-table.ts `facetPairs`),
 * hides sections left empty, and says so in `#catalog-filter` with a link to the whole list.
 * Without script, or without a facet in the URL, every paper stays listed.
 * It also makes the Year and Citations headers (`th[data-sort]`) buttons that sort their table,
 * highest first, then lowest first on a second press, by the row's `data-KEY` or else the number
 * in the column; papers without the value stay last.
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
      var column = th.cellIndex;
      var value = function (tr) {
        var v = tr.getAttribute("data-" + key);
        if (v === null) v = tr.cells[column] ? tr.cells[column].textContent.trim() : "";
        var n = v === "" ? NaN : Number(v);
        return isNaN(n) ? null : n;
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
        return down ? y - x : x - y;
      });
      rows.forEach(function (tr) { body.append(tr); });
    });
  });
  var notice = document.getElementById("catalog-filter");
  var rows = [];
  var facets = [];
  var known = {};
  document.querySelectorAll("table[data-facet-names]").forEach(function (table) {
    table.getAttribute("data-facet-names").split(" ").forEach(function (k) { if (k) known[k] = true; });
    var shared = table.getAttribute("data-facets") || "";
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var own = tr.getAttribute("data-facets") || "";
      rows.push(tr);
      facets.push(new URLSearchParams(shared && own ? shared + "&" + own : shared || own));
    });
  });
  if (!notice || rows.length === 0) return;
  var wanted = [];
  new URLSearchParams(location.search).forEach(function (value, name) {
    if (known[name]) wanted.push([name, value]);
  });
  if (wanted.length === 0) return;
  rows.forEach(function (tr, i) {
    tr.hidden = !wanted.every(function (w) { return facets[i].getAll(w[0]).indexOf(w[1]) >= 0; });
  });
  document.querySelectorAll("section").forEach(function (section) {
    var own = section.querySelectorAll("table[data-facet-names] tbody tr");
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
