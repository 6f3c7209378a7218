/**
 * The web app's editing controls, served as `/assets/edit.js` after app.js and daily.js (no
 * inline script: CSP): "edit details" and "delete" on item pages, the metadata form's save and
 * its conflict answer, the toast that undoes a delete, the category manager's forms, and the
 * language switch in the header. Labels come from `jingdu-labels` (`edits`,
 * server/client-labels.ts). Only in the app; the static site never loads it.
 */
export const EDIT_SCRIPT = `"use strict";
(function () {
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") || "" : "";
  }
  var token = meta("jingdu-token");
  var labels = {};
  try { labels = JSON.parse(meta("jingdu-labels") || "{}"); } catch (e) { labels = {}; }
  var t = labels.edits || {};
  // While a write is on its way, app.js's live reload waits: this page goes where the answer says.
  function send(method, url, body) {
    document.documentElement.setAttribute("data-app-busy", "");
    return fetch(url, {
      method: method,
      headers: { "content-type": "application/json", "x-jingdu-token": token },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) document.documentElement.removeAttribute("data-app-busy");
        return { ok: r.ok, status: r.status, data: data };
      });
    }, function (error) {
      document.documentElement.removeAttribute("data-app-busy");
      throw error;
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function failed(node, r) {
    if (node) node.textContent = (labels.failed || "") + " " + (r.data.message || r.status) + (r.data.hint ? " " + r.data.hint : "");
  }
  function fill(template, title) { return String(template || "").split("{title}").join(title); }

  // The language switch: the other language, saved as the library's \`language\` (jingdu.yaml).
  var nav = document.querySelector(".site-header nav");
  if (nav && t.otherLanguage) {
    // Its name is what it shows (the other language, in that language); what it does is its title.
    var lang = el("button", { type: "button", class: "app-language", lang: t.otherLanguage, title: t.language }, t.otherLanguageName);
    lang.addEventListener("click", function () {
      send("POST", "/api/language", { language: t.otherLanguage }).then(function (r) {
        if (r.ok) location.reload(); else failed(document.getElementById("app-status"), r);
      });
    });
    nav.append(lang);
  }

  // The toast a delete left for the next page, with its undo (a restore of the kept revision).
  var toast = null;
  try { toast = JSON.parse(sessionStorage.getItem("jingdu-edit-toast") || "null"); sessionStorage.removeItem("jingdu-edit-toast"); }
  catch (e) { toast = null; /* no storage or a stale value: no toast */ }
  if (toast && toast.text) {
    var box = el("div", { class: "app-toast", role: "status" });
    box.append(el("span", {}, toast.text));
    if (toast.restore) {
      var undo = el("button", { type: "button", "data-undo-delete": "" }, labels.daily ? labels.daily.undo : "Undo");
      undo.addEventListener("click", function () {
        send("POST", "/api/restore", toast.restore).then(function (r) {
          if (r.ok) location.href = r.data.page; else failed(box, r);
        });
      });
      box.append(" ", undo);
    }
    document.body.append(box);
  }

  // Item pages: edit the details, delete (papers and episodes).
  var path = location.pathname;
  var bar = document.querySelector(".app-toolbar");
  var item = /^\\/papers\\/[^/]+\\/$/.test(path) || /^\\/courses\\/[^/]+\\/(\\d+\\/)?$/.test(path);
  if (bar && item) {
    var status = el("span", { role: "status", class: "app-status" });
    bar.append(el("a", { href: "/_/details?page=" + encodeURIComponent(path), class: "app-details" }, t.editDetails));
    if (!/^\\/courses\\/[^/]+\\/$/.test(path)) {
      var del = el("button", { type: "button", class: "app-delete" }, t.delete);
      del.addEventListener("click", function () {
        // The page's title without the library's name (the heading carries marks like ✅).
        var title = document.title.split(" · ")[0] || path;
        if (!confirm(fill(t.confirmDelete, title))) return;
        send("POST", "/api/delete", { page: path }).then(function (r) {
          if (!r.ok) return failed(status, r);
          try {
            sessionStorage.setItem("jingdu-edit-toast", JSON.stringify({
              text: fill(t.deleted, title),
              restore: { file: r.data.file, revision: r.data.revision },
            }));
          } catch (e) { /* no storage: the deleted page still lists it */ }
          location.href = r.data.next;
        });
      });
      bar.append(del);
    }
    bar.append(status);
  }
  var heading = document.querySelector("main h1");
  if (!bar && heading && path === "/papers/") {
    var links = el("p", { class: "app-toolbar" });
    links.append(el("a", { href: "/_/categories" }, t.categories), " · ", el("a", { href: "/_/deleted" }, t.deletedTitle));
    heading.after(links);
  }

  // The metadata form: a save on the hash it was filled from; a conflict shows the file's fields.
  var form = document.getElementById("details");
  if (form) {
    var dstatus = document.getElementById("details-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = {};
      form.querySelectorAll("input[name], select[name]").forEach(function (input) {
        var name = input.getAttribute("name");
        if (name === "tags") fields.tags = input.value.split(/[,，]/).map(function (s) { return s.trim(); }).filter(Boolean);
        else if (name === "categories") {
          var rest = (input.getAttribute("data-rest") || "").split(",").filter(Boolean);
          fields.categories = (input.value ? [input.value] : []).concat(rest.filter(function (c) { return c !== input.value; }));
        } else fields[name] = input.value;
      });
      dstatus.textContent = labels.saving;
      send("PUT", "/api/fields", { page: form.getAttribute("data-page"), baseHash: form.getAttribute("data-hash"), fields: fields }).then(function (r) {
        if (r.ok) { location.href = form.getAttribute("data-page"); return; }
        if (r.status === 409 && r.data.conflict) {
          // Saving again replaces what is on disk now (its hash is the new base).
          form.setAttribute("data-hash", r.data.diskHash || "");
          dstatus.textContent = t.detailsConflict;
          var old = document.getElementById("details-disk");
          if (old) old.remove();
          var list = el("dl", { id: "details-disk", class: "details-disk" });
          Object.keys(r.data.disk || {}).forEach(function (k) {
            var v = r.data.disk[k];
            list.append(el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join(", ") : v === null ? "" : String(v)));
          });
          form.after(list);
          return;
        }
        failed(dstatus, r);
      });
    });
  }

  // The category manager.
  var astatus = document.getElementById("app-status");
  function onSubmit(f, url, body) {
    f.addEventListener("submit", function (event) {
      event.preventDefault();
      send("POST", url, body(f)).then(function (r) { if (r.ok) location.reload(); else failed(astatus, r); });
    });
  }
  var addCategory = document.getElementById("add-category");
  if (addCategory) onSubmit(addCategory, "/api/categories", function (f) { return { name: f.querySelector("input[name=name]").value }; });
  document.querySelectorAll("form.rename-form").forEach(function (f) {
    onSubmit(f, "/api/categories/rename", function () { return { id: f.getAttribute("data-category"), name: f.querySelector("input[name=name]").value }; });
  });
  document.querySelectorAll("form.move-form").forEach(function (f) {
    onSubmit(f, "/api/categories/move", function () { return { paper: f.getAttribute("data-paper"), from: f.getAttribute("data-from"), to: f.querySelector("select[name=to]").value }; });
  });
})();
`;

export const EDIT_CSS = `.details-form .field { display: grid; grid-template-columns: minmax(6rem, 10rem) minmax(0, 1fr); gap: .3rem 1rem; align-items: center; margin: .5rem 0; }
.details-form .field .muted { grid-column: 2; font-size: .85rem; }
.details-form input, .details-form select, .inline input, .inline select { font: inherit; padding: .25rem .4rem; border: 1px solid var(--line, #bbb); border-radius: .3rem; background: var(--bg, #fff); color: inherit; min-width: 0; }
.details-form button, .inline button, .app-delete, .app-language { font: inherit; padding: .25rem .7rem; border: 1px solid var(--accent, #2456a6); border-radius: .3rem; background: transparent; color: var(--accent, #2456a6); cursor: pointer; }
.details-form button[type=submit] { background: var(--accent, #2456a6); color: var(--bg, #fff); }
.app-delete { border-color: #b42318; color: #b42318; }
@media (prefers-color-scheme: dark) { .app-delete { border-color: #ff8a80; color: #ff8a80; } }
.details-disk { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; border-left: 3px solid #b42318; padding-left: .7rem; }
.details-disk dd { margin: 0; overflow-wrap: anywhere; }
form.inline { display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.category-admin h2 { font-size: 1.1rem; margin-top: 1.5rem; }
.category-papers { padding-left: 1.2rem; }
.category-papers li { margin: .3rem 0; }
.revision-diff { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line, #ddd); padding: .5rem; font-size: .85rem; }
.revision-diff ins { text-decoration: none; background: rgb(46 160 67 / .18); display: inline; }
.revision-diff del { text-decoration: none; background: rgb(248 81 73 / .18); display: inline; }
.deleted-items li { margin: .4rem 0; }
@media (max-width: 30rem) { .details-form .field { grid-template-columns: 1fr; } .details-form .field .muted { grid-column: 1; } }
`;
