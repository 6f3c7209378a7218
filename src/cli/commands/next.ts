import type { Paper } from "../../core/index.js";
import { readFetchedMetadata } from "../../sources/index.js";
import { nextSuggestions } from "../../study/index.js";
import { loadLibraryReporting, loadSummaryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot, parseLimit } from "./shared.js";

/**
 * The library papers each paper cites, from fetched Semantic Scholar metadata when it has a
 * `references` list (entries: a library paper id, an S2 paper id, or `{ paperId }`).
 */
async function referencesLookup(
  root: string,
  library: { papers: readonly Pick<Paper, "id" | "ids">[] },
): Promise<(paperId: string) => string[]> {
  const { records } = await readFetchedMetadata(root, "s2");
  const byS2 = new Map<string, string>();
  const ids = new Set(library.papers.map((p) => p.id));
  for (const p of library.papers) if (p.ids.s2) byS2.set(p.ids.s2, p.id);
  const resolve = (entry: unknown): string | undefined => {
    const key =
      typeof entry === "string"
        ? entry
        : typeof entry === "object" && entry !== null && "paperId" in entry
          ? String((entry as { paperId: unknown }).paperId)
          : undefined;
    if (key === undefined) return undefined;
    return ids.has(key) ? key : byS2.get(key);
  };
  return (paperId) => {
    const refs = records.get(`paper:${paperId}`)?.values.references;
    if (!Array.isArray(refs)) return [];
    return refs.map(resolve).filter((id): id is string => id !== undefined);
  };
}

interface NextFlags {
  limit: string;
  json?: boolean;
  papers?: boolean;
  for?: string;
  dismiss?: string;
  undismiss?: string;
}

export const registerNext: RegisterCommand = (program, ctx) => {
  program
    .command("next")
    .description(
      "what to study next: the next episode of each course, papers your episodes covered, papers cited by what you read",
    )
    .option("--limit <n>", "show at most N papers (episodes are always shown)", "10")
    .option("--json", "print the suggestions as JSON")
    .option("--papers", "papers to read next from the citation graph (`refresh --graph`), with why")
    .option("--for <paper>", "with --papers: the papers near this one only")
    .option(
      "--dismiss <id>",
      "with --papers: never suggest this paper again (S2 id, arXiv:ID, DOI:…)",
    )
    .option("--undismiss <id>", "with --papers: suggest a dismissed paper again")
    .action(async (opts: NextFlags) => {
      const root = await libraryRoot(program, ctx);
      if (opts.dismiss !== undefined || opts.undismiss !== undefined) {
        const { changeDismissal } = await import("./next-papers.js");
        await changeDismissal(ctx, root, opts);
        return;
      }
      if (opts.papers || opts.for !== undefined) {
        const { library } = await loadLibraryReporting(ctx, root);
        const { printNextPapers } = await import("./next-papers.js");
        await printNextPapers(ctx, root, library, { ...opts, limit: parseLimit(opts.limit) });
        return;
      }
      // Names and ids are all it reads of the papers: the library summary, not every paper.
      const { library } = await loadSummaryReporting(ctx, root);
      const all = nextSuggestions(library, { references: await referencesLookup(root, library) });
      const limit = parseLimit(opts.limit);
      const episodes = all.filter((s) => s.kind === "episode");
      const papers = all.filter((s) => s.kind === "paper");
      const shown = [...episodes, ...papers.slice(0, limit)];
      if (opts.json) {
        printJson(ctx.output, { suggestions: shown, more: all.length - shown.length });
        return;
      }
      const { out } = ctx.output;
      if (shown.length === 0) {
        out(
          "Nothing to suggest: mark a course `state: in-progress` or watch an episode (`jingdu done COURSE/1`).",
        );
        return;
      }
      for (const s of shown) {
        const what = s.kind === "episode" ? `▶ ${s.id}  ${s.title}` : `📄 ${s.id}  ${s.title}`;
        out(`${what}\n    ${s.reason}`);
      }
      if (all.length > shown.length)
        out(`… and ${all.length - shown.length} more papers (--limit)`);
    });
};
