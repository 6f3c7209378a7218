import { join } from "node:path";
import type { Library, Paper, PaperIdentity, SameBy } from "../core/index.js";
import { findSamePaper, JingduError } from "../core/index.js";
import type { PaperQuery, ResolvedPaper, Sources } from "../sources/index.js";
import { fillPaperFile } from "./fill-paper.js";

export interface AddPaperOptions {
  root: string;
  /** The metadata sources (configured by the caller: only the CLI reads the environment). */
  sources: Sources;
  /** `arXiv:1512.03385`, `DOI:…`, a URL or a title. */
  input: string;
  /** The library as loaded (its papers' ids are taken, its categories known). */
  library: Library;
  /** A category id of the library to put the paper in. */
  category?: string;
  /** The short name (default: from the title). */
  short?: string;
  /** Add a title match even when its confidence is below the automatic threshold. */
  acceptUncertain?: boolean;
  /** Write a new file even when the library already has this paper (`--new`). */
  forceNew?: boolean;
}

export interface AddPaperResult {
  /** Whether a new file was written (a title match of low confidence is not, unless accepted). */
  added: boolean;
  /** Its file, relative to the library (`papers/resnet.md`); the existing one when `existing`. */
  file: string;
  paper: Paper;
  confidence: number;
  how: ResolvedPaper["how"];
  notices: string[];
  /** The library already had this paper: no file was created, its entry was filled instead. */
  existing?: { id: string; file: string; by: SameBy };
  /** Fields filled in the existing entry (`ids.arxiv`, `title`, …); `[]` when it had them all. */
  filled?: string[];
  /** The match was not certain enough to write anything (confirm with `acceptUncertain`). */
  uncertain: boolean;
}

/** What the typed input alone says about the paper, before any request. */
function identityOfQuery(q: PaperQuery): PaperIdentity {
  if (q.kind === "title") return { title: q.title, short: q.title };
  const ids: Paper["ids"] = {};
  if (q.arxiv) ids.arxiv = q.arxiv;
  if (q.doi) ids.doi = q.doi;
  if (/^[0-9a-f]{40}$/i.test(q.s2Id)) ids.s2 = q.s2Id.toLowerCase();
  const corpus = /^CorpusId:(\d+)$/i.exec(q.s2Id)?.[1];
  if (corpus) ids.corpusId = Number(corpus);
  return { ids };
}

/** `{ [key]: value }` from the person's entry, else from the found paper, else nothing. */
function withFallback<K extends "title" | "year" | "venue">(
  key: K,
  mine: Paper,
  found: Paper,
): Partial<Pick<Paper, K>> {
  const v = mine[key] ?? found[key];
  return v === undefined ? {} : ({ [key]: v } as Partial<Pick<Paper, K>>);
}

function unknownCategory(library: Library, category: string): JingduError {
  return new JingduError("unknown-category", `no category “${category}” in categories.yaml`, {
    hint: `Categories: ${library.categories.map((c) => c.id).join(", ") || "(none yet)"}.`,
  });
}

/**
 * Resolves a paper through Semantic Scholar / arXiv. One paper, one file: when the library
 * already has it — by any id (DOI, arXiv with or without version, S2 id, CorpusId), by a title
 * equal after normalizing, or by its short name — that entry's empty fields are filled and no
 * file is created (`forceNew` writes a new one anyway). Otherwise `papers/<id>.md` is written
 * (never over an existing file). An uncertain title match is returned unwritten.
 * @example const r = await addPaper({ root, sources, library, input: "arXiv:1512.03385" }) // r.existing?.file === "papers/resnet.md"
 */
export async function addPaper(opts: AddPaperOptions): Promise<AddPaperResult> {
  const { library } = opts;
  if (opts.category !== undefined && !library.categories.some((c) => c.id === opts.category)) {
    throw unknownCategory(library, opts.category);
  }
  const [{ parsePaperQuery, resolvePaper, saveFetched }, { libraryFiles, writeFileAtomic }] =
    await Promise.all([import("../sources/index.js"), import("../store/index.js")]);
  const dedupe = opts.forceNew !== true;
  const known = dedupe
    ? findSamePaper(
        library.papers,
        identityOfQuery(parsePaperQuery(opts.input.replace(/^["“](.*)["”]$/s, "$1"))),
      )
    : undefined;
  let r: ResolvedPaper;
  try {
    r = await resolvePaper(opts.input, {
      sources: opts.sources,
      takenIds: library.papers.map((p) => p.id),
      ...(opts.short === undefined ? {} : { short: opts.short }),
      ...(known ? { id: known.paper.id } : {}),
    });
  } catch (err) {
    // The library has it already: said, rather than failing on a name S2 does not know.
    if (known && err instanceof JingduError && err.code === "paper-not-found") {
      return alreadyThere(known, [], 0, "title", [
        `${err.message}; nothing to fill ${known.paper.id} with`,
      ]);
    }
    throw err;
  }
  const same = known ?? (dedupe ? findSamePaper(library.papers, r.paper) : undefined);
  const accepted = r.accepted || opts.acceptUncertain === true;
  if (same) {
    if (!accepted) return alreadyThere(same, [], r.confidence, r.how, r.notices, false);
    const filled = await fillPaperFile(opts.root, same.paper.id, r.paper);
    await saveFetched(opts.root, [{ ...r.fetched, key: `paper:${same.paper.id}` }]);
    const shown: Paper = {
      ...same.paper,
      ids: { ...r.paper.ids, ...same.paper.ids },
      authors: same.paper.authors.length > 0 ? same.paper.authors : r.paper.authors,
      ...withFallback("title", same.paper, r.paper),
      ...withFallback("year", same.paper, r.paper),
      ...withFallback("venue", same.paper, r.paper),
    };
    return alreadyThere({ paper: shown, by: same.by }, filled, r.confidence, r.how, r.notices);
  }
  const paper: Paper = {
    ...r.paper,
    categories: opts.category !== undefined ? [opts.category] : r.paper.categories,
  };
  const [[file, content]] = [...libraryFiles({ papers: [paper] })] as [[string, string]];
  if (accepted) {
    await writeFileAtomic(join(opts.root, file), content, { expectedHash: null });
    await saveFetched(opts.root, [r.fetched]);
  }
  return {
    added: accepted,
    file,
    paper,
    confidence: r.confidence,
    how: r.how,
    notices: r.notices,
    uncertain: !accepted,
  };

  function alreadyThere(
    hit: { paper: Paper; by: SameBy },
    filled: string[],
    confidence: number,
    how: ResolvedPaper["how"],
    notices: string[],
    wrote = true,
  ): AddPaperResult {
    const file = `papers/${hit.paper.id}.md`;
    const said = wrote
      ? filled.length > 0
        ? `already in the library as ${file} (same ${hit.by}): filled ${filled.join(", ")}`
        : `already in the library as ${file} (same ${hit.by}): nothing new to fill`
      : `already in the library as ${file} (same ${hit.by}): not filled, the match is uncertain`;
    return {
      added: false,
      file,
      paper: hit.paper,
      confidence,
      how,
      notices: [said, ...notices],
      existing: { id: hit.paper.id, file, by: hit.by },
      filled,
      uncertain: !wrote,
    };
  }
}

/**
 * What the add page is told of an add (`jingdu serve`'s adder): the uncertain title to confirm
 * ("add it anyway"), the file the library already had it in, or the name of the paper added.
 */
export function addedAnswer(
  r: AddPaperResult,
): string | { what: string; existing: string } | { uncertain: string } {
  if (r.uncertain) return { uncertain: r.paper.title ?? r.paper.short };
  const what = r.paper.title ?? r.paper.short;
  return r.existing ? { what, existing: r.existing.file } : what;
}
