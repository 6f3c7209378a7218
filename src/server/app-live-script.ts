/**
 * Search as you type and live reload, the last part of the web app's client script
 * (`/assets/app.js`, joined in app-assets.ts). Runs inside app.js's function: `api`, `say`,
 * `labels`, `editor`, `dirty`, `savedVersion` and `suggestions` are its.
 */
export const LIVE_SCRIPT = `  // Search as you type.
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
`;
