import { describe, expect, it } from "vitest";
import { createRandom } from "../../../bench/paper-library.js";
import { textTokens, textTokensPlain } from "./tokens.js";

// Pieces a source line is made of: ASCII words and numbers, CJK, accents, full-width forms
// (NFKC folds them to ASCII), combining marks, digits of other scripts, punctuation, markup.
const PIECES = [
  "ResNet",
  "deep",
  "2016",
  "v2",
  "BERT",
  "x86",
  "深度学习",
  "残差",
  "の",
  "학습",
  "é",
  "e\u0301",
  "Ｒｅｓ",
  "１２",
  "٣",
  "İ",
  "ß",
  "Ωmega",
  " ",
  "  ",
  "-",
  "**",
  "[",
  "](",
  "https://a.b/c",
  "⭐",
  "（",
  "）",
  "\t",
  "_",
  "1.5",
  "P45",
  "Straße",
  "𠀀",
  "ﬁ",
];

describe("textTokens", () => {
  it("gives the words the plain character-by-character path gives, over 5,000 random lines", () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const next = createRandom(seed);
      const parts: string[] = [];
      const n = 1 + Math.floor(next() * 12);
      for (let i = 0; i < n; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)] as string);
      const line = parts.join(next() < 0.5 ? "" : " ");
      expect([...textTokens(line)].sort(), `seed ${seed}: ${JSON.stringify(line)}`).toEqual(
        [...textTokensPlain(line)].sort(),
      );
    }
  });

  it("reads words, CJK pairs and leaves pure numbers out", () => {
    expect([...textTokens("ResNet 深度学习 2016 v2")].sort()).toEqual(
      ["resnet", "v2", "度学", "深度", "学习"].sort(),
    );
  });
});
