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

export function textTokens(text: string, into: Set<string> = new Set()): Set<string> {
  const t = text.normalize("NFKC").toLowerCase();
  for (const m of t.matchAll(WORD)) {
    const run = m[0];
    let latin = "";
    let cjk = "";
    const flushLatin = () => {
      if (latin !== "" && !/^\d+$/.test(latin)) into.add(latin);
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
  return into;
}
