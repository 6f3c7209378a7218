/**
 * `jingdu import zotero`: reads Zotero's local API (everything the first time, what changed since
 * the version the last run saw after that), maps it to papers and categories, and writes them
 * through the one import path (`importStudyLog` → `applyImport`: a file the person edited is
 * kept), remembering the version in the import's manifest (`imports/zotero.yaml`).
 */
import type { Command } from "commander";
import { JingduError, slugify } from "../core/index.js";
import { emptyStudyLogImport } from "../formats/index.js";
import {
  createZoteroClient,
  DEFAULT_USER_AGENT,
  mapZoteroLibrary,
  readZoteroLibrary,
  type ZoteroCollection,
  type ZoteroLeft,
  zoteroLibraryPath,
} from "../sources/index.js";
import { loadLibraryCached, readImportSource } from "../store/index.js";
import { elapsed, libraryRoot } from "./commands/shared.js";
import type { CliContext } from "./context.js";
import { type ImportReport, importStudyLog } from "./import-study-log.js";

export interface ZoteroImportOptions {
  collection?: string;
  libraryId?: string;
  dryRun?: boolean;
}

/** What `jingdu import zotero` reports (`--json`; the stable fields are in docs/cli.md). */
export interface ZoteroImportReport {
  source: "zotero";
  /** Where Zotero was read: `http://127.0.0.1:23119/api/users/0`. */
  zotero: string;
  library: string;
  collection?: string;
  dryRun: boolean;
  /** The version the last run saw (`since=`), or null on a first run. */
  since: number | null;
  /** The library's version now (remembered for the next run). */
  version: number | null;
  /** Items Zotero listed: all on a first run, the changed ones after. */
  listed: number;
  papers: { read: number; created: number; updated: number; unchanged: number; conflicts: number };
  categories: { total: number; created: number };
  notes: number;
  attachments: number;
  /** Items left outside `--collection`. */
  outside: number;
  left: ZoteroLeft[];
  /** Items deleted in Zotero since the last run, with the paper each had become (kept). */
  deleted: { key: string; paper?: string }[];
  changed: ImportReport["changed"];
  conflicts: string[];
  warnings: ImportReport["warnings"];
  ms: { read: number; write: number; total: number };
}

/** The manifest's name: `zotero`, plus the library and the collection when they are not the default. */
function importName(libraryPath: string, collection: string | undefined): string {
  const parts = ["zotero"];
  if (libraryPath !== "users/0") parts.push(slugify(libraryPath));
  if (collection) parts.push(slugify(collection) || "collection");
  return parts.join("-");
}

/** The collection `name` names: its name or path (`A / B`, any case) or its key. */
function findCollection(collections: ZoteroCollection[], name: string): ZoteroCollection {
  const byKey = new Map(collections.map((c) => [c.key, c]));
  const path = (c: ZoteroCollection): string => {
    const parent = c.data.parentCollection ? byKey.get(c.data.parentCollection) : undefined;
    return parent && parent !== c ? `${path(parent)} / ${c.data.name}` : c.data.name;
  };
  const wanted = name.trim().toLowerCase();
  const hit =
    collections.find((c) => c.key === name.trim()) ??
    collections.find((c) => path(c).toLowerCase() === wanted) ??
    collections.find((c) => c.data.name.toLowerCase() === wanted);
  if (hit) return hit;
  const known = collections.map(path).sort();
  throw new JingduError(
    "zotero-collection-unknown",
    `--collection ${JSON.stringify(name)}: no such collection in Zotero`,
    {
      hint:
        known.length === 0
          ? "This Zotero library has no collections; leave out --collection to import all of it."
          : `Its collections: ${known.slice(0, 12).join(", ")}${known.length > 12 ? `, … (${known.length} in all)` : ""}.`,
    },
  );
}

/**
 * Runs the import and returns its report; nothing is written with `dryRun`.
 * @example const report = await importZotero({ collection: "Vision" }, program, ctx)
 */
export async function importZotero(
  opts: ZoteroImportOptions,
  program: Command,
  ctx: CliContext,
): Promise<ZoteroImportReport> {
  const started = performance.now();
  const libraryPath = zoteroLibraryPath(opts.libraryId);
  const root = await libraryRoot(program, ctx);
  const platform = ctx.sourcesPlatform;
  const client = createZoteroClient({
    ...(ctx.env.JINGDU_ZOTERO_URL ? { baseUrl: ctx.env.JINGDU_ZOTERO_URL } : {}),
    library: libraryPath,
    userAgent: DEFAULT_USER_AGENT,
    fetch: platform?.fetch ?? globalThis.fetch,
    ...(platform?.now ? { now: platform.now } : {}),
    ...(platform?.sleep ? { sleep: platform.sleep } : {}),
  });
  const collections = (await client.collections()).values;
  const selected = opts.collection ? findCollection(collections, opts.collection) : undefined;
  const name = importName(libraryPath, opts.collection);
  const previous = await readImportSource(root, name);
  // A version of another Zotero (another address) says nothing about this one: read it all.
  const since =
    previous?.kind === "zotero" && previous.origin === client.libraryUrl
      ? previous.version
      : undefined;
  const read = await readZoteroLibrary(client, {
    collections,
    ...(since === undefined ? {} : { since }),
  });
  const readMs = elapsed(started);
  const version = read.version ?? since;
  // Nothing changed in Zotero: nothing to load, map or write (a second run of 5,000 items took
  // 18 s loading and re-indexing the library for no change).
  const nothingNew =
    since !== undefined && read.listed === 0 && read.deleted.length === 0 && version === since;
  // Through the parsed-library cache of `.jingdu/`: only files changed since are parsed.
  const library = nothingNew ? undefined : (await loadLibraryCached(root)).library;
  const papers = library?.papers ?? [];
  const mapped = mapZoteroLibrary(read, {
    existing: papers,
    ...(selected ? { collection: selected.key } : {}),
  });
  if (since === undefined && mapped.papers.length === 0) {
    throw new JingduError(
      "import-nothing",
      `${client.libraryUrl}${selected ? ` (collection ${selected.data.name})` : ""}: no item jingdu can import (${read.listed} listed, ${mapped.left.length} left out, ${mapped.outside} outside the collection); nothing written`,
      { hint: "Items become papers; standalone notes, attachments and annotations do not." },
    );
  }
  const base = {
    source: "zotero" as const,
    zotero: client.libraryUrl,
    library: root,
    ...(selected ? { collection: selected.data.name } : {}),
    dryRun: opts.dryRun === true,
    since: since ?? null,
    version: version ?? null,
    listed: read.listed,
    notes: mapped.notes,
    attachments: mapped.attachments,
    outside: mapped.outside,
    left: mapped.left,
    deleted: read.deleted.map((key) => {
      const paper = papers.find((p) => p.ids.zotero === key);
      return paper ? { key, paper: `papers/${paper.id}.md` } : { key };
    }),
  };
  if (opts.dryRun || !library) {
    const known = new Set(papers.map((p) => p.id));
    const created = mapped.papers.filter((p) => !known.has(p.id)).length;
    return {
      ...base,
      papers: { read: mapped.papers.length, created, updated: 0, unchanged: 0, conflicts: 0 },
      categories: { total: mapped.categories.length, created: 0 },
      changed: [],
      conflicts: [],
      warnings: [],
      ms: { read: readMs, write: 0, total: elapsed(started) },
    };
  }
  const parsed = emptyStudyLogImport("Zotero");
  parsed.settings.language = library.settings.language;
  parsed.categories = mapped.categories;
  parsed.papers = mapped.papers;
  parsed.stats.papers = mapped.papers.length;
  parsed.stats.categories = mapped.categories.length;
  const report = await importStudyLog(parsed, {
    file: client.libraryUrl,
    name,
    source: {
      kind: "zotero",
      origin: client.libraryUrl,
      ...(version === undefined ? {} : { version }),
      ...(selected ? { collection: selected.data.name } : {}),
    },
    program,
    ctx,
  });
  const { created, updated, unchanged, conflicts } = report.papers;
  return {
    ...base,
    papers: { read: mapped.papers.length, created, updated, unchanged, conflicts },
    categories: report.categories,
    changed: report.changed,
    conflicts: report.conflicts,
    warnings: report.warnings,
    ms: { read: readMs, write: report.ms.write + report.ms.index, total: elapsed(started) },
  };
}
