import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { paths, routeFile, type SiteRoutes } from "../app/index.js";
import type { Diagnostic } from "../core/index.js";
import type { FileWriter } from "./file-writer.js";
import { type LocateRef, locateInNote } from "./link-check.js";

/** What the manifest keeps of a written route. */
export interface ManifestEntry {
  /** sha256 of the file's bytes (`fileHash`). */
  hash: string;
  /** The route's input key (`SiteRoutes.inputKey`) when it was rendered; absent: no key. */
  key?: string;
  /** What rendering the route reported (kept so that a skipped route reports it again). */
  warnings?: Diagnostic[];
}

/** sha256 of a file's bytes as the manifest keeps it (base64url: a third shorter than hex). */
export function fileHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/** A rendered route: its manifest entry and whether its file was (re)written. */
export interface RouteOutcome {
  path: string;
  entry: ManifestEntry;
  written: boolean;
}

export interface RouteWriter {
  outDir: string;
  /** Checks a page's same-site links (`createLinkChecker` over every file of the build). */
  checkLinks: (path: string, body: string, locate?: LocateRef) => Diagnostic[];
  /** Writes the files (on this thread or another). */
  output: FileWriter;
}

/**
 * Renders one route, checks its links, and writes its file unless the bytes equal the last
 * build's (`before.hash`) and the file is still there.
 */
export function renderRoute(
  site: SiteRoutes,
  path: string,
  key: string | undefined,
  before: ManifestEntry | undefined,
  out: RouteWriter,
): RouteOutcome {
  const response = site.render(path);
  const warnings = [...response.diagnostics];
  if (response.status !== 200 && path !== paths.notFound) {
    warnings.push({
      level: "warning",
      rule: "route-not-found",
      message: `route ${decodeURI(path)} rendered the 404 page`,
      file: out.outDir,
      line: 0,
    });
  }
  if (response.contentType.startsWith("text/html") && typeof response.body === "string") {
    // A dead link of a note is told at its line of the note's file (looked up only for one).
    let locate: LocateRef | undefined;
    const inNote: LocateRef = (ref) => {
      locate ??= locateInNote(site.noteOf(path)) ?? (() => undefined);
      return locate(ref);
    };
    warnings.push(...out.checkLinks(path, response.body, inNote));
  }
  // Encode once: the same bytes are hashed and written.
  const bytes = typeof response.body === "string" ? Buffer.from(response.body) : response.body;
  const hash = fileHash(bytes);
  const entry: ManifestEntry = {
    hash,
    ...(key !== undefined ? { key } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  const target = join(out.outDir, routeFile(path));
  if (before?.hash === hash && existsSync(target)) return { path, entry, written: false };
  // Bytes encoded here belong to nobody else: the writer may take them.
  out.output.write(target, bytes, typeof response.body === "string");
  return { path, entry, written: true };
}
