/**
 * Every bibliography fixture read, written back and read again gives the same papers, field for
 * field (math, accents, protected capitals, dates, arXiv ids and citekeys included). BibTeX is
 * also written as CSL-JSON: the math and accents of the BibTeX fixtures cross that way too.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SHARED } from "../../../test/support/shared-files.js";
import type { Paper } from "../../core/index.js";
import { type ExportFormat, exportBibliography } from "./export-bibliography.js";
import { parseBbtJson } from "./parse-bbt-json.js";
import { parseBibliography } from "./parse-bibliography.js";

const FIXTURES = join(SHARED, "fixtures");
const HAS_FIXTURES = existsSync(join(FIXTURES, "bibtex"));
if (!HAS_FIXTURES) console.warn(`../shared/fixtures is missing (${FIXTURES}): round trips skipped`);

type Kind = "bibtex" | "csl-json" | "ris";
/**
 * Fixture folder → the kind its files are and the formats each is written back in. BibTeX is not
 * checked through RIS: a BibTeX `isbn` holding an ISSN (`1529-6466`) reads back from RIS's `SN`
 * as the ISSN it is, not an ISBN, and a misparsed name holding a comma (`May, Keith,`) as the
 * name RIS's `Family, Given` makes of it.
 */
const FOLDERS: [string, Kind, RegExp, ExportFormat[]][] = [
  ["bibtex", "bibtex", /\.bib$/, ["bibtex", "biblatex", "csl-json"]],
  ["better-bibtex", "bibtex", /\.biblatex$/, ["bibtex", "biblatex", "csl-json"]],
  ["csl-json", "csl-json", /\.json$/, ["csl-json"]],
  ["ris", "ris", /\.ris$/, ["ris"]],
];

const files = HAS_FIXTURES
  ? FOLDERS.flatMap(([folder, kind, pattern, formats]) =>
      readdirSync(join(FIXTURES, folder))
        .filter((f) => pattern.test(f))
        .map((f) => ({ path: join(FIXTURES, folder, f), name: `${folder}/${f}`, kind, formats })),
    )
  : [];

const back: Record<ExportFormat, Kind> = {
  bibtex: "bibtex",
  biblatex: "bibtex",
  "csl-json": "csl-json",
  ris: "ris",
};

describe.skipIf(!HAS_FIXTURES)("bibliography round trips", () => {
  for (const f of files) {
    for (const format of f.formats) {
      it(`${f.name} → ${format} → the same papers`, () => {
        const first = parseBibliography(readFileSync(f.path, "utf8"), f.kind, f.name);
        expect(first.papers.length).toBeGreaterThan(0);
        const written = exportBibliography({ papers: first.papers, categories: [] }, { format });
        expect(written?.count).toBe(first.papers.length);
        const again = parseBibliography(written?.text ?? "", back[format], `again.${format}`);
        expect(again.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
        expect(again.papers).toEqual(first.papers);
      });
    }
  }
});

/**
 * Better BibTeX JSON has no writer: it is read, and goes out as the other formats. What those
 * formats have no place for (the paper's notes, attachments, categories, Zotero key and links
 * after the first, a web attachment's: the library keeps them) is left out of the comparison,
 * and keywords are written sorted; every bibliographic field crosses.
 */
const BBT_FILES = [
  join(REPO, "test", "fixtures", "import", "bbt-library.SHAPED.json"),
  ...(HAS_FIXTURES ? [join(FIXTURES, "better-bibtex", "bbt-json-arxiv-preprint-2163.json")] : []),
];
const bibliographic = (papers: Paper[]) =>
  papers.map(({ notes, attachments, categories, ids: { zotero, ...ids }, ...rest }) => ({
    ...rest,
    ids,
    links: rest.links.slice(0, 1),
    tags: [...rest.tags].sort(),
  }));

describe("Better BibTeX JSON round trips", () => {
  for (const path of BBT_FILES) {
    for (const format of ["bibtex", "biblatex", "csl-json", "ris"] as ExportFormat[]) {
      it(`${path.split("/").pop()} → ${format} → the same papers`, () => {
        const first = parseBbtJson(readFileSync(path, "utf8"), { file: "library.json" });
        const written = exportBibliography({ papers: first.papers, categories: [] }, { format });
        expect(written?.count).toBe(first.papers.length);
        const again = parseBibliography(written?.text ?? "", back[format], `again.${format}`);
        expect(again.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
        expect(bibliographic(again.papers)).toEqual(bibliographic(first.papers));
      });
    }
  }
});
