import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { escapeHtml } from "./html-escape.js";
import type { ArchivedLink, RenderEnv } from "./render-env.js";
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
  md.renderer.rules.archive_link = (tokens, idx) => {
    const m = tokens[idx]?.meta as { href: string; cls: string; text: string; title: string };
    return ` <a class="${m.cls}" href="${escapeHtml(m.href)}" title="${escapeHtml(m.title)}" rel="noopener noreferrer">${escapeHtml(m.text)}</a>`;
  };
}

function badgeLinks(children: Token[], env: RenderEnv, state: StateCore): Token[] {
  let out: Token[] | undefined;
  let pendingLabel: string | undefined;
  let pendingArchive: { link: ArchivedLink; live: string } | undefined;
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
        const archived = env.context.archive?.(href);
        if (archived) {
          pendingArchive = { link: archived, live: href };
          if (archived.preferSnapshot) {
            // The live page is gone: the link opens the archived copy; the live URL follows.
            token.attrSet("href", archived.href);
            token.attrJoin("class", "dead");
            token.attrSet("title", archived.title);
          }
        }
      }
    } else if (
      token.type === "link_close" &&
      (pendingLabel !== undefined || pendingArchive !== undefined)
    ) {
      out ??= children.slice(0, i);
      // The site label sits inside the link, the archive link right after it.
      if (pendingLabel !== undefined) {
        const label = new state.Token("site_label", "span", 0);
        label.content = pendingLabel;
        out.push(label);
      }
      out.push(token);
      if (pendingArchive !== undefined) {
        const extra = new state.Token("archive_link", "a", 0);
        const { link, live } = pendingArchive;
        extra.meta = link.preferSnapshot
          ? { href: live, cls: "live-link", text: link.liveLabel, title: live }
          : { href: link.href, cls: "archived-link", text: link.label, title: link.title };
        out.push(extra);
      }
      pendingLabel = undefined;
      pendingArchive = undefined;
      continue;
    }
    out?.push(token);
  }
  return out ?? children;
}

function hostOf(href: string): string {
  try {
    return new URL(href).hostname;
  } catch {
    // Not a URL: no host, so no badge.
    return "";
  }
}
