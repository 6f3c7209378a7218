import {
  type Course,
  type Episode,
  type EpisodeProgress,
  episodeVideoAt,
  formatRuntime,
} from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";

/**
 * "Where was I?": a link into an episode's video at the position `jingdu watching --at` (or the
 * app's position field) saved, and a course's next episode. Rendered by the server side of the
 * pages (also in the static site): the links work without the app's script.
 */

export { videoAt } from "../core/index.js";

/** An episode's saved progress, when any. */
export function episodeProgress(
  ctx: SiteContext,
  course: Course,
  episode: Episode,
): EpisodeProgress | undefined {
  return ctx.library.progress.episodes[course.id]?.[episode.number];
}

/**
 * `继续 46:18` into the first video that takes a time, when the episode has a saved position;
 * empty otherwise. `data-position` carries the saved value for the app's position field.
 */
export function resumeLink(ctx: SiteContext, course: Course, episode: Episode): SafeHtml {
  const position = episodeProgress(ctx, course, episode)?.position;
  if (position === undefined) return html``;
  const time = formatRuntime(position);
  const href = episodeVideoAt(episode.videos, position);
  const label = ctx.t.daily.resume(time);
  return href
    ? html`<a class="resume" href="${href}" rel="noopener" data-position="${time}">${label}</a>`
    : html`<span class="resume" data-position="${time}">${label}</span>`;
}

/**
 * The episode to go on with: the first one being watched, else the first still to watch
 * (done and skipped ones are passed over); undefined when every episode is done or skipped.
 */
export function nextEpisode(ctx: SiteContext, course: Course): Episode | undefined {
  const status = (e: Episode) => episodeProgress(ctx, course, e)?.status ?? "todo";
  return (
    course.episodes.find((e) => status(e) === "watching") ??
    course.episodes.find((e) => status(e) === "todo")
  );
}

/** The course's "continue" box: its next episode, with the resume link when a position is saved. */
export function continueCourse(ctx: SiteContext, course: Course): SafeHtml {
  const t = ctx.t.daily;
  if (course.episodes.length === 0) return html``;
  const next = nextEpisode(ctx, course);
  if (!next) return html`<p class="continue continue-done">${t.allDone}</p>`;
  const watching = episodeProgress(ctx, course, next)?.status === "watching";
  return html`<p class="continue" data-course="${course.id}" data-episode="${String(next.number)}"><span class="muted">${watching ? t.continueTitle : t.upNext}</span> <a href="${ctx.href(paths.episode(course.id, next.number))}">${next.number}. ${next.title}</a> ${resumeLink(ctx, course, next)}</p>`;
}
