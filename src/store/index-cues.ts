/**
 * Transcript cues in the derived index: each cue of `transcripts/<course>/<n>.vtt` is a row with
 * its episode and second, and its text goes into an FTS5 table of its own, tokenized like the
 * items' text (words, and CJK text as character pairs: core's `indexableText`), so that a
 * lecture's words are found with the second they were said at. Items and cues are searched
 * apart: a course of 113 lectures holds 100 times more cues than items, and mixing them would
 * drown the titles and notes in the ranking.
 */
import type Database from "better-sqlite3";
import { type TranscriptCue, transcriptFileRole, type VideoRef } from "../core/index.js";
import { markSnippet } from "./index-search.js";
import { ftsPhrase, indexableText, queryTerms, termMatcher } from "./index-search-text.js";

export const CUE_SCHEMA = `
-- One row per transcript cue; rowid links it to its text in cue_search.
CREATE TABLE cues (
  rowid INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  course_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  start REAL NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX cues_file ON cues(file);
CREATE VIRTUAL TABLE cue_search USING fts5(
  text,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
`;

/** A cue found by a search: its episode, when it is said, and its text with the match marked. */
export interface CueHit {
  courseId: string;
  number: number;
  /** The episode's title ("" when the transcript's episode is not in the library). */
  title: string;
  /** Seconds from the start of the video. */
  start: number;
  /** The cue's text, the match marked `«…»`. */
  snippet: string;
  /** The episode's videos (for a link into the video at `start`). */
  videos: VideoRef[];
}

export function prepareCueStatements(db: Database.Database) {
  return {
    deleteCueSearch: db.prepare(
      "DELETE FROM cue_search WHERE rowid IN (SELECT rowid FROM cues WHERE file = ?)",
    ),
    deleteCues: db.prepare("DELETE FROM cues WHERE file = ?"),
    insertCue: db.prepare(
      "INSERT INTO cues (file, course_id, number, start, text) VALUES (?, ?, ?, ?, ?)",
    ),
    insertCueSearch: db.prepare("INSERT INTO cue_search (rowid, text) VALUES (?, ?)"),
  };
}

type CueStatements = ReturnType<typeof prepareCueStatements>;

/** Removes a transcript file's cues (nothing to do for a path that is not a transcript's). */
export function deleteCueRows(s: CueStatements, file: string): void {
  // Cues come only from transcript files, whose role is their path: the two deletes cost
  // ~40 µs a file, 0.24 s of a 2,000-paper import's index, for files that can hold none.
  if (!transcriptFileRole(file)) return;
  s.deleteCueSearch.run(file);
  s.deleteCues.run(file);
}

/** Writes a transcript file's cues (nothing for a path that is not a transcript's). */
export function insertCueRows(
  s: CueStatements,
  file: string,
  cues: readonly TranscriptCue[],
): void {
  const role = transcriptFileRole(file);
  if (!role) return;
  for (const cue of cues) {
    const text = cue.text.replace(/\s*\n\s*/g, " ");
    const info = s.insertCue.run(file, role.courseId, role.number, cue.start, text);
    s.insertCueSearch.run(info.lastInsertRowid, indexableText(text));
  }
}

interface CueRow {
  course_id: string;
  number: number;
  start: number;
  text: string;
  title: string | null;
  json: string | null;
}

/**
 * Cues whose text has every term of the query (as `searchIndex` matches items: whole words, the
 * last a prefix, any Chinese substring, a single Chinese character too), in the order they were
 * indexed: by course, episode and time. Reads the posting lists only as far as `limit` needs.
 * @example searchCues(db, "梯度", { limit: 20 })[0] // { courseId: "limu", number: 57, start: 754, … }
 */
export function searchCues(
  db: Database.Database,
  query: string,
  options: { limit?: number } = {},
): CueHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const last = terms.length - 1;
  const match = terms.map((t, i) => ftsPhrase(t, i === last)).join(" AND ");
  const matchers = terms.map((t, i) => termMatcher(t, i === last));
  const rows = searchStatement(db).all(match, options.limit ?? 20) as CueRow[];
  return rows.map((r) => ({
    courseId: r.course_id,
    number: r.number,
    title: r.title ?? "",
    start: r.start,
    snippet: markSnippet(r.text, matchers),
    videos: r.json ? ((JSON.parse(r.json) as { videos?: VideoRef[] }).videos ?? []) : [],
  }));
}

const searchStatements = new WeakMap<Database.Database, Database.Statement>();

function searchStatement(db: Database.Database): Database.Statement {
  let statement = searchStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `SELECT c.course_id, c.number, c.start, c.text, e.title, e.json
       FROM cue_search JOIN cues c ON c.rowid = cue_search.rowid
       LEFT JOIN episodes e ON e.course_id = c.course_id AND e.number = c.number
       WHERE cue_search MATCH ? ORDER BY cue_search.rowid LIMIT ?`,
    );
    searchStatements.set(db, statement);
  }
  return statement;
}
