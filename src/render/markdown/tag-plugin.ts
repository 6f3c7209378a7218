import type { MarkdownIt } from "markdown-it";
import { readTag } from "../../core/index.js";
import { escapeHtml } from "./html-escape.js";
import type { RenderEnv } from "./render-env.js";

/**
 * `#tag` in a note (Obsidian's rule, core's `readTag`): shown as a tag; the item's tags include
 * it (core's `itemTags`). Not read in headings, code, link text or after a letter, `/` or `&`
 * (`C#`, a URL's `#fragment`, `&#123;`): markdown-it's code, entity and link rules take those
 * first, or `readTag` refuses what comes before.
 */
export function tagPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("text", "note_tag", (state, silent) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x23 || (state.env as RenderEnv).inHeading) return false;
    if (((state as { linkLevel?: number }).linkLevel ?? 0) > 0) return false;
    const found = readTag(state.src, start, state.posMax);
    if (!found) return false;
    if (!silent) state.push("note_tag", "span", 0).content = found.tag;
    state.pos = found.end;
    return true;
  });
  md.renderer.rules.note_tag = (tokens, idx) =>
    `<span class="tag">#${escapeHtml(tokens[idx]?.content ?? "")}</span>`;
}
