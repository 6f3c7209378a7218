import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeTex, encodeTexChars } from "./tex-text.js";

/** Characters that reach every branch: plain letters, capitals, digits, TeX specials, math, accents, CJK, dashes, spaces. */
const CHARS = [..."aZbQ09 -',.:;()&%#_{}~\\$^äöüéÅßæ中文–—\u00a0\n\t"];
const texts = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((cs) => cs.join(""));
const plainWords = fc
  .array(
    fc.constantFrom("deep", "Residual", "learning", "BERT", "GaN", "3D", "x2", "-", " ", ", "),
    {
      maxLength: 12,
    },
  )
  .map((ws) => ws.join(""));

describe("encodeTex", () => {
  it("writes the same as character by character, for any text and options (fast-check)", () => {
    for (const arb of [texts, plainWords]) {
      fc.assert(
        fc.property(arb, fc.boolean(), fc.boolean(), (text, ascii, protectCase) => {
          const opts = { ascii, protectCase };
          expect(encodeTex(text, opts)).toBe(encodeTexChars(text, opts));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it("escapes what TeX reads as commands and keeps math and plain words", () => {
    expect(encodeTex("Deep Residual Learning")).toBe("Deep Residual Learning");
    expect(encodeTex("BERT & GaN", { protectCase: true })).toBe("{BERT} \\& {GaN}");
    expect(encodeTex("50% of $O(n^2)$ #1")).toBe("50\\% of $O(n^2)$ \\#1");
    expect(encodeTex("Gödel", { ascii: true })).toBe('G{\\"o}del');
  });
});
