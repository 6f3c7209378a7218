/**
 * The metadata forms of the web app: a paper's, course's or episode's fields read with the hash
 * of the file, and saved through the store's one writer only if the file is still that one
 * (like a note's body, note-edits.ts), the previous version kept in revisions/. Deleting an item
 * keeps its file as a revision too, so `restoreNoteRevision` brings it back.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { ConflictError, type ItemFields, JingduError } from "../core/index.js";
import { checkNoteFile } from "./note-edits.js";

const store = () => import("../store/index.js");

/** Which fields each kind of file offers in the form. */
export const EDITABLE_FIELDS = {
  paper: ["short", "title", "year", "venue", "arxiv", "doi", "tags", "categories"],
  course: ["title", "tags"],
  episode: ["title"],
} as const satisfies Record<string, readonly (keyof ItemFields)[]>;

export type ItemKind = keyof typeof EDITABLE_FIELDS;

/** A form's save refused because the file changed on disk: the fields on disk now. */
export class FieldsConflictError extends ConflictError {
  readonly disk: ItemFields;
  readonly diskHash: string | null;
  constructor(file: string, disk: { fields: ItemFields; hash: string | null }) {
    super(file);
    this.name = "FieldsConflictError";
    this.disk = disk.fields;
    this.diskHash = disk.hash;
  }
}

async function kindOf(file: string): Promise<ItemKind> {
  const rel = await checkNoteFile(file);
  const kind = (await store()).libraryFileRole(rel)?.kind;
  return kind as ItemKind;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" || typeof v === "number" ? String(v) : undefined;

function fieldsOf(kind: ItemKind, data: Record<string, unknown>): ItemFields {
  const ids = (data.ids ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const all: ItemFields = {
    short: str(data.short) ?? "",
    title: str(data.title) ?? "",
    year: typeof data.year === "number" ? data.year : null,
    venue: str(data.venue) ?? "",
    arxiv: str(ids.arxiv) ?? "",
    doi: str(ids.doi) ?? "",
    tags: list(data.tags),
    categories: list(data.categories),
  };
  return Object.fromEntries(EDITABLE_FIELDS[kind].map((k) => [k, all[k]])) as ItemFields;
}

/** An item's editable fields as its file holds them, with the hash a save sends back. */
export async function readItemFields(
  root: string,
  file: string,
): Promise<{ kind: ItemKind; fields: ItemFields; hash: string | null }> {
  const kind = await kindOf(file);
  const { readNote, parseFrontMatter } = await store();
  const note = await readNote(root, file);
  const data = note.hash === null ? {} : (parseFrontMatter(note.text, file).data ?? {});
  return { kind, fields: fieldsOf(kind, data as Record<string, unknown>), hash: note.hash };
}

function refuse(field: string, message: string): JingduError {
  return new JingduError("bad-field", `${field}: ${message}`, {});
}

/** The front matter keys a form's fields set (undefined: remove), checked one by one. */
function frontMatterOf(
  kind: ItemKind,
  fields: ItemFields,
  before: Record<string, unknown>,
  categoryIds: readonly string[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = (v: string | undefined) =>
    v === undefined || v.trim() === "" ? undefined : v.trim();
  const offered = new Set<string>(EDITABLE_FIELDS[kind]);
  const given = (k: keyof ItemFields) => offered.has(k) && fields[k] !== undefined;
  if (given("short")) {
    const short = text(fields.short);
    if (!short) throw refuse("short", "a paper needs a short name");
    out.short = short;
  }
  if (given("title")) {
    const title = text(fields.title);
    if (!title && kind !== "paper") throw refuse("title", "a title is required");
    out.title = title;
  }
  if (given("venue")) out.venue = text(fields.venue);
  if (given("year")) {
    const y = fields.year === null ? "" : String(fields.year).trim();
    if (y !== "" && !/^\d{4}$/.test(y)) throw refuse("year", "write a year like 2015");
    out.year = y === "" ? undefined : Number(y);
  }
  if (given("arxiv") || given("doi")) {
    const ids = { ...((before.ids ?? {}) as Record<string, unknown>) };
    for (const k of ["arxiv", "doi"] as const) {
      if (!given(k)) continue;
      const v = text(fields[k]);
      if (v === undefined) delete ids[k];
      else ids[k] = v;
    }
    out.ids = Object.keys(ids).length > 0 ? ids : undefined;
  }
  for (const k of ["tags", "categories"] as const) {
    if (!given(k)) continue;
    const values = [...new Set((fields[k] ?? []).map((v) => v.trim()).filter((v) => v !== ""))];
    if (k === "categories" && categoryIds) {
      const unknown = values.find((v) => !categoryIds.includes(v));
      if (unknown !== undefined) {
        throw new JingduError("unknown-category", `no category ${unknown} in categories.yaml`, {
          hint: "Pick one of the library's categories, or add it on the categories page.",
        });
      }
    }
    out[k] = values.length > 0 ? values : undefined;
  }
  return out;
}

export interface SaveItemFieldsOptions {
  root: string;
  /** The paper, course or episode file, relative to the library. */
  file: string;
  fields: ItemFields;
  /** The hash of the file the form was filled from. */
  baseHash: string;
  /** The library's category ids: a paper's categories must be among them. */
  categoryIds?: readonly string[];
  now: () => Date;
}

/**
 * Saves a form's fields into the item's front matter if the file is still the one the form was
 * filled from, keeping the previous version in revisions/; the body and every other key stay.
 * Throws FieldsConflictError (with the fields on disk) when it changed, `bad-field` for a value
 * the file could not hold. Returns the new hash and the keys that changed.
 * @example await saveItemFields({ root, file: "papers/resnet.md", fields: { year: 2016 }, baseHash, now })
 */
export async function saveItemFields(
  opts: SaveItemFieldsOptions,
): Promise<{ hash: string; changed: string[] }> {
  const kind = await kindOf(opts.file);
  const file = await checkNoteFile(opts.file);
  const { readNote, editFrontMatter, saveWithRevision } = await store();
  const note = await readNote(opts.root, file);
  const conflict = async () => {
    const now = await readItemFields(opts.root, file);
    return new FieldsConflictError(file, now);
  };
  if (note.hash === null || note.hash !== opts.baseHash) throw await conflict();
  const before = editFrontMatter(file, note.text, {}).before;
  const set = frontMatterOf(kind, opts.fields, before, opts.categoryIds);
  const edit = editFrontMatter(file, note.text, set);
  const first = edit.errors[0];
  if (first) throw refuse(Object.keys(set).join(", "), first.message);
  const changed = Object.keys(set).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(set[k]),
  );
  if (edit.text === note.text) return { hash: note.hash, changed: [] };
  try {
    const hash = await saveWithRevision(opts.root, file, edit.text, opts.baseHash, opts.now);
    return { hash, changed };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    throw await conflict();
  }
}

/**
 * Deletes a paper or episode file, keeping it as a revision first (under the file's lock), so
 * that `restoreNoteRevision` with the returned revision brings it back byte for byte. Progress
 * and review entries stay, to be found again on a restore.
 * @example const { revision } = await deleteItem({ root, file: "papers/resnet.md", now })
 */
export async function deleteItem(opts: {
  root: string;
  file: string;
  now: () => Date;
}): Promise<{ file: string; revision: string }> {
  const kind = await kindOf(opts.file);
  const file = await checkNoteFile(opts.file);
  if (kind === "course") {
    throw new JingduError("not-deletable", `${file}: a course is deleted with its folder`, {
      hint: "Delete its episodes one by one, or the folder courses/<id>/ in a file manager.",
    });
  }
  const { keepRevision, readBytesIfExists, withFileLock } = await store();
  const path = join(opts.root, file);
  const revision = await withFileLock(path, async () => {
    const bytes = await readBytesIfExists(path);
    if (bytes === null) {
      throw new JingduError("not-a-note", `${file} does not exist (deleted already?)`, {});
    }
    const name = await keepRevision(opts.root, file, bytes, opts.now);
    await rm(path);
    return name;
  });
  return { file, revision };
}
