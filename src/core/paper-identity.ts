/**
 * Whether two papers are the same work: by any id they share, else by a title that normalizes
 * the same. Used by `add` (one paper, one file) and by `doctor` (probable duplicates), so both
 * agree on what "the same paper" means.
 */
import type { GraphPaper } from "./citation-graph.js";
import type { Paper } from "./model.js";
import { parseArxivId } from "./paper-ids.js";

/** Case, accents, punctuation and spacing removed: `Attention is All you Need!` → `attention is all you need`. */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** What is known of a paper that may already be in the library. */
export interface PaperIdentity {
  ids?: Paper["ids"];
  title?: string | undefined;
  /** A short name (`ResNet`): matched against titles and short names, never alone against ids. */
  short?: string | undefined;
}

/** How an existing paper was recognised. */
export type SameBy = "arxiv" | "doi" | "s2" | "corpusId" | "dblp" | "title" | "short";

export interface SamePaper<P extends Pick<Paper, "id" | "ids" | "short" | "title">> {
  paper: P;
  by: SameBy;
}

/** The id keys in the order they are trusted (an id beats a title). */
const ID_KEYS = ["doi", "arxiv", "s2", "corpusId", "dblp"] as const;

/** An id written the way it compares: no arXiv version, DOIs and shas in lower case. */
export function idKey(kind: (typeof ID_KEYS)[number], value: string | number): string {
  const text = String(value).trim();
  if (kind === "arxiv") return parseArxivId(text)?.id ?? text.toLowerCase();
  if (kind === "doi") return text.replace(/^doi:\s*/i, "").toLowerCase();
  return text.toLowerCase();
}

/** Every `kind:value` key of a paper's ids. */
export function idKeysOf(ids: Paper["ids"] | undefined): { kind: SameBy; key: string }[] {
  const out: { kind: SameBy; key: string }[] = [];
  for (const kind of ID_KEYS) {
    const v = ids?.[kind];
    if (v !== undefined && v !== "") out.push({ kind, key: `${kind}:${idKey(kind, v)}` });
  }
  return out;
}

/**
 * The library paper that is the same work as `who`: first by a shared id, then by a title equal
 * after normalizing (against its title or its short name), then — for a bare name like
 * `ResNet` — by its short name. undefined when none is.
 * @example findSamePaper(library.papers, { ids: { arxiv: "1512.03385v2" } })?.paper.id // "resnet"
 */
export function findSamePaper<P extends Pick<Paper, "id" | "ids" | "short" | "title">>(
  papers: readonly P[],
  who: PaperIdentity,
): SamePaper<P> | undefined {
  const wanted = idKeysOf(who.ids);
  if (wanted.length > 0) {
    for (const { kind, key } of wanted) {
      const hit = papers.find((p) => idKeysOf(p.ids).some((k) => k.key === key));
      if (hit) return { paper: hit, by: kind };
    }
  }
  const names = [who.title, who.short]
    .filter((t): t is string => t !== undefined && t.trim() !== "")
    .map(normalizeTitle)
    .filter((t) => t !== "");
  if (names.length === 0) return undefined;
  const byTitle = papers.find(
    (p) => p.title !== undefined && names.includes(normalizeTitle(p.title)),
  );
  if (byTitle) return { paper: byTitle, by: "title" };
  const byShort = papers.find((p) => names.includes(normalizeTitle(p.short)));
  return byShort ? { paper: byShort, by: "short" } : undefined;
}

/**
 * The library paper a citation-graph paper (a suggestion) is, by its arXiv id, DOI or title: a
 * catalog paper not yet given its S2 id. One rule for the CLI and the app's Next page.
 * @example findSameAsGraphPaper(library.papers, suggestion.paper)?.paper.id // "scaling-vit"
 */
export function findSameAsGraphPaper<P extends Pick<Paper, "id" | "ids" | "short" | "title">>(
  papers: readonly P[],
  p: GraphPaper,
): SamePaper<P> | undefined {
  return findSamePaper(papers, {
    ids: {
      ...(p.ids?.arxiv ? { arxiv: p.ids.arxiv } : {}),
      ...(p.ids?.doi ? { doi: p.ids.doi } : {}),
    },
    title: p.title,
  });
}
