/**
 * The site search's snippets fold text as a query is folded (NFKC, lower case) and mark a match
 * found in the folded text in the text itself. Both functions run as they are in the browser
 * (search-script.ts embeds their source): they use nothing from outside but each other.
 */

/** Text folded, and where its folded characters came from (`from`, `to`: places in `text`). */
export interface Folded {
  text: string;
  from(k: number): number;
  to(k: number): number;
}

/**
 * The plain fold: a character at a time, each mapped to its place. NFKC changes lengths ("…" is
 * "...", "ﬁ" is "fi"), so the folded text's places are not the text's.
 */
export function foldedByChar(text: string): Folded {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    const n = ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    out += n;
    i += ch.length;
  }
  return { text: out, from: (k) => from[k] as number, to: (k) => to[k] as number };
}

/**
 * `foldedByChar`'s answer, made in one normalization where the text folds character for
 * character (no character NFKC changes, none whose lower case is longer or depends on its
 * neighbours as Σ's does, no pair of surrogates): each folded character is then the one at its
 * place, and no map of places is made (a normalization a character costs milliseconds over a
 * query's 20 records).
 */
export function folded(text: string): Folded {
  const whole = text.normalize("NFKC");
  const lower = whole.toLowerCase();
  if (whole === text && lower.length === text.length && !/[\ud800-\udfff\u03a3]/.test(text)) {
    return { text: lower, from: (k) => k, to: (k) => k + 1 };
  }
  return foldedByChar(text);
}
