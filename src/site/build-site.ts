import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  type AssetSource,
  createNoteLinksMemo,
  createSplitKeeper,
  type MetricsLookup,
  type SiteSnapshots,
  type TranscriptLookup,
} from "../app/index.js";
import type { Diagnostic, Library } from "../core/index.js";
import { createMarkdownProcessor, type MarkdownProcessor } from "../render/index.js";
import { type BuilderMemory, buildOnce } from "./build-pass.js";
import { type BuildHeader, recordText } from "./build-record.js";
import { renderingCode } from "./code-version.js";
import { freezeItems } from "./frozen-items.js";
import { openRenderCache } from "./render-cache.js";

export interface BuildSiteOptions {
  /** The output folder; created when missing. */
  outDir: string;
  /** Where the site will be served: `/`, `/notes/`, `https://example.org/notes/`. */
  baseUrl: string;
  /** URLs relative to each page, search fragments as scripts: works from `file://` (relative-urls.ts). */
  relative?: boolean;
  now: () => Date;
  /** The build manifest (what each file's route read); default `<outDir>/.jingdu-build.json`. */
  cacheFile?: string;
  /** Reuse a processor (and its formula cache) across builds, e.g. in a watch loop. */
  markdown?: MarkdownProcessor;
  /**
   * The render cache file (`render-cache.ts`; the CLI keeps it in the library's `.jingdu/`): notes
   * rendered by earlier builds are reused when their text, context and the answers their render
   * got are the same. Default: none, every note rendered.
   */
  renderCache?: string;
  metrics?: MetricsLookup;
  transcripts?: TranscriptLookup;
  /** The library's `files/` (images in notes), copied to `files/` of the site. */
  files?: ReadonlyMap<string, AssetSource>;
  /** The library's `snapshots/`: archived links on pages, the links page; objects copied. */
  snapshots?: SiteSnapshots;
  /**
   * Write files from a thread of their own while this one renders (a folder and a file per page
   * cost system time that another core can spend). Default: from 400 routes to render.
   */
  writeThread?: boolean;
  /**
   * The version of the rendering code (default `renderingCode()`: a hash of the build's module
   * graph and packages). A manifest of another version is not used: every page is rendered.
   */
  codeVersion?: string;
  /**
   * Skip the questions about an item whose print (`SiteRoutes.itemPrint`) is the one they were
   * last answered with (default true). False asks every question: the plain path, which the
   * tests compare the shortcut with.
   */
  itemPrints?: boolean;
}

export interface BuildSiteResult {
  /** Files written (new or changed), relative to `outDir`. */
  written: string[];
  /**
   * Files left as they were: nothing their route read had changed since the last build (not even
   * rendered), or its rendered bytes matched the last build's.
   */
  skipped: string[];
  /** Routes rendered in this build. */
  rendered: number;
  /** Files of the previous build that no route produces any more, now deleted. */
  removed: string[];
  warnings: Diagnostic[];
  /** With a render cache: notes taken from it, and notes rendered (and added to it). */
  notes?: { reused: number; rendered: number };
  ms: number;
}

export const MANIFEST_NAME = ".jingdu-build.json";

export interface SiteBuilder {
  /**
   * Builds the site of `library` (with `inputs` replacing the builder's options' metrics, files
   * and snapshots when given, e.g. after `metadata/` changed). The first build reads the last
   * manifest from disk; later ones remember it and which files they left on disk.
   */
  build(
    library: Library,
    inputs?: Pick<BuildSiteOptions, "metrics" | "transcripts" | "files" | "snapshots">,
  ): BuildSiteResult;
  /** Writes the manifest if a build deferred it (`deferManifest`); cheap when none did. */
  flush(): void;
}

/** What a manifest of a build with these options must say to be used (`BuildHeader`). */
export function buildHeader(
  opts: Pick<BuildSiteOptions, "baseUrl" | "relative" | "codeVersion">,
): BuildHeader {
  return {
    // A manifest of the other kind (relative or not) describes none of this build's files.
    code: `${opts.codeVersion ?? renderingCode()}${opts.relative ? "+relative" : ""}`,
    baseUrl: opts.baseUrl,
  };
}

/**
 * A site builder that keeps its last build's record in memory: `jingdu build --watch` rebuilds
 * with one. Each page's record is what its render read (`SiteRoutes.trace`) with the answers it
 * got; a build asks each of those questions again and renders the pages that would get another
 * answer. In memory the answers are kept as they were (a note's text compared as a string), on
 * disk by digest. A file deleted by hand in the output folder while it runs is written again by
 * the next `jingdu build` (each build of a new builder checks that every unchanged page is there).
 *
 * With `deferManifest`, builds after the first leave the manifest to `flush()` (a watch loop
 * calls it once changes have settled, and when it stops): it digests every answer. Every build
 * deletes the manifest before it writes or removes a file, so a process killed before `flush()`
 * leaves none, and the next build renders every page rather than trust a manifest older than the
 * pages.
 * @example const builder = createSiteBuilder(opts); builder.build(library); builder.build(changed)
 */
export function createSiteBuilder(
  opts: BuildSiteOptions & { deferManifest?: boolean },
): SiteBuilder {
  let memory: BuilderMemory | undefined;
  // Its formula cache serves every build.
  const markdown = opts.markdown ?? createMarkdownProcessor();
  const cacheFile = opts.cacheFile ?? join(resolve(opts.outDir), MANIFEST_NAME);
  const header = buildHeader(opts);
  // Read at its first question, then kept in memory for every build of this builder; a processor
  // without a version never reuses a note.
  const renderCache =
    opts.renderCache && markdown.version
      ? openRenderCache(opts.renderCache, markdown.version)
      : undefined;
  // The split search index, remade by each build where the library changed (its items are
  // frozen: `freezeItems`).
  const splitKeeper = createSplitKeeper();
  // The notes' resolved links and targets, reused while no item's names change.
  const noteLinks = createNoteLinksMemo();
  return {
    build(library, inputs) {
      const defer = opts.deferManifest === true && memory !== undefined;
      const all = { ...opts, ...inputs, cacheFile };
      freezeItems(library);
      try {
        const { result, next } = buildOnce(library, all, {
          markdown,
          memory,
          header,
          writeManifest: !defer,
          renderCache,
          splitKeeper,
          noteLinks,
        });
        memory = next;
        return result;
      } catch (error) {
        // Pages may have been written that no record describes: the next build reads the
        // manifest again (deleted before the first write) and renders every page.
        memory = undefined;
        throw error;
      }
    },
    flush() {
      renderCache?.save();
      if (!memory || memory.text !== undefined) return;
      mkdirSync(dirname(cacheFile), { recursive: true });
      memory.text = recordText(memory.record, header, cacheFile);
      writeFileSync(cacheFile, memory.text);
    },
  };
}

/**
 * Writes the site: renders every route of `createSiteRoutes` whose last render read something
 * that is different now (or that the last build did not render), and writes a file only when its
 * bytes differ from the last build's (or the file is gone). Files the last build wrote that no
 * route produces any more are deleted; nothing else in `outDir` is touched.
 * @example
 * const r = buildSite(library, { outDir: "site", baseUrl: "/", now: () => new Date() });
 */
export function buildSite(library: Library, opts: BuildSiteOptions): BuildSiteResult {
  return createSiteBuilder(opts).build(library);
}
