import { createInterface } from "node:readline/promises";
import { EXIT, JingduError } from "../../core/index.js";
import {
  DEFAULT_MIN_CONFIDENCE,
  type ResolveCandidate,
  type ResolvePapersResult,
  resolvePapers,
} from "../../workspace/index.js";
import { loadLibraryReporting } from "../load-library.js";
import { bar, printJson } from "../output.js";
import { ask } from "../prompt.js";
import type { RegisterCommand } from "../run-cli.js";
import { sourcesFor } from "./add.js";
import { libraryRoot } from "./shared.js";

/** One numbered line per candidate: what a person needs to pick the right paper. */
function candidateLine(c: ResolveCandidate, i: number): string {
  const who = c.authors.slice(0, 3).join(", ") + (c.authors.length > 3 ? " et al." : "");
  const facts = [
    c.year,
    c.venue,
    c.citationCount === undefined ? undefined : `${c.citationCount} citations`,
  ]
    .filter((x) => x !== undefined && x !== "")
    .join(" · ");
  return `  ${i + 1}) ${c.title ?? c.s2Id} — ${who}${facts ? ` (${facts})` : ""}  [${Math.round(c.confidence * 100)}%]`;
}

export const registerResolve: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("resolve")
    .argument("[paper...]", "paper ids to resolve (default with --all: every paper without ids)")
    .description("give name-only papers their ids (Semantic Scholar title match and search)")
    .option("--all", "every paper without an arXiv id, DOI or S2 id")
    .option("--yes", "take the best candidate even below the confidence threshold")
    .option(
      "--min-confidence <n>",
      `fill without asking at or above this (0…1, default ${DEFAULT_MIN_CONFIDENCE})`,
    )
    .option("--json", "print the outcomes as JSON (asks nothing)")
    .action(
      async (
        ids: string[],
        opts: { all?: boolean; yes?: boolean; minConfidence?: string; json?: boolean },
      ) => {
        if (ids.length === 0 && opts.all !== true) {
          throw new JingduError("resolve-what", "name papers to resolve, or give --all", {
            hint: "jingdu resolve vgg mocov2, or jingdu resolve --all",
          });
        }
        const min = opts.minConfidence === undefined ? undefined : Number(opts.minConfidence);
        if (min !== undefined && !(min >= 0 && min <= 1)) {
          throw new JingduError(
            "bad-confidence",
            `--min-confidence ${opts.minConfidence} is not a number from 0 to 1`,
            {},
          );
        }
        const root = await libraryRoot(program, ctx);
        const { library } = await loadLibraryReporting(ctx, root);
        const unknown = ids.filter((id) => !library.papers.some((p) => p.id === id));
        if (unknown.length > 0) {
          throw new JingduError("unknown-paper", `no paper ${unknown.join(", ")} in papers/`, {});
        }
        // The terminal and the progress line come from the context (main.ts sets them for a TTY).
        const terminal = !opts.json && !opts.yes ? ctx.terminal : undefined;
        const rl = terminal
          ? createInterface({ input: terminal.input, output: terminal.output })
          : undefined;
        const progress = opts.json ? undefined : ctx.output.progress;
        try {
          const result = await resolvePapers({
            root,
            library,
            sources: sourcesFor(ctx, root),
            ...(ids.length > 0 ? { papers: ids } : {}),
            ...(min === undefined ? {} : { minConfidence: min }),
            yes: opts.yes === true,
            ...(rl
              ? {
                  choose: async (paper, candidates) => {
                    progress?.(undefined);
                    ctx.output.out(
                      `${paper.short}${paper.year ? ` (${paper.year})` : ""}: which paper is it?`,
                    );
                    for (const [i, c] of candidates.entries()) ctx.output.out(candidateLine(c, i));
                    const typed = await ask(rl, "  number, or Enter for none of these: ");
                    // The end of input (Ctrl-D) is no answer, unlike Enter: the paper stays
                    // asked, nothing is remembered, and a later run asks again.
                    if (typed === undefined) return "unanswered";
                    const a = typed.trim();
                    const n = Number(a);
                    return a !== "" && Number.isInteger(n) && n >= 1 && n <= candidates.length
                      ? n - 1
                      : undefined;
                  },
                }
              : {}),
            onProgress: (done, total, id) => {
              progress?.(
                `${bar(done / Math.max(1, total), 30)} ${done}/${total} ${id.slice(0, 30).padEnd(30)}`,
              );
            },
          });
          progress?.(undefined);
          report(result, opts.json === true);
          if (result.summary.asked > 0) setCode(EXIT.conflict);
        } finally {
          rl?.close();
        }
      },
    );

  function report(result: ResolvePapersResult, json: boolean): void {
    if (json) {
      printJson(ctx.output, result);
      return;
    }
    const { out } = ctx.output;
    for (const o of result.outcomes) {
      if (o.kind === "resolved") {
        out(
          `${o.paper}: resolved (${o.by})${o.filled.length > 0 ? ` — filled ${o.filled.join(", ")}` : ""}`,
        );
      } else if (o.kind === "asked") {
        out(`${o.paper}: not certain — candidates:`);
        for (const [i, c] of o.candidates.entries()) out(candidateLine(c, i));
      } else out(`${o.paper}: not found`);
    }
    const s = result.summary;
    out(`${s.resolved} resolved, ${s.asked} asked, ${s.notFound} not found`);
    if (s.asked > 0)
      out("Answer in a terminal (jingdu resolve PAPER), or take the best with --yes.");
  }
};
