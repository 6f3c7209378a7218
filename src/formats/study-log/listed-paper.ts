/**
 * Steps the list readers share as they make papers from listings (a paper list's entries, a
 * study log's catalog rows).
 */
import { idsFromLink, type Paper } from "../../core/index.js";
import type { DiagnosticSink } from "./diagnostics.js";

/**
 * A paper listed again under the same name (a paper list's entry, a catalog's row): one paper,
 * in the categories of every listing, and an info naming the line it was merged with.
 */
export function mergeListedAgain(
  sink: DiagnosticSink,
  line: number,
  name: string,
  first: Paper,
  categories: readonly string[],
): void {
  for (const c of categories) if (!first.categories.includes(c)) first.categories.push(c);
  sink.info(
    "paper-duplicate",
    line,
    `"${name}" is listed again; merged with line ${first.at?.line}`,
  );
}

/** The ids a link names (arXiv, DOI, S2…) added to the paper's, none it has already replaced. */
export function addIdsFromLink(paper: Paper, url: string): void {
  const ids = paper.ids as Record<string, unknown>;
  for (const [k, v] of Object.entries(idsFromLink(url))) if (ids[k] === undefined) ids[k] = v;
}
