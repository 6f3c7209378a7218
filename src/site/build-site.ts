import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import {
  type AssetSource,
  createLinker,
  createSiteRoutes,
  type MetricsLookup,
  paths,
  routeFile,
} from "../app/index.js";
import type { Diagnostic, Library } from "../core/index.js";
import { createMarkdownProcessor, type MarkdownProcessor } from "../render/index.js";
import { checkInternalLinks } from "./link-check.js";

export interface BuildSiteOptions {
  /** The output folder; created when missing. */
  outDir: string;
  /** Where the site will be served: `/`, `/notes/`, `https://example.org/notes/`. */
  baseUrl: string;
  now: () => Date;
  /** The build manifest (path → content hash); default `<outDir>/.jingdu-build.json`. */
  cacheFile?: string;
  /** Reuse a processor (and its formula cache) across builds, e.g. in a watch loop. */
  markdown?: MarkdownProcessor;
  metrics?: MetricsLookup;
  /** The library's `files/` (images in notes), copied to `files/` of the site. */
  files?: ReadonlyMap<string, AssetSource>;
}

export interface BuildSiteResult {
  /** Files written (new or changed), relative to `outDir`. */
  written: string[];
  /** Files left as they were because their content hash matched the last build. */
  skipped: string[];
  /** Files of the previous build that no route produces any more, now deleted. */
  removed: string[];
  warnings: Diagnostic[];
  ms: number;
}

interface Manifest {
  version: 1;
  baseUrl: string;
  files: Record<string, string>;
}

export const MANIFEST_NAME = ".jingdu-build.json";

function readManifest(file: string, baseUrl: string): Manifest["files"] {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Partial<Manifest>;
    return data.version === 1 && data.baseUrl === baseUrl && data.files ? data.files : {};
  } catch {
    return {};
  }
}

/**
 * Writes the site: renders every route of `createSiteRoutes` and writes a file only when its
 * content hash differs from the last build's manifest (or the file is gone). Files the last build
 * wrote that no route produces any more are deleted; nothing else in `outDir` is touched.
 * @example
 * const r = buildSite(library, { outDir: "site", baseUrl: "/", now: () => new Date() });
 */
export function buildSite(library: Library, opts: BuildSiteOptions): BuildSiteResult {
  const started = performance.now();
  const outDir = resolve(opts.outDir);
  const cacheFile = opts.cacheFile ?? join(outDir, MANIFEST_NAME);
  const previous = readManifest(cacheFile, opts.baseUrl);
  const site = createSiteRoutes(library, {
    baseUrl: opts.baseUrl,
    now: opts.now,
    markdown: opts.markdown ?? createMarkdownProcessor(),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.files ? { files: opts.files } : {}),
  });
  const result: BuildSiteResult = { written: [], skipped: [], removed: [], warnings: [], ms: 0 };
  const files: Record<string, string> = {};
  const pages = new Map<string, string>();

  for (const path of site.listRoutes()) {
    const response = site.render(path);
    result.warnings.push(...response.diagnostics);
    if (response.status !== 200 && path !== paths.notFound) {
      result.warnings.push({
        level: "warning",
        rule: "route-not-found",
        message: `route ${decodeURI(path)} rendered the 404 page`,
        file: outDir,
        line: 0,
      });
    }
    const rel = routeFile(path);
    const target = join(outDir, rel);
    if (!target.startsWith(outDir + sep)) throw new Error(`route ${path} escapes ${outDir}`);
    files[rel] = response.contentHash;
    if (response.contentType.startsWith("text/html") && typeof response.body === "string") {
      pages.set(path, response.body);
    }
    if (previous[rel] === response.contentHash && existsSync(target)) {
      result.skipped.push(rel);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, response.body);
    result.written.push(rel);
  }

  const basePath = createLinker(opts.baseUrl).href("");
  result.warnings.push(...checkInternalLinks(pages, new Set(Object.keys(files)), basePath));

  for (const rel of Object.keys(previous)) {
    if (rel in files) continue;
    const target = join(outDir, rel);
    if (!target.startsWith(outDir + sep)) continue;
    rmSync(target, { force: true });
    result.removed.push(rel);
  }

  mkdirSync(dirname(cacheFile), { recursive: true });
  const manifest: Manifest = { version: 1, baseUrl: opts.baseUrl, files };
  writeFileSync(cacheFile, `${JSON.stringify(manifest, null, 1)}\n`);
  result.ms = Math.round(performance.now() - started);
  return result;
}
