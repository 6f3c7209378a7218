import { CLIENT_PRELUDE } from "./client-prelude.js";

/**
 * The web app's daily controls, served as `/assets/daily.js` after `/assets/app.js` (no inline
 * script: CSP): the toast that offers to undo a pass change, the paper's section checklist and
 * value rating as form controls saved to progress.yaml (in place, without a reload), and the keyboard shortcuts (`?` lists
 * them). Only in the app (it needs the server's token and labels in `<meta>`); the static site
 * never loads it. Labels come from `jingdu-labels` (server/client-labels.ts, `daily`).
 */
export const DAILY_SCRIPT = `"use strict";
(function () {
${CLIENT_PRELUDE}  var d = labels.daily || {};
  // A write this page shows by itself: while it is on its way app.js holds the live-reload
  // events (data-app-saving); its answer's version marks the change as the page's own
  // (data-saved-version), and app.js reloads for later changes only.
  var writing = 0;
  function ownWrite(request) {
    var root = document.documentElement;
    writing++;
    root.setAttribute("data-app-saving", "");
    function done() {
      if (--writing === 0) root.removeAttribute("data-app-saving");
      document.dispatchEvent(new CustomEvent("jingdu-saved"));
    }
    return request.then(function (r) {
      var v = r.ok && r.data.version;
      if (typeof v === "number" && v > Number(root.getAttribute("data-saved-version") || -1)) root.setAttribute("data-saved-version", String(v));
      done();
      return r;
    }, function (error) { done(); throw error; });
  }
  function failed(node, r) {
    node.textContent = (labels.failed || "") + " " + (r.data.message || r.data.error || r.status);
  }

  // The toast a pass change left for the page after its reload, with its undo.
  var toast = null;
  try { toast = JSON.parse(sessionStorage.getItem("jingdu-toast") || "null"); sessionStorage.removeItem("jingdu-toast"); }
  catch (e) { toast = null; /* no storage or a stale value: no toast */ }
  if (toast && toast.text) {
    var box = el("div", { class: "app-toast", role: "status" });
    box.append(el("span", {}, toast.text));
    if (toast.redo) {
      var undo = el("button", { type: "button", "data-undo": "" }, d.undo);
      undo.addEventListener("click", function () {
        post(toast.redo.url, { paper: toast.redo.paper, pass: toast.redo.pass }).then(function (r) {
          if (r.ok) location.reload(); else failed(box, r);
        });
      });
      box.append(" ", undo);
    }
    document.body.append(box);
  }

  // The section checklist: a checkbox per section; each change saves the whole list.
  var checklist = document.querySelector("ul.checklist[data-paper]");
  if (checklist) {
    var paperId = checklist.getAttribute("data-paper");
    var cstatus = el("span", { role: "status", class: "app-status" });
    checklist.querySelectorAll("li[data-section]").forEach(function (li) {
      var name = li.getAttribute("data-section");
      var label = el("label", {});
      var box = el("input", { type: "checkbox", "data-section-box": name });
      box.checked = li.hasAttribute("data-checked");
      box.addEventListener("change", function () {
        var sections = [];
        checklist.querySelectorAll("input[data-section-box]").forEach(function (b) {
          if (b.checked) sections.push(b.getAttribute("data-section-box"));
        });
        cstatus.textContent = labels.saving;
        // Updated in place: the page stays (focus, scroll) and takes the saved list from the
        // answer; the live-reload event of this save is skipped by its version (app.js).
        ownWrite(post("/api/sections", { paper: paperId, sections: sections })).then(function (r) {
          if (!r.ok) { failed(cstatus, r); return; }
          var saved = r.data.sections || [];
          checklist.querySelectorAll("li[data-section]").forEach(function (item) {
            var on = saved.indexOf(item.getAttribute("data-section")) >= 0;
            if (on) item.setAttribute("data-checked", ""); else item.removeAttribute("data-checked");
            var b = item.querySelector("input[data-section-box]");
            if (b) b.checked = on;
          });
          cstatus.textContent = labels.saved;
        });
      });
      label.append(box, " ", li.getAttribute("data-label") || name);
      li.replaceChildren(label);
    });
    checklist.after(cstatus);
  }

  // The value rating: novelty × effectiveness × problem size, 1–5 each.
  var rating = document.querySelector(".value-rating");
  if (rating && checklist) {
    var form = el("form", { class: "app-value", "data-value-form": "" });
    var factors = [["novelty", "data-novelty"], ["effectiveness", "data-effectiveness"], ["problemSize", "data-problem-size"]];
    var selects = {};
    factors.forEach(function (f) {
      var label = el("label", {}, (d.valueFactors || {})[f[0]] || f[0]);
      var select = el("select", { name: f[0] });
      for (var n = 1; n <= 5; n++) select.append(el("option", { value: String(n) }, String(n)));
      select.value = rating.getAttribute(f[1]) || "3";
      selects[f[0]] = select;
      label.append(" ", select);
      form.append(label, " ");
    });
    var vstatus = el("span", { role: "status", class: "app-status" });
    form.append(el("button", { type: "submit" }, d.valueSave), " ", vstatus);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      vstatus.textContent = labels.saving;
      ownWrite(post("/api/value", {
        paper: checklist.getAttribute("data-paper"),
        novelty: Number(selects.novelty.value),
        effectiveness: Number(selects.effectiveness.value),
        problemSize: Number(selects.problemSize.value),
      })).then(function (r) {
        if (!r.ok) { failed(vstatus, r); return; }
        // In place, as the checklist: the sentence the page shows under its heading.
        var shown = document.querySelector("p.value");
        if (!shown) {
          shown = el("p", { class: "value" });
          rating.before(el("h3", {}, r.data.heading || ""), shown);
        }
        shown.textContent = r.data.text || "";
        vstatus.textContent = labels.saved;
      });
    });
    rating.append(form);
  }

  // Keyboard shortcuts: none while typing in a field; \`?\` lists them.
  var dialog = null;
  function showShortcuts() {
    if (!dialog) {
      dialog = el("dialog", { class: "app-shortcuts", "aria-labelledby": "shortcuts-title" });
      dialog.append(el("h2", { id: "shortcuts-title" }, d.shortcutsTitle));
      var list = el("dl", {});
      (d.shortcuts || []).forEach(function (s) {
        var row = el("div", {});
        var dt = el("dt", {});
        dt.append(el("kbd", {}, s.keys));
        row.append(dt, el("dd", {}, s.what));
        list.append(row);
      });
      var close = el("button", { type: "button" }, d.close);
      close.addEventListener("click", function () { dialog.close(); });
      dialog.append(list, close);
      document.body.append(dialog);
    }
    if (!dialog.open) dialog.showModal();
  }
  var pendingG = false;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var key = event.key;
    if (pendingG) {
      pendingG = false;
      if (key === "h") { event.preventDefault(); location.href = "/"; }
      return;
    }
    if (key === "?") { event.preventDefault(); showShortcuts(); }
    else if (key === "/") {
      event.preventDefault();
      var q = document.querySelector("#live-search input[name=q]");
      if (q) q.focus(); else location.href = "/search/";
    } else if (key === "g") pendingG = true;
    else if (key === "e") {
      var edit = document.querySelector("a.app-edit");
      if (edit) { event.preventDefault(); edit.click(); }
    } else if (key === "j" || key === "k") {
      // The review page: the due note after (j) or before (k) the one shown.
      var card = document.getElementById("review-card");
      var to = card && card.getAttribute(key === "j" ? "data-next" : "data-prev");
      if (to) { event.preventDefault(); location.href = to; }
    } else if (/^[1-4]$/.test(key)) {
      var rate = document.querySelectorAll("#review-card button[data-rate]")[Number(key) - 1];
      if (rate) { event.preventDefault(); rate.click(); }
    }
  });
})();
`;

export const DAILY_CSS = `.app-toast { position: fixed; bottom: 1rem; left: 50%; transform: translateX(-50%); z-index: 10; max-width: calc(100vw - 2rem); padding: .5rem 1rem; border-radius: .4rem; background: var(--fg, #222); color: var(--bg, #fff); box-shadow: 0 2px 8px rgb(0 0 0 / .3); }
.app-toast button { margin-left: .5rem; font: inherit; }
.app-toolbar button[aria-pressed="true"] { font-weight: 700; background: var(--accent, #2456a6); color: var(--bg, #fff); border: 1px solid var(--accent, #2456a6); border-radius: .3rem; }
.app-value { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
.app-value select, .app-value button { font: inherit; }
.checklist label { cursor: pointer; }
.resume { margin-left: .5rem; font-weight: 600; }
.continue { margin: .5rem 0; }
.app-shortcuts dl div { display: flex; gap: 1rem; }
.app-shortcuts dt { min-width: 8rem; }
`;
