/**
 * The derived index's tables. Every row names the file it came from, so a changed or deleted file
 * replaces or removes exactly its rows. The index's version (`user_version`) is derived from
 * these tables and from what fills them (index-db.ts), never bumped by hand: an index made by
 * other code is deleted and rebuilt.
 */
import { createHash } from "node:crypto";

export const INDEX_SCHEMA = `
CREATE TABLE files (
  path TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  ctime_ms REAL NOT NULL,
  hash TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (file TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, json TEXT NOT NULL);

CREATE TABLE categories (
  file TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  ord INTEGER NOT NULL
);
CREATE INDEX categories_file ON categories(file);

CREATE TABLE papers (
  file TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  short TEXT NOT NULL,
  title TEXT,
  year INTEGER,
  primary_category TEXT,
  covered INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX papers_id ON papers(id);
CREATE INDEX papers_category ON papers(primary_category);

CREATE TABLE courses (
  file TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX courses_id ON courses(id);

CREATE TABLE episodes (
  file TEXT PRIMARY KEY,
  course_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  runtime INTEGER,
  date TEXT,
  json TEXT NOT NULL
);
CREATE INDEX episodes_course ON episodes(course_id, number);

-- One searchable document per item; rowid links it to its file. It keeps the text as written,
-- for snippets and for ranking the candidates a query retrieves (index-search.ts).
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  title_text TEXT NOT NULL,
  summary_text TEXT NOT NULL,
  body_text TEXT NOT NULL
);
-- The inverted index of search_docs' text as indexableText() writes it: words (case and
-- diacritics folded) and CJK character pairs. It stores no text of its own (search_docs has it);
-- prefix indexes of 1 and 2 characters make the first keystrokes of a search one posting list.
CREATE VIRTUAL TABLE search USING fts5(
  title, summary, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
`;

/**
 * A version number for an index made by `definition` (the DDL and the code that fills the tables:
 * the search document, the text transform, the row writer): the first 31 bits of their SHA-256,
 * so any change to them gives another `user_version` (a 32-bit signed integer in SQLite).
 * @example indexSchemaVersion([INDEX_SCHEMA, String(searchDocument)]) // 1593221074
 */
export function indexSchemaVersion(definition: readonly string[]): number {
  const hash = createHash("sha256");
  for (const part of definition) hash.update(part).update("\0");
  // 0 is what SQLite reports for a database that was never given a version.
  return hash.digest().readUInt32BE(0) >>> 1 || 1;
}
