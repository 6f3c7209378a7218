/**
 * The note editor's part of the web app's client script (`/assets/app.js`, joined in
 * app-assets.ts): the editor (preview, save, conflicts, quoting a cue) and the revisions'
 * restore buttons. Runs inside app.js's function: `api`, `say`, `labels` are its.
 */
export const EDITOR_SCRIPT = `  // The note editor.
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

`;
