import type Database from "better-sqlite3";
import { deleteCueRows, prepareCueStatements } from "./index-cues.js";

/** The index's prepared statements (index-db.ts fills and reads the tables with them). */
export function prepareStatements(db: Database.Database) {
  return {
    // Rows as arrays and without the hash: for 100,000 files, objects with hashes took ~1 s of
    // `jingdu search`'s refresh, these ~0.3 s (issue 22).
    knownFiles: db.prepare("SELECT path, size, mtime_ms, ctime_ms FROM files").raw(),
    knownFile: db.prepare("SELECT path, size, mtime_ms, ctime_ms FROM files WHERE path = ?").raw(),
    knownHash: db.prepare("SELECT hash FROM files WHERE path = ?").pluck(),
    upsertFile: db.prepare(
      "INSERT OR REPLACE INTO files (path, kind, size, mtime_ms, ctime_ms, hash) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    deleteFile: db.prepare("DELETE FROM files WHERE path = ?"),
    deleteSettings: db.prepare("DELETE FROM settings WHERE file = ?"),
    deleteCategories: db.prepare("DELETE FROM categories WHERE file = ?"),
    deletePaper: db.prepare("DELETE FROM papers WHERE file = ?"),
    deleteCourse: db.prepare("DELETE FROM courses WHERE file = ?"),
    deleteEpisode: db.prepare("DELETE FROM episodes WHERE file = ?"),
    docOf: db.prepare("SELECT rowid FROM search_docs WHERE file = ?").pluck(),
    deleteDoc: db.prepare("DELETE FROM search_docs WHERE rowid = ?"),
    deleteSearch: db.prepare("DELETE FROM search WHERE rowid = ?"),
    insertSettings: db.prepare(
      "INSERT INTO settings (file, title, language, json) VALUES (?, ?, ?, ?)",
    ),
    insertCategory: db.prepare("INSERT INTO categories (file, id, name, ord) VALUES (?, ?, ?, ?)"),
    insertPaper: db.prepare(
      "INSERT INTO papers (file, id, short, title, year, primary_category, covered, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    insertCourse: db.prepare("INSERT INTO courses (file, id, title, json) VALUES (?, ?, ?, ?)"),
    insertEpisode: db.prepare(
      "INSERT INTO episodes (file, course_id, number, title, runtime, date, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertDoc: db.prepare(
      "INSERT INTO search_docs (file, kind, item_id, title, title_text, summary_text, body_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertSearch: db.prepare(
      "INSERT INTO search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
    ),
    ...prepareCueStatements(db),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export function deleteRows(s: Statements, file: string): void {
  s.deleteSettings.run(file);
  s.deleteCategories.run(file);
  s.deletePaper.run(file);
  s.deleteCourse.run(file);
  s.deleteEpisode.run(file);
  deleteCueRows(s, file);
  const rowid = s.docOf.get(file) as number | undefined;
  if (rowid !== undefined) {
    s.deleteSearch.run(rowid);
    s.deleteDoc.run(rowid);
  }
}
