import { basename } from "node:path";
import {
  type Category,
  type Course,
  compareDiagnostics,
  type Diagnostic,
  type Episode,
  emptyProgress,
  type Library,
  type LibrarySettings,
  type Paper,
  type Progress,
  type ReferenceLink,
  type Reviews,
} from "../core/index.js";
// Types only from parse-file: folding a cached library must not load the parser (zod, yaml).
import type { CourseHead, ParsedLibraryFile } from "./parse-file.js";
import type { FileStamp } from "./read-files.js";

/** Where things are in one file: YAML path → line, and the `id:` its front matter declares. */
export interface FileSource {
  lines: Record<string, number>;
  declaredId?: string;
  /** For episodes: the number in the file name (`007.md` → 7). */
  fileNumber?: number;
}

export interface LoadedLibrary {
  root: string;
  library: Library;
  /** Problems found while reading files, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Every library file read (path relative to the root, `/`-separated). */
  files: Map<string, FileStamp>;
  /** Per file, for messages about cross-file problems (`checkLibrary`). */
  sources: Map<string, FileSource>;
}

const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The catalog's order, as the study log lists it: oldest first, papers without a year last,
 * then by id. The one paper sort of a loaded library (the library summary sorts by it too).
 */
export const byCatalogOrder = (
  a: Pick<Paper, "id" | "year">,
  b: Pick<Paper, "id" | "year">,
): number =>
  (a.year ?? Number.POSITIVE_INFINITY) - (b.year ?? Number.POSITIVE_INFINITY) || byId(a, b);

/**
 * Folds per-file results into one library: papers by year, then id (no year last), courses by id,
 * episodes by number.
 */
export function assembleLibrary(
  parsedFiles: readonly ParsedLibraryFile[],
  fallbackTitle: string,
): { library: Library; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let settings: LibrarySettings | undefined;
  let categories: Category[] = [];
  let progress: Progress = emptyProgress();
  let references: ReferenceLink[] = [];
  let reviews: Reviews | undefined;
  const papers: Paper[] = [];
  const heads = new Map<string, CourseHead>();
  const episodes = new Map<string, Episode[]>();
  const unknown = new Map<string, { file: string; line: number; count: number }>();

  for (const f of parsedFiles) {
    diagnostics.push(...f.diagnostics);
    for (const key of f.unknownKeys) {
      const id = `${f.kind}\0${key.key}`;
      const seen = unknown.get(id);
      if (seen) seen.count++;
      else unknown.set(id, { file: f.file, line: key.line, count: 1 });
    }
    switch (f.kind) {
      case "settings":
        settings = f.settings;
        break;
      case "categories":
        categories = f.categories ?? [];
        break;
      case "progress":
        progress = f.progress ?? emptyProgress();
        break;
      case "references":
        references = f.references ?? [];
        break;
      case "reviews":
        reviews = f.reviews ?? { cards: {} };
        break;
      case "paper":
        if (f.paper) papers.push(f.paper);
        break;
      case "course":
        if (f.course) heads.set(f.course.id, f.course);
        break;
      case "episode":
        if (f.episode) {
          const list = episodes.get(f.episode.courseId) ?? [];
          list.push(f.episode);
          episodes.set(f.episode.courseId, list);
        }
        break;
    }
  }
  for (const [id, where] of unknown) {
    const key = id.split("\0")[1];
    const others = where.count > 1 ? ` (and in ${where.count - 1} more files)` : "";
    diagnostics.push({
      level: "warning",
      rule: "unknown-key",
      message: `unknown key \`${key}\`${others}; kept in the file but not used`,
      file: where.file,
      line: where.line,
      hint: "Check the spelling against docs/library-format.md.",
    });
  }
  for (const courseId of episodes.keys()) {
    if (heads.has(courseId)) continue;
    const file = `courses/${courseId}/course.md`;
    diagnostics.push({
      level: "error",
      rule: "course-missing",
      message: `episodes of course \`${courseId}\` have no readable ${file}`,
      file,
      line: 0,
      hint: "Create the course.md (at least `title:`) so the course and its episodes show.",
    });
    // Written out rather than makeCourse(): this path reads a cached library without loading
    // zod. A course field with a default added to the schema is a type error here.
    heads.set(courseId, {
      id: courseId,
      title: courseId,
      source: { kind: "manual" },
      tags: [],
      links: [],
      notes: "",
    });
  }
  const courses: Course[] = [...heads.values()].sort(byId).map((head) => ({
    ...head,
    episodes: (episodes.get(head.id) ?? []).sort((a, b) => a.number - b.number),
  }));
  return {
    library: {
      settings: settings ?? { title: fallbackTitle, language: "zh", version: 1 },
      categories,
      papers: papers.sort(byCatalogOrder),
      courses,
      progress,
      references,
      ...(reviews ? { reviews } : {}),
    },
    diagnostics,
  };
}

/**
 * Folds parsed files (in path order) into a `LoadedLibrary`: what `loadLibrary` returns. Its
 * `sources` (each file's lines, for `jingdu doctor`'s cross-file messages) are gathered when first
 * read: a server never reads them (20,000 objects fewer at its start).
 */
export function libraryFromParsed(
  root: string,
  parsed: readonly (ParsedLibraryFile | undefined)[],
  files: Map<string, FileStamp> | (() => Map<string, FileStamp>),
): LoadedLibrary {
  const usable = parsed.filter((f): f is ParsedLibraryFile => f !== undefined);
  const { library, diagnostics } = assembleLibrary(usable, basename(root));
  let sources: Map<string, FileSource> | undefined;
  const loaded = { root, library, diagnostics: diagnostics.sort(compareDiagnostics) };
  if (typeof files === "function") {
    // Made when first read, from what the caller keeps anyway (the cache's entries): a server
    // never reads it, and it was a second map of 20,000 stamps in its heap (~2 MB).
    let made: Map<string, FileStamp> | undefined;
    Object.defineProperty(loaded, "files", {
      enumerable: true,
      configurable: true,
      get: () => {
        made ??= files();
        return made;
      },
    });
  } else Object.assign(loaded, { files });
  Object.defineProperty(loaded, "sources", {
    enumerable: true,
    configurable: true,
    get: () => {
      sources ??= sourcesOf(usable);
      return sources;
    },
  });
  return loaded as LoadedLibrary;
}

function sourcesOf(parsed: readonly ParsedLibraryFile[]): Map<string, FileSource> {
  const sources = new Map<string, FileSource>();
  for (const f of parsed) {
    const source: FileSource = { lines: f.lines };
    if (f.declaredId !== undefined) source.declaredId = f.declaredId;
    if (f.kind === "episode" && f.fileNumber !== undefined) source.fileNumber = f.fileNumber;
    sources.set(f.file, source);
  }
  return sources;
}
