import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";

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

/**
 * A note's text is most of an index's cost (2,000 notes: tens of ms of regexes): kept by the note
 * itself, so a note that did not change is not converted again. Two generations, so notes no
 * longer asked for are dropped.
 */
let known = new Map<string, string>();
let older = new Map<string, string>();
const KEEP = 20_000;
function noteText(markdown: string): string {
  let text = known.get(markdown);
  if (text === undefined) {
    text = older.get(markdown) ?? plainText(markdown);
    if (known.size >= KEEP) [older, known] = [known, new Map()];
    known.set(markdown, text);
  }
  return text;
}
const searchText = (before: string, notes: string) =>
  `${plainText(before)} ${noteText(notes)}`.trim().slice(0, MAX_TEXT);

/** Each entry, in the index's order. */
function* searchEntries(ctx: SiteContext): Generator<SearchEntry> {
  const item = (kind: SearchEntry["kind"], path: string, title: string, text: () => string) => ({
    kind,
    title,
    url: ctx.href(path),
    text: text(),
  });
  for (const course of ctx.library.courses) {
    yield item("course", paths.course(course.id), course.title, () =>
      plainText(course.tags.join(" ")),
    );
    for (const ep of course.episodes) {
      yield item("episode", paths.episode(course.id, ep.number), ep.title, () => {
        const papers = ep.papers.map((id) => ctx.paper(id)?.short ?? id).join(" ");
        return searchText(`${papers} ${(ep.mentions ?? []).join(" ")}`, ep.notes);
      });
    }
  }
  for (const p of ctx.library.papers) {
    const title = p.title ? `${p.short} — ${p.title}` : p.short;
    yield item("paper", paths.paper(p.id), title, () =>
      searchText(`${p.year ?? ""} ${p.authors.join(" ")} ${p.summary ?? ""}`, p.notes),
    );
  }
  for (const c of ctx.library.categories) {
    yield item("category", paths.category(c.id), c.name, () => (c.aliases ?? []).join(" "));
  }
}

/**
 * The client-side search index: a JSON array of every course, episode, paper and category
 * (`SearchEntry`) and a newline.
 */
export function renderSearchIndex(ctx: SiteContext): string {
  return `${JSON.stringify([...searchEntries(ctx)])}\n`;
}
