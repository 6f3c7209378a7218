import { messagesFor } from "../../app/light.js";
import { type EpisodeStatus, JingduError, type Library, parseRuntime } from "../../core/index.js";
import { markEpisodes } from "../../workspace/index.js";
import { loadSummaryReporting } from "../load-library.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

/**
 * Parses `COURSE/N`, `COURSE/1-10`, `COURSE/1,3,7-9` (or just the numbers when the library has one
 * course) into the course id and episode numbers, checking each exists.
 * @example parseEpisodeSelector("limu/1-3", library) // { courseId: "limu", numbers: [1, 2, 3] }
 */
export function parseEpisodeSelector(
  text: string,
  library: Pick<Library, "courses">,
): { courseId: string; numbers: number[] } {
  const slash = text.lastIndexOf("/");
  let courseId = slash >= 0 ? text.slice(0, slash) : undefined;
  const spec = slash >= 0 ? text.slice(slash + 1) : text;
  if (courseId === undefined) {
    if (library.courses.length !== 1) {
      throw new JingduError("which-course", `“${text}” does not say which course`, {
        hint: `Write COURSE/N, e.g. ${library.courses[0]?.id ?? "course"}/1. Courses: ${library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
      });
    }
    courseId = library.courses[0]?.id ?? "";
  }
  const course = library.courses.find((c) => c.id === courseId);
  if (!course) {
    throw new JingduError("unknown-course", `no course “${courseId}”`, {
      hint: `Courses: ${library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
    });
  }
  const numbers: number[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m)
      throw new JingduError(
        "bad-episodes",
        `“${part}” is not an episode number or range (like 1-10)`,
      );
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new JingduError("bad-episodes", `the range ${part} runs backwards`);
    for (let n = from; n <= to; n++) numbers.push(n);
  }
  const known = new Set(course.episodes.map((e) => e.number));
  const missing = numbers.filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new JingduError(
      "unknown-episode",
      `${courseId} has no episode ${formatRanges(missing)} (it has ${course.episodes.length})`,
    );
  }
  return { courseId, numbers };
}

const STATUS_COMMANDS: [string, EpisodeStatus, string][] = [
  ["done", "done", "mark episodes as watched"],
  ["skip", "skipped", "mark episodes as skipped (not counted as left)"],
  ["watching", "watching", "mark episodes as being watched (with --at position)"],
  ["todo", "todo", "clear the status of episodes"],
];

export const registerProgress: RegisterCommand = (program, ctx) => {
  for (const [name, status, description] of STATUS_COMMANDS) {
    program
      .command(name)
      .argument("<episodes>", "COURSE/N, a range COURSE/1-10, or a list COURSE/1,3,5-7")
      .description(description)
      .option("--at <time>", "position reached, like 46:18 (kept with watching)")
      .action(async (selector: string, opts: { at?: string }) => {
        const root = await libraryRoot(program, ctx);
        const { library } = await loadSummaryReporting(ctx, root);
        const { courseId, numbers } = parseEpisodeSelector(selector, library);
        const position = opts.at === undefined ? undefined : parseRuntime(opts.at);
        if (opts.at !== undefined && position === undefined) {
          throw new JingduError("bad-time", `--at ${opts.at} is not a time like 46:18 or 1:02:03`);
        }
        const { seconds } = await markEpisodes({
          root,
          library,
          courseId,
          numbers,
          status,
          now: ctx.now,
          ...(position === undefined ? {} : { position }),
        });
        const t = messagesFor(library.settings.language);
        // English keeps the status word the command took (`→ done`); Chinese, the pages' word.
        const shown = library.settings.language === "en" ? status : t.status[status];
        ctx.output.out(
          t.cli.marked({
            course: courseId,
            numbers,
            status: shown,
            minutes: (seconds / 60).toFixed(1),
          }),
        );
      });
  }
};

/** `[1, 2, 3, 7]` → `1-3, 7`. */
function formatRanges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
