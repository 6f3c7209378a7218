/**
 * Citation keys: every paper has one. A key a paper carries (kept from an import, or written by
 * a person) is its own; a paper without one gets Better BibTeX's default shape, first author's
 * last name + year + first title word that is not a function word (`he2016deep`), made unique
 * in the library with a letter (`he2016deepa`, `he2016deepb`…), as Better BibTeX does.
 */
import type { Paper } from "./model.js";
import { findSamePaper } from "./paper-identity.js";

/** Words a key never takes as its title word (Better BibTeX's function words, in English). */
const FUNCTION_WORDS = new Set(
  (
    "a an the and or but nor so yet for of on in at by to from with without into onto upon " +
    "over under via about as is are was were be been being do does did towards toward " +
    "through across between among against within beyond what when where which who how why " +
    "its it this that these those their our your his her we you they i can not no"
  ).split(" "),
);

/** Letters and digits only, accents folded, lower case: `Gödel` → `godel`. */
function keyPart(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/[^a-z0-9]+/g, "");
}

const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

/** The family name of a display name (`Kaiming He` → `He`; `Smith, John` → `Smith`). */
export function familyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes(",")) return trimmed.slice(0, trimmed.indexOf(",")).trim();
  const words = trimmed.split(/\s+/).filter((w) => !SUFFIXES.test(w));
  return words.at(-1) ?? "";
}

/** What a key is made of. */
export type CitekeySource = Pick<Paper, "authors" | "year" | "title" | "short">;

/**
 * A key in Better BibTeX's default shape, before it is made unique.
 * @example citekeyBase({ authors: ["Kaiming He"], year: 2016, title: "Deep Residual Learning", short: "ResNet" }) // "he2016deep"
 */
export function citekeyBase(paper: CitekeySource): string {
  const author = keyPart(familyName(paper.authors[0] ?? ""));
  let title: string | undefined;
  // The first word that is no function word: the words after it are not folded.
  for (const word of (paper.title ?? paper.short)
    .replace(/\$[^$]*\$/g, " ")
    .split(/[^\p{L}\p{N}]+/u)) {
    const part = keyPart(word);
    if (part !== "" && !FUNCTION_WORDS.has(part)) {
      title = part;
      break;
    }
  }
  const key = `${author}${paper.year ?? ""}${title ?? ""}`;
  return key === "" ? "paper" : key;
}

/**
 * `base`, else `base` + a, b, … z, aa, ab…: the first not in `taken`; adds it to `taken`. With
 * `cursor` (one per `taken`) the search starts where the last one for `base` ended: `taken` only
 * grows, so the first free suffix never moves back, and 1,000 papers of one base cost 1,000
 * checks instead of half a million.
 */
export function uniqueCitekey(
  base: string,
  taken: Set<string>,
  cursor?: Map<string, number>,
): string {
  let n = cursor?.get(base) ?? -1;
  let key = n < 0 ? base : `${base}${letters(n)}`;
  while (taken.has(key)) {
    n++;
    key = `${base}${letters(n)}`;
  }
  cursor?.set(base, n);
  taken.add(key);
  return key;
}

function letters(n: number): string {
  const a = "a".charCodeAt(0);
  return n < 26
    ? String.fromCharCode(a + n)
    : `${letters(Math.floor(n / 26) - 1)}${letters(n % 26)}`;
}

/**
 * Every paper's citation key, by paper id: its own `citekey` when it has one, else a generated
 * one unique among all (papers in id order, so the same library gives the same keys).
 */
export function libraryCitekeys(
  papers: readonly Pick<Paper, "id" | "citekey" | "authors" | "year" | "title" | "short">[],
): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of papers) {
    if (p.citekey) {
      keys.set(p.id, p.citekey);
      taken.add(p.citekey);
    }
  }
  const rest = papers.filter((p) => !p.citekey).sort((a, b) => (a.id < b.id ? -1 : 1));
  const cursor = new Map<string, number>();
  for (const p of rest) keys.set(p.id, uniqueCitekey(citekeyBase(p), taken, cursor));
  return keys;
}

/** How an imported paper was matched to one of the library's. */
export interface ImportedMatch {
  id: string;
  existing: string;
  by: "citekey" | "id";
}

/**
 * Gives imported papers the ids of the library's papers they are (the same citekey, else a
 * shared arXiv id, DOI, …), keeps a library paper's citekey, and moves an imported paper off an
 * id or citekey a different library paper holds. Mutates `incoming`; returns the matches.
 */
export function adoptLibraryPapers(
  incoming: Paper[],
  library: readonly Paper[],
  /** Keys the reader made up: matched only to a paper of the same content (`sameContent`). */
  generated: ReadonlySet<string> = new Set(),
): ImportedMatch[] {
  const byKey = new Map<string, Paper>();
  for (const p of library) byKey.set(p.citekey ?? p.id, p);
  const ids = new Set(library.map((p) => p.id));
  const keys = new Set(library.map((p) => p.citekey).filter((k): k is string => !!k));
  const matches: ImportedMatch[] = [];
  const claimed = new Set<string>();
  for (const paper of incoming) {
    const keyed = paper.citekey ? byKey.get(paper.citekey) : undefined;
    const byOwnKey =
      keyed && paper.citekey && generated.has(paper.citekey) && !sameContent(paper, keyed)
        ? undefined
        : keyed;
    const same = byOwnKey ?? findSamePaper(library, { ids: paper.ids })?.paper;
    if (same && !claimed.has(same.id)) {
      claimed.add(same.id);
      matches.push({
        id: paper.id,
        existing: same.id,
        by: byOwnKey === same ? "citekey" : "id",
      });
      paper.id = same.id;
      if (same.citekey) paper.citekey = same.citekey;
      continue;
    }
    if (ids.has(paper.id)) {
      let n = 2;
      while (ids.has(`${paper.id}-${n}`)) n++;
      paper.id = `${paper.id}-${n}`;
    }
    ids.add(paper.id);
    if (paper.citekey && keys.has(paper.citekey)) {
      paper.citekey = uniqueCitekey(paper.citekey, keys);
    } else if (paper.citekey) keys.add(paper.citekey);
  }
  return matches;
}

/**
 * Whether a paper read again under a made-up key is the library's paper of that key: the same
 * title, year, first author and abstract. A made-up key is only its content's shape
 * (`untitled`, `he2016deep`): two records without a title or author would share it, and the
 * second must not fill the first (an abstract-only record once filled a DOI-only one).
 */
function sameContent(a: Paper, b: Paper): boolean {
  return (
    a.title === b.title &&
    a.year === b.year &&
    a.authors[0] === b.authors[0] &&
    a.abstract === b.abstract
  );
}
