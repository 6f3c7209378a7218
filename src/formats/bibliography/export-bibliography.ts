import { type Library, libraryCitekeys } from "../../core/index.js";
import { writeBibtex } from "./write-bibtex.js";
import { writeCslJson } from "./write-csl-json.js";
import { writeRis } from "./write-ris.js";

/** The formats `jingdu export` writes, with the file extension and media type of each. */
export const EXPORT_FORMATS = {
  bibtex: { extension: "bib", mediaType: "application/x-bibtex; charset=utf-8" },
  biblatex: { extension: "bib", mediaType: "application/x-bibtex; charset=utf-8" },
  "csl-json": { extension: "json", mediaType: "application/vnd.citationstyles.csl+json" },
  ris: { extension: "ris", mediaType: "application/x-research-info-systems; charset=utf-8" },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(text: string): text is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, text);
}

export interface BibliographyExport {
  text: string;
  /** Papers written. */
  count: number;
  extension: string;
  mediaType: string;
}

/**
 * The library's papers (or one category's: `category` is a category id) in a bibliography
 * format, each under its citation key (its own, else generated unique in the whole library).
 * The one export the CLI (`jingdu export`) and the web app (`/export/<category>.bib`) share.
 * undefined when `category` names no category of the library.
 * @example exportBibliography(library, { format: "bibtex", category: "cv" })?.text
 */
export function exportBibliography(
  library: Pick<Library, "papers" | "categories">,
  opts: { format: ExportFormat; category?: string | undefined },
): BibliographyExport | undefined {
  const { category } = opts;
  if (category !== undefined && !library.categories.some((c) => c.id === category)) {
    return undefined;
  }
  const papers =
    category === undefined
      ? library.papers
      : library.papers.filter((p) => p.categories.includes(category));
  const keys = libraryCitekeys(library.papers);
  const text =
    opts.format === "csl-json"
      ? writeCslJson(papers, keys)
      : opts.format === "ris"
        ? writeRis(papers, keys)
        : writeBibtex(papers, keys, opts.format);
  return { text, count: papers.length, ...EXPORT_FORMATS[opts.format] };
}
