import type { MarkdownIt, StateInline } from "markdown-it";
import {
  type CitationPart,
  EMBEDDED_IMAGE,
  opensRef,
  parseCitationGroup,
  parseWikiBody,
  readCiteKey,
  slugify,
  unresolvedRefProblem,
} from "../../core/index.js";
import { escapeHtml } from "./html-escape.js";
import { type AmbiguousItem, type RenderEnv, type ResolvedItem, report } from "./render-env.js";
import { inlineLineAt } from "./source-lines.js";

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BANG = 0x21;
const AT = 0x40;
const PAREN = 0x28;

type Found = ResolvedItem | AmbiguousItem | undefined;

interface WikiMeta {
  item: Found;
  ref: string;
  heading: string | undefined;
  label: string | undefined;
}

interface CiteMeta {
  bare: boolean;
  parts: (CitationPart & { item: Found })[];
}

const WIKI_STOP = (c: number) => c === OPEN_BRACKET || c === CLOSE_BRACKET || c === 0x0a;
const GROUP_STOP = (c: number) => c === OPEN_BRACKET || c === CLOSE_BRACKET;
/** Obsidian's `![[fig.png|300]]` / `|300x200`: a size, not a caption. */
const SIZE = /^(\d{1,5})(?:x(\d{1,5}))?$/;

/** The first position from `from` (below `max`) whose character `stop` accepts, else `max`. */
function scanTo(src: string, from: number, max: number, stop: (c: number) => boolean): number {
  let i = from;
  while (i < max && !stop(src.charCodeAt(i))) i++;
  return i;
}

const inLink = (state: StateInline) =>
  // markdown-it counts nesting in `linkLevel`, missing from its types.
  ((state as StateInline & { linkLevel?: number }).linkLevel ?? 0) > 0;

const isItem = (item: Found): item is ResolvedItem => item !== undefined && "href" in item;

/**
 * Links to library items (docs/notes.md): Obsidian's `[[ref]]`, `[[ref#Heading]]`,
 * `[[ref|label]]` and `![[file.png]]`, and Pandoc citations `[@key]`, `[see @a, p. 3; @b]` and
 * a bare `@key`, resolved through `context.resolveItem` (citation keys asked with their `@`).
 * A bracketed reference that does not resolve renders as `<span class="xref broken">` and is
 * reported with its line; a bare `@key` that names nothing stays text (it may be a handle).
 * Cited papers are collected in `env.cited` for the note's bibliography.
 */
export function libraryLinkPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("link", "library_link", (state, silent) =>
    parseLibraryLink(md, state, silent),
  );
  md.inline.ruler.before("image", "library_embed", (state, silent) =>
    parseEmbed(md, state, silent),
  );
  md.inline.ruler.before("text", "bare_citation", (state, silent) =>
    parseBareCitation(md, state, silent),
  );
  md.renderer.rules.library_link = (tokens, idx) => {
    const meta = tokens[idx]?.meta as WikiMeta | undefined;
    return meta ? renderWiki(meta) : "";
  };
  md.renderer.rules.citation = (tokens, idx) => {
    const meta = tokens[idx]?.meta as CiteMeta | undefined;
    if (!meta) return "";
    const parts = meta.parts.map((part) => {
      const prefix = part.prefix ? `${escapeHtml(part.prefix)} ` : "";
      return `${prefix}${renderItem(part.item, part.key)}${escapeHtml(part.suffix)}`;
    });
    const body = parts.join("; ");
    return `<span class="cite">${meta.bare ? body : `[${body}]`}</span>`;
  };
}

function renderItem(item: Found, text: string, label?: string): string {
  if (!isItem(item)) return `<span class="xref broken">${escapeHtml(label ?? text)}</span>`;
  return `<a class="xref" href="${escapeHtml(item.href)}">${escapeHtml(label ?? item.title)}</a>`;
}

function renderWiki({ item, ref, heading, label }: WikiMeta): string {
  if (!isItem(item) || heading === undefined) return renderItem(item, ref, label);
  // The same slug as the heading anchors (heading-anchor-plugin.ts) give the target's headings.
  const href = `${item.href}#${slugify(heading) || "section"}`;
  const text = label ?? `${item.title} › ${heading}`;
  return `<a class="xref" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** `[[…]]`'s body from `start` (at the first `[`), and the position after `]]`. */
function wikiAt(state: StateInline, start: number): { body: string; end: number } | undefined {
  const src = state.src;
  if (src.charCodeAt(start) !== OPEN_BRACKET || src.charCodeAt(start + 1) !== OPEN_BRACKET) {
    return undefined;
  }
  // The body holds no bracket or line break: scan to the first of them, never past it (an
  // `indexOf("]]")` from every `[[` made a run of 100,000 `[` quadratic).
  const end = scanTo(src, start + 2, state.posMax, WIKI_STOP);
  if (end >= state.posMax || src.charCodeAt(end) !== CLOSE_BRACKET) return undefined;
  if (src.charCodeAt(end + 1) !== CLOSE_BRACKET) return undefined;
  return { body: src.slice(start + 2, end), end: end + 2 };
}

function parseLibraryLink(md: MarkdownIt, state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== OPEN_BRACKET || inLink(state)) return false;
  const env = state.env as RenderEnv;
  const wiki = wikiAt(state, start);
  if (wiki) {
    const ref = parseWikiBody(wiki.body);
    if (!ref) return false;
    if (!silent) {
      const item = resolve(md, env, ref.target);
      if (!isItem(item)) unresolved(state, start, `[[${ref.target}]]`, item);
      const token = state.push("library_link", "", 0);
      token.content = ref.label ?? (isItem(item) ? item.title : ref.target);
      token.meta = { item, ref: ref.target, heading: ref.heading, label: ref.label } as WikiMeta;
    }
    state.pos = wiki.end;
    return true;
  }
  // A citation group holds no `[`: stop there too, so a run of `[` is read once.
  const end = scanTo(src, start + 1, state.posMax, GROUP_STOP);
  if (end >= state.posMax || src.charCodeAt(end) !== CLOSE_BRACKET) return false;
  const body = src.slice(start + 1, end);
  if (!body.includes("@") || body.startsWith("^")) return false;
  // `[@key](url)` and `[@key][ref]` are ordinary links, as is `[@y]` with a definition `[@y]: …`.
  const next = src.charCodeAt(end + 1);
  if (next === PAREN || next === OPEN_BRACKET) return false;
  const references = (state.env as { references?: Record<string, unknown> }).references;
  if (references && md.utils.normalizeReference(body) in references) return false;
  const group = parseCitationGroup(body);
  if (!group) return false;
  if (!silent) {
    const parts = group.map((part) => {
      const item = resolve(md, env, `@${part.key}`);
      if (isItem(item)) cite(env, item);
      else unresolved(state, start, `[@${part.key}]`, item);
      return { ...part, item };
    });
    pushCitation(state, parts, false);
  }
  state.pos = end + 1;
  return true;
}

function parseBareCitation(md: MarkdownIt, state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== AT || inLink(state)) return false;
  if (!opensRef(start === 0 ? undefined : src[start - 1])) return false;
  const key = readCiteKey(src, start + 1, state.posMax);
  if (!key) return false;
  const env = state.env as RenderEnv;
  const item = resolve(md, env, `@${key.key}`);
  // An `@name` that cites nothing is text: a handle, a decorator, an `@` in prose.
  if (!isItem(item)) return false;
  if (!silent) {
    cite(env, item);
    pushCitation(
      state,
      [{ key: key.key, prefix: "", suffix: "", suppressAuthor: false, item }],
      true,
    );
  }
  state.pos = key.end;
  return true;
}

function pushCitation(state: StateInline, parts: CiteMeta["parts"], bare: boolean): void {
  const token = state.push("citation", "", 0);
  token.content = parts.map((p) => (isItem(p.item) ? p.item.title : p.key)).join("; ");
  token.meta = { bare, parts } satisfies CiteMeta;
}

/** `![[files/fig.png]]` → an image of `files/` (then a figure, like `![](files/fig.png)`). */
function parseEmbed(md: MarkdownIt, state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== BANG || inLink(state)) return false;
  const wiki = wikiAt(state, start + 1);
  const ref = wiki && parseWikiBody(wiki.body);
  if (!wiki || !ref) return false;
  // `![[resnet]]` embeds a note in Obsidian; here it is the link `[[resnet]]` after a `!`.
  if (!EMBEDDED_IMAGE.test(ref.target)) return false;
  const path = ref.target.startsWith("files/") ? ref.target : `files/${ref.target}`;
  const src = md.normalizeLink(path);
  if (!md.validateLink(src)) return false;
  if (!silent) {
    const size = ref.label ? SIZE.exec(ref.label) : null;
    const caption = size ? undefined : ref.label;
    const token = state.push("image", "img", 0);
    token.attrs = [
      ["src", src],
      ["alt", ""],
    ];
    if (size?.[1]) token.attrs.push(["width", size[1]]);
    if (size?.[2]) token.attrs.push(["height", size[2]]);
    const text = new state.Token("text", "", 0);
    text.content = caption ?? "";
    token.children = caption ? [text] : [];
    token.content = caption ?? "";
  }
  state.pos = wiki.end;
  return true;
}

function cite(env: RenderEnv, item: ResolvedItem): void {
  if (item.work && !env.cited.has(item.href)) env.cited.set(item.href, item);
}

function unresolved(state: StateInline, start: number, written: string, item: Found): void {
  const ambiguous = item && "ambiguous" in item ? item.ambiguous : undefined;
  report(
    state.env as RenderEnv,
    unresolvedRefProblem(written, ambiguous),
    inlineLineAt(state, start),
  );
}

function resolve(md: MarkdownIt, env: RenderEnv, ref: string): Found {
  const item = env.context.resolveItem?.(ref);
  if (!item || "ambiguous" in item) return item;
  const href = md.normalizeLink(item.href);
  return md.validateLink(href) ? { ...item, href } : undefined;
}
