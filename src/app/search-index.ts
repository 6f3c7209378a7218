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
function searchText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[#*_`>$|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_TEXT);
}

/** Every paper, course, episode and category, for the client-side search. */
export function buildSearchIndex(ctx: SiteContext): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const course of ctx.library.courses) {
    entries.push({
      kind: "course",
      title: course.title,
      url: ctx.href(paths.course(course.id)),
      text: searchText(course.tags.join(" ")),
    });
    for (const ep of course.episodes) {
      const papers = ep.papers.map((id) => ctx.paper(id)?.short ?? id).join(" ");
      entries.push({
        kind: "episode",
        title: ep.title,
        url: ctx.href(paths.episode(course.id, ep.number)),
        text: searchText(`${papers} ${(ep.mentions ?? []).join(" ")} ${ep.notes}`),
      });
    }
  }
  for (const p of ctx.library.papers) {
    entries.push({
      kind: "paper",
      title: p.title ? `${p.short} — ${p.title}` : p.short,
      url: ctx.href(paths.paper(p.id)),
      text: searchText(`${p.year ?? ""} ${p.authors.join(" ")} ${p.summary ?? ""} ${p.notes}`),
    });
  }
  for (const c of ctx.library.categories) {
    entries.push({
      kind: "category",
      title: c.name,
      url: ctx.href(paths.category(c.id)),
      text: (c.aliases ?? []).join(" "),
    });
  }
  return entries;
}
