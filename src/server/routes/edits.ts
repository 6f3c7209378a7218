import { Hono } from "hono";
import { categoriesPage, deletedPage, detailsPage, paths, revisionTime } from "../../app/index.js";
import {
  addCategory,
  deleteItem,
  FieldsConflictError,
  listDeletedItems,
  movePaper,
  readItemFields,
  renameCategory,
  saveItemFields,
  setLanguage,
} from "../../workspace/index.js";
import { refuse } from "../error-answers.js";
import { type LibraryState, noteTarget } from "../library-state.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

/** The item behind a site page, or a 404 answer's error. */
function targetOf(state: LibraryState, page: string) {
  const target = noteTarget(state, page);
  if (!target) throw refuse("unknown-page", `no paper, course or episode on the page ${page}`);
  return target;
}

/** Where to go once an item's page is gone: the catalog for a paper, its course for an episode. */
function pageAfterDelete(page: string): string {
  const episode = /^\/courses\/([^/]+)\/\d+\/$/.exec(page);
  return episode ? `/courses/${episode[1]}/` : paths.papers;
}

/**
 * Editing in the app (issue 20): the metadata form of a paper, course or episode and its save,
 * delete (undone by `/api/restore`), the deleted items, categories (add, rename, move a paper)
 * and the language switch. Each write goes through a workspace use case (the store's writer).
 */
export function editRoutes({ library, pages }: RouteDeps): Hono {
  const { root, now } = library;
  const app = new Hono();
  const categoryIds = () => library.state().library.categories.map((c) => c.id);

  app.get("/_/details", async (c) => {
    const state = library.state();
    const target = noteTarget(state, c.req.query("page") ?? "");
    if (!target) return pages.notFound(c);
    const { fields, hash } = await readItemFields(root, target.file);
    return pages.appPage(
      c,
      detailsPage(state.ctx, {
        page: target.page,
        file: target.file,
        title: target.title,
        fields,
        hash: hash ?? "",
      }),
    );
  });

  app.put("/api/fields", jsonBody("fields"), async (c) => {
    const body = bodyOf(c, "fields");
    const target = targetOf(library.state(), body.page);
    try {
      const { hash, changed } = await saveItemFields({
        root,
        file: target.file,
        fields: body.fields,
        baseHash: body.baseHash,
        categoryIds: categoryIds(),
        now,
      });
      if (changed.length > 0) await library.reload([target.file]);
      return c.json({ hash, changed });
    } catch (err) {
      if (!(err instanceof FieldsConflictError)) throw err;
      // The form shows what the file holds now; a save on diskHash replaces it (edit.js).
      return c.json(
        {
          code: err.code,
          message: err.message,
          hint: err.hint,
          conflict: true,
          disk: err.disk,
          diskHash: err.diskHash,
        },
        409,
      );
    }
  });

  app.post("/api/delete", jsonBody("deleteItem"), async (c) => {
    const page = bodyOf(c, "deleteItem").page;
    const target = targetOf(library.state(), page);
    const { file, revision } = await deleteItem({ root, file: target.file, now });
    await library.reload([file]);
    return c.json({ file, revision, next: pageAfterDelete(page) });
  });

  app.get("/_/deleted", async (c) => {
    const items = (await listDeletedItems(root)).map((d) => ({
      ...d,
      when: revisionTime(d.revision)?.local ?? d.revision,
    }));
    return pages.appPage(c, deletedPage(library.state().ctx, items));
  });

  app.get("/_/categories", (c) => pages.appPage(c, categoriesPage(library.state().ctx)));

  app.post("/api/categories", jsonBody("addCategory"), async (c) => {
    const body = bodyOf(c, "addCategory");
    const { id } = await addCategory({
      root,
      name: body.name,
      ...(body.id ? { id: body.id } : {}),
      now,
    });
    await library.reload(["categories.yaml"]);
    return c.json({ id });
  });

  app.post("/api/categories/rename", jsonBody("renameCategory"), async (c) => {
    const body = bodyOf(c, "renameCategory");
    const done = await renameCategory({ root, id: body.id, name: body.name, now });
    await library.reload(["categories.yaml", ...done.papers]);
    return c.json(done);
  });

  app.post("/api/categories/move", jsonBody("movePaper"), async (c) => {
    const body = bodyOf(c, "movePaper");
    const done = await movePaper({
      root,
      paper: body.paper,
      ...(body.from ? { from: body.from } : {}),
      to: body.to,
      categoryIds: categoryIds(),
      now,
    });
    if (done.changed) await library.reload([`papers/${body.paper}.md`]);
    return c.json(done);
  });

  app.post("/api/language", jsonBody("language"), async (c) => {
    const changed = await setLanguage({ root, language: bodyOf(c, "language").language });
    if (changed) await library.reload(["jingdu.yaml"]);
    return c.json({ changed });
  });

  return app;
}
