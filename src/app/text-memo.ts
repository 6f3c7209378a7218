import { createHash } from "node:crypto";

/**
 * Texts from this length on are kept by their SHA-256 instead of themselves. The web app reads
 * notes from disk when a page needs them (lazy notes): a memo keyed by the whole text held every
 * note it was ever asked about, 20,000 notes and 24 MB of the server's heap at 20,000 papers
 * (the backlinks and tags scan them all), which the notes' staying on disk was meant to save.
 */
const DIGEST_FROM = 200;

/** A text's key by digest: itself when short, else its digest (never a short text's key). */
function keyOf(text: string): string {
  if (text.length < DIGEST_FROM && text.charCodeAt(0) !== 0) return text;
  return `\0${createHash("sha256").update(text).digest("base64")}`;
}

/**
 * Values computed from a text (a note), kept by the text's content: a note that did not change
 * is not converted again, and as the key is the whole text (or its SHA-256), a changed note can
 * never get an old value. Two generations of at most `size` texts each, so texts no longer asked
 * for are dropped. `byDigest`: long texts are kept by their SHA-256, for a value much smaller
 * than its text (a note's tags and links), so the memo does not hold the notes; a lookup then
 * hashes the text (~1–3 µs a note), where a text held elsewhere is otherwise found at once.
 * @example const plain = textMemo((md) => strip(md)); plain(note)
 */
export function textMemo<V>(
  compute: (text: string) => V,
  opts: { size?: number; byDigest?: boolean } = {},
): (text: string) => V {
  const size = opts.size ?? 20_000;
  const keyBy = opts.byDigest ? keyOf : (text: string) => text;
  let known = new Map<string, V>();
  let older = new Map<string, V>();
  return (text) => {
    const key = keyBy(text);
    let value = known.get(key);
    if (value === undefined) {
      // A value kept by digest is copied: strings cut from the text by a regex (a tag, a URL)
      // are V8 slices that would keep the whole text alive.
      value = older.has(key)
        ? (older.get(key) as V)
        : opts.byDigest
          ? structuredClone(compute(text))
          : compute(text);
      if (known.size >= size) [older, known] = [known, new Map()];
      known.set(key, value);
    }
    return value;
  };
}
