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
    for (const token of state.tokens) {
      if (token.type !== "inline") continue;
      env.inlineLine = token.map ? token.map[0] : 0;
      token.children ??= [];
      state.md.inline.parse(token.content, state.md, state.env, token.children);
    }
  });
}

/** The 1-based note line of position `pos` in the inline content being parsed. */
export function inlineLineAt(state: StateInline, pos: number): number {
  const env = state.env as RenderEnv;
  let newlines = 0;
  const src = state.src;
  for (let i = src.indexOf("\n"); i !== -1 && i < pos; i = src.indexOf("\n", i + 1)) newlines++;
  return env.inlineLine + newlines + 1;
}
