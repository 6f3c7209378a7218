import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type CliMessages, messagesFor } from "../../app/light.js";
import { EXIT, isMissingFile, JingduError } from "../../core/index.js";
import {
  activeHolds,
  createSources,
  formatConfidence,
  holdFor,
  readSourcesState,
  rememberHold,
  resolveSourcesSettings,
  SOURCE_LABELS,
  SOURCE_NAMES,
  SourceError,
  type SourcesConfig,
} from "../../sources/index.js";
import { LIBRARY_FILES, parseLibraryFile } from "../../store/index.js";
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

/**
 * `sources:` of the library's jingdu.yaml; `{}` when it has none or cannot be read (loading the
 * library reports its problems with file:line; an invalid setting is left out, the rest holds).
 */
export function readSourcesConfig(root: string): SourcesConfig {
  let text: string;
  try {
    text = readFileSync(join(root, LIBRARY_FILES.settings), "utf8");
  } catch (err) {
    // No jingdu.yaml: the sources' defaults. Any other failure is said, not taken for defaults.
    if (isMissingFile(err)) return {};
    throw err;
  }
  const parsed = parseLibraryFile(LIBRARY_FILES.settings, text);
  return parsed?.kind === "settings" ? (parsed.settings?.sources ?? {}) : {};
}

/**
 * Sources configured from jingdu.yaml's `sources:` and the environment (base URLs, API key;
 * the environment wins); only the CLI reads env.
 */
export function sourcesFor(ctx: CliContext, root: string) {
  const settings = resolveSourcesSettings(readSourcesConfig(root), ctx.env);
  const platform = ctx.sourcesPlatform;
  platform?.adjust?.(settings);
  const now = platform?.now ?? Date.now;
  return createSources({
    settings,
    libraryRoot: root,
    // A source that asked to be left alone (long Retry-After, bilibili's block) is not asked.
    holds: activeHolds(readSourcesState(root), now()),
    ...(platform?.transport ? { transport: platform.transport } : {}),
    ...(platform?.now ? { now: platform.now } : {}),
    ...(platform?.sleep ? { sleep: platform.sleep } : {}),
  });
}

/**
 * `add` fetches one item: when the source could not give it (HTTP error, timeout, bad answer,
 * asked to wait), the command exits with `fetchFailed`, the error naming the request.
 */
export async function fetchOrFail<T>(
  ctx: CliContext,
  root: string,
  work: () => Promise<T>,
): Promise<T> {
  const now = ctx.sourcesPlatform?.now ?? Date.now;
  try {
    return await work();
  } catch (err) {
    if (err instanceof SourceError && err.code !== "not-found") {
      // Remembered, like refresh does: the next command does not ask before that time.
      const source = SOURCE_NAMES.find((s) => SOURCE_LABELS[s] === err.request.source);
      const settings = resolveSourcesSettings();
      const hold = source && holdFor(source, err, settings, now());
      if (source && hold) await rememberHold(root, source, hold, now());
      throw new JingduError(err.code, err.message, {
        hint: err.hint ?? "Nothing was added; run again later.",
        cause: err,
      });
    }
    throw err;
  }
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
    .option("--new", "write a new file even when the library already has this paper")
    .option("--json", "print the resolved paper and the confidence as JSON")
    .action(
      async (
        words: string[],
        opts: { category?: string; short?: string; yes?: boolean; new?: boolean; json?: boolean },
      ) => {
        const root = await libraryRoot(program, ctx);
        const { library } = await loadLibraryReporting(ctx, root);
        const r = await fetchOrFail(ctx, root, () =>
          addPaper({
            root,
            sources: sourcesFor(ctx, root),
            library,
            input: words.join(" "),
            acceptUncertain: opts.yes === true,
            forceNew: opts.new === true,
            ...(opts.category === undefined ? {} : { category: opts.category }),
            ...(opts.short === undefined ? {} : { short: opts.short }),
          }),
        );
        reportAddedPaper(
          ctx,
          r,
          opts.json === true,
          setCode,
          messagesFor(library.settings.language).cli,
        );
      },
    );

  add
    .command("course")
    .argument(
      "<source>",
      "bilibili:BV…, a BVID or a bilibili video URL; a 合集/系列 space URL; a YouTube playlist URL; a yt-dlp playlist .json file",
    )
    .description(
      "add a course: every part of a multi-part video, every video of a 合集, 系列 or playlist",
    )
    .option("--collection", "import the whole collection (合集) the video belongs to")
    .option("--id <id>", "the course id (default: from the title)")
    .option("--new", "add it even when the library already has this video or collection")
    .option("--json", "print the created course as JSON")
    .action(
      async (
        input: string,
        opts: { collection?: boolean; id?: string; new?: boolean; json?: boolean },
      ) => {
        const root = await libraryRoot(program, ctx);
        const { library } = await loadLibraryReporting(ctx, root);
        const c = await fetchOrFail(ctx, root, () =>
          addCourse({
            root,
            sources: sourcesFor(ctx, root),
            library,
            input,
            ...(isPlaylistFile(input) ? { file: resolve(ctx.cwd, input) } : {}),
            collection: opts.collection === true,
            forceNew: opts.new === true,
            ...(opts.id === undefined ? {} : { id: opts.id }),
          }),
        );
        reportAddedCourse(ctx, c, opts.json === true, messagesFor(library.settings.language).cli);
      },
    );
};

/** What `add paper` prints, and its exit code: EXIT.conflict when the match was not added. */
function reportAddedPaper(
  ctx: CliContext,
  r: AddPaperResult,
  json: boolean,
  setCode: (code: number) => void,
  t: CliMessages,
): void {
  const { paper } = r;
  if (r.uncertain) setCode(EXIT.conflict);
  if (json) {
    const { added, confidence, how, notices, file } = r;
    const existing = r.existing ? { ...r.existing, filled: r.filled ?? [] } : undefined;
    printJson(ctx.output, { added, file, confidence, how, paper, notices, existing });
    return;
  }
  const { out } = ctx.output;
  out(`${paper.title ?? paper.short}${paper.year ? ` (${paper.year})` : ""}`);
  if (r.how === "title") out(t.add.titleMatch(formatConfidence(r.confidence)));
  for (const n of r.notices) out(`  ${n}`);
  if (r.existing && !r.uncertain) {
    out(t.add.filled(r.file));
    return;
  }
  out(r.added ? t.add.added(r.file) : t.add.uncertain);
}

/** A `yt-dlp --flat-playlist -J` file given to `add course` (a path ending in .json, not a URL). */
function isPlaylistFile(input: string): boolean {
  return /\.json$/i.test(input) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(input);
}

/** What `add course` prints. */
function reportAddedCourse(
  ctx: CliContext,
  c: AddCourseResult,
  json: boolean,
  t: CliMessages,
): void {
  if (json) {
    printJson(ctx.output, { course: c.course, notices: c.notices, existing: c.existing });
    return;
  }
  if (c.existing) {
    ctx.output.out(t.add.courseExists(c.course.title, c.existing.file));
    for (const n of c.notices) ctx.output.out(`  ${n}`);
    return;
  }
  const minutes = c.course.episodes.reduce((s, e) => s + (e.runtime ?? 0), 0) / 60;
  const { title, id, episodes } = c.course;
  ctx.output.out(
    t.add.courseAdded({ title, id, episodes: episodes.length, minutes: minutes.toFixed(1) }),
  );
  for (const e of c.course.episodes)
    ctx.output.out(`  ${String(e.number).padStart(3)}  ${e.title}`);
  for (const n of c.notices) ctx.output.out(`  ${n}`);
}
