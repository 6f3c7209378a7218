/**
 * The text the search index holds, and the queries that match it. Latin text is indexed by word
 * (SQLite's `unicode61` tokenizer: case and diacritics folded), so a word is one posting list; a
 * query's terms are whole words except the last, a word prefix (search as you type, as
 * Elasticsearch's `bool_prefix`). Chinese, Japanese and Korean are written
 * without spaces, so their runs are indexed as overlapping character pairs (bigrams, as Lucene's
 * CJK analyzer does): any substring of two or more characters is a phrase of consecutive pairs,
 * and a single character is the prefix of a pair. The tokenizing is core's (search-tokens.ts),
 * which the static site's split index shares.
 */
import { CJK_END, CJK_RUN, CJK_START, cjkPairs, indexableText } from "../core/index.js";

export { indexableText };

/** What `unicode61` keeps as part of a token; a term without any matches nothing. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

const pairs = (run: string, lastAlone: boolean): string =>
  ` ${cjkPairs(run, lastAlone).join(" ")} `;

/** The whitespace-separated terms of a query that can match anything. */
export function queryTerms(query: string): string[] {
  return query
    .trim()
    .split(/\s+/)
    .filter((t) => WORD_CHAR.test(t));
}

/**
 * One query term as an FTS5 phrase. A CJK run inside the term keeps its last character alone as
 * the indexed text does; one that ends the term does not, so that `残差` matches inside `残差网络`.
 * The last token is a prefix when `prefix` is set (the term being typed) or when it is a lone CJK
 * character; otherwise the phrase is whole words, each one posting list that SQLite reads only as
 * far as it needs (a prefix merges every matching word's list in full first).
 * @example ftsPhrase("残差网络", false) // '" 残差 差网 网络 "'
 */
export function ftsPhrase(term: string, prefix: boolean): string {
  let loneLast = false;
  const text = term.replace(CJK_RUN, (run, offset: number) => {
    const last = offset + run.length === term.length;
    if (last) loneLast = [...run].length === 1;
    return pairs(run, !last);
  });
  const star = loneLast || (prefix && !CJK_END.test(term)) ? "*" : "";
  return `"${text.replaceAll('"', '""')}"${star}`;
}

/** A query term as it is looked for in the stored text, as the index matches it. */
export interface TermMatcher {
  /** The term in lower case, to find in lower-cased text. */
  needle: string;
  /** Latin text matches at a word's start, and also at its end unless the term is a prefix. */
  wordStart: boolean;
  wordEnd: boolean;
}

export function termMatcher(term: string, prefix: boolean): TermMatcher {
  const wordStart = !CJK_START.test(term);
  const wordEnd = !prefix && !CJK_END.test(term);
  return { needle: term.toLowerCase(), wordStart, wordEnd };
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (Number.isNaN(code)) return false;
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return WORD_CHAR.test(text[at] as string);
}

/** Where a term occurs in lower-cased text from `from` on, as the index matches it; -1 if not. */
export function findTerm(lowerText: string, term: TermMatcher, from = 0): number {
  const { needle, wordStart, wordEnd } = term;
  for (let at = lowerText.indexOf(needle, from); at >= 0; at = lowerText.indexOf(needle, at + 1)) {
    if (wordStart && isWordChar(lowerText, at - 1)) continue;
    if (wordEnd && isWordChar(lowerText, at + needle.length)) continue;
    return at;
  }
  return -1;
}

/** How often a term occurs in lower-cased text (a plain search: ranking counts many texts). */
export function countTerm(lowerText: string, term: TermMatcher): number {
  let n = 0;
  for (let at = findTerm(lowerText, term); at >= 0; at = findTerm(lowerText, term, at + 1)) n++;
  return n;
}
