import { Hono } from "hono";
import { escapeHtml, paths } from "../../app/index.js";
import { episodeVideoAt, formatRuntime } from "../../core/index.js";
import type { CueHit, SearchKind } from "../../store/index.js";
import type { RouteDeps } from "./route-deps.js";

/** Search answers kept (per query string, until the index changes). */
const SEARCH_CACHE_ENTRIES = 500;
/** Queries are cut to this many characters. */
const QUERY_CHARS = 200;
const ORDER: readonly SearchKind[] = ["paper", "episode", "course"];

function hrefOf(kind: SearchKind, id: string): string {
  if (kind === "paper") return paths.paper(id);
  if (kind === "course") return paths.course(id);
  const slash = id.lastIndexOf("/");
  return paths.episode(id.slice(0, slash), Number(id.slice(slash + 1)));
}

/** `«…»` marks as `<mark>` in the escaped snippet. */
const markedSnippet = (snippet: string): string =>
  escapeHtml(snippet).replace(/«/g, "<mark>").replace(/»/g, "</mark>");

/** A cue hit: `第57讲 … · 12:34`, linking into the video at that second (else the episode page). */
function cueResult(hit: CueHit) {
  return {
    title: `${hit.number}. ${hit.title} · ${formatRuntime(Math.floor(hit.start))}`,
    href: episodeVideoAt(hit.videos, hit.start) ?? paths.episode(hit.courseId, hit.number),
    snippet: markedSnippet(hit.snippet),
  };
}

/**
 * Search as you type over the full-text index: results grouped by kind, matches in `<mark>`; then
 * what was said in lectures (transcript cues), each linking into the video at its second.
 */
export function searchRoutes({ library }: RouteDeps): Hono {
  const app = new Hono();
  const answers = new Map<string, string>();
  let generation = -1;

  app.get("/api/search", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, QUERY_CHARS);
    c.header("cache-control", "no-store");
    c.header("content-type", "application/json; charset=utf-8");
    if (generation !== library.searchGeneration()) {
      answers.clear();
      generation = library.searchGeneration();
    }
    const hit = answers.get(q);
    if (hit !== undefined) return c.body(hit);
    const results = q.trim() === "" ? [] : await library.search(q, 30);
    const cues = q.trim() === "" ? [] : await library.searchCues(q, 30);
    const t = library.state().ctx.t;
    const groups: { kind: SearchKind | "cue"; label: string; results: unknown[] }[] = ORDER.map(
      (kind) => ({
        kind,
        label: t.search.kinds[kind],
        results: results
          .filter((r) => r.kind === kind)
          .map((r) => ({
            title: r.title,
            href: hrefOf(r.kind, r.id),
            snippet: markedSnippet(r.snippet),
          })),
      }),
    );
    groups.push({ kind: "cue", label: t.search.kinds.cue, results: cues.map(cueResult) });
    const body = JSON.stringify({ q, groups: groups.filter((g) => g.results.length > 0) });
    // Answered while the index was refreshed: the next generation's answer may differ.
    if (generation === library.searchGeneration()) {
      if (answers.size >= SEARCH_CACHE_ENTRIES)
        answers.delete(answers.keys().next().value as string);
      answers.set(q, body);
    }
    return c.body(body);
  });

  return app;
}
