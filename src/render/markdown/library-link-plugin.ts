import type { MarkdownIt, StateInline } from "markdown-it";
import { escapeHtml } from "./html-escape.js";
import { type RenderEnv, type ResolvedItem, report } from "./render-env.js";
import { inlineLineAt } from "./source-lines.js";

const OPEN_BRACKET = 0x5b;
const AT = 0x40;
const PAREN = 0x28;

interface LibraryRef {
  ref: string;
  label: string | undefined;
  item: ResolvedItem | undefined;
}

interface LibraryLinkMeta {
  style: "wiki" | "cite";
  refs: LibraryRef[];
}

const CITE_KEY = /^@([^\s;@[\]]+)$/u;
const CLOSE_BRACKET = 0x5d;
const WIKI_STOP = (c: number) => c === OPEN_BRACKET || c === CLOSE_BRACKET || c === 0x0a;
const CITE_STOP = (c: number) => c === OPEN_BRACKET || c === CLOSE_BRACKET;

/** The first position from `from` (below `max`) whose character `stop` accepts, else `max`. */
function scanTo(src: string, from: number, max: number, stop: (c: number) => boolean): number {
  let i = from;
  while (i < max && !stop(src.charCodeAt(i))) i++;
  return i;
}

/**
 * Links to library items: `[[resnet]]`, `[[resnet|label]]`, `[[limu/7]]`, and Pandoc citations
 * `[@resnet]` / `[@resnet; @vgg]`, resolved through `context.resolveItem`. A reference that does
 * not resolve renders as `<span class="xref broken">` and is reported with its line.
 */
export function libraryLinkPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("link", "library_link", (state, silent) =>
    parseLibraryLink(md, state, silent),
  );
  md.renderer.rules.library_link = (tokens, idx) => {
    const meta = tokens[idx]?.meta as LibraryLinkMeta | undefined;
    if (!meta) return "";
    if (meta.style === "wiki") return meta.refs.map(renderRef).join("");
    const items = meta.refs.map(renderRef).join("; ");
    return `<span class="cite">[${items}]</span>`;
  };
}

function renderRef({ ref, label, item }: LibraryRef): string {
  if (!item) return `<span class="xref broken">${escapeHtml(label ?? ref)}</span>`;
  return `<a class="xref" href="${escapeHtml(item.href)}">${escapeHtml(label ?? item.title)}</a>`;
}

function parseLibraryLink(md: MarkdownIt, state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== OPEN_BRACKET) return false;
  // Inside a link's text (markdown-it counts nesting in `linkLevel`, missing from its types).
  if (((state as StateInline & { linkLevel?: number }).linkLevel ?? 0) > 0) return false;
  const second = src.charCodeAt(start + 1);
  let style: LibraryLinkMeta["style"];
  let parsed: { ref: string; label: string | undefined }[];
  let end: number;
  if (second === OPEN_BRACKET) {
    // The body holds no bracket or line break: scan to the first of them, never past it (an
    // `indexOf("]]")` from every `[[` made a run of 100,000 `[` quadratic).
    end = scanTo(src, start + 2, state.posMax, WIKI_STOP);
    if (end >= state.posMax) return false;
    if (src.charCodeAt(end) !== CLOSE_BRACKET || src.charCodeAt(end + 1) !== CLOSE_BRACKET) {
      return false;
    }
    const body = src.slice(start + 2, end);
    const bar = body.indexOf("|");
    const ref = (bar === -1 ? body : body.slice(0, bar)).trim();
    const label = bar === -1 ? undefined : body.slice(bar + 1).trim() || undefined;
    if (ref === "") return false;
    style = "wiki";
    parsed = [{ ref, label }];
    end += 2;
  } else if (second === AT) {
    // Cite keys hold no `[`: stop there too, so a run of `[@` is read once.
    end = scanTo(src, start + 2, state.posMax, CITE_STOP);
    if (end >= state.posMax || src.charCodeAt(end) !== CLOSE_BRACKET) return false;
    // `[@key](url)` and `[@key][ref]` are ordinary links.
    const next = src.charCodeAt(end + 1);
    if (next === PAREN || next === OPEN_BRACKET) return false;
    const keys = src
      .slice(start + 1, end)
      .split(";")
      .map((part) => CITE_KEY.exec(part.trim())?.[1]);
    if (keys.some((key) => key === undefined)) return false;
    const references = (state.env as { references?: Record<string, unknown> }).references;
    const label = src.slice(start + 1, end);
    if (references && md.utils.normalizeReference(label) in references) return false;
    style = "cite";
    parsed = keys.map((key) => ({ ref: key as string, label: undefined }));
    end += 1;
  } else {
    return false;
  }

  if (!silent) {
    const env = state.env as RenderEnv;
    const refs = parsed.map(({ ref, label }) => ({ ref, label, item: resolve(md, env, ref) }));
    for (const { ref, item } of refs) {
      if (item) continue;
      const written = style === "wiki" ? `[[${ref}]]` : `[@${ref}]`;
      report(
        env,
        {
          level: "warning",
          rule: "xref-unresolved",
          message: `${written} does not name a paper or episode in the library`,
          hint: "Use a paper id (papers/<id>.md) or an episode as COURSE/N.",
        },
        inlineLineAt(state, start),
      );
    }
    const token = state.push("library_link", "", 0);
    token.content = refs.map((r) => r.label ?? r.item?.title ?? r.ref).join("; ");
    token.meta = { style, refs } satisfies LibraryLinkMeta;
  }
  state.pos = end;
  return true;
}

function resolve(md: MarkdownIt, env: RenderEnv, ref: string): ResolvedItem | undefined {
  const item = env.context.resolveItem?.(ref);
  if (!item) return undefined;
  const href = md.normalizeLink(item.href);
  return md.validateLink(href) ? { href, title: item.title } : undefined;
}
