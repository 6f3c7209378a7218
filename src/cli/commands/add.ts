import { EXIT } from "../../core/index.js";
import { createSources, formatConfidence, resolveSourcesSettings } from "../../sources/index.js";
import {
  type AddCourseResult,
  type AddPaperResult,
  addCourse,
  addPaper,
} from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

/** Sources configured from the environment (base URLs, API key); only the CLI reads env. */
export function sourcesFor(ctx: CliContext, root: string) {
  return createSources({ settings: resolveSourcesSettings({}, ctx.env), libraryRoot: root });
}

export const registerAdd: RegisterCommand = (program, ctx, setCode) => {
  const add = program.command("add").description("add a paper or a course, with metadata fetched");

  add
    .command("paper")
    .argument("<id-url-or-title...>", 'arXiv:1512.03385, DOI:…, a URL, or "a title"')
    .description("resolve a paper through Semantic Scholar / arXiv and add it to the catalog")
    .option("--category <id>", "put it in this category")
    .option("--short <name>", "the short name to use (default: from the title)")
    .option("--yes", "accept a title match even when its confidence is low")
    .option("--json", "print the resolved paper and the confidence as JSON")
    .action(
      async (
        words: string[],
        opts: { category?: string; short?: string; yes?: boolean; json?: boolean },
      ) => {
        const root = await libraryRoot(program, ctx);
        const { library } = await loadLibraryReporting(ctx, root);
        const r = await addPaper({
          root,
          sources: sourcesFor(ctx, root),
          library,
          input: words.join(" "),
          acceptUncertain: opts.yes === true,
          ...(opts.category === undefined ? {} : { category: opts.category }),
          ...(opts.short === undefined ? {} : { short: opts.short }),
        });
        reportAddedPaper(ctx, r, opts.json === true, setCode);
      },
    );

  add
    .command("course")
    .argument("<bilibili>", "bilibili:BV…, a BVID or a bilibili video URL")
    .description(
      "add a course: every part of a multi-part video (or every video of its collection)",
    )
    .option("--collection", "import the whole collection (合集) the video belongs to")
    .option("--id <id>", "the course id (default: from the title)")
    .option("--json", "print the created course as JSON")
    .action(async (input: string, opts: { collection?: boolean; id?: string; json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const c = await addCourse({
        root,
        sources: sourcesFor(ctx, root),
        library,
        input,
        collection: opts.collection === true,
        ...(opts.id === undefined ? {} : { id: opts.id }),
      });
      reportAddedCourse(ctx, c, opts.json === true);
    });
};

/** What `add paper` prints, and its exit code: EXIT.conflict when the match was not added. */
function reportAddedPaper(
  ctx: CliContext,
  r: AddPaperResult,
  json: boolean,
  setCode: (code: number) => void,
): void {
  const { paper } = r;
  if (!r.added) setCode(EXIT.conflict);
  if (json) {
    const { added, confidence, how, notices } = r;
    printJson(ctx.output, { added, confidence, how, paper, notices });
    return;
  }
  const { out } = ctx.output;
  out(`${paper.title ?? paper.short}${paper.year ? ` (${paper.year})` : ""}`);
  if (r.how === "title") out(`  title match, confidence ${formatConfidence(r.confidence)}`);
  for (const n of r.notices) out(`  ${n}`);
  out(
    r.added
      ? `Added ${r.file}`
      : "Not added: the match is not certain enough. Check the title, then run again with --yes to accept it.",
  );
}

/** What `add course` prints. */
function reportAddedCourse(ctx: CliContext, c: AddCourseResult, json: boolean): void {
  if (json) {
    printJson(ctx.output, { course: c.course, notices: c.notices });
    return;
  }
  const minutes = c.course.episodes.reduce((s, e) => s + (e.runtime ?? 0), 0) / 60;
  ctx.output.out(
    `Added course ${c.course.title} (${c.course.id}): ${c.course.episodes.length} episodes, ${minutes.toFixed(1)} minutes`,
  );
  for (const e of c.course.episodes)
    ctx.output.out(`  ${String(e.number).padStart(3)}  ${e.title}`);
  for (const n of c.notices) ctx.output.out(`  ${n}`);
}
