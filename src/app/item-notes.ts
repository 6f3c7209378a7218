import type { Course, Episode, Paper, SourceRef } from "../core/index.js";
import type { EpisodeVideo } from "../render/index.js";
// Its file rather than the store's index, which would load what the web app's first page does
// not need (zod, yaml).
import { coursePath, episodePath, paperPath } from "../store/light.js";
import type { NoteContext } from "./site-context.js";

/** An item whose page shows its note. */
export type NoteItem = { paper: Paper } | { episode: Episode } | { course: Course };

/**
 * An item's note and how it is rendered: its file (where the library keeps it, for an item built
 * in code), the lines before its body there (so a bad formula is told at its line of the file),
 * and for an episode the video its timestamps jump into. Pages, the feed, the build's messages
 * about dead links and the web app's editor all render a note with this context.
 */
export function noteOf(item: NoteItem): { markdown: string; context: NoteContext } {
  const of = (holder: { notes: string; at?: SourceRef }, file: string, rest: NoteContext) => {
    const body = holder.at?.body;
    const lineOffset = body !== undefined && body > 1 ? { lineOffset: body - 1 } : {};
    return {
      markdown: holder.notes,
      context: { ...rest, file: holder.at?.file ?? file, ...lineOffset },
    };
  };
  if ("paper" in item) {
    return of(item.paper, paperPath(item.paper.id), { file: "", kind: "paper" });
  }
  if ("course" in item) {
    return of(item.course, coursePath(item.course.id), { file: "", kind: "course" });
  }
  const { episode } = item;
  const video = episodeVideo(episode);
  return of(episode, episodePath(episode.courseId, episode.number), {
    file: "",
    kind: "episode",
    ...(video ? { episodeVideo: video } : {}),
  });
}

/** The video an episode's timestamps jump into: the first bilibili video, else YouTube. */
export function episodeVideo(episode: Episode): EpisodeVideo | undefined {
  const bilibili = episode.videos.find((v) => v.site === "bilibili" && v.id);
  if (bilibili?.id) {
    return { site: "bilibili", id: bilibili.id, ...(bilibili.part ? { part: bilibili.part } : {}) };
  }
  const youtube = episode.videos.find((v) => v.site === "youtube" && v.id);
  return youtube?.id ? { site: "youtube", id: youtube.id } : undefined;
}
