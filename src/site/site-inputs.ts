import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  type AssetSource,
  type MetricsLookup,
  type SiteSnapshots,
  type TranscriptLookup,
  typeOf,
} from "../app/index.js";
import {
  type Diagnostic,
  type Library,
  parseTranscript,
  readTranscriptHeader,
  transcriptPath,
} from "../core/index.js";
// Through the folders' light doors: their indexes would load what the web app's first page does
// not need (yaml, htmlparser2, the HTTP clients, SQLite).
import { checkSnapshotIndex, loadSiteSnapshots } from "../snapshots/light.js";
import { type FetchedRecord, loadFetchedMetadata } from "../sources/light.js";
import { changeKind, type LoadedLibrary, reloadFiles } from "../store/light.js";

/**
 * The library's `files/` folder (images and attachments that notes refer to as `files/NAME`),
 * as name → lazily read source. Hidden files are left out.
 */
export function attachmentFiles(root: string): Map<string, AssetSource> {
  const files = new Map<string, AssetSource>();
  const walk = (dir: string, prefix: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // No such folder: it holds no files to list.
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const name = `${prefix}${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), `${name}/`);
      else if (e.isFile()) {
        const path = join(dir, e.name);
        let version: string | undefined;
        try {
          const st = statSync(path);
          version = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
        } catch {
          // gone since the listing: read (and fail) when built
        }
        files.set(name, {
          contentType: typeOf(name),
          read: () => readFileSync(path),
          ...(version ? { version } : {}),
        });
      }
    }
  };
  walk(join(root, "files"), "");
  return files;
}

/** A number a source reported, with who reported it, the day it was fetched and its history. */
function metric(record: FetchedRecord | undefined, field: string, source: string) {
  const value = record?.values[field];
  if (typeof value !== "number") return undefined;
  const history = record?.history[field];
  return {
    value,
    asOf: (record?.valuesAt ?? record?.fetchedAt ?? "").slice(0, 10),
    source,
    ...(history && history.length > 1 ? { history } : {}),
  };
}

/**
 * The fetched numbers pages show, each with its "as of" date: citation counts from Semantic
 * Scholar, views from bilibili (`metadata/`, see docs/metadata.md).
 */
export async function loadMetrics(
  root: string,
): Promise<{ metrics: MetricsLookup; diagnostics: Diagnostic[] }> {
  const fetched = await loadFetchedMetadata(root);
  const metrics: MetricsLookup = (kind, id) =>
    kind === "paper"
      ? metric(fetched.maps.s2.get(`paper:${id}`), "citationCount", "Semantic Scholar")
      : metric(fetched.maps.bilibili.get(`video:${id}`), "views", "bilibili");
  return { metrics, diagnostics: fetched.diagnostics };
}

/**
 * Episodes' transcripts, read when a page asks (`transcripts/<course>/<n>.vtt`, core's reader):
 * each is read again at each ask, so a changed file is what the next page shows.
 */
export function transcriptLookup(root: string): TranscriptLookup {
  return (courseId, number) => {
    const path = join(root, transcriptPath(courseId, number));
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) return undefined;
    const text = readFileSync(path, "utf8");
    const { cues } = parseTranscript(text, transcriptPath(courseId, number));
    return { cues, header: readTranscriptHeader(text) };
  };
}

export interface SiteInputs {
  library: Library;
  /** The library as loaded, with its files' stamps (the web app updates it file by file). */
  loaded: LoadedLibrary;
  metrics: MetricsLookup;
  transcripts: TranscriptLookup;
  files: Map<string, AssetSource>;
  /** The library's `snapshots/`: archived copies of cited links and their health. */
  snapshots: SiteSnapshots;
  /** Problems of the library's files and of the fetched metadata, file:line. */
  diagnostics: Diagnostic[];
  /** Those of the fetched metadata and the snapshot index alone (not of library files). */
  metadataDiagnostics: Diagnostic[];
}

/**
 * What the site is made from, for `jingdu build` and the web app alike: the library (loaded by
 * `load`, which decides whether the parsed-file cache is used), the fetched numbers, the
 * library's `files/` and its snapshots.
 */
export async function loadSiteInputs(
  root: string,
  load: (root: string) => Promise<LoadedLibrary>,
): Promise<SiteInputs> {
  const [loaded, fetched, snapshots, snapshotLines] = await Promise.all([
    load(root),
    loadMetrics(root),
    loadSiteSnapshots(root),
    // Index lines the snapshot readers skip are said, as bad metadata lines are.
    checkSnapshotIndex(root, { objects: false }),
  ]);
  return {
    library: loaded.library,
    loaded,
    metrics: fetched.metrics,
    transcripts: transcriptLookup(root),
    files: attachmentFiles(root),
    snapshots,
    diagnostics: [...loaded.diagnostics, ...fetched.diagnostics, ...snapshotLines],
    metadataDiagnostics: [...fetched.diagnostics, ...snapshotLines],
  };
}

/**
 * The inputs after these files changed (relative paths: the web app's own saves, the watcher's
 * events), everything else reused: the changed library files read and parsed again, and the
 * fetched figures, `files/` and snapshots read again only when a path is under `metadata/`,
 * `files/` or `snapshots/`. `previous` itself when nothing changed that the site reads (an
 * editor's swap file); undefined when a path is more than one library file (a course folder):
 * load them all again then.
 * @example const next = (await updateSiteInputs(inputs, paths)) ?? (await loadSiteInputs(root, load))
 */
export async function updateSiteInputs(
  previous: SiteInputs,
  paths: readonly string[],
): Promise<SiteInputs | undefined> {
  const loaded = await reloadFiles(previous.loaded, paths);
  if (!loaded) return undefined;
  if (paths.some((path) => changeKind(path) === "site")) {
    return loadSiteInputs(loaded.root, () => Promise.resolve(loaded));
  }
  if (loaded === previous.loaded) return previous;
  return {
    ...previous,
    loaded,
    library: loaded.library,
    diagnostics: [...loaded.diagnostics, ...previous.metadataDiagnostics],
  };
}
