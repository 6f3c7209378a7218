/**
 * How search text becomes terms, shared by the app's SQLite index (store/index-search-text.ts,
 * FTS5 with `unicode61 remove_diacritics 2`) and the static site's split index
 * (app/search-split.ts), so that both find the same items. Latin text is split into words, case
 * and diacritics folded. Chinese, Japanese and Korean are written without spaces, so their runs
 * become overlapping character pairs (bigrams, as Lucene's CJK analyzer does) and the run's last
 * character alone, so that a single-character query finds a run's last character too.
 */

/** Scripts written without spaces between words. */
export const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
export const CJK_START =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
export const CJK_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

/** A CJK run as its consecutive pairs, then (if `lastAlone`) its last character alone. */
export function cjkPairs(run: string, lastAlone: boolean): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  if (lastAlone || chars.length === 1) out.push(chars[chars.length - 1] as string);
  return out;
}

/**
 * Text as the SQLite index stores it: CJK runs become their character pairs; the rest is left to
 * FTS5's tokenizer.
 * @example indexableText("ResNet 残差网络") // "ResNet  残差 差网 网络 络 "
 */
export function indexableText(text: string): string {
  return text.replace(CJK_RUN, (run) => ` ${cjkPairs(run, true).join(" ")} `);
}

/** What `unicode61` keeps in a token: letters, numbers and private-use characters. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const MARKS = /\p{M}/gu;

/** A token folded as `unicode61 remove_diacritics 2` folds it: lower case, no diacritics. */
export function foldToken(token: string): string {
  return token.normalize("NFD").replace(MARKS, "").toLowerCase();
}

/**
 * The terms of a text in order, as FTS5 sees `indexableText(text)`: the site's split index
 * posts exactly these, so a term is found in the same items by both.
 * @example searchTokens("ResNet 残差网络") // ["resnet", "残差", "差网", "网络", "络"]
 */
export function searchTokens(text: string): string[] {
  return wordTokens(indexableText(text));
}

/** The folded tokens of text whose CJK runs are already pairs (its words as `unicode61` splits them). */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize("NFD").replace(MARKS, "").matchAll(TOKEN)) {
    out.push(m[0].toLowerCase());
  }
  return out;
}

/** One query term as the consecutive tokens it must match, the last perhaps as a prefix. */
export interface TermTokens {
  tokens: string[];
  /** The last token matches any token it begins (`resid` → `residual`; `残` → `残差`). */
  lastIsPrefix: boolean;
}

/**
 * A query term as tokens, as `ftsPhrase` (store) turns it into an FTS5 phrase: a CJK run inside
 * the term keeps its last character alone as indexed text does; one that ends the term does not,
 * so that `残差` matches inside `残差网络`; a lone CJK character at the end, or the term being
 * typed (`prefix`) when it ends in a word, matches as a prefix.
 */
export function termTokens(term: string, prefix: boolean): TermTokens {
  let loneLast = false;
  const text = term.replace(CJK_RUN, (run, offset: number) => {
    const last = offset + run.length === term.length;
    if (last) loneLast = [...run].length === 1;
    return ` ${cjkPairs(run, !last).join(" ")} `;
  });
  return {
    tokens: wordTokens(text),
    lastIsPrefix: loneLast || (prefix && !CJK_END.test(term)),
  };
}
