import { messagesFor } from "../../app/light.js";
import { type Language, type LibrarySummary, summarizeLibrary } from "../../core/index.js";
import type { CliContext } from "../context.js";
import { loadSummaryReporting } from "../load-library.js";
import { bar, displayWidth, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";
import { printStudyStatus, studyStatus } from "./study-status.js";

export const registerStatus: RegisterCommand = (program, ctx) => {
  program
    .command("status")
    .description("progress per course (episodes, minutes) and papers per category")
    .option("--json", "print one JSON object (the stable contract in docs/cli.md)")
    .action(async (opts: { json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadSummaryReporting(ctx, root);
      const summary = summarizeLibrary(library);
      if (opts.json)
        printJson(ctx.output, {
          library: root,
          ...summary,
          study: studyStatus(library, ctx.now()),
        });
      else {
        printStatus(ctx, summary, library.settings.language);
        printStudyStatus(ctx, library);
      }
    });
};

const pct = (a: number, b: number) => (b === 0 ? 0 : a / b);
const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;

/** The terminal view: one block per course, then the catalog by category, in the library's language. */
export function printStatus(ctx: CliContext, s: LibrarySummary, language: Language = "en"): void {
  const { out } = ctx.output;
  const t = messagesFor(language).cli.status;
  out(s.title);
  out("");
  if (s.courses.length === 0) out(t.noCourses);
  for (const c of s.courses) {
    const e = c.episodes;
    out(`${c.title}  (${c.id})`);
    out(t.episodes(bar(pct(e.done, e.total)), e));
    const m = c.minutes;
    out(
      t.minutes(bar(pct(m.watched, m.total)), m, {
        watched: hours(m.watched),
        total: hours(m.total),
      }),
    );
  }
  out("");
  out(
    t.papers({
      total: s.papers.total,
      categories: s.categories.total,
      covered: s.papers.covered,
      read: s.papers.read,
    }),
  );
  const width = Math.max(0, ...s.categories.items.map((c) => displayWidth(c.name)));
  for (const cat of s.categories.items) {
    const pad = " ".repeat(width - displayWidth(cat.name));
    out(`  ${cat.name}${pad}  ${t.category(bar(pct(cat.covered, cat.papers), 12), cat)}`);
  }
  if (s.papers.unresolved > 0) out(t.unresolved(s.papers.unresolved));
}
