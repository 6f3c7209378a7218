import type { BibliographyImport } from "./bib-record.js";
import { parseBbtJson } from "./parse-bbt-json.js";
import { parseBibtex } from "./parse-bibtex.js";
import { parseCslJson } from "./parse-csl-json.js";
import { parseRis } from "./parse-ris.js";

/** Reads a bibliography of the given kind into the model (docs/importing.md#bibliographies). */
export function parseBibliography(
  text: string,
  kind: "bibtex" | "csl-json" | "ris" | "bbt-json",
  file: string,
): BibliographyImport {
  switch (kind) {
    case "bibtex":
      return parseBibtex(text, { file });
    case "csl-json":
      return parseCslJson(text, { file });
    case "ris":
      return parseRis(text, { file });
    case "bbt-json":
      return parseBbtJson(text, { file });
  }
}
