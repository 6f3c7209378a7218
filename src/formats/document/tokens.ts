/**
 * The words of a text, as the coverage check compares them: Latin-script words and numbers with
 * letters, and CJK as character pairs (a Chinese sentence has no spaces; a pair found in the
 * output is strong evidence its text arrived). Pure digits are left out: dates, runtimes and
 * counts are read into fields whose written form differs (`3/30/23` → 2023-03-30).
 */

/** Han, kana and Hangul by code point: a regex test per character was the check's hot spot. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** A run of ASCII letters and digits only (the text is lower-cased first). */
const ASCII_WORD = /^[0-9a-z]+$/;
const DIGITS = /^\d+$/;

export function textTokens(text: string, into: Set<string> = new Set()): Set<string> {
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(WORD)) {
    const run = m[0];
    // Most runs are ASCII words: no CJK in them, so the run is the word (a 2,000-paper list
    // spent a third of its coverage check splitting such runs character by character).
    if (ASCII_WORD.test(run)) {
      if (!DIGITS.test(run)) into.add(run);
    } else addRun(run, into);
  }
  return into;
}

/** `textTokens` without its ASCII fast path: every run split character by character (tests). */
export function textTokensPlain(text: string, into: Set<string> = new Set()): Set<string> {
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(WORD)) addRun(m[0], into);
  return into;
}

/** One run of letters and digits: its Latin words and its CJK character pairs. */
function addRun(run: string, into: Set<string>): void {
  let latin = "";
  let cjk = "";
  const flushLatin = () => {
    if (latin !== "" && !DIGITS.test(latin)) into.add(latin);
    latin = "";
  };
  const flushCjk = () => {
    if (cjk.length === 1) into.add(cjk);
    for (let i = 0; i + 1 < cjk.length; i++) into.add(cjk.slice(i, i + 2));
    cjk = "";
  };
  for (const ch of run) {
    if (isCjk(ch.codePointAt(0) as number)) {
      flushLatin();
      cjk += ch;
    } else {
      flushCjk();
      latin += ch;
    }
  }
  flushLatin();
  flushCjk();
}
