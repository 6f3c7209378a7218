import { isAllowedUrl, type VideoRef } from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/** The label of a video link: the site, plus the part of a multi-part bilibili video. */
export function videoLabel(ctx: SiteContext, video: VideoRef): string {
  const site = ctx.t.videoSites[video.site];
  return video.part && video.part > 1 ? `${site} P${video.part}` : site;
}

/** A fetched figure as `12,345` with its date in a tooltip and for print, or `—`. */
export function metricCell(ctx: SiteContext, kind: "paper" | "video", id: string | undefined) {
  const metric = id ? ctx.metrics(kind, id) : undefined;
  if (!metric) return html`<span class="unknown">${ctx.t.unknown}</span>`;
  return html`<span class="metric">${ctx.formatNumber(metric.value)} <small>${ctx.t.asOf(metric.asOf)}</small></span>`;
}

/** Links to an episode's videos, each with its view count. */
export function videoLinks(ctx: SiteContext, videos: readonly VideoRef[]): SafeHtml {
  return html`<ul class="videos">${videos.map(
    (v) =>
      html`<li>${isAllowedUrl(v.url) ? html`<a href="${v.url}" rel="noopener">${videoLabel(ctx, v)}</a>` : videoLabel(ctx, v)} <span class="views" title="${ctx.t.columns.views}">${metricCell(ctx, "video", v.id)}</span></li>`,
  )}</ul>`;
}
