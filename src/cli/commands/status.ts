import { type LibrarySummary, summarizeLibrary } from "../../core/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { bar, printJson } from "../output.js";
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
      const { library } = await loadLibraryReporting(ctx, root);
      const summary = summarizeLibrary(library);
      if (opts.json)
        printJson(ctx.output, {
          library: root,
          ...summary,
          study: studyStatus(library, ctx.now()),
        });
      else {
        printStatus(ctx, summary);
        printStudyStatus(ctx, library);
      }
    });
};

const pct = (a: number, b: number) => (b === 0 ? 0 : a / b);
const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;

/** The terminal view: one block per course, then the catalog by category. */
export function printStatus(ctx: CliContext, s: LibrarySummary): void {
  const { out } = ctx.output;
  out(s.title);
  out("");
  if (s.courses.length === 0) out("No courses yet: `jingdu import FILE` or `jingdu add course …`.");
  for (const c of s.courses) {
    const e = c.episodes;
    out(`${c.title}  (${c.id})`);
    out(
      `  episodes ${bar(pct(e.done, e.total))} ${e.done}/${e.total} done` +
        (e.skipped ? `, ${e.skipped} skipped` : "") +
        (e.watching ? `, ${e.watching} watching` : "") +
        `, ${e.withNotes} with notes`,
    );
    out(
      `  minutes  ${bar(pct(c.minutes.watched, c.minutes.total))} ${c.minutes.watched} of ${c.minutes.total} watched` +
        ` (${hours(c.minutes.watched)} / ${hours(c.minutes.total)}), ${c.minutes.left} left`,
    );
  }
  out("");
  out(
    `Papers: ${s.papers.total} in ${s.categories.total} categories, ${s.papers.covered} covered (✅), ${s.papers.read} read`,
  );
  const width = Math.max(0, ...s.categories.items.map((c) => displayWidth(c.name)));
  for (const cat of s.categories.items) {
    const pad = " ".repeat(width - displayWidth(cat.name));
    out(
      `  ${cat.name}${pad}  ${bar(pct(cat.covered, cat.papers), 12)} ${cat.covered}/${cat.papers} covered, ${cat.read} read`,
    );
  }
  if (s.papers.unresolved > 0) {
    out(`  ${s.papers.unresolved} papers have only a name (no link or id yet).`);
  }
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
