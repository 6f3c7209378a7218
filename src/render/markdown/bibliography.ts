import { escapeHtml } from "./html-escape.js";
import type { ResolvedItem } from "./render-env.js";

/** Authors as written in the model; past five, the first three and "et al.". */
function authorList(authors: readonly string[]): string {
  if (authors.length <= 5) return authors.join(", ");
  return `${authors.slice(0, 3).join(", ")} et al.`;
}

/**
 * The bibliography that ends a note citing papers: one entry per cited paper, in order of first
 * citation, formatted by jingdu from the model's fields (authors, year, title linking to the
 * paper's page, venue, arXiv id and DOI as links). No citation style processor: citeproc-js is
 * under the AGPL/CPAL, and a note's list of what it cites needs no style language.
 */
export function bibliographyHtml(cited: ReadonlyMap<string, ResolvedItem>, title: string): string {
  if (cited.size === 0) return "";
  const entries: string[] = [];
  for (const item of cited.values()) {
    const work = item.work;
    if (!work) continue;
    const parts: string[] = [];
    const who = authorList(work.authors);
    if (who !== "" || work.year !== undefined) {
      parts.push(
        `${escapeHtml(who)}${work.year === undefined ? "" : `${who === "" ? "" : " "}(${work.year})`}. `,
      );
    }
    parts.push(`<a class="xref" href="${escapeHtml(item.href)}">${escapeHtml(work.title)}</a>.`);
    if (work.venue) parts.push(` <em>${escapeHtml(work.venue)}</em>.`);
    if (work.arxiv) {
      const url = `https://arxiv.org/abs/${encodeURIComponent(work.arxiv).replace(/%2F/g, "/")}`;
      parts.push(
        ` <a class="ext" href="${escapeHtml(url)}" rel="noopener noreferrer">arXiv:${escapeHtml(work.arxiv)}</a>`,
      );
    }
    if (work.doi) {
      const url = `https://doi.org/${encodeURIComponent(work.doi).replace(/%2F/g, "/")}`;
      parts.push(
        ` <a class="ext" href="${escapeHtml(url)}" rel="noopener noreferrer">doi:${escapeHtml(work.doi)}</a>`,
      );
    }
    entries.push(`<li>${parts.join("")}</li>`);
  }
  return `<section class="bibliography"><h2>${escapeHtml(title)}</h2>\n<ol>\n${entries.join("\n")}\n</ol>\n</section>\n`;
}
