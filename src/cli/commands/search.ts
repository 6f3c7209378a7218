import { episodeVideoAt, formatRuntime } from "../../core/index.js";
import { type CueHit, openIndex } from "../../store/index-door.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot, parseLimit } from "./shared.js";

/** A transcript hit as JSON and as the line `jingdu search` prints. */
function cueResult(hit: CueHit) {
  return {
    episode: `${hit.courseId}/${hit.number}`,
    title: hit.title,
    start: hit.start,
    time: formatRuntime(Math.floor(hit.start)),
    snippet: hit.snippet,
    href: episodeVideoAt(hit.videos, hit.start) ?? null,
  };
}

export const registerSearch: RegisterCommand = (program, ctx) => {
  program
    .command("search")
    .argument("<query...>", "words or a phrase (Chinese works: 卷麻了)")
    .description("full-text search over titles, summaries, notes and what was said in lectures")
    .option("--limit <n>", "at most this many results (and as many lecture cues)", "20")
    .option(
      "--json",
      "print { query, results: [{kind, id, title, snippet, score}], cues: [{episode, title, start, time, snippet, href}] }",
    )
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const query = words.join(" ");
      const limit = parseLimit(opts.limit);
      const index = await openIndex(root);
      try {
        await index.refresh();
        const results = index.search(query, { limit });
        const cues = index.searchCues(query, { limit }).map(cueResult);
        if (opts.json) {
          printJson(ctx.output, { query, results, cues });
          return;
        }
        if (results.length === 0 && cues.length === 0) ctx.output.out(`No results for “${query}”.`);
        for (const r of results) {
          ctx.output.out(`${r.kind.padEnd(7)} ${r.id}  ${r.title}`);
          if (r.snippet) ctx.output.out(`        ${r.snippet.replace(/\s+/g, " ")}`);
        }
        if (cues.length > 0 && results.length > 0) ctx.output.out("");
        // `episode · 12:34 · …words…`, and the video at that second.
        for (const c of cues) {
          ctx.output.out(`${c.episode} ${c.title} · ${c.time} · ${c.snippet}`);
          if (c.href) ctx.output.out(`        ${c.href}`);
        }
      } finally {
        index.close();
      }
    });
};
