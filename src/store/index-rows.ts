/**
 * The rows a parsed library file gives the index (index-db.ts): its search document and the row
 * of its kind. Part of the index's version (`indexSchemaVersion` hashes these functions' code).
 */
import { type SearchableItem, searchDocument } from "../core/index.js";
import { indexableText } from "./index-search-text.js";
import type { Statements } from "./index-statements.js";
import type { ParsedLibraryFile } from "./parse-file.js";

/**
 * An item's row as JSON, keys sorted at every depth: the same string for an item parsed from its
 * file (keys in the schema's order) and for the item a command wrote the file from (`written`).
 */
export const json = ({
  at: _at,
  notes: _notes,
  ...rest
}: {
  at?: unknown;
  notes?: unknown;
}): string =>
  JSON.stringify(rest, (_key, value: unknown) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = (value as Record<string, unknown>)[key];
    return sorted;
  });

export function insertRows(s: Statements, f: ParsedLibraryFile): void {
  const item = searchableItem(f);
  if (item) {
    const d = searchDocument(item);
    const info = s.insertDoc.run(f.file, d.kind, d.id, d.name, d.title, d.summary, d.body);
    s.insertSearch.run(
      info.lastInsertRowid,
      indexableText(d.title),
      indexableText(d.summary),
      indexableText(d.body),
    );
  }
  if (f.kind === "settings" && f.settings) {
    s.insertSettings.run(f.file, f.settings.title, f.settings.language, JSON.stringify(f.settings));
  } else if (f.kind === "categories" && f.categories) {
    for (const c of f.categories) s.insertCategory.run(f.file, c.id, c.name, c.order);
  } else if (f.kind === "paper" && f.paper) {
    const p = f.paper;
    s.insertPaper.run(
      f.file,
      p.id,
      p.short,
      p.title ?? null,
      p.year ?? null,
      p.categories[0] ?? null,
      p.covered ? 1 : 0,
      json(p),
    );
  } else if (f.kind === "course" && f.course) {
    const c = f.course;
    s.insertCourse.run(f.file, c.id, c.title, json(c));
  } else if (f.kind === "episode" && f.episode) {
    const e = f.episode;
    s.insertEpisode.run(
      f.file,
      e.courseId,
      e.number,
      e.title,
      e.runtime ?? null,
      e.date ?? null,
      json(e),
    );
  }
}

/** The item of a file the app searches: papers, courses and episodes (not categories). */
export function searchableItem(f: ParsedLibraryFile): SearchableItem | undefined {
  if (f.kind === "paper" && f.paper) return { kind: "paper", paper: f.paper };
  if (f.kind === "course" && f.course) return { kind: "course", course: f.course };
  if (f.kind === "episode" && f.episode) return { kind: "episode", episode: f.episode };
  return undefined;
}
