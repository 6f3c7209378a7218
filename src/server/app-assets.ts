import { EDITOR_SCRIPT } from "./app-editor-script.js";
import { LIVE_SCRIPT } from "./app-live-script.js";

/**
 * The web app's client script (`/assets/app.js`; its styles, `/assets/app.css`, are in
 * app-css.ts): framework-free, no inline script (pages run under `script-src 'self'`). The script
 * reads the CSRF token and its labels from `<meta>` tags the server adds to every page. One
 * function in four parts by concern, in this order: the item pages' toolbars and the review page
 * (here), the note editor (app-editor-script.ts), the add forms and the Next page (here), search
 * and live reload (app-live-script.ts).
 */
const PAGE_SCRIPT = `  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") || "" : "";
  }
  var token = meta("jingdu-token");
  var pageTag = meta("jingdu-page");
  var labels = {};
  try { labels = JSON.parse(meta("jingdu-labels") || "{}"); } catch (e) { labels = {}; }
  function api(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { "content-type": "application/json", "x-jingdu-token": token },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { status: r.status, ok: r.ok, data: data };
      });
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function say(node, text) { if (node) node.textContent = text; }

  // Header: a link to the add forms.
  var nav = document.querySelector(".site-header nav");
  if (nav && labels.addHref) nav.append(el("a", { href: labels.addHref }, labels.add));
  if (nav && labels.reviewHref) nav.append(el("a", { href: labels.reviewHref }, labels.review));
  if (nav && labels.nextHref) nav.append(el("a", { href: labels.nextHref }, labels.next));

  var path = location.pathname;
  var episode = /^\\/courses\\/([^/]+)\\/(\\d+)\\/$/.exec(path);
  var course = /^\\/courses\\/([^/]+)\\/$/.exec(path);
  var paper = /^\\/papers\\/([^/]+)\\/$/.exec(path);
  var h1 = document.querySelector("main h1");
  var editor = document.getElementById("editor");

  // A category page: its papers as a bibliography in each format (routes/export.ts).
  var category = /^\\/categories\\/([^/]+)\\/$/.exec(path);
  if (h1 && category && labels.exportLinks) {
    var exportBar = el("p", { class: "app-toolbar app-export" });
    exportBar.append(labels.exportAs + " ");
    labels.exportLinks.forEach(function (f, i) {
      if (i > 0) exportBar.append(" · ");
      exportBar.append(el("a", { href: "/export/" + category[1] + "." + f[1] + "?format=" + f[2], download: "", "data-format": f[2] }, f[0]));
    });
    h1.after(exportBar);
  }

  // Item pages: edit link, progress and reading passes.
  if (h1 && !editor && (episode || course || paper)) {
    var bar = el("div", { class: "app-toolbar" });
    bar.append(el("a", { href: "/_/edit?page=" + encodeURIComponent(path), class: "app-edit" }, labels.edit));
    if (paper && labels.nextHref) bar.append(el("a", { href: labels.nextHref + "?for=" + encodeURIComponent(decodeURIComponent(paper[1])), class: "app-next" }, labels.nextFor));
    var status = el("span", { role: "status", class: "app-status" });
    if (episode) {
      var group = el("span", { class: "app-progress", role: "group", "aria-label": labels.progress });
      // The current state, from the page (episode-page.ts, resume-link.ts).
      var currentNode = document.querySelector("[data-current-status]");
      var current = currentNode ? currentNode.getAttribute("data-current-status") : "todo";
      var saved = document.querySelector(".facts [data-position]");
      ["todo", "watching", "done", "skipped"].forEach(function (s) {
        var b = el("button", { type: "button", "data-status": s, "aria-pressed": String(s === current) }, labels.status[s]);
        b.addEventListener("click", function () {
          say(status, labels.saving);
          api("POST", "/api/progress", {
            course: decodeURIComponent(episode[1]), number: Number(episode[2]), status: s,
            position: s === "watching" ? pos.value : "",
          }).then(function (r) {
            if (r.ok) location.reload(); else say(status, labels.failed + " " + (r.data.message || r.data.error || r.status));
          });
        });
        group.append(b);
      });
      var pos = el("input", { type: "text", size: "8", placeholder: labels.positionPlaceholder, "aria-label": labels.position, class: "app-position" });
      if (saved) pos.value = saved.getAttribute("data-position") || "";
      // Enter saves the position (as "watching", the status a position belongs to).
      pos.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        group.querySelector('button[data-status="watching"]').click();
      });
      group.append(" ", pos);
      bar.append(group);
    }
    if (paper) {
      var passes = el("span", { class: "app-passes", role: "group", "aria-label": labels.passes });
      [1, 2, 3].forEach(function (n) {
        // Done passes are listed by the page (study-views.ts); clicking one again undoes it,
        // with an undo of the undo in a toast after the reload (daily.js).
        var done = !!document.querySelector('[data-pass-done="' + n + '"]');
        var b = el("button", { type: "button", "data-pass": String(n), "aria-pressed": String(done) }, labels.pass[n - 1]);
        b.addEventListener("click", function () {
          var id = decodeURIComponent(paper[1]);
          api("POST", done ? "/api/pass/undo" : "/api/pass", { paper: id, pass: n }).then(function (r) {
            if (!r.ok) { say(status, labels.failed + " " + (r.data.message || r.data.error || r.status)); return; }
            var d = labels.daily || {};
            var toast = done ? { text: (d.passUndone || [])[n - 1], redo: { url: "/api/pass", paper: id, pass: n } }
              : { text: (d.passDone || [])[n - 1], redo: { url: "/api/pass/undo", paper: id, pass: n } };
            try { sessionStorage.setItem("jingdu-toast", JSON.stringify(toast)); } catch (e) { /* no storage: no toast */ }
            location.reload();
          });
        });
        passes.append(b);
      });
      bar.append(passes);
    }
    var mark = el("button", { type: "button", "data-mark-review": "" }, labels.markForReview);
    mark.addEventListener("click", function () {
      api("POST", "/api/review/mark", { page: path }).then(function (r) {
        if (r.ok) { say(status, labels.marked); mark.disabled = true; }
        else say(status, labels.failed + " " + (r.data.message || r.data.error || r.status));
      });
    });
    bar.append(mark);
    bar.append(status);
    h1.after(bar);
  }

  // The review page: rate the shown note, then the next one.
  var reviewCard = document.getElementById("review-card");
  if (reviewCard) {
    var rstatus = document.getElementById("review-status");
    reviewCard.querySelectorAll("button[data-rate]").forEach(function (b) {
      b.addEventListener("click", function () {
        api("POST", "/api/review", { note: reviewCard.getAttribute("data-note"), rating: b.getAttribute("data-rate") }).then(function (r) {
          // On to the note after this one (this one is no longer due), else the first due.
          var after = reviewCard.getAttribute("data-next") || location.pathname;
          if (r.ok) { say(rstatus, r.data.next); setTimeout(function () { location.href = after; }, 800); }
          else say(rstatus, labels.failed + " " + (r.data.message || r.data.error || r.status));
        });
      });
    });
  }

`;

const FORMS_SCRIPT = `  // Add forms.
  document.querySelectorAll("form[data-add]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = document.getElementById("app-status");
      say(out, labels.saving);
      var picker = f.querySelector("select[name=category]");
      var body = { input: f.querySelector("input").value };
      if (picker && picker.value) body.category = picker.value;
      function send(accept) {
        if (accept) body.accept = true;
        api("POST", "/api/add/" + f.getAttribute("data-add"), body).then(function (r) {
          if (r.ok && r.data.uncertain) {
            // An uncertain title match: the page asks, and adds on the answer (no CLI hint).
            out.replaceChildren(r.data.message, " ");
            var yes = el("button", { type: "button", "data-add-anyway": "" }, r.data.confirm);
            yes.addEventListener("click", function () { say(out, labels.saving); send(true); });
            out.append(yes);
            return;
          }
          var text = r.ok ? r.data.message : labels.failed + " " + (r.data.message || r.data.error || r.status);
          say(out, text);
          // The live reload after the add may come first: the answer is kept for the next load.
          if (r.ok) { try { sessionStorage.setItem("jingdu-add-message", JSON.stringify({ text: text, at: Date.now() })); } catch (e) { /* no storage: said once */ } }
        });
      }
      send(false);
    });
  });
  // Kept for the load that follows the add (a minute at most: not for a later visit).
  var keptAdd = null;
  try { keptAdd = JSON.parse(sessionStorage.getItem("jingdu-add-message") || "null"); sessionStorage.removeItem("jingdu-add-message"); } catch (e) { keptAdd = null; /* no storage */ }
  if (keptAdd && keptAdd.text && Date.now() - keptAdd.at < 60000 && document.querySelector("form[data-add]")) say(document.getElementById("app-status"), keptAdd.text);

  // The Next page: each suggestion's add button adds it as the add page does, and says so.
  var suggestions = document.querySelector("[data-next-papers]");
  document.querySelectorAll("button[data-add-suggestion]").forEach(function (b) {
    b.addEventListener("click", function () {
      var out = b.parentNode.querySelector("[role=status]");
      b.disabled = true;
      say(out, labels.saving);
      api("POST", "/api/add/paper", { input: b.getAttribute("data-add-suggestion"), accept: true }).then(function (r) {
        if (!r.ok) { b.disabled = false; say(out, labels.failed + " " + (r.data.message || r.data.error || r.status)); return; }
        b.textContent = b.getAttribute("data-added");
        b.closest("li").classList.add("added");
        say(out, r.data.message);
      });
    });
  });

`;

export const APP_SCRIPT = `"use strict";\n(function () {\n${PAGE_SCRIPT}${EDITOR_SCRIPT}${FORMS_SCRIPT}${LIVE_SCRIPT}})();\n`;
