import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "./html-escape.js";
import type { RenderEnv } from "./render-env.js";

/**
 * ```` ```mermaid ```` blocks become `<pre class="mermaid">` with the escaped source, for the
 * Mermaid script to draw in the browser; `hasMermaid` tells the page to load that script.
 * Other fences stay plain `<pre><code class="language-x">`.
 */
export function mermaidPlugin(md: MarkdownIt): void {
  const fence = md.renderer.rules.fence;
  if (!fence) throw new Error("markdown-it has no fence renderer to extend");
  md.renderer.rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const language = token?.info.trim().split(/\s+/, 1)[0] ?? "";
    if (!token || language.toLowerCase() !== "mermaid") {
      return fence(tokens, idx, options, env, self);
    }
    env.hasMermaid = true;
    return `<pre class="mermaid">${escapeHtml(token.content)}</pre>\n`;
  };
}
