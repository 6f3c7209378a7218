import { isAllowedUrl, type VideoRef } from "../core/index.js";
import { metricHistoryChart } from "../study/index.js";
import { html, raw, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/** The label of a video link: the site, plus the part of a multi-part bilibili video. */
export function videoLabel(ctx: SiteContext, video: VideoRef): string {
  const site = ctx.t.videoSites[video.site];
  return video.part && video.part > 1 ? `${site} P${video.part}` : site;
}

/** A fetched figure as `12,345` with its date in a tooltip and for print, or `—`. */
export function metricCell(ctx: SiteContext, kind: "paper" | "video", id: string | undefined) {
  return metricText(ctx, id ? ctx.metrics(kind, id) : undefined);
}

function metricText(ctx: SiteContext, metric: ReturnType<SiteContext["metrics"]>): SafeHtml {
  if (!metric) return html`<span class="unknown">${ctx.t.unknown}</span>`;
  // `12,345 · Semantic Scholar · 2026-12-01`: a count says where and when it was taken.
  if (metric.source) {
    return html`<span class="metric" data-value="${String(metric.value)}">${ctx.formatNumber(metric.value)} <small>· ${metric.source} · ${metric.asOf}</small></span>`;
  }
  return html`<span class="metric" data-value="${String(metric.value)}">${ctx.formatNumber(metric.value)} <small>${ctx.t.asOf(metric.asOf)}</small></span>`;
}

/**
 * The history of a fetched figure as a small server-side SVG line chart; empty below two
 * recorded days (one value is no history).
 */
export function metricHistory(
  ctx: SiteContext,
  kind: "paper" | "video",
  id: string | undefined,
): SafeHtml {
  const metric = id ? ctx.metrics(kind, id) : undefined;
  if (!metric?.history) return html``;
  const t = ctx.t.metricHistory;
  const what = kind === "paper" ? t.citations : t.views;
  const chart = metricHistoryChart(metric.history, {
    id: `history-${kind}-${id}`.replace(/[^A-Za-z0-9_-]/g, "-"),
    title: metric.source ? `${what} · ${metric.source}` : what,
    axisName: what,
    dayColumn: t.day,
    summary: (first, last, from, to) => t.summary(what, first, last, from, to),
    locale: ctx.t.study.chartMessages.locale,
    formatValue: (n) => ctx.formatNumber(n),
  });
  return chart ? raw(chart.html) : html``;
}

/**
 * Links to an episode's videos, each with its view count when one was fetched (a bare `—` after
 * every YouTube or zhihu link, which have none, said nothing).
 */
export function videoLinks(ctx: SiteContext, videos: readonly VideoRef[]): SafeHtml {
  return html`<ul class="videos">${videos.map((v) => {
    const views = v.id ? ctx.metrics("video", v.id) : undefined;
    return html`<li>${isAllowedUrl(v.url) ? html`<a href="${v.url}" rel="noopener">${videoLabel(ctx, v)}</a>` : videoLabel(ctx, v)}${views ? html` <span class="views" title="${ctx.t.columns.views}">${metricText(ctx, views)}</span>` : ""}</li>`;
  })}</ul>`;
}
