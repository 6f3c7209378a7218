import type { Token } from "markdown-it";

/** The text a reader sees in inline tokens, formulas as their TeX source (for alt, TOC). */
export function plainText(tokens: readonly Token[]): string {
  let text = "";
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "code_inline":
      case "math_inline":
      case "library_link":
        text += token.content;
        break;
      case "image":
        text += plainText(token.children ?? []);
        break;
      case "softbreak":
      case "hardbreak":
        text += " ";
        break;
    }
  }
  return text;
}
