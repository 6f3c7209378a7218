import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { access } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import {
  compareDiagnostics,
  type Diagnostic,
  type Library,
  notALibrary,
  type Paper,
  type PaperCounts,
} from "../core/index.js";
import { assembleLibrary, byCatalogOrder } from "./assemble-library.js";
import { parserCode, RACY_MS } from "./library-cache-file.js";
import { DERIVED_DIR, LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";
import { type FileTimes, readStampedFileSync } from "./read-files.js";

/**
 * The library summary (issue 22, "commands that read little load little"): what `jingdu status`,
 * `done`/`skip`/`watching`/`todo` need, without every paper's content. The parsed-library cache
 * (`library-cache.bin`) holds every paper whole — 127 MB for 100,000 papers, ~2 s to read and
 * parse before anything is answered. These commands only count papers, so the summary keeps, per
 * paper file, its stamp and four fields (`PaperCounts`), and every other library file (settings,
 * categories, progress, courses, episodes, references, reviews: few, small) parsed whole. Each
 * file's diagnostics and unknown keys are kept too, so the problems printed are those of a full
 * load. Files are still listed and stat-ed (an in-place edit changes no folder's mtime); a file
 * whose size, mtime or ctime changed is read and parsed again, one at a time (memory stays
 * bounded by the summary, not by the library), and only the summary is rewritten.
 * test: library-summary.test.ts compares it with a full load over many mutations.
 */
export const LIBRARY_SUMMARY_FILE = `${DERIVED_DIR}/library-summary.json`;

const FORMAT = 2;

/**
 * What the summary keeps of a paper: what `summarizeLibrary` counts (only the first category),
 * and what `jingdu next` names and looks up (`short`, `year` for the catalog's order, S2 id).
 */
export type PaperHead = PaperCounts &
  Pick<Paper, "short" | "year"> & { ids: Pick<Paper["ids"], "s2"> };

/** A library with its papers cut to their heads (`PaperHead`): the rest as a full load has it. */
export type LibraryHeads = Omit<Library, "papers"> & { papers: PaperHead[] };

export interface SummaryLibrary {
  root: string;
  /** Papers in the catalog's order (by year, then id), as a full load has them. */
  library: LibraryHeads;
  /** Problems found while reading files, sorted by file and line (as `loadLibraryCached`). */
  diagnostics: Diagnostic[];
}

/** Any file but a paper, as parsed (without `lines`, which only `doctor` reads). */
type Kept = Omit<ParsedLibraryFile, "lines">;

/** A file's problems, when it has any (most have none: then `0`). */
type Problems = { diagnostics: Diagnostic[]; unknownKeys: ParsedLibraryFile["unknownKeys"] } | 0;

/**
 * One file: its size, mtime, ctime (0 when it equals the mtime), then for a paper `"p"`, its id
 * (0 when it is the file's name), first category (0: none), flags (1 covered, 2 unresolved:
 * false, 4 unresolved: true, 8 unusable: no paper), problems, short name, year (0: none) and S2
 * id (0: none); for any other file, the file as parsed (null: unusable). Tuples, not objects:
 * 100,000 papers are ~8 MB, not 25.
 */
type Row =
  | [path: string, size: number, mtimeMs: number, ctimeMs: number, kept: Kept | null]
  | [
      path: string,
      size: number,
      mtimeMs: number,
      ctimeMs: number,
      paper: "p",
      id: string | 0,
      category: string | 0,
      flags: number,
      problems: Problems,
      short: string,
      year: number,
      s2: string | 0,
    ];

const idOfPath = (path: string): string => basename(path).replace(/\.md$/, "");

function rowOf(
  path: string,
  file: { size: number; mtimeMs: number; ctimeMs: number },
  parsed: ParsedLibraryFile | undefined,
): Row {
  const ctime = file.ctimeMs === file.mtimeMs ? 0 : file.ctimeMs;
  if (parsed?.kind !== "paper") {
    const kept = parsed ? (({ lines: _lines, ...rest }) => rest)(parsed) : null;
    return [path, file.size, file.mtimeMs, ctime, kept];
  }
  const problems: Problems =
    parsed.diagnostics.length + parsed.unknownKeys.length > 0
      ? { diagnostics: parsed.diagnostics, unknownKeys: parsed.unknownKeys }
      : 0;
  const p = parsed.paper;
  if (!p) return [path, file.size, file.mtimeMs, ctime, "p", 0, 0, 8, problems, "", 0, 0];
  const flags =
    (p.covered ? 1 : 0) | (p.unresolved === false ? 2 : 0) | (p.unresolved === true ? 4 : 0);
  const id = p.id === idOfPath(path) ? 0 : p.id;
  const category = p.categories[0] ?? 0;
  const year = p.year ?? 0;
  const s2 = p.ids.s2 ?? 0;
  return [
    path,
    file.size,
    file.mtimeMs,
    ctime,
    "p",
    id,
    category,
    flags,
    problems,
    p.short,
    year,
    s2,
  ];
}

/** Whether a file as stat-ed now is the one a row was made from (see `unchanged`). */
function sameFile(row: Row, info: FileTimes, before: number): boolean {
  const ctime = row[3] === 0 ? row[2] : row[3];
  return (
    row[1] === info.size &&
    row[2] === info.mtimeMs &&
    ctime === info.ctimeMs &&
    info.mtimeMs < before &&
    info.ctimeMs < before
  );
}

/** The summary's rows, in path order (as written); none when it is missing or not ours. */
function readSummary(path: string): Row[] {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch {
    // No summary yet: every file is read (it is derived data).
    return [];
  }
  try {
    const data = JSON.parse(text) as { format?: unknown; code?: unknown; rows?: unknown };
    const ours = data.format === FORMAT && data.code === parserCode();
    return ours && Array.isArray(data.rows) ? (data.rows as Row[]) : [];
  } catch {
    // Damaged or not ours: read every file again.
    return [];
  }
}

function writeSummary(path: string, rows: readonly Row[]): void {
  // ASCII only, like the parsed-library cache: read back as latin1, faster than UTF-8.
  const json = JSON.stringify({ format: FORMAT, code: parserCode(), rows }).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, json, "latin1");
    renameSync(temp, path);
  } catch {
    // A summary that cannot be written (read-only folder, full disk) only costs speed.
    rmSync(temp, { force: true });
  }
}

/** Files read, and stat-ed, between two yields to the event loop. */
const READ_BATCH = 256;
const STAT_BATCH = 4096;

/**
 * The library as counts (`LibraryCounts`) and its problems, from `.jingdu/library-summary.json`:
 * files whose size, mtime and ctime are unchanged are not read; the rest are parsed and the
 * summary rewritten. Its `library` is what `loadLibraryCached` gives with each paper cut to
 * `PaperHead`, its `diagnostics` the same.
 * @example const { library } = await loadLibrarySummary(root); summarizeLibrary(library)
 */
export async function loadLibrarySummary(
  root: string,
  options: { racyMs?: number } = {},
): Promise<SummaryLibrary> {
  const racyMs = options.racyMs ?? RACY_MS;
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
  const summaryPath = join(root, LIBRARY_SUMMARY_FILE);
  const startedAt = Date.now();
  const paths = await listLibraryFiles(root);
  const known = readSummary(summaryPath);
  const before = startedAt - racyMs;
  const rows: Row[] = [];
  const toRead: { at: number; path: string }[] = [];
  // Both lists are in path order: walked side by side, no map of 100,000 paths. Stat-ed here
  // rather than by `statFiles`, for the same reason (and `root/` + path, not `join`: listed
  // paths are already normal).
  const base = `${root}/`;
  let k = 0;
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && i % STAT_BATCH === 0) await yieldToEventLoop();
    const path = paths[i] as string;
    // No summary (a first run): every file is read, and read-time stats are enough.
    const info = known.length === 0 ? undefined : statSync(base + path, { throwIfNoEntry: false });
    if (!info && known.length > 0) continue;
    while (k < known.length && (known[k] as Row)[0] < path) k++;
    const was = known[k];
    if (info && was !== undefined && was[0] === path && sameFile(was, info, before)) rows.push(was);
    else {
      toRead.push({ at: rows.length, path });
      rows.push([path, -1, 0, 0, null]);
    }
  }
  let dirty = toRead.length > 0 || rows.length !== known.length;
  if (toRead.length > 0) {
    // The parser (zod, yaml) is loaded only when a file has to be parsed.
    const parser = await import("./parse-file.js");
    for (let i = 0; i < toRead.length; i++) {
      if (i > 0 && i % READ_BATCH === 0) await yieldToEventLoop();
      const { at, path } = toRead[i] as { at: number; path: string };
      const file = readStampedFileSync(root, path);
      // Gone since it was listed: left out, like a full load does (size -1 marks it).
      if (!file) continue;
      rows[at] = rowOf(path, file, parser.parseReadFile(file));
    }
  }
  const present = rows.filter((row) => row[1] >= 0);
  if (present.length !== rows.length) dirty = true;
  if (dirty) {
    // Files changed within the racy window are not kept: they may change again unseen.
    writeSummary(
      summaryPath,
      present.filter((row) => row[2] < before && (row[3] === 0 ? row[2] : row[3]) < before),
    );
  }
  return fromRows(root, present);
}

/** Folds the kept files (in path order) as `libraryFromParsed` folds parsed ones. */
function fromRows(root: string, rows: readonly Row[]): SummaryLibrary {
  const files: ParsedLibraryFile[] = [];
  const papers: PaperHead[] = [];
  for (const row of rows) {
    if (row[4] !== "p") {
      if (row[4]) files.push({ ...row[4], lines: {} } as ParsedLibraryFile);
      continue;
    }
    const [path, , , , , id, category, flags, problems, short, year, s2] = row as Extract<
      Row,
      { 4: "p" }
    >;
    if (problems !== 0) {
      // Without its paper: the fold gathers its diagnostics and unknown keys as a full load's.
      files.push({ kind: "paper", file: path, lines: {}, ...problems });
    }
    if (flags & 8) continue;
    const head: PaperHead = {
      id: id === 0 ? idOfPath(path) : id,
      short,
      categories: category === 0 ? [] : [category],
      covered: (flags & 1) !== 0,
      ids: s2 === 0 ? {} : { s2 },
    };
    if (year !== 0) head.year = year;
    if (flags & 2) head.unresolved = false;
    if (flags & 4) head.unresolved = true;
    papers.push(head);
  }
  // The catalog's order, as `assembleLibrary` sorts: by year (none last), then id.
  papers.sort(byCatalogOrder);
  const { library, diagnostics } = assembleLibrary(files, basename(root));
  return {
    root,
    library: { ...library, papers },
    diagnostics: diagnostics.sort(compareDiagnostics),
  };
}
