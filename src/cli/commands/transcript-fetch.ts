/**
 * `jingdu transcript fetch EPISODES`: a part's subtitles from bilibili, with the user's login
 * cookie, or a YouTube video's caption tracks (no login). The bilibili cookie is read only when an
 * episode's video is on bilibili. The cookie comes from `JINGDU_BILIBILI_COOKIE`, else from the file
 * `$XDG_CONFIG_HOME/jingdu/bilibili-cookie` (`~/.config/…`): outside the library, so a library
 * kept in git never holds it. It is sent in the one request that needs it, and printed nowhere.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { EXIT, JingduError, type Library, missingAs } from "../../core/index.js";
import { readTranscriptFile } from "../../formats/index.js";
import {
  type FetchedTranscript,
  fetchTranscripts,
  transcriptVideo,
} from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printDiagnostics, printJson } from "../output.js";
import { fetchOrFail, readSourcesConfig, sourcesFor } from "./add.js";
import { parseEpisodeSelector } from "./progress.js";
import { libraryRoot } from "./shared.js";

export const COOKIE_ENV = "JINGDU_BILIBILI_COOKIE";

/** The cookie file: `$XDG_CONFIG_HOME/jingdu/bilibili-cookie`, else `~/.config/jingdu/…`. */
export function cookieFilePath(env: CliContext["env"]): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(config, "jingdu", "bilibili-cookie");
}

/**
 * The `Cookie` header to send: the environment's, else the file's (its first non-comment
 * line). A bare value is taken for `SESSDATA`. Never echoed: a bad one is refused by what is
 * wrong with it, not by its text.
 */
export async function readBilibiliCookie(env: CliContext["env"], root: string): Promise<string> {
  const file = cookieFilePath(env);
  let raw = env[COOKIE_ENV]?.trim();
  let from = COOKIE_ENV;
  if (!raw) {
    const text = await readFile(file, "utf8").catch(missingAs(""));
    raw = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "" && !l.startsWith("#"));
    from = file;
    const inside = relative(resolve(root), resolve(file));
    if (raw && !inside.startsWith("..") && !isAbsolute(inside)) {
      throw new JingduError(
        "bilibili-bad-cookie",
        `the cookie file ${file} is inside the library`,
        {
          hint: "Keep it outside the library (set XDG_CONFIG_HOME elsewhere), or use JINGDU_BILIBILI_COOKIE: a library's files are meant to be shared, a login is not.",
        },
      );
    }
  }
  if (!raw) {
    throw new JingduError(
      "bilibili-no-cookie",
      `no bilibili login cookie: ${COOKIE_ENV} is not set and ${file} has none`,
    );
  }
  // What a header value may hold (fetch would refuse anything else, quoting it).
  if (!/^[\x20-\x7e]+$/.test(raw)) {
    throw new JingduError(
      "bilibili-bad-cookie",
      `the cookie in ${from} has a character a cookie cannot have (a line break or non-ASCII)`,
      { hint: "Copy the cookie's value again from the browser, on one line." },
    );
  }
  return raw.includes("=") ? raw : `SESSDATA=${raw}`;
}

/** `COURSE` (every episode), `COURSE/N`, `COURSE/1-10,12`. */
function episodesOf(target: string, library: Library): { courseId: string; numbers: number[] } {
  const course = library.courses.find((c) => c.id === target);
  if (course) return { courseId: course.id, numbers: course.episodes.map((e) => e.number) };
  return parseEpisodeSelector(target, library);
}

function line(course: string, r: FetchedTranscript): string {
  const head = `${course}/${r.number}  ${r.outcome.padEnd(12)}`;
  if (r.cues !== undefined) {
    const from =
      r.site === "youtube"
        ? `YouTube ${r.ai ? "automatic captions" : "captions"}`
        : `bilibili ${r.ai ? "AI subtitles" : "subtitles"}`;
    return `${head} ${r.cues} cues  ${r.path}  ← ${from} ${r.lan} (${r.lanDoc})`;
  }
  const also = r.available?.length ? ` (has: ${r.available.join(", ")})` : "";
  return `${head} ${r.message ?? ""}${also}`;
}

export function registerTranscriptFetch(
  transcript: Command,
  program: Command,
  ctx: CliContext,
  setCode: (code: number) => void,
): void {
  transcript
    .command("fetch")
    .argument("<episodes>", "COURSE/N, COURSE/1-10,12, or COURSE for every episode")
    .description(
      "fetch episodes' subtitles from bilibili (your login cookie) or YouTube's captions and attach them",
    )
    .option(
      "--lang <lan>",
      "the language to take: zh, en, bilibili's key (ai-zh, zh-CN) or YouTube's (a.en); default the library's",
    )
    .option("--replace", "also fetch episodes that have a transcript (default: kept)")
    .option("--json", "print { course, episodes: [{number, outcome, path, cues, lan, ai, …}] }")
    .action(async (target: string, opts: { lang?: string; replace?: boolean; json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const { courseId, numbers } = episodesOf(target, library);
      // Asked at the first bilibili episode only: YouTube's captions need no login.
      const cookie = async () => {
        // As with S2_API_KEY: a base URL only jingdu.yaml names could be anyone's server.
        const configured = readSourcesConfig(root).bilibili?.baseUrl;
        if (configured && !ctx.env.JINGDU_BILIBILI_URL) {
          throw new JingduError(
            "bilibili-bad-cookie",
            `jingdu.yaml points bilibili at ${configured}; the login cookie is not sent there`,
            { hint: "Set JINGDU_BILIBILI_URL to that address yourself if you trust it." },
          );
        }
        return readBilibiliCookie(ctx.env, root);
      };
      const sources = sourcesFor(ctx, root);
      const printEach = !opts.json;
      const course = library.courses.find((c) => c.id === courseId);
      const onBilibili = (course?.episodes ?? []).filter(
        (e) => numbers.includes(e.number) && transcriptVideo(e)?.site === "bilibili",
      ).length;
      // Only bilibili's parts wait the subtitle gap (YouTube's go at the client's own pace).
      if (printEach && onBilibili > 1) {
        const gap = sources.settings.bilibiliSubtitleGapMs / 1000;
        ctx.output.err(
          `${onBilibili} bilibili episodes, one part every ${gap} s at least (sources.bilibili.subtitleGap)`,
        );
      }
      // A block (-412) stops the run and is remembered, as `add` and `refresh` do.
      const results = await fetchOrFail(ctx, root, () =>
        fetchTranscripts({
          root,
          library,
          courseId,
          numbers,
          sources,
          cookie,
          // The library's language (zh, en) unless asked: a prefix of a track's language.
          language: opts.lang ?? library.settings.language,
          replace: opts.replace === true,
          readSubtitle: (text, file) => readTranscriptFile(Buffer.from(text, "utf8"), { file }),
          ...(printEach ? { onEpisode: (r) => ctx.output.out(line(courseId, r)) } : {}),
        }),
      );
      const diagnostics = results.flatMap((r) => r.diagnostics ?? []);
      if (opts.json) {
        printJson(ctx.output, {
          course: courseId,
          episodes: results.map(({ diagnostics: _, ...r }) => r),
          diagnostics,
        });
      } else {
        printDiagnostics(ctx.output, diagnostics);
      }
      const written = results.filter((r) => r.cues !== undefined).length;
      const asked = results.filter((r) => r.outcome !== "kept" && r.outcome !== "no-video");
      if (asked.length > 0 && written === 0) {
        const none = new JingduError(
          "transcript-none-fetched",
          `no transcript fetched: ${asked.map((r) => `${courseId}/${r.number} ${r.outcome}`).join(", ")}`,
        );
        if (opts.json) setCode(EXIT.fetchFailed);
        else throw none;
      }
    });
}
