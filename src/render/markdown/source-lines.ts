import type { MarkdownIt, StateCore, StateInline } from "markdown-it";
import type { RenderEnv } from "./render-env.js";

/**
 * markdown-it parses inline content without telling the inline rules which line it came from.
 * This replaces the core `inline` rule with one that records the block's first line in the env
 * first, so inline rules (math, library links) can report diagnostics at the right line.
 */
export function sourceLinesPlugin(md: MarkdownIt): void {
  md.core.ruler.at("inline", (state: StateCore) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as (typeof tokens)[number];
      if (token.type !== "inline") continue;
      env.inlineLine = token.map ? token.map[0] : 0;
      env.inHeading = tokens[i - 1]?.type === "heading_open";
      token.children ??= [];
      state.md.inline.parse(token.content, state.md, state.env, token.children);
    }
  });
}

/**
 * The last count, and the first line break at or after it (-1: none): inline rules ask in
 * increasing positions, so counting goes on from there.
 */
let counted: { src: string; pos: number; newlines: number; next: number } | undefined;

/**
 * The 1-based note line of position `pos` in the inline content being parsed. Counting from the
 * start at every call was quadratic for a long paragraph full of math or links.
 */
export function inlineLineAt(state: StateInline, pos: number): number {
  const env = state.env as RenderEnv;
  const src = state.src;
  if (!(counted && counted.src === src && counted.pos <= pos)) {
    counted = { src, pos: 0, newlines: 0, next: src.indexOf("\n") };
  }
  let { newlines, next } = counted;
  // Remembering the next break matters on a long line without one: searching for it from
  // every math or link on the line went to the end of the text each time.
  while (next !== -1 && next < pos) {
    newlines++;
    next = src.indexOf("\n", next + 1);
  }
  counted = { src, pos, newlines, next };
  return env.inlineLine + newlines + 1;
}
