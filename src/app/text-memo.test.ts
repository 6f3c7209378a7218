import { describe, expect, it } from "vitest";
import { textMemo } from "./text-memo.js";

/** A deterministic stream of texts: short and long, edited in place, NUL-led, repeated. */
function texts(count: number): string[] {
  let state = 7;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pool = [
    "",
    "#tag",
    "\0short",
    "残差 #残差 see [[resnet]]",
    "x".repeat(199),
    "x".repeat(200),
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = pool[Math.floor(random() * pool.length)] ?? "";
    const r = random();
    if (r < 0.3) out.push(base);
    else if (r < 0.6) out.push(`${base} #t${Math.floor(random() * 50)} ${"word ".repeat(60)}`);
    else if (r < 0.8) out.push(`\0${"a".repeat(Math.floor(random() * 400))}`);
    else {
      // One character changed in a long text: the same length, another digest.
      const long = `${"note ".repeat(80)}#k${Math.floor(random() * 5)}`;
      out.push(
        long.slice(0, 100) + String.fromCharCode(65 + Math.floor(random() * 3)) + long.slice(101),
      );
    }
  }
  return out;
}

describe("textMemo", () => {
  const scan = (text: string) => ({
    tags: [...text.matchAll(/#([^\s#]+)/g)].map((m) => m[1]),
    length: text.length,
  });

  for (const byDigest of [false, true]) {
    it(`answers as the plain computation over 5,000 texts and edits (byDigest: ${byDigest})`, () => {
      let computed = 0;
      const memo = textMemo(
        (text) => {
          computed++;
          return scan(text);
        },
        { size: 64, byDigest },
      );
      const seen = new Set<string>();
      let fresh = 0;
      for (const text of texts(5_000)) {
        if (!seen.has(text)) fresh++;
        seen.add(text);
        expect(memo(text)).toEqual(scan(text));
      }
      // Texts repeat: the memo spared computations, and never more than it was asked.
      expect(computed).toBeLessThan(5_000);
      expect(computed).toBeGreaterThanOrEqual(fresh);
    });
  }

  it("computes a text once while it is asked for", () => {
    let computed = 0;
    const memo = textMemo(() => ++computed, { byDigest: true });
    const long = "a note ".repeat(100);
    expect([memo(long), memo(`${long}`), memo("a note ".repeat(100))]).toEqual([1, 1, 1]);
    expect(memo(`${long}!`)).toBe(2);
  });
});
