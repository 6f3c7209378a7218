/**
 * The web app's client script (`/assets/app.js`; its styles, `/assets/app.css`, are in
 * app-css.ts): framework-free, no inline script (pages run under `script-src 'self'`). The script
 * reads the CSRF token and its labels from `<meta>` tags the server adds to every page.
 */
export const APP_SCRIPT = `"use strict";
(function () {
  function meta(name) {
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

  // The note editor.
  var dirty = false;
  // The library version the editor's last save produced: its own change event is not a reason
  // to reload (it may come after the save's answer, when the editor is no longer dirty).
  var savedVersion = -1;
  if (editor) {
    var source = document.getElementById("source");
    var preview = document.getElementById("preview");
    var estatus = document.getElementById("editor-status");
    var conflict = document.getElementById("conflict");
    var page = editor.getAttribute("data-page");
    var timer = null;
    var seq = 0;
    function renderPreview() {
      var mine = ++seq;
      api("POST", "/api/preview", { page: page, markdown: source.value }).then(function (r) {
        if (mine === seq && r.ok) preview.innerHTML = r.data.html;
      });
    }
    source.addEventListener("input", function () {
      dirty = true;
      say(estatus, labels.unsaved);
      clearTimeout(timer);
      timer = setTimeout(renderPreview, 150);
    });
    // A transcript cue's time button quotes it, on a line of its own, at the cursor (at the
    // end while the note was never clicked into: a new page's cursor sits at its start).
    var placed = false;
    source.addEventListener("focus", function () { placed = true; });
    document.querySelectorAll("button.cue-quote").forEach(function (button) {
      button.addEventListener("click", function () {
        var v = source.value;
        var at = placed ? source.selectionStart : v.length, end = placed ? source.selectionEnd : v.length;
        var before = v.slice(0, at), after = v.slice(end);
        var line = (before === "" || before.endsWith("\\n") ? "" : "\\n") + button.getAttribute("data-quote") + "\\n";
        source.value = before + line + after;
        source.selectionStart = source.selectionEnd = at + line.length;
        source.focus();
        source.dispatchEvent(new Event("input"));
      });
    });
    function save(body, base, convert) {
      say(estatus, labels.saving);
      return api("PUT", "/api/notes", { page: page, body: body, baseHash: base, convert: convert === true }).then(function (r) {
        if (r.ok) {
          editor.setAttribute("data-hash", r.data.hash);
          if (typeof r.data.version === "number") savedVersion = r.data.version;
          dirty = false;
          conflict.hidden = true;
          say(estatus, labels.saved);
        } else if (r.status === 409) {
          conflict.hidden = false;
          conflict.setAttribute("data-disk-hash", r.data.diskHash || "");
          document.getElementById("conflict-yours").textContent = r.data.yours;
          document.getElementById("conflict-disk").textContent = r.data.disk;
          say(estatus, "");
          conflict.scrollIntoView();
        } else if (r.status === 422 && r.data.notUtf8 && confirm(r.data.message + " " + r.data.hint)) {
          return save(body, base, true);
        } else {
          say(estatus, labels.failed + " " + (r.data.message || r.data.error || r.status));
        }
      });
    }
    editor.addEventListener("submit", function (event) {
      event.preventDefault();
      save(source.value, editor.getAttribute("data-hash"));
    });
    // Unsaved edits: leaving asks (the browser's own prompt); Ctrl/Cmd+S saves.
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";
    });
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        save(source.value, editor.getAttribute("data-hash"));
      }
    });
    editor.setAttribute("data-guarded", "");
    window.jingduEditorDirty = function () { return dirty; };
    document.getElementById("keep-yours").addEventListener("click", function () {
      save(source.value, conflict.getAttribute("data-disk-hash"));
    });
    document.getElementById("keep-disk").addEventListener("click", function () {
      var mine = source.value;
      api("POST", "/api/revisions", { page: page, body: mine }).then(function (r) {
        if (!r.ok) { say(estatus, labels.failed + " " + (r.data.message || r.data.error || r.status)); return; }
        source.value = document.getElementById("conflict-disk").textContent;
        editor.setAttribute("data-hash", conflict.getAttribute("data-disk-hash"));
        conflict.hidden = true;
        dirty = false;
        say(estatus, "");
        renderPreview();
      });
    });
  }

  // Revisions: restore buttons.
  document.querySelectorAll("button[data-restore]").forEach(function (b) {
    b.addEventListener("click", function () {
      // The live reload of this page would race the page the answer names.
      document.documentElement.setAttribute("data-app-busy", "");
      api("POST", "/api/restore", { file: b.getAttribute("data-file"), revision: b.getAttribute("data-restore") }).then(function (r) {
        if (r.ok) { location.href = r.data.page; return; }
        document.documentElement.removeAttribute("data-app-busy");
        say(document.getElementById("app-status"), labels.failed + " " + (r.data.message || r.data.error || r.status));
      });
    });
  });

  // Add forms.
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

  // Search as you type.
  var search = document.getElementById("live-search");
  if (search) {
    var q = search.querySelector("input[name=q]");
    var groups = document.getElementById("search-groups");
    var sstatus = document.getElementById("search-status");
    var sseq = 0;
    var stimer = null;
    function run() {
      var mine = ++sseq;
      var text = q.value;
      history.replaceState(null, "", text ? "?q=" + encodeURIComponent(text) : location.pathname);
      if (text.trim() === "") { groups.replaceChildren(); say(sstatus, ""); return; }
      fetch("/api/search?q=" + encodeURIComponent(text)).then(function (r) { return r.json(); }).then(function (data) {
        if (mine !== sseq) return;
        groups.replaceChildren();
        say(sstatus, data.groups.length === 0 ? search.getAttribute("data-no-results") : "");
        data.groups.forEach(function (g) {
          var section = el("section", { class: "result-group", "data-kind": g.kind });
          section.append(el("h2", {}, g.label));
          var list = el("ol", {});
          g.results.forEach(function (hit) {
            var li = el("li", {});
            li.append(el("a", { href: hit.href }, hit.title));
            var p = el("p", { class: "snippet" });
            p.innerHTML = hit.snippet;
            li.append(p);
            list.append(li);
          });
          section.append(list);
          groups.append(section);
        });
      });
    }
    q.addEventListener("input", function () { clearTimeout(stimer); stimer = setTimeout(run, 80); });
    search.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) { q.value = initial; run(); }
  }

  // Live reload: the server says when the library changed, or that it could not be reloaded
  // (the page then says so, with the reason, until a reload succeeds).
  if (window.EventSource) {
    var events = new EventSource("/api/events");
    events.addEventListener("reload-failed", function (event) {
      var banner = document.getElementById("reload-failed");
      if (!banner) {
        banner = document.createElement("p");
        banner.id = "reload-failed";
        banner.className = "reload-failed";
        banner.setAttribute("role", "alert");
        document.body.insertBefore(banner, document.body.firstChild);
      }
      var failure = {};
      try { failure = JSON.parse(event.data); } catch (e) { failure = {}; }
      banner.textContent = labels.reloadFailed + (failure.message ? " (" + failure.message + ")" : "");
    });
    events.addEventListener("reload-ok", function () {
      var banner = document.getElementById("reload-failed");
      if (banner) banner.remove();
    });
    // A change event that comes while a page script's own write is on its way (daily.js marks
    // it with data-app-saving) waits for its answer, which names the version it wrote.
    var heldVersion = 0;
    // The library changed between this page's render and the stream's start (the server's
    // first pages come from its cache while it checks the files): as if told by a change.
    events.addEventListener("hello", function (event) {
      var rendered = Number(meta("jingdu-version"));
      var version = Number(event.data);
      if (meta("jingdu-version") !== "" && version > rendered) onChange(version);
    });
    events.addEventListener("change", function (event) {
      var version = Number(event.data);
      if (document.documentElement.hasAttribute("data-app-saving")) { heldVersion = Math.max(heldVersion, version); return; }
      onChange(version);
    });
    document.addEventListener("jingdu-saved", function () {
      var version = heldVersion;
      heldVersion = 0;
      if (version > 0) onChange(version);
    });
  }
  function onChange(version) {
    // A write of this page's own is on its way and goes to the page it names (edit.js).
    if (document.documentElement.hasAttribute("data-app-busy")) return;
    // A change this page wrote itself and already shows (the checklist, daily.js).
    if (version <= Number(document.documentElement.getAttribute("data-saved-version") || -1)) return;
    if (editor) {
      if (version <= savedVersion) return;
      if (dirty) say(document.getElementById("editor-status"), labels.changedOnDisk);
      else location.reload();
      return;
    }
    // The add page shows nothing of the library, and a reload would wipe the answer its
    // own add just caused: it stays as it is. So does a metadata form (its save checks the
    // file's hash; a reload would race the page it goes to after saving).
    var adding = document.querySelector("form[data-add], form[data-keep-open], [data-no-live-reload]") || suggestions;
    if (search || pageTag === "app") { if (!search && !adding) location.reload(); return; }
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (r.headers.get("etag") !== pageTag) location.reload();
    });
  }
})();
`;
