import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Library } from "../core/index.js";
import { matchRoute, type RouteMatch } from "./paths.js";
import type { MetricsLookup } from "./site-context.js";
import { citedUrlsKey } from "./snapshots.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

let codeVersion: string | undefined;

/**
 * A hash of the code that renders pages (this folder, `render/` and `site/`, plus KaTeX's
 * version), so a
 * build with changed code never reuses a page rendered by the old one.
 */
function renderingCode(): string {
  if (codeVersion !== undefined) return codeVersion;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith("/")) walk(join(dir, name));
      else if (/\.(?:js|ts)$/.test(name) && !/\.test\.|\.map$/.test(name)) {
        hash.update(name).update(readFileSync(join(dir, name)));
      }
    }
  };
  walk(here);
  walk(join(here, "..", "render"));
  walk(join(here, "..", "site"));
  walk(join(here, "..", "study"));
  try {
    hash.update(readFileSync(createRequire(import.meta.url).resolve("katex/package.json")));
  } catch {}
  codeVersion = hash.digest("hex");
  return codeVersion;
}

export interface RouteInputs {
  /** The route's input key; undefined when it must always be rendered. */
  key(path: string): string | undefined;
  /** A note's input key (see `noteKey`) with the library's structure added. */
  noteKey(key: string): string;
}

/**
 * The inputs of each route, as a key: two builds that give a route the same key render it to the
 * same bytes, so a build can skip rendering it. Everything a page shows of *other* items (titles,
 * numbers, statuses, counts, metrics, the route list) is in one library-wide "structure" hash; a
 * page's own note is added to the key of its page only. The feed and the search index depend on
 * every note (the caller adds the clock to the feed's key when the feed shows it). `files/` have
 * no key (always
 * rendered): the feed may use the clock, files are read from disk.
 */
export function createRouteInputs(
  library: Library,
  opts: {
    baseUrl: string;
    metrics: MetricsLookup | undefined;
    routes: () => string[];
    extra: string;
    /** The learner's day of the clock: the home and course pages chart progress up to it. */
    today?: () => string;
  },
): RouteInputs {
  let structure: string | undefined;
  let allNotes: string | undefined;
  const structureHash = () => {
    if (structure !== undefined) return structure;
    const metric = (kind: "paper" | "video", id: string | undefined) => {
      const m = id ? opts.metrics?.(kind, id) : undefined;
      return m ? [m.value, m.asOf] : null;
    };
    structure = sha(
      JSON.stringify([
        renderingCode(),
        opts.baseUrl,
        opts.extra,
        library.settings,
        library.categories,
        library.progress,
        opts.routes(),
        library.papers.map(({ notes, at, ...p }) => [
          p,
          notes.trim() !== "",
          metric("paper", p.id),
        ]),
        library.courses.map(({ notes, at, episodes, ...c }) => [
          c,
          notes.trim() !== "",
          episodes.map(({ notes: epNotes, at: epAt, ...e }) => [
            e,
            epNotes.trim() !== "",
            e.videos.map((v) => metric("video", v.id)),
          ]),
        ]),
      ]),
    );
    return structure;
  };
  const notesHash = () => {
    allNotes ??= sha(
      JSON.stringify([
        library.papers.map((p) => p.notes),
        library.courses.map((c) => c.episodes.map((e) => e.notes)),
      ]),
    );
    return allNotes;
  };
  let citedUrls: string | undefined;
  let items: Map<string, unknown> | undefined;
  // Lookups by route, built once: a large library has thousands of routes.
  const item = (id: string) => {
    if (!items) {
      items = new Map<string, unknown>();
      for (const p of library.papers) items.set(`paper\u0000${p.id}`, p);
      for (const c of library.courses) {
        items.set(`course\u0000${c.id}`, { ...c, episodes: [] });
        for (const e of c.episodes) items.set(`episode\u0000${c.id}\u0000${e.number}`, e);
      }
    }
    return JSON.stringify(items.get(id) ?? null);
  };
  const keyOf = (route: RouteMatch): string | undefined => {
    switch (route.page) {
      case "home":
        return sha(`home\u0000${opts.today?.() ?? ""}\u0000${structureHash()}`);
      case "papers":
      case "search":
      case "not-found":
      case "category":
      case "asset":
        return structureHash();
      case "search-index":
      case "feed":
        return sha(route.page + structureHash() + notesHash());
      case "file":
      case "snapshot":
        return undefined;
      case "links":
        citedUrls ??= citedUrlsKey(library);
        return sha(route.page + structureHash() + citedUrls);
      case "course":
        return sha(
          structureHash() + item(`course\u0000${route.courseId}`) + (opts.today?.() ?? ""),
        );
      case "episode":
        return sha(structureHash() + item(`episode\u0000${route.courseId}\u0000${route.number}`));
      case "paper":
        return sha(structureHash() + item(`paper\u0000${route.paperId}`));
    }
  };
  return {
    key(path) {
      const route = matchRoute(path);
      return route ? keyOf(route) : structureHash();
    },
    noteKey: (key) => sha(structureHash() + key),
  };
}
