import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { escapeHtml } from "./html-escape.js";
import type { RenderEnv } from "./render-env.js";
import { siteOfHost } from "./site-table.js";

const EXTERNAL = /^https?:\/\//i;

/**
 * External links get `class="ext"`, `rel="noopener noreferrer"`, the site they point at
 * (`data-site="bilibili"`, from `site-table.ts`) and a label element after their text
 * (`<span class="site-label">bilibili</span>`). Their targets are collected in `links`.
 */
export function siteBadgePlugin(md: MarkdownIt): void {
  md.core.ruler.push("site_badges", (state: StateCore) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      block.children = badgeLinks(block.children, env, state);
    }
  });
  md.renderer.rules.site_label = (tokens, idx) =>
    `<span class="site-label">${escapeHtml(tokens[idx]?.content ?? "")}</span>`;
}

function badgeLinks(children: Token[], env: RenderEnv, state: StateCore): Token[] {
  let out: Token[] | undefined;
  let pendingLabel: string | undefined;
  for (let i = 0; i < children.length; i++) {
    const token = children[i] as Token;
    if (token.type === "link_open") {
      const href = token.attrGet("href") ?? "";
      if (EXTERNAL.test(href)) {
        if (!env.linkSet.has(href)) {
          env.linkSet.add(href);
          env.links.push(href);
        }
        token.attrJoin("class", "ext");
        token.attrSet("rel", "noopener noreferrer");
        const site = siteOfHost(hostOf(href));
        if (site) {
          token.attrSet("data-site", site.site);
          pendingLabel = site.label;
        }
      }
    } else if (token.type === "link_close" && pendingLabel !== undefined) {
      out ??= children.slice(0, i);
      const label = new state.Token("site_label", "span", 0);
      label.content = pendingLabel;
      out.push(label);
      pendingLabel = undefined;
    }
    out?.push(token);
  }
  return out ?? children;
}

function hostOf(href: string): string {
  try {
    return new URL(href).hostname;
  } catch {
    return "";
  }
}
