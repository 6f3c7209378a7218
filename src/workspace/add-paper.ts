import { join } from "node:path";
import type { Library, Paper } from "../core/index.js";
import { JingduError } from "../core/index.js";
import type { ResolvedPaper, Sources } from "../sources/index.js";

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
}

export interface AddPaperResult {
  /** Whether the paper was written (a title match of low confidence is not, unless accepted). */
  added: boolean;
  /** Its file, relative to the library (`papers/resnet.md`). */
  file: string;
  paper: Paper;
  confidence: number;
  how: ResolvedPaper["how"];
  notices: string[];
}

/**
 * Resolves a paper through Semantic Scholar / arXiv and writes `papers/<id>.md` (never over an
 * existing file) and its fetched metadata. An uncertain title match is returned unwritten.
 * @example const r = await addPaper({ root, sources, library, input: "arXiv:1512.03385" })
 */
export async function addPaper(opts: AddPaperOptions): Promise<AddPaperResult> {
  const { library } = opts;
  if (opts.category !== undefined && !library.categories.some((c) => c.id === opts.category)) {
    throw new JingduError("unknown-category", `no category “${opts.category}” in categories.yaml`, {
      hint: `Categories: ${library.categories.map((c) => c.id).join(", ") || "(none yet)"}.`,
    });
  }
  const [{ resolvePaper, saveFetched }, { libraryFiles, writeFileAtomic }] = await Promise.all([
    import("../sources/index.js"),
    import("../store/index.js"),
  ]);
  const r = await resolvePaper(opts.input, {
    sources: opts.sources,
    takenIds: library.papers.map((p) => p.id),
    ...(opts.short === undefined ? {} : { short: opts.short }),
  });
  const paper: Paper = {
    ...r.paper,
    categories: opts.category !== undefined ? [opts.category] : r.paper.categories,
  };
  const [[file, content]] = [...libraryFiles({ papers: [paper] })] as [[string, string]];
  const added = r.accepted || opts.acceptUncertain === true;
  if (added) {
    await writeFileAtomic(join(opts.root, file), content, { expectedHash: null });
    await saveFetched(opts.root, [r.fetched]);
  }
  return { added, file, paper, confidence: r.confidence, how: r.how, notices: r.notices };
}
