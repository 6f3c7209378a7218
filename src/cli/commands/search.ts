import { openIndex } from "../../store/index.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot, parseLimit } from "./shared.js";

export const registerSearch: RegisterCommand = (program, ctx) => {
  program
    .command("search")
    .argument("<query...>", "words or a phrase (Chinese works: 卷麻了)")
    .description("full-text search over titles, summaries and notes")
    .option("--limit <n>", "at most this many results", "20")
    .option("--json", "print { query, results: [{kind, id, title, snippet, score}] }")
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const query = words.join(" ");
      const index = await openIndex(root);
      try {
        await index.refresh();
        const results = index.search(query, { limit: parseLimit(opts.limit) });
        if (opts.json) {
          printJson(ctx.output, { query, results });
          return;
        }
        if (results.length === 0) ctx.output.out(`No results for “${query}”.`);
        for (const r of results) {
          ctx.output.out(`${r.kind.padEnd(7)} ${r.id}  ${r.title}`);
          if (r.snippet) ctx.output.out(`        ${r.snippet.replace(/\s+/g, " ")}`);
        }
      } finally {
        index.close();
      }
    });
};
