import type Database from "better-sqlite3";

export type SearchKind = "paper" | "episode" | "course";

export interface SearchOptions {
  /** Most results to return (default 20). */
  limit?: number;
  kinds?: readonly SearchKind[];
}

export interface SearchResult {
  kind: SearchKind;
  /** Paper or course id, or `course/N` for an episode. */
  id: string;
  title: string;
  /** Text around the match, the match marked `«…»`. */
  snippet: string;
  /** Higher is better. */
  score: number;
}

const DEFAULT_LIMIT = 20;
/** The trigram tokenizer matches substrings of 3 characters or more; shorter terms use LIKE. */
const MIN_TRIGRAM = 3;

const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const ftsPhrase = (term: string): string => `"${term.replaceAll('"', '""')}"`;

interface Row {
  kind: SearchKind;
  item_id: string;
  doc_title: string;
}

/** A window of `text` around the first term found, each term occurrence marked «…». */
export function markSnippet(text: string, terms: readonly string[], radius = 30): string {
  const lower = text.toLowerCase();
  const lowered = terms.map((t) => t.toLowerCase());
  const hits = lowered.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  if (hits.length === 0) return text.slice(0, radius * 2);
  const first = Math.min(...hits);
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius);
  const windowText = text.slice(start, end);
  const pattern = new RegExp(
    lowered.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "gi",
  );
  const marked = windowText.replace(pattern, (m) => `«${m}»`).replace(/\s+/g, " ");
  return `${start > 0 ? "…" : ""}${marked}${end < text.length ? "…" : ""}`;
}

/**
 * Full-text search over titles, summaries and notes: bm25-ranked trigram matches (Chinese
 * substrings included); a query with only terms shorter than 3 characters scans with LIKE.
 */
export function searchIndex(
  db: Database.Database,
  query: string,
  options: SearchOptions = {},
): SearchResult[] {
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((t) => t !== "");
  if (terms.length === 0) return [];
  const limit = options.limit ?? DEFAULT_LIMIT;
  const long = terms.filter((t) => [...t].length >= MIN_TRIGRAM);
  const short = terms.filter((t) => [...t].length < MIN_TRIGRAM);
  const where: string[] = [];
  const params: unknown[] = [];
  if (long.length > 0) {
    where.push("search MATCH ?");
    params.push(long.map(ftsPhrase).join(" AND "));
  }
  for (const term of short) {
    where.push(
      "(search.title LIKE ? ESCAPE '\\' OR search.summary LIKE ? ESCAPE '\\' OR search.body LIKE ? ESCAPE '\\')",
    );
    const p = likePattern(term);
    params.push(p, p, p);
  }
  if (options.kinds && options.kinds.length > 0) {
    where.push(`d.kind IN (${options.kinds.map(() => "?").join(", ")})`);
    params.push(...options.kinds);
  }
  const from = "FROM search JOIN search_docs d ON d.rowid = search.rowid";
  if (long.length > 0) {
    const rows = prepared(
      db,
      `SELECT d.kind, d.item_id, d.title AS doc_title,
         snippet(search, -1, '«', '»', '…', 12) AS snippet,
         bm25(search, 10.0, 4.0, 1.0) AS rank
       ${from} WHERE ${where.join(" AND ")} ORDER BY rank LIMIT ?`,
    ).all(...params, limit) as (Row & { snippet: string; rank: number })[];
    return rows.map((r) => ({
      kind: r.kind,
      id: r.item_id,
      title: r.doc_title,
      snippet: short.length > 0 ? markSnippet(r.snippet.replace(/[«»]/g, ""), terms) : r.snippet,
      score: -r.rank,
    }));
  }
  // Only short terms: SQLite scans and scores (title 4, summary 2, body 1 when any short term is
  // in it), and only the rows returned are read into JS for their snippet.
  const any = (column: string): string =>
    `(${short.map(() => `${column} LIKE ? ESCAPE '\\'`).join(" OR ")})`;
  const patterns = short.map(likePattern);
  const rows = prepared(
    db,
    `SELECT d.kind, d.item_id, d.title AS doc_title, search.rowid AS id,
       (${any("search.title")}) * 4 + (${any("search.summary")}) * 2 + (${any("search.body")}) AS score
     ${from} WHERE ${where.join(" AND ")}
     ORDER BY score DESC, d.title, d.rowid LIMIT ?`,
  ).all(...patterns, ...patterns, ...patterns, ...params, limit) as (Row & {
    id: number;
    score: number;
  })[];
  const text = prepared(
    db,
    "SELECT title AS t, summary AS s, body AS b FROM search WHERE rowid = ?",
  );
  return rows.map((r) => {
    const { t, s, b } = text.get(r.id) as { t: string; s: string; b: string };
    const source = r.score % 2 === 1 ? b : r.score % 4 >= 2 ? s : t;
    return {
      kind: r.kind,
      id: r.item_id,
      title: r.doc_title,
      snippet: markSnippet(source, short),
      score: r.score,
    };
  });
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement prepared once per database and SQL text (queries differ only in their shape). */
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 64) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
