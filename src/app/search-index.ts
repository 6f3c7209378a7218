import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";
import { textMemo } from "./text-memo.js";

/** One searchable item; `url` is the page's href under the site's base. */
export interface SearchEntry {
  kind: "paper" | "episode" | "course" | "category";
  title: string;
  url: string;
  text: string;
}

const MAX_TEXT = 4000;

/** Markdown to searchable text: link targets, markup and math delimiters dropped. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[#*_`>$|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_TEXT);
}

/** Markdown as searchable text, kept by the Markdown (a note's text is costly to convert). */
const noteText = textMemo(plainText);

/** An entry before its text is made: the text is its own fields' and its note's. */
type EntryParts = [
  kind: SearchEntry["kind"],
  title: string,
  path: string,
  fields: string,
  notes: string,
];

/**
 * An entry's JSON, kept by its note (most of an index's bytes are note text, escaped), reused
 * when the entry's other parts are the same.
 */
const byNote = textMemo(
  () => ({ kind: "", title: "", url: "", fields: "", json: "" }) as Record<string, string>,
);

function entryJson(ctx: SiteContext, [kind, title, path, fields, notes]: EntryParts): string {
  const url = ctx.href(path);
  const known = notes === "" ? undefined : byNote(notes);
  if (
    known?.kind === kind &&
    known.title === title &&
    known.url === url &&
    known.fields === fields
  ) {
    return known.json as string;
  }
  // A category's aliases are searched as they are (`contrastive_learning`).
  const text =
    kind === "category"
      ? notes
      : `${noteText(fields)} ${noteText(notes)}`.trim().slice(0, MAX_TEXT);
  const json = JSON.stringify({ kind, title, url, text } satisfies SearchEntry);
  if (known) Object.assign(known, { kind, title, url, fields, json });
  return json;
}

/** Each entry's parts, in the index's order. */
function* searchEntries(ctx: SiteContext): Generator<EntryParts> {
  for (const course of ctx.library.courses) {
    yield ["course", course.title, paths.course(course.id), course.tags.join(" "), ""];
    for (const ep of course.episodes) {
      const papers = ep.papers.map((id) => ctx.paper(id)?.short ?? id).join(" ");
      const fields = `${papers} ${(ep.mentions ?? []).join(" ")}`;
      yield ["episode", ep.title, paths.episode(course.id, ep.number), fields, ep.notes];
    }
  }
  for (const p of ctx.library.papers) {
    const title = p.title ? `${p.short} — ${p.title}` : p.short;
    const fields = `${p.year ?? ""} ${p.authors.join(" ")} ${p.summary ?? ""}`;
    yield ["paper", title, paths.paper(p.id), fields, p.notes];
  }
  for (const c of ctx.library.categories) {
    yield ["category", c.name, paths.category(c.id), "", (c.aliases ?? []).join(" ")];
  }
}

/**
 * The client-side search index: a JSON array of every course, episode, paper and category
 * (`SearchEntry`) and a newline.
 */
export function renderSearchIndex(ctx: SiteContext): string {
  const entries: string[] = [];
  for (const parts of searchEntries(ctx)) entries.push(entryJson(ctx, parts));
  return `[${entries.join(",")}]\n`;
}
