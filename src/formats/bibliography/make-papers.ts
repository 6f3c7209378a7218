/**
 * The one loop the record readers (CSL-JSON, Better BibTeX JSON, RIS) share: from a file's
 * entries, each with its lines and its record, every entry becomes a paper or a
 * `bib-entry-not-mapped` diagnostic with its line, and the lines of each paper are accounted to
 * it. The keys the file gives are claimed first, so a generated key never takes one. (BibTeX's
 * reader finds its entries' lines after parsing, so it keeps a loop of its own.)
 */

import type { Paper } from "../../core/index.js";
import {
  accountLines,
  type BibliographyImport,
  type BibRecord,
  emptyBibliography,
  entryNotMapped,
  hasSubstance,
  PaperMaker,
} from "./bib-record.js";

/** One entry as a reader found it: what it is, its lines (0-based, inclusive) and its record. */
export interface ReadEntry<T> {
  item: T;
  first: number;
  last: number;
  /** undefined: nothing a paper is made of (not an item, or an item that is no paper). */
  record: BibRecord | undefined;
  /** The key the entry gives, claimed before any is generated (default: the record's). */
  key?: string | undefined;
}

export interface EntrySteps<T> {
  /** What an entry no paper is made of is said as (its line is added). */
  notMapped(entry: ReadEntry<T>): { message: string; hint: string; level?: "error" | "warning" };
  /** How an entry's lines are named: `entry he2016deep`, `record Deep learning`. */
  what: string;
  /** Makes the paper (`make`) and adds what else the entry gives it; default: `make(record)`. */
  add?(entry: ReadEntry<T>, record: BibRecord, make: (r: BibRecord) => Paper, left: Left): void;
}

/** Counts a field (tag, variable) no paper field takes, in `fieldsLeft`. */
export type Left = (what: string) => void;

/**
 * `read` finds the file's entries, counting what no field takes with `left`; the papers go into
 * `out` (a new import unless the reader has begun one), which is returned.
 */
export function makePapers<T>(
  file: string,
  read: (left: Left) => readonly ReadEntry<T>[],
  steps: EntrySteps<T>,
  out: BibliographyImport = emptyBibliography(),
): BibliographyImport {
  const maker = new PaperMaker(file, out);
  const left: Left = (what) => maker.left(what);
  const entries = read(left);
  maker.reserve(entries.map((e) => ("key" in e ? e.key : e.record?.citekey)));
  out.entries = entries.length;
  for (const entry of entries) {
    const { record, first, last } = entry;
    if (record === undefined || !hasSubstance(record)) {
      entryNotMapped(out, { ...steps.notMapped(entry), file, line: first + 1 });
      continue;
    }
    if (steps.add) steps.add(entry, record, (r) => maker.add(r), left);
    else maker.add(record);
    const name = record.citekey ?? record.title ?? `at line ${first + 1}`;
    accountLines(out, first, last, `${steps.what} ${name}`);
  }
  return out;
}
