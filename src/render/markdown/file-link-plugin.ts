import type { MarkdownIt } from "markdown-it";

/**
 * `[the license](files/LICENSE)`: a link to a file of the library's `files/` goes where the site
 * publishes that file, through the same lookup as an image (`resolveAsset`), so it works on every
 * page whatever its depth; a file that is not in `files/` stays as written and `build`'s link
 * check reports it. Only `files/…` is taken: another relative link (`other.md`) is left alone.
 */
export function fileLinkPlugin(md: MarkdownIt): void {
  const previous = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet("href") ?? "";
    const resolve = (env as { context?: { resolveAsset?: (p: string) => string | undefined } })
      .context?.resolveAsset;
    if (token && resolve && /^(\.\/)?files\/[^/]/.test(href)) {
      const [path = "", fragment] = href.split("#", 2);
      const url = resolve(path.replace(/^\.\//, ""));
      if (url !== undefined)
        token.attrSet("href", fragment === undefined ? url : `${url}#${fragment}`);
    }
    return previous
      ? previous(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options);
  };
}
