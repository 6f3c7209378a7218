import { Hono } from "hono";
import { editorPage, matchRoute, revisionsPage } from "../../app/index.js";
import { JingduError } from "../../core/index.js";
import {
  keepNoteDraft,
  listNoteRevisions,
  NoteConflictError,
  readNoteForEditing,
  readNoteText,
  restoreNoteRevision,
  saveNote,
} from "../../workspace/index.js";
import { refuse } from "../error-answers.js";
import { type LibraryState, noteTarget, pageOfFile } from "../library-state.js";
import { bodyOf, JSON_BODY_LIMIT, jsonBody, NOTE_BODY_LIMIT } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

const isNotANote = (err: unknown) => err instanceof JingduError && err.code === "not-a-note";

/** The note behind a site page, or a 404 answer's error. */
function targetOf(state: LibraryState, page: string) {
  const target = noteTarget(state, page);
  if (!target) throw refuse("unknown-page", `no note on the page ${page}`);
  return target;
}

/** The note editor, its preview, saves, drafts kept as revisions, and restoring a revision. */
export function noteRoutes({ library, pages }: RouteDeps): Hono {
  const { root, now } = library;
  const app = new Hono();

  app.get("/_/edit", async (c) => {
    const state = library.state();
    const target = noteTarget(state, c.req.query("page") ?? "");
    if (!target) return pages.notFound(c);
    let note: { body: string; hash: string | null };
    try {
      note = await readNoteForEditing(root, target.file);
    } catch (err) {
      if (isNotANote(err)) return pages.notFound(c);
      throw err;
    }
    const preview = state.ctx.renderNote(note.body, target.render);
    // An episode's note is written beside its lecture: its transcript's cues, to quote from.
    const route = matchRoute(target.page);
    const cues =
      route?.page === "episode"
        ? (state.ctx.transcript(route.courseId, route.number)?.cues ?? [])
        : [];
    return pages.appPage(
      c,
      editorPage(state.ctx, {
        page: target.page,
        file: target.file,
        title: target.title,
        body: note.body,
        hash: note.hash ?? "",
        previewHtml: preview.html,
        cues,
      }),
    );
  });

  app.post("/api/preview", jsonBody("preview", NOTE_BODY_LIMIT), (c) => {
    const body = bodyOf(c, "preview");
    const state = library.state();
    const r = state.ctx.renderNote(body.markdown, targetOf(state, body.page).render);
    return c.json({ html: r.html, hasMath: r.hasMath });
  });

  app.put("/api/notes", jsonBody("saveNote", NOTE_BODY_LIMIT), async (c) => {
    const body = bodyOf(c, "saveNote");
    const target = targetOf(library.state(), body.page);
    try {
      const { hash } = await saveNote({
        root,
        file: target.file,
        body: body.body,
        baseHash: body.baseHash === "" ? null : body.baseHash,
        now,
        convert: body.convert === true,
      });
      await library.reload([target.file]);
      // The editor ignores the live-reload event of its own save by this version (app.js).
      return c.json({ hash, version: library.version() });
    } catch (err) {
      if (err instanceof JingduError && err.code === "note-not-utf8" && "line" in err) {
        // The editor asks (confirm) and sends the save again with `convert: true` (app.js).
        return c.json(
          { code: err.code, message: err.message, hint: err.hint, notUtf8: true, line: err.line },
          422,
        );
      }
      if (!(err instanceof NoteConflictError)) throw err;
      // The editor shows both versions from these (app.js).
      return c.json(
        {
          code: err.code,
          message: err.message,
          hint: err.hint,
          conflict: true,
          yours: err.yours,
          disk: err.disk,
          diskHash: err.diskHash,
        },
        409,
      );
    }
  });

  app.post("/api/revisions", jsonBody("keepDraft", NOTE_BODY_LIMIT), async (c) => {
    const body = bodyOf(c, "keepDraft");
    const target = targetOf(library.state(), body.page);
    const name = await keepNoteDraft({ root, file: target.file, body: body.body, now });
    return c.json({ revision: name });
  });

  app.get("/_/revisions", async (c) => {
    const file = c.req.query("file") ?? "";
    let revisions: { name: string; text: string }[];
    try {
      revisions = await listNoteRevisions(root, file);
    } catch (err) {
      // Not a note file: the site's 404 page, as for any unknown page.
      if (isNotANote(err)) return pages.notFound(c);
      throw err;
    }
    const state = library.state();
    const current = await readNoteText(root, file);
    return pages.appPage(
      c,
      revisionsPage(state.ctx, file, revisions, pageOfFile(state, file), current),
    );
  });

  app.post("/api/restore", jsonBody("restore", JSON_BODY_LIMIT), async (c) => {
    const body = bodyOf(c, "restore");
    const { file, hash } = await restoreNoteRevision({
      root,
      file: body.file,
      revision: body.revision,
      now,
    });
    await library.reload([file]);
    return c.json({ hash, page: pageOfFile(library.state(), file) ?? "/" });
  });

  return app;
}
