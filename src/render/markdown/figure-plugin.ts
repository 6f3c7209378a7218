import type { MarkdownIt, StateCore } from "markdown-it";
import { plainText } from "./plain-text.js";

/**
 * Pandoc's `implicit_figures`: an image alone in its paragraph becomes a `<figure>` whose caption
 * is the alt text (no caption when the alt is empty). Every image loads lazily.
 */
/** A path relative to the library (`files/x.svg`): no scheme, not rooted, not a fragment. */
function isLibraryPath(src: string): boolean {
  return (
    src !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith("/") && !src.startsWith("#")
  );
}

export function figurePlugin(md: MarkdownIt): void {
  md.core.ruler.push("figures", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 1];
      const close = tokens[i + 2];
      if (open?.type !== "paragraph_open" || open.hidden) continue;
      if (inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
      const image = inline.children?.length === 1 ? inline.children[0] : undefined;
      if (image?.type !== "image") continue;
      open.type = "figure_open";
      open.tag = "figure";
      close.type = "figure_close";
      close.tag = "figure";
      image.meta = { ...image.meta, figure: true };
    }
  });

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token) return "";
    const caption = token.children ?? [];
    const alt = plainText(caption);
    token.attrSet("alt", alt);
    token.attrSet("loading", "lazy");
    token.attrSet("decoding", "async");
    const src = token.attrGet("src") ?? "";
    const resolve = (env as { context?: { resolveAsset?: (p: string) => string | undefined } })
      .context?.resolveAsset;
    if (resolve && isLibraryPath(src)) {
      const url = resolve(src);
      if (url !== undefined) token.attrSet("src", url);
    }
    const img = `<img${self.renderAttrs(token)}>`;
    const hasCaption = alt.trim() !== "" || caption.some((child) => child.type !== "text");
    if (!token.meta?.figure || !hasCaption) return img;
    return `${img}<figcaption>${self.renderInline(caption, options, env)}</figcaption>`;
  };
}
