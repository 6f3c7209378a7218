import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { paths, routeFile, type SiteRoutes } from "../app/index.js";
import type { Diagnostic } from "../core/index.js";
import type { FileWriter } from "./file-writer.js";
import { createLinkChecker, type LocateRef, locateInNote } from "./link-check.js";
import { relativeBody, relativeRouteFile } from "./relative-urls.js";

/** sha256 of a file's bytes as the manifest keeps it (base64url: a third shorter than hex). */
export function fileHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/** A rendered route: its file's hash, what rendering it reported and read, and whether it was written. */
export interface RouteOutcome {
  hash: string;
  warnings: Diagnostic[];
  /** Everything the route's render and link check read, by number (`SiteRoutes.trace`). */
  reads: number[];
  written: boolean;
}

export interface RouteWriter {
  outDir: string;
  /** Checks a page's same-site links against the files of the build. */
  checkLinks: ReturnType<typeof createLinkChecker>;
  /** Writes the files (on this thread or another). */
  output: FileWriter;
  /** A relative build (`relative-urls.ts`): URLs relative to each page, fragments as scripts. */
  relative?: { basePath: string };
}

/** A writer whose link checks ask `site` which files exist (so that a trace records it). */
export function routeWriter(
  site: SiteRoutes,
  outDir: string,
  basePath: string,
  output: FileWriter,
  relative = false,
): RouteWriter {
  return {
    outDir,
    checkLinks: createLinkChecker({ has: site.hasFile }, basePath),
    output,
    ...(relative ? { relative: { basePath } } : {}),
  };
}

/**
 * Renders one route and checks its links, recording what both read, and writes its file unless
 * the bytes equal the last build's (`beforeHash`) and the file is still there.
 */
export function renderRoute(
  site: SiteRoutes,
  path: string,
  beforeHash: string | undefined,
  out: RouteWriter,
): RouteOutcome {
  const { value, reads } = site.trace(() => {
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
    // Links are checked as rendered (root-relative); a relative build rewrites them after.
    const body = out.relative
      ? relativeBody(path, response.contentType, response.body, out.relative.basePath)
      : response.body;
    return { body, warnings };
  });
  // Encode once: the same bytes are hashed and written.
  const bytes = typeof value.body === "string" ? Buffer.from(value.body) : value.body;
  const hash = fileHash(bytes);
  const target = join(out.outDir, out.relative ? relativeRouteFile(path) : routeFile(path));
  const outcome = { hash, warnings: value.warnings, reads };
  if (beforeHash === hash && existsSync(target)) return { ...outcome, written: false };
  // Bytes encoded here belong to nobody else: the writer may take them.
  out.output.write(target, bytes, typeof value.body === "string");
  return { ...outcome, written: true };
}
