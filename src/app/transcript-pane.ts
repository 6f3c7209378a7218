import {
  type Course,
  cueAt,
  type Episode,
  episodeVideoAt,
  formatRuntime,
  type TranscriptCue,
} from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/** One cue: its time and text, the whole a link into the video at its second (when one takes a time). */
function cueItem(episode: Episode, cue: TranscriptCue): SafeHtml {
  const second = Math.floor(cue.start);
  const time = formatRuntime(second);
  const href = episodeVideoAt(episode.videos, second);
  const inner = html`<time class="cue-time" datetime="PT${String(second)}S">${time}</time> <span class="cue-text">${cue.text}</span>`;
  return href
    ? html`<li data-start="${String(second)}"><a class="cue" href="${href}" rel="noopener">${inner}</a></li>`
    : html`<li data-start="${String(second)}"><span class="cue">${inner}</span></li>`;
}

/**
 * The episode's transcript (`transcripts/<course>/<n>.vtt`): every cue with its time, each a link
 * into the video at its second; empty when the episode has none.
 */
export function transcriptPane(ctx: SiteContext, course: Course, episode: Episode): SafeHtml {
  const transcript = ctx.transcript(course.id, episode.number);
  const cues = transcript?.cues;
  if (!cues || cues.length === 0) return html``;
  // What a fetch wrote in the file's header (`AI-Generated: yes`, `Language:`): said above the
  // cues, so a reader knows the words are a machine's hearing, not the speaker's checked text.
  const ai = transcript.header.aiGenerated
    ? html`<p class="transcript-ai" role="note">${ctx.t.episode.transcriptAi}${transcript.header.language ? html` · <span class="transcript-language">${transcript.header.language}</span>` : html``}</p>`
    : html``;
  return html`<section class="transcript" aria-labelledby="transcript"${transcript.header.aiGenerated ? html` data-ai-generated="yes"` : html``}><h2 id="transcript">${ctx.t.episode.transcript}</h2>
${ai}<ol class="cues">${cues.map((cue) => cueItem(episode, cue))}</ol></section>`;
}

/** The seconds the rendered note's timestamps link to (`<a class="ts" href="…t=754…">`), in order. */
function noteSeconds(noteHtml: string): number[] {
  const seen = new Set<number>();
  for (const m of noteHtml.matchAll(/<a class="ts" href="[^"]*[?&](?:amp;)?t=(\d+)/g)) {
    seen.add(Number(m[1]));
  }
  return [...seen];
}

/**
 * Beside the note: for each of its timestamps, the cue being said at that second, a link into the
 * video there; empty when the episode has no transcript or the note no timestamp.
 */
export function noteCues(
  ctx: SiteContext,
  course: Course,
  episode: Episode,
  noteHtml: string,
): SafeHtml {
  const seconds = noteSeconds(noteHtml);
  if (seconds.length === 0) return html``;
  const cues = ctx.transcript(course.id, episode.number)?.cues;
  if (!cues || cues.length === 0) return html``;
  const items = seconds.flatMap((s) => {
    const cue = cueAt(cues, s);
    return cue ? [cueItem(episode, cue)] : [];
  });
  if (items.length === 0) return html``;
  return html`<aside class="note-cues" aria-label="${ctx.t.episode.saidAt}"><h3>${ctx.t.episode.saidAt}</h3><ol class="cues">${items}</ol></aside>`;
}
