import { join } from "node:path";
import type { Command } from "commander";
import {
  adoptLibraryPapers,
  type Category,
  type Diagnostic,
  type Language,
  type ReferenceLink,
  slugify,
} from "../core/index.js";
import type { StudyLogImport } from "../formats/index.js";
import {
  applyImport,
  contentHash,
  currentHash,
  type ImportSource,
  initLibrary,
  LIBRARY_FILES,
  libraryFiles,
  libraryFolderState,
  loadLibraryCached,
  openIndex,
  serializeCategories,
  serializeReferences,
  updateLibraryCache,
  updateLibraryFile,
  updateYamlFile,
  writtenItems,
} from "../store/index.js";
import { libraryRoot } from "./commands/shared.js";
import type { CliContext } from "./context.js";

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

/** The import report (`jingdu import --json`; the stable fields are listed in docs/cli.md). */
export interface ImportReport {
  file: string;
  library: string;
  /** The library's interface language: the summary is printed in it. */
  language: Language;
  createdLibrary: boolean;
  /** What an interrupted earlier import or init had left, and this one completed or removed. */
  recovered: string[];
  course?: { id: string; title: string };
  episodes: Counts & {
    total: number;
    sections: number;
    matchedSections: number;
    unmatchedSections: number;
    withNotes: number;
  };
  papers: Counts & { total: number; covered: number; unresolved: number };
  categories: { total: number; created: number };
  references: number;
  progress: "merged" | "unchanged" | "none";
  stated?: { papers?: number; covered?: number };
  conflicts: string[];
  /** The files this run wrote (created, updated, merged), with their outcome. */
  changed: { path: string; outcome: "created" | "updated" | "merged" }[];
  /** With `wholeSource`: files an earlier run wrote that the source no longer brings (kept). */
  gone?: string[];
  warnings: Diagnostic[];
  index: { read: number; skipped: number; removed: number };
  ms: { write: number; index: number };
}

export interface ImportOptions {
  file: string;
  /** Name of the import manifest, from the file name. */
  name: string;
  into?: string;
  /** Remembered in the manifest, for `import --again`. */
  source?: ImportSource;
  /**
   * A bibliography: its papers take the ids of the library's papers they are (same citekey or
   * ids), so a re-import, or an import of a paper the library has, updates that paper's file.
   */
  matchPapers?: boolean;
  /** The import brings the whole source (a document, not Zotero's changes since): report `gone`. */
  wholeSource?: boolean;
  program: Command;
  ctx: CliContext;
}

/** A folder `--into` creates a library in: missing, empty, or one whose creation was killed. */
async function isNewLibraryFolder(dir: string): Promise<boolean> {
  const { state } = await libraryFolderState(dir);
  return state === "missing" || state === "empty" || state === "pending";
}

/** Existing entries first, in their order; new ones appended. Returns undefined when nothing is new. */
function mergeById<T>(
  existing: readonly T[],
  incoming: readonly T[],
  key: (t: T) => string,
): T[] | undefined {
  const known = new Set(existing.map(key));
  const added = incoming.filter((t) => !known.has(key(t)));
  return added.length === 0 ? undefined : [...existing, ...added];
}

/**
 * Writes a parsed study log into a library (creating it when `into` is new or empty): per-item
 * files through `applyImport` (never overwriting an edited file), categories and references merged
 * into their lists, progress merged, then the index refreshed.
 */
export async function importStudyLog(
  parsed: StudyLogImport,
  opts: ImportOptions,
): Promise<ImportReport> {
  const writeStart = performance.now();
  let root: string;
  let createdLibrary = false;
  let recovered: string[] = [];
  if (opts.into !== undefined && (await isNewLibraryFolder(opts.into))) {
    // The library is committed (jingdu.yaml) before any imported file: a kill after that leaves
    // a library the same import, run again, completes (files already written are `unchanged`).
    ({ recovered } = await initLibrary(opts.into, {
      title: parsed.settings.title,
      language: parsed.settings.language,
    }));
    root = opts.into;
    createdLibrary = true;
  } else {
    root = opts.into ?? (await libraryRoot(opts.program, opts.ctx));
    if (opts.into !== undefined) {
      // Must already be a library: resolveLibraryRoot gives a clear error otherwise.
      root = await libraryRoot(opts.program, { ...opts.ctx, cwd: opts.into, env: {} });
    }
  }
  // Through the parsed-library cache: a re-import into a large library parses only what changed.
  const existing = (await loadLibraryCached(root)).library;
  if (opts.matchPapers)
    adoptLibraryPapers(parsed.papers, existing.papers, parsed.generatedCitekeys);

  // Lists a person may extend by hand: merged, never replaced.
  const categories = mergeCategories(existing.categories, parsed.categories);
  if (categories)
    await writeMerged(root, LIBRARY_FILES.categories, serializeCategories(categories));
  const references = mergeById<ReferenceLink>(existing.references, parsed.references, (r) => r.url);
  if (references)
    await writeMerged(root, LIBRARY_FILES.references, serializeReferences(references));

  const described = await fillDescription(root, existing.settings.description, parsed, opts.file);

  const parts = { papers: parsed.papers, courses: parsed.course ? [parsed.course] : [] };
  const files = libraryFiles({ ...parts, progress: parsed.progress });
  const hasProgress =
    Object.keys(parsed.progress.episodes).length + Object.keys(parsed.progress.papers).length > 0;
  if (!hasProgress) files.delete(LIBRARY_FILES.progress);
  const applied = await applyImport(root, files, {
    name: slugify(opts.name) || "import",
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.matchPapers ? { fillEdited: true } : {}),
    ...(opts.wholeSource ? { wholeSource: true } : {}),
  });
  const writeMs = Math.round((performance.now() - writeStart) * 10) / 10;

  const tally = (prefix: string): Counts => {
    const c = { created: 0, updated: 0, unchanged: 0, conflicts: 0 };
    for (const f of applied.files) {
      if (!f.path.startsWith(prefix)) continue;
      if (f.outcome === "created") c.created++;
      else if (f.outcome === "updated" || f.outcome === "merged") c.updated++;
      else if (f.outcome === "unchanged") c.unchanged++;
      else if (f.outcome === "conflict") c.conflicts++;
    }
    return c;
  };
  const courseId = parsed.course?.id;
  const episodeCounts = courseId ? tally(`courses/${courseId}/episodes/`) : tally("\0");
  const conflicts = applied.files.filter((f) => f.outcome === "conflict").map((f) => f.path);
  const refused = applied.files.filter((f) => f.outcome === "refused");
  const warnings: Diagnostic[] = [
    ...parsed.diagnostics,
    ...described,
    ...conflicts.map((path) => ({
      level: "warning" as const,
      rule: "import-conflict",
      message: `${path} was edited since the last import; kept your version, the import's was not written`,
      file: opts.file,
      line: 0,
    })),
    ...refused.map((f) => ({
      level: "error" as const,
      rule: "import-refused",
      message: `${f.path}: ${f.message ?? "refused"}`,
      file: opts.file,
      line: 0,
    })),
  ];

  const indexStart = performance.now();
  const index = openIndex(root);
  let indexStats: ImportReport["index"];
  try {
    // The files just written are not read and parsed again: the index takes their items.
    const { read, skipped, removed } = await index.refresh(
      undefined,
      writtenItems(parts, files, applied),
    );
    indexStats = { read, skipped, removed };
  } finally {
    index.close();
  }
  // The parsed-library cache brought up to date with what was written, so the next command
  // (`export` right after a 20,000-entry import: 2.4 s cold, 0.6 s warm) finds it warm. Files
  // written in the last 2 s stay out of it (the cache's racy window) and are read by that
  // command; they are not even read here (after a quick import, that is every file it wrote).
  await updateLibraryCache(root);
  const progressOutcome = applied.files.find((f) => f.path === LIBRARY_FILES.progress)?.outcome;
  const s = parsed.stats;
  return {
    file: opts.file,
    library: root,
    language: existing.settings.language,
    createdLibrary,
    recovered,
    ...(parsed.course ? { course: { id: parsed.course.id, title: parsed.course.title } } : {}),
    episodes: {
      ...episodeCounts,
      total: s.episodes,
      sections: s.sections,
      matchedSections: s.matchedSections,
      unmatchedSections: s.unmatchedSections,
      withNotes: s.episodesWithNotes,
    },
    papers: {
      ...tally("papers/"),
      total: s.papers,
      covered: s.covered,
      unresolved: parsed.papers.filter((p) => p.unresolved).length,
    },
    categories: {
      total: s.categories,
      created: categories ? categories.length - existing.categories.length : 0,
    },
    references: parsed.references.length,
    progress: progressOutcome === "merged" ? "merged" : hasProgress ? "unchanged" : "none",
    ...(s.stated ? { stated: s.stated } : {}),
    conflicts,
    changed: applied.files.flatMap((f) =>
      f.outcome === "created" || f.outcome === "updated" || f.outcome === "merged"
        ? [{ path: f.path, outcome: f.outcome }]
        : [],
    ),
    ...(opts.wholeSource ? { gone: applied.gone } : {}),
    warnings,
    index: indexStats,
    ms: { write: writeMs, index: Math.round((performance.now() - indexStart) * 10) / 10 },
  };
}

/**
 * The categories with the import's appended; a category the library has that lacks a
 * description gets the import's (a paper list's text under the heading). Undefined: no change.
 */
function mergeCategories(existing: readonly Category[], incoming: readonly Category[]) {
  const byId = new Map(incoming.map((c) => [c.id, c]));
  let filled = false;
  const kept = existing.map((c) => {
    const description = byId.get(c.id)?.description;
    if (c.description !== undefined || description === undefined) return c;
    filled = true;
    return { ...c, description };
  });
  return mergeById<Category>(kept, incoming, (c) => c.id) ?? (filled ? kept : undefined);
}

/**
 * A paper list's introduction becomes the library's `description` (jingdu.yaml, edited in place:
 * its comments and other keys stay) when the library has none. A library that has another keeps
 * it, and the report names the introduction's text, so nothing is lost without a word.
 */
async function fillDescription(
  root: string,
  current: string | undefined,
  parsed: StudyLogImport,
  file: string,
): Promise<Diagnostic[]> {
  const incoming = parsed.settings.description;
  if (incoming === undefined || incoming === current) return [];
  if (current === undefined) {
    await updateYamlFile(root, LIBRARY_FILES.settings, (doc) => {
      if (!doc.has("description")) doc.set("description", incoming);
    });
    return [];
  }
  const brief = incoming.replace(/\s+/g, " ").slice(0, 80);
  return [
    {
      level: "warning",
      rule: "description-kept",
      message: `the list's introduction «${brief}» was not written: jingdu.yaml has a description already`,
      file,
      line: 0,
      hint: "Copy the text into jingdu.yaml's description by hand if you want it there.",
    },
  ];
}

/** Writes a merged list file, refusing if it changed on disk since we read it. */
async function writeMerged(root: string, path: string, content: string): Promise<void> {
  const target = join(root, path);
  const before = await currentHash(target);
  if (before === contentHash(content)) return;
  // Under the file's lock, so the check and the write are one step (base/library-writer.ts).
  await updateLibraryFile(target, () => ({ content }), { expectedHash: before });
}
