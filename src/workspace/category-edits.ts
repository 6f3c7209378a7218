/**
 * Category management of the web app: a category added to `categories.yaml`, one renamed (its
 * papers follow a new id), a paper moved between categories. Every file is changed through the
 * store's one writer under its lock, and its previous version kept in revisions/.
 */
import { join } from "node:path";
import { type Category, JingduError, ParseError, slugify } from "../core/index.js";

const store = () => import("../store/index.js");
const CATEGORIES = "categories.yaml";

/** Edits the category list under the file's lock; the old file is kept as a revision. */
async function updateCategories<R>(
  root: string,
  now: () => Date,
  edit: (list: Category[]) => R,
): Promise<R> {
  const { keepRevision, parseLibraryFile, serializeCategories, updateLibraryFile } = await store();
  const done = await updateLibraryFile<R>(join(root, CATEGORIES), async ({ bytes }) => {
    const text = bytes === null ? "[]\n" : bytes.toString("utf8");
    const parsed = parseLibraryFile(CATEGORIES, text);
    const bad = parsed?.diagnostics.find((d) => d.level === "error");
    if (bad) throw new ParseError(CATEGORIES, bad.line, bad.message, bad.hint);
    const list = parsed?.kind === "categories" ? [...(parsed.categories ?? [])] : [];
    const result = edit(list);
    const next = serializeCategories(list.map((c, order) => ({ ...c, order })));
    if (next === text) return { result };
    if (bytes !== null) await keepRevision(root, CATEGORIES, bytes, now);
    return { content: next, result };
  });
  return done.result as R;
}

function idFor(name: string, given?: string): string {
  const id = slugify(given?.trim() || name);
  if (name.trim() === "" || id === "") {
    throw new JingduError("bad-field", "name: a category needs a name", {});
  }
  return id;
}

const exists = (id: string) =>
  new JingduError("category-exists", `categories.yaml has a category ${id} already`, {
    hint: "Pick another name, or move the papers into the existing category.",
  });

/**
 * Adds a category at the end of the catalog; its id is the name's slug unless one is given.
 * @example await addCategory({ root, name: "强化学习", now }) // { id: "强化学习" }
 */
export async function addCategory(opts: {
  root: string;
  name: string;
  id?: string;
  now: () => Date;
}): Promise<{ id: string }> {
  const id = idFor(opts.name, opts.id);
  return updateCategories(opts.root, opts.now, (list) => {
    if (list.some((c) => c.id === id)) throw exists(id);
    list.push({ id, name: opts.name.trim(), order: list.length });
    return { id };
  });
}

/**
 * Renames a category: its new name, and the new name's slug as its id, which every paper in it
 * is changed to (the old id stays as an alias, so old links to it still find it).
 * @example await renameCategory({ root, id: "cv", name: "计算机视觉", now })
 */
export async function renameCategory(opts: {
  root: string;
  id: string;
  name: string;
  now: () => Date;
}): Promise<{ id: string; papers: string[] }> {
  const newId = idFor(opts.name);
  await updateCategories(opts.root, opts.now, (list) => {
    const at = list.findIndex((c) => c.id === opts.id);
    const old = list[at];
    if (!old) {
      throw new JingduError("unknown-category", `no category ${opts.id} in categories.yaml`, {});
    }
    if (newId !== opts.id && list.some((c) => c.id === newId)) throw exists(newId);
    const aliases = [...(old.aliases ?? [])];
    if (newId !== opts.id && !aliases.includes(opts.id)) aliases.push(opts.id);
    list[at] = {
      ...old,
      id: newId,
      name: opts.name.trim(),
      ...(aliases.length > 0 ? { aliases } : {}),
    };
  });
  if (newId === opts.id) return { id: newId, papers: [] };
  const papers = await relabelPapers(opts.root, opts.now, opts.id, newId);
  return { id: newId, papers };
}

/** Every paper file listing `from` among its categories lists `to` there instead. */
async function relabelPapers(
  root: string,
  now: () => Date,
  from: string,
  to: string,
): Promise<string[]> {
  const { readdir } = await import("node:fs/promises");
  let names: string[];
  try {
    names = (await readdir(join(root, "papers"))).filter(
      (n) => n.endsWith(".md") && !n.startsWith("."),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    names = [];
  }
  const changed: string[] = [];
  for (const name of names) {
    const file = `papers/${name}`;
    if (await replaceCategory(root, file, now, (ids) => ids.map((c) => (c === from ? to : c)))) {
      changed.push(file);
    }
  }
  return changed;
}

/** Rewrites one paper's `categories:` under its lock; false when nothing changed. */
async function replaceCategory(
  root: string,
  file: string,
  now: () => Date,
  edit: (ids: string[]) => string[],
): Promise<boolean> {
  const { editFrontMatter, keepRevision, parseFrontMatter, updateLibraryFile } = await store();
  const done = await updateLibraryFile(join(root, file), async ({ bytes }) => {
    if (bytes === null) return {};
    const text = bytes.toString("utf8");
    const data = (parseFrontMatter(text, file).data ?? {}) as Record<string, unknown>;
    const ids = Array.isArray(data.categories) ? data.categories.map(String) : [];
    const next = [...new Set(edit(ids))];
    if (JSON.stringify(next) === JSON.stringify(ids)) return {};
    const out = editFrontMatter(file, text, { categories: next.length > 0 ? next : undefined });
    await keepRevision(root, file, bytes, now);
    return { content: out.text };
  });
  return done.changed;
}

/**
 * Moves a paper from one category to another (its primary place when it was there; otherwise
 * the new one is added after its others).
 * @example await movePaper({ root, paper: "resnet", from: "cv", to: "计算机视觉-cnn", categoryIds, now })
 */
export async function movePaper(opts: {
  root: string;
  paper: string;
  from?: string;
  to: string;
  categoryIds: readonly string[];
  now: () => Date;
}): Promise<{ changed: boolean }> {
  if (!opts.categoryIds.includes(opts.to)) {
    throw new JingduError("unknown-category", `no category ${opts.to} in categories.yaml`, {});
  }
  const { paperPath, readBytesIfExists } = await store();
  const file = paperPath(opts.paper);
  if ((await readBytesIfExists(join(opts.root, file))) === null) {
    throw new JingduError("unknown-paper", `no paper ${opts.paper} in papers/`, {});
  }
  const changed = await replaceCategory(opts.root, file, opts.now, (ids) => {
    const at = opts.from === undefined ? -1 : ids.indexOf(opts.from);
    if (at < 0) return [...ids, opts.to];
    const next = [...ids];
    next[at] = opts.to;
    return next;
  });
  return { changed };
}
