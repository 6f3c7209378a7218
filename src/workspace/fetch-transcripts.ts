import { stat } from "node:fs/promises";
import { join } from "node:path";
import {
  type Diagnostic,
  type Episode,
  JingduError,
  type Library,
  type TranscriptCue,
  type TranscriptHeader,
  transcriptPath,
} from "../core/index.js";
import type { BilibiliSubtitleTrack, Sources } from "../sources/index.js";
import { attachTranscripts } from "./attach-transcripts.js";
import { readYoutubeCaptions } from "./fetch-youtube-captions.js";

export interface FetchTranscriptsOptions {
  root: string;
  library: Library;
  courseId: string;
  /** The episodes to fetch, in this order. */
  numbers: readonly number[];
  /** Configured by the caller (only the CLI reads the environment). */
  sources: Sources;
  /**
   * The user's bilibili login (`SESSDATA=…`): sent to the player endpoint only, kept nowhere.
   * A function is asked once, at the first bilibili episode (YouTube needs no login).
   */
  cookie: string | (() => Promise<string>);
  /** Reads a subtitle JSON into cues (src/formats' reader, passed in by the CLI). */
  readSubtitle: (
    text: string,
    file: string,
  ) => { cues: TranscriptCue[]; diagnostics: Diagnostic[] };
  /**
   * A language to take (`zh`, `en`, `ai-zh`: a prefix of bilibili's `lan`; YouTube's language
   * code or `vssId`, `a.en`); default `zh` for bilibili, the first track for YouTube.
   */
  language?: string;
  /** Fetch an episode that has a transcript already (default: kept, not asked). */
  replace?: boolean;
  /** Told of each episode as it is done (a course of 113 parts takes ~20 minutes). */
  onEpisode?: (result: FetchedTranscript) => void;
}

export interface FetchedTranscript {
  number: number;
  outcome: "added" | "replaced" | "unchanged" | "kept" | "no-subtitles" | "no-video" | "failed";
  /** The library file written or kept. */
  path?: string;
  cues?: number;
  /** Where it came from (the episode's first bilibili or YouTube video). */
  site?: "bilibili" | "youtube";
  /** The track taken: bilibili's `lan` (YouTube's language code) and its name. */
  lan?: string;
  lanDoc?: string;
  ai?: boolean;
  /** The languages the part had, when none was taken or to say what else there was. */
  available?: string[];
  message?: string;
  diagnostics?: Diagnostic[];
}

/**
 * The track to take: those of the language asked first (the `ai-` prefix aside), a person's
 * before the AI's; else any person's, else the first AI one.
 * @example chooseSubtitleTrack(tracks, "zh")?.lan // "zh-CN" before "ai-zh"
 */
export function chooseSubtitleTrack(
  tracks: readonly BilibiliSubtitleTrack[],
  language = "zh",
): BilibiliSubtitleTrack | undefined {
  const usable = tracks.filter((t) => t.url !== "");
  const wanted = language.toLowerCase();
  const exact = usable.find((t) => t.lan.toLowerCase() === wanted);
  if (exact) return exact;
  const inLanguage = usable.filter((t) =>
    t.lan.toLowerCase().replace(/^ai-/, "").startsWith(wanted),
  );
  const byPerson = (list: readonly BilibiliSubtitleTrack[]) =>
    list.find((t) => !t.ai) ?? list.find((t) => t.ai);
  return byPerson(inLanguage) ?? byPerson(usable);
}

/**
 * The video an episode's transcript is fetched from: its first bilibili or YouTube video (the
 * episode's link, as the page shows it first); undefined when it has neither.
 */
export function transcriptVideo(episode: Episode): Episode["videos"][number] | undefined {
  return episode.videos.find((v) => (v.site === "bilibili" || v.site === "youtube") && v.id);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Fetches episodes' subtitles from bilibili and attaches each as its transcript (as `transcript
 * add` does, one file per episode through the library writer, as soon as it is read: a stopped run
 * keeps what it wrote). Each part asks the player endpoint with the user's cookie, then its
 * subtitle file; parts are paced by `sources.bilibili.subtitleGap`. An episode with a transcript
 * is kept unless `replace`; AI subtitles are marked in the file's header. An episode whose first
 * video is on YouTube takes its caption tracks instead (no login; automatic ones marked AI).
 * Stops with `bilibili-not-logged-in` when bilibili does not take the cookie, and on a block.
 * @example await fetchTranscripts({ root, library, courseId: "limu", numbers: [57], sources, cookie, readSubtitle })
 */
export async function fetchTranscripts(
  opts: FetchTranscriptsOptions,
): Promise<FetchedTranscript[]> {
  const { BilibiliApiError, SourceBlockedError, SourceError, SourceOnHoldError } = await import(
    "../sources/index.js"
  );
  const course = opts.library.courses.find((c) => c.id === opts.courseId);
  if (!course) {
    throw new JingduError("unknown-course", `no course “${opts.courseId}”`, {
      hint: `Courses: ${opts.library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
    });
  }
  const bilibili = opts.sources.bilibili;
  let cookie: Promise<string> | undefined;
  const cookieOf = () => {
    const given = opts.cookie;
    cookie ??= typeof given === "string" ? Promise.resolve(given) : given();
    return cookie;
  };
  const attach = async (number: number, cues: TranscriptCue[], header: TranscriptHeader) => {
    const fetched = new Date(opts.sources.now()).toISOString().slice(0, 10);
    const [attached] = await attachTranscripts({
      root: opts.root,
      library: opts.library,
      courseId: opts.courseId,
      transcripts: [{ number, cues, header: { ...header, fetched } }],
    });
    return attached?.outcome ?? "added";
  };
  const cids = new Map<string, Map<number, string>>();
  const results: FetchedTranscript[] = [];
  const done = (r: FetchedTranscript) => {
    results.push(r);
    opts.onEpisode?.(r);
  };
  for (const number of opts.numbers) {
    const episode = course.episodes.find((e) => e.number === number);
    const video = episode && transcriptVideo(episode);
    const path = transcriptPath(course.id, number);
    if (!episode || !video?.id) {
      done({ number, outcome: "no-video", message: "no bilibili or YouTube video to ask" });
      continue;
    }
    if (!opts.replace && (await exists(join(opts.root, path)))) {
      done({ number, outcome: "kept", path, message: "has a transcript (--replace fetches it)" });
      continue;
    }
    const bvid = video.id;
    const part = video.part ?? 1;
    try {
      if (video.site === "youtube") {
        const read = await readYoutubeCaptions({
          sources: opts.sources,
          number,
          videoId: video.id,
          ...(opts.language ? { language: opts.language } : {}),
          readSubtitle: opts.readSubtitle,
        });
        if (!read.attach) {
          done({ site: "youtube", ...(read.result ?? { number, outcome: "failed" }) });
          continue;
        }
        const { cues, header, track, available, diagnostics } = read.attach;
        done({
          number,
          site: "youtube",
          outcome: await attach(number, cues, header),
          path,
          cues: cues.length,
          lan: track.languageCode,
          lanDoc: track.name,
          ai: track.ai,
          available,
          ...(diagnostics ? { diagnostics } : {}),
        });
        continue;
      }
      const login = await cookieOf();
      let parts = cids.get(bvid);
      if (!parts) {
        parts = new Map((await bilibili.getPageList(bvid)).map((p) => [p.part, p.cid]));
        cids.set(bvid, parts);
      }
      const cid = parts.get(part);
      if (!cid) {
        done({ number, outcome: "failed", message: `${bvid} has no part ${part}` });
        continue;
      }
      const listed = await bilibili.listSubtitles(bvid, cid, login);
      if (listed.notLoggedIn) throw notLoggedIn();
      const available = listed.tracks.map((t) => t.lan);
      const track = chooseSubtitleTrack(listed.tracks, opts.language ?? "zh");
      if (!track) {
        done({ number, outcome: "no-subtitles", available, message: "the part has no subtitles" });
        continue;
      }
      const text = await bilibili.fetchSubtitle(track);
      const file = `${bvid} p${part} ${track.lan}.json`;
      const read = opts.readSubtitle(text, file);
      if (read.cues.length === 0) {
        const message = "the subtitle file had no cue that could be read";
        done({ number, outcome: "failed", message, diagnostics: read.diagnostics });
        continue;
      }
      const outcome = await attach(number, read.cues, {
        source: `https://www.bilibili.com/video/${bvid}/?p=${part}`,
        language: `${track.lan} ${track.lanDoc}`.trim(),
        aiGenerated: track.ai,
      });
      done({
        number,
        site: "bilibili",
        outcome,
        path,
        cues: read.cues.length,
        lan: track.lan,
        lanDoc: track.lanDoc,
        ai: track.ai,
        available,
        diagnostics: read.diagnostics,
      });
    } catch (err) {
      if (err instanceof BilibiliApiError && err.biliCode === -101) throw notLoggedIn(err);
      if (err instanceof SourceBlockedError || err instanceof SourceOnHoldError) throw err;
      if (!(err instanceof SourceError)) throw err;
      const site = video.site === "youtube" ? "youtube" : "bilibili";
      done({ number, site, outcome: "failed", message: err.message });
    }
  }
  return results;
}

function notLoggedIn(cause?: unknown): JingduError {
  return new JingduError(
    "bilibili-not-logged-in",
    "bilibili did not take the login cookie: subtitles are listed only to a logged-in user",
    {
      hint: "Log in on bilibili.com in a browser, copy the SESSDATA cookie again (it expires) into JINGDU_BILIBILI_COOKIE or ~/.config/jingdu/bilibili-cookie, and run again; what was fetched is kept.",
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
