import type { MarkdownIt, StateCore } from "markdown-it";
import { slugify } from "../../core/index.js";
import { plainText } from "./plain-text.js";
import type { RenderEnv } from "./render-env.js";

/** Per set of taken ids, the next `-N` suffix to try for each base. */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/**
 * `uniqueId` (`base`, else `base-2`, `base-3`…) that remembers where it stopped for each base:
 * trying from 2 every time made 5,000 headings of the same title quadratic.
 */
function uniqueHeadingId(base: string, taken: Set<string>): string {
  let next = nextSuffix.get(taken);
  if (!next) {
    next = new Map();
    nextSuffix.set(taken, next);
  }
  let id = base;
  if (taken.has(id)) {
    let n = next.get(base) ?? 2;
    for (id = `${base}-${n}`; taken.has(id); id = `${base}-${n}`) n++;
    next.set(base, n + 1);
  }
  taken.add(id);
  return id;
}

/**
 * Gives every heading an id (a slug that keeps CJK: `如何读论文-06-39`, made unique with `-2`…),
 * appends a small `#` link to it, and lists the headings in the result's `toc`.
 */
export function headingAnchorPlugin(md: MarkdownIt): void {
  md.core.ruler.push("heading_anchors", (state: StateCore) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 1];
      if (open?.type !== "heading_open" || inline?.type !== "inline") continue;
      const children = inline.children ?? [];
      const text = plainText(children).trim();
      const id = uniqueHeadingId(slugify(text) || "section", env.headingIds);
      open.attrSet("id", id);
      env.toc.push({ level: Number(open.tag.slice(1)), id, text });

      const link = new state.Token("link_open", "a", 1);
      link.attrs = [
        ["class", "anchor"],
        ["href", `#${id}`],
        ["aria-hidden", "true"],
      ];
      const hash = new state.Token("text", "", 0);
      hash.content = "#";
      const space = new state.Token("text", "", 0);
      space.content = " ";
      inline.children = [...children, space, link, hash, new state.Token("link_close", "a", -1)];
    }
  });
}
