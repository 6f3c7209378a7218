import type Database from "better-sqlite3";
import { SEARCH_FIELDS } from "../core/index.js";
import {
  countTerm,
  findTerm,
  ftsPhrase,
  queryTerms,
  type TermMatcher,
  termMatcher,
} from "./index-search-text.js";

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
  /** Relevance among the results of the same tier (see searchIndex); higher is better. */
  score: number;
}

const DEFAULT_LIMIT = 20;
/**
 * Most documents ranked per tier (more when a caller asks for more results). SQLite's bm25()
 * reads the statistics of every document that matches, 20,000 of them for a word in every note
 * (15–40 ms), however few are shown. A query instead takes at most this many matches, newest
 * first, straight from the posting lists (a tenth of a millisecond for a whole word) and ranks
 * those from their text. Where a term is rarer than this, as in a real library, every match is
 * ranked; a term in more documents than this says little about any one of them, and the title
 * tier still puts the documents it names first.
 */
const CANDIDATES = 100;
/** Terms are counted in at most this many documents for their idf, for the same reason. */
const DOCUMENT_FREQUENCY_CAP = 1_000;
/** BM25F: the search document's weights of title, summary and body, and the usual k1 and b. */
const WEIGHTS = SEARCH_FIELDS.map((f) => f.weight);
const K1 = 1.2;
const B = 0.75;

interface Candidate {
  id: number;
  kind: SearchKind;
  item_id: string;
  title: string;
  title_text: string;
  summary_text: string;
  body_text: string;
}

interface Ranked {
  doc: Candidate;
  score: number;
  /** The field whose text the snippet shows: the one with the most distinct terms, first wins. */
  field: number;
}

const fieldsOf = (d: Candidate): readonly string[] => [d.title_text, d.summary_text, d.body_text];

/**
 * BM25F over the candidates' stored text: each term's occurrences per field, weighted and
 * normalized by the field's length against its average over the candidates.
 */
function rankCandidates(
  docs: readonly Candidate[],
  terms: readonly TermMatcher[],
  idf: readonly number[],
): Ranked[] {
  const average = WEIGHTS.map(
    (_, f) =>
      docs.reduce((sum, d) => sum + (fieldsOf(d)[f] as string).length, 0) / docs.length || 1,
  );
  const ranked = docs.map((doc) => {
    const fields = fieldsOf(doc).map((text) => text.toLowerCase());
    const distinct = fields.map(() => 0);
    let score = 0;
    terms.forEach((term, t) => {
      let weighted = 0;
      fields.forEach((text, f) => {
        const tf = text === "" ? 0 : countTerm(text, term);
        if (tf === 0) return;
        distinct[f] = (distinct[f] as number) + 1;
        const norm = 1 - B + (B * text.length) / (average[f] as number);
        weighted += ((WEIGHTS[f] as number) * tf) / norm;
      });
      score += ((idf[t] as number) * weighted * (K1 + 1)) / (weighted + K1);
    });
    const field = distinct.indexOf(Math.max(...distinct));
    return { doc, score, field };
  });
  // Stable: equal scores keep the candidates' order, newest first.
  return ranked.sort((a, b) => b.score - a.score);
}

/**
 * Lucene's idf per term, from document frequencies counted up to DOCUMENT_FREQUENCY_CAP, of the
 * whole word (a prefix would merge its words' lists in full just to be counted).
 */
function inverseDocumentFrequencies(db: Database.Database, terms: readonly string[]): number[] {
  // One term ranks the same whatever its idf.
  if (terms.length === 1) return [1];
  const total = (prepared(db, "SELECT count(*) AS n FROM search_docs").get() as { n: number }).n;
  const count = prepared(
    db,
    "SELECT count(*) AS n FROM (SELECT rowid FROM search WHERE search MATCH ? LIMIT ?)",
  );
  return terms.map((term) => {
    const df = (count.get(ftsPhrase(term, false), DOCUMENT_FREQUENCY_CAP) as { n: number }).n;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  });
}

/**
 * A window of `text` around the first term found, each term occurrence in it marked «…». Found
 * with `findTerm` on the lower-cased text, as the ranking counts them: the case-insensitive
 * Unicode regexes this used before cost ~2 ms a query to compile and run, half of a new query.
 */
export function markSnippet(text: string, terms: readonly TermMatcher[], radius = 30): string {
  const lower = text.toLowerCase();
  // Lower-casing can change a text's length (`İ` → `i̇`): then offsets would not match; rare
  // enough to show the start of the text unmarked.
  const usable = lower.length === text.length;
  let first = -1;
  let firstEnd = -1;
  for (const term of usable ? terms : []) {
    const at = findTerm(lower, term);
    if (at >= 0 && (first < 0 || at < first)) {
      first = at;
      firstEnd = at + term.needle.length;
    }
  }
  if (first < 0) return text.slice(0, radius * 2).replace(/\s+/g, " ");
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, firstEnd + radius);
  // Every occurrence inside the window, overlapping ones merged.
  const spans: [number, number][] = [];
  for (const term of terms) {
    for (let at = findTerm(lower, term, start); at >= 0; at = findTerm(lower, term, at + 1)) {
      const to = at + term.needle.length;
      if (to > end) break;
      spans.push([at, to]);
    }
  }
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let marked = "";
  let at = start;
  for (const [from, to] of spans) {
    if (from < at) {
      if (to > at && marked.endsWith("»")) {
        marked = `${marked.slice(0, -1)}${text.slice(at, to)}»`;
        at = to;
      }
      continue;
    }
    marked += `${text.slice(at, from)}«${text.slice(from, to)}»`;
    at = to;
  }
  marked += text.slice(at, end);
  return `${start > 0 ? "…" : ""}${marked.replace(/\s+/g, " ")}${end < text.length ? "…" : ""}`;
}

/**
 * Full-text search over titles, summaries and notes: every term must match (a whole word, a word
 * prefix for the last term, or any Chinese substring). Documents matching all terms in their
 * title or summary come first, then those that need their notes; within each tier, BM25F over at
 * most CANDIDATES matches.
 * @example searchIndex(db, "残差 resid", { limit: 30 })
 */
export function searchIndex(
  db: Database.Database,
  query: string,
  options: SearchOptions = {},
): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const limit = options.limit ?? DEFAULT_LIMIT;
  const kinds = options.kinds ?? [];
  // The last term is the one being typed: a prefix.
  const prefix = (i: number): boolean => i === terms.length - 1;
  const match = terms.map((t, i) => ftsPhrase(t, prefix(i))).join(" AND ");
  const matchers = terms.map((t, i) => termMatcher(t, prefix(i)));
  const idf = inverseDocumentFrequencies(db, terms);
  const kindFilter = kinds.length > 0 ? ` AND d.kind IN (${kinds.map(() => "?").join(", ")})` : "";
  const results: Ranked[] = [];
  const seen = new Set<number>();
  // Tier 1: all terms in the title or summary, ranked by those fields (the notes are neither read
  // nor scored: reading 20,000 notes is the cost this avoids). Tier 2, only when tier 1 did not
  // fill the page: the other matches, ranked with their notes.
  for (const [tier, body] of [
    [`{title summary} : (${match})`, "''"],
    [match, "d.body_text"],
  ] as const) {
    if (results.length >= limit) break;
    const candidates = prepared(
      db,
      `SELECT d.rowid AS id, d.kind, d.item_id, d.title, d.title_text, d.summary_text,
         ${body} AS body_text
       FROM search JOIN search_docs d ON d.rowid = search.rowid
       WHERE search MATCH ?${kindFilter} ORDER BY search.rowid DESC LIMIT ?`,
    );
    const docs = (
      candidates.all(tier, ...kinds, Math.max(CANDIDATES, limit) + seen.size) as Candidate[]
    ).filter((d) => !seen.has(d.id));
    for (const d of docs) seen.add(d.id);
    if (docs.length === 0) continue;
    results.push(...rankCandidates(docs, matchers, idf).slice(0, limit - results.length));
  }
  return results.map(({ doc, score, field }) => ({
    kind: doc.kind,
    id: doc.item_id,
    title: doc.title,
    snippet: markSnippet(fieldsOf(doc)[field] as string, matchers),
    score: Math.round(score * 1000) / 1000,
  }));
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
