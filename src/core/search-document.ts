/**
 * The one search document of each item: which of its fields are searched, in which weighted
 * part. The app's SQLite index (FTS5, ranked by BM25F) and the static site's search index are
 * both made from it, so a field added here is searchable in both, and the index's version is
 * derived from this definition (store/index-schema.ts) instead of bumped by hand.
 */
import type { Category, Course, Episode, Paper } from "./model.js";

/**
 * The parts of a search document, most telling first, with the weight a match in each counts
 * for: a word in a title says more about an item than the same word in its notes.
 */
export const SEARCH_FIELDS = [
  { name: "title", weight: 10 },
  { name: "summary", weight: 4 },
  { name: "body", weight: 1 },
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number]["name"];

export type SearchDocumentKind = "paper" | "course" | "episode" | "category";

/** What one item offers to search: its parts as plain text (the body is the note's Markdown). */
export interface SearchDocument {
  kind: SearchDocumentKind;
  /** Paper, course or category id, or `course/N` for an episode. */
  id: string;
  /** What a result shows as its name. */
  name: string;
  title: string;
  summary: string;
  body: string;
}

/** An item to make a search document of. A course is searched without its episodes. */
export type SearchableItem =
  | { kind: "paper"; paper: Paper }
  | { kind: "course"; course: Omit<Course, "episodes"> }
  | { kind: "episode"; episode: Episode }
  | { kind: "category"; category: Category };

export interface SearchDocumentOptions {
  /**
   * The name of a paper an episode covers, where the whole library is at hand (the site); the
   * app's index reads one file at a time and searches the paper's id instead.
   */
  paperName?: (id: string) => string | undefined;
}

/**
 * The search document of one item.
 * @example searchDocument({ kind: "paper", paper: resnet }).title // "ResNet — Deep Residual Learning…"
 */
export function searchDocument(
  item: SearchableItem,
  options: SearchDocumentOptions = {},
): SearchDocument {
  // Helpers stay inside: the index's version hashes this function's source.
  const lines = (...parts: (string | number | undefined)[]): string =>
    parts.filter((p) => p !== undefined && p !== "").join("\n");
  /** A document whose result shows its title as its name. */
  const named = (
    kind: SearchDocumentKind,
    id: string,
    title: string,
    summary: string,
    body: string,
  ): SearchDocument => ({ kind, id, name: title, title, summary, body });
  switch (item.kind) {
    case "paper": {
      const p = item.paper;
      return {
        kind: "paper",
        id: p.id,
        name: p.title ? `${p.short} — ${p.title}` : p.short,
        title: [p.short, p.title].filter(Boolean).join(" — "),
        summary: lines(
          p.summary,
          p.tags.join(", "),
          p.authors.join(", "),
          p.venue,
          p.year,
          p.ids.arxiv,
          p.ids.doi,
        ),
        body: p.notes,
      };
    }
    case "course": {
      const c = item.course;
      return named("course", c.id, c.title, c.tags.join(", "), c.notes);
    }
    case "episode": {
      const e = item.episode;
      const papers = e.papers.map((id) => options.paperName?.(id) ?? id);
      const summary = lines(e.label, ...papers, ...(e.mentions ?? []));
      return named("episode", `${e.courseId}/${e.number}`, e.title, summary, e.notes);
    }
    case "category": {
      const c = item.category;
      return named("category", c.id, c.name, (c.aliases ?? []).join(", "), "");
    }
  }
}

/**
 * What the catalog can be filtered by (`/papers/?category=nlp`): facet name → the paper's
 * values. Like a search engine's facets, they are part of what an item offers to finding it.
 * `tags`: the paper's with its note's `#tags` (`itemTags`), as the app shows them.
 * @example catalogFacets(resnet) // { category: ["计算机视觉-cnn"], tag: [] }
 */
export function catalogFacets(
  paper: Paper,
  tags: readonly string[] = paper.tags,
): Record<string, readonly string[]> {
  return { category: paper.categories, tag: tags };
}
