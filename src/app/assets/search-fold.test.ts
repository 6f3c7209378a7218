/**
 * The snippets' fold in one normalization against the plain fold a character at a time: the same
 * folded text and the same place in the text for each folded character, over many texts, most
 * of which fold character for character (the one-normalization path) and some not.
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../bench/paper-library.js";
import { type Folded, folded, foldedByChar } from "./search-fold.js";

const r = createRandom(23);
/** Characters that fold in place, and characters that do not (NFKC, lower case, Σ, surrogates). */
const PLAIN = ["a", "Z", "é", "ß", " ", "残", "差", "网", "-", "7", "Ω", "ж", "\u0301"];
const ODD = ["ﬁ", "…", "Σ", "ς", "İ", "Ａ", "𝐀", "😀", "e\u0301", "ẞ", "ǅ", "㎏", "Ⅻ"];

const places = (f: Folded) =>
  Array.from({ length: f.text.length }, (_, k) => [f.from(k), f.to(k)] as const);

describe("the search page's snippet fold", () => {
  it("folds as the plain fold does, place for place", () => {
    let fast = 0;
    for (let t = 0; t < 2000; t++) {
      const odd = t % 2 === 1;
      const length = Math.floor(r() * 40);
      let text = "";
      for (let i = 0; i < length; i++) {
        const pool = odd && r() < 0.2 ? ODD : PLAIN;
        text += pool[Math.floor(r() * pool.length)];
      }
      const plain = foldedByChar(text);
      const made = folded(text);
      expect(made.text, JSON.stringify(text)).toBe(plain.text);
      expect(places(made), JSON.stringify(text)).toEqual(places(plain));
      if (text.normalize("NFKC") === text && !/[\u03a3\ud800-\udfff]/.test(text)) fast++;
    }
    expect(fast).toBeGreaterThan(500); // the one-normalization path was taken, often
  });
});
