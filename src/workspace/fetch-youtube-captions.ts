/**
 * One episode's transcript from its YouTube video's caption tracks (`transcript fetch`'s YouTube
 * side; fetch-transcripts.ts runs the episodes and attaches what this reads).
 */
import type { TranscriptCue } from "../core/index.js";
import type { Sources, YoutubeCaptionTrack } from "../sources/index.js";
import type { FetchedTranscript } from "./fetch-transcripts.js";

/**
 * The track to take: the one whose `vssId` or language code is the language asked (`a.en` asks
 * for the automatic English one), else those whose code starts with it (`zh` → `zh-Hans`), a
 * person's before the automatic one; with none in that language, the first listed (YouTube lists
 * the video's own language first). Without a language, the first listed.
 * @example chooseCaptionTrack(tracks, "en")?.vssId // ".en" before "a.en"
 */
export function chooseCaptionTrack(
  tracks: readonly YoutubeCaptionTrack[],
  language?: string,
): YoutubeCaptionTrack | undefined {
  const usable = tracks.filter((t) => t.url !== "");
  const wanted = language?.toLowerCase() ?? "";
  if (wanted !== "") {
    const exact = usable.filter(
      (t) => t.vssId.toLowerCase() === wanted || t.languageCode.toLowerCase() === wanted,
    );
    const prefix = usable.filter((t) => t.languageCode.toLowerCase().startsWith(wanted));
    for (const list of [exact, prefix]) {
      const pick = list.find((t) => !t.ai) ?? list[0];
      if (pick) return pick;
    }
  }
  return usable[0];
}

export interface YoutubeCaptionRead {
  /** Told when there is nothing to attach (no tracks, a file without cues). */
  result?: FetchedTranscript;
  /** What to attach. */
  attach?: {
    cues: TranscriptCue[];
    header: { source: string; language: string; aiGenerated: boolean };
    track: YoutubeCaptionTrack;
    available: string[];
    diagnostics: FetchedTranscript["diagnostics"];
  };
}

/** Lists the video's caption tracks, takes one, reads its json3 into cues. */
export async function readYoutubeCaptions(opts: {
  sources: Sources;
  number: number;
  videoId: string;
  language?: string;
  readSubtitle: (
    text: string,
    file: string,
  ) => { cues: TranscriptCue[]; diagnostics: NonNullable<FetchedTranscript["diagnostics"]> };
}): Promise<YoutubeCaptionRead> {
  const { number, videoId } = opts;
  const youtube = opts.sources.youtube;
  const listed = await youtube.listCaptions(videoId);
  const available = listed.tracks.map((t) => t.vssId || t.languageCode);
  const track = chooseCaptionTrack(listed.tracks, opts.language);
  if (!track) {
    const message = listed.unplayable
      ? `YouTube would not play ${videoId}: ${listed.unplayable}`
      : listed.tracks.length > 0
        ? "its caption tracks are not on youtube.com; not fetched"
        : "the video has no caption track";
    return { result: { number, outcome: "no-subtitles", available, message } };
  }
  const text = await youtube.fetchCaption(track);
  if (text.trim() === "") {
    // What timedtext answers, 200 and no body, when it wants a proof-of-origin token (`pot`).
    const message = `YouTube sent an empty caption file for ${track.vssId || track.languageCode} (it may want a login or a token jingdu does not make)`;
    return { result: { number, outcome: "failed", available, message } };
  }
  const read = opts.readSubtitle(text, `${videoId} ${track.vssId || track.languageCode}.json`);
  if (read.cues.length === 0) {
    const message = "the caption track had no cue that could be read";
    return { result: { number, outcome: "failed", message, diagnostics: read.diagnostics } };
  }
  return {
    attach: {
      cues: read.cues,
      header: {
        source: `https://www.youtube.com/watch?v=${videoId}`,
        language: `${track.languageCode} ${track.name}`.trim(),
        aiGenerated: track.ai,
      },
      track,
      available,
      diagnostics: read.diagnostics,
    },
  };
}
