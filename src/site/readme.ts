import { groupPapersByCategory, type MetricsLookup, messagesFor } from "../app/index.js";
import {
  type Episode,
  formatRuntime,
  isAllowedUrl,
  type Library,
  summarizeLibrary,
} from "../core/index.js";

export interface ReadmeOptions {
  /** The clock; reserved for a "generated on" line, unused today so the output is reproducible. */
  now: () => Date;
  /** Fetched citation and view counts, printed as plain numbers with their date. */
  metrics?: MetricsLookup;
}

/** Escapes a table cell: `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

/** Text inside a Markdown link label. */
const label = (text: string) => cell(text).replace(/[[\]]/g, (c) => `\\${c}`);
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

/**
 * A Markdown link, or the bare label when the URL policy (src/core/url-policy.ts) refuses the URL:
 * the README is rendered by whatever shows it (GitHub, an editor's preview), so no `javascript:`
 * link is written. The destination is written in `<…>` when it has spaces or parentheses.
 */
function link(text: string, url: string): string {
  if (!isAllowedUrl(url)) return text;
  const dest = /[\s()<>]/.test(url) ? `<${url.replace(/[<>\s]/g, encodeURIComponent)}>` : url;
  return `[${text}](${dest})`;
}

/**
 * The library as a README like mli/paper-reading's: per course an episode table (newest first, as
 * the original lists them), then every paper grouped by category with computed totals. Counts are
 * plain numbers with their date, never live badges.
 * @example
 * writeFileSync("README.md", renderReadme(library, { now: () => new Date() }));
 */
export function renderReadme(library: Library, opts: ReadmeOptions): string {
  const t = messagesFor(library.settings.language);
  const metrics = opts.metrics ?? (() => undefined);
  const metric = (kind: "paper" | "video", id: string | undefined) => {
    const m = id ? metrics(kind, id) : undefined;
    return m ? `${m.value} (${m.asOf})` : t.unknown;
  };
  const papers = new Map(library.papers.map((p) => [p.id, p]));
  const summary = summarizeLibrary(library);
  const out: string[] = [`# ${library.settings.title}`, ""];
  if (library.settings.description) out.push(library.settings.description, "");

  for (const course of library.courses) {
    const s = summary.courses.find((c) => c.id === course.id);
    out.push(`## ${course.title}`, "");
    if (s) {
      out.push(
        `${t.course.totals}: ${t.counts.episodes(s.episodes.total)} · ${t.counts.hours((s.minutes.total / 60).toFixed(1))}`,
        "",
      );
    }
    const c = t.columns;
    out.push(row([c.date, c.title, c.runtime, c.videos]), row(["---", "---", "---", "---"]));
    const newestFirst = [...course.episodes].reverse();
    for (const ep of newestFirst) out.push(episodeRow(ep));
  }

  function episodeRow(ep: Episode): string {
    const covered = ep.papers
      .map((id) => papers.get(id))
      .filter((p) => p !== undefined)
      .map((p) => (p.links[0] ? link(label(p.short), p.links[0].url) : label(p.short)));
    const title = covered.length > 0 ? `${cell(ep.title)} (${covered.join(", ")})` : cell(ep.title);
    const videos = ep.videos.map((v) => {
      const site = t.videoSites[v.site] + (v.part && v.part > 1 ? ` P${v.part}` : "");
      const views = v.id ? metrics("video", v.id) : undefined;
      return `${link(label(site), v.url)}${views ? ` ${views.value} (${views.asOf})` : ""}`;
    });
    return row([
      ep.date ?? t.unknown,
      title,
      ep.runtime === undefined ? t.unknown : formatRuntime(ep.runtime),
      videos.join(" ") || t.unknown,
    ]);
  }

  out.push(`## ${t.readme.allPapers}`, "");
  out.push(
    `${t.readme.totalsLabel}: ${t.counts.papersCovered(summary.papers.total, summary.papers.covered)}`,
    "",
  );
  const c = t.columns;
  for (const group of groupPapersByCategory(library, t.papersPage.uncategorized)) {
    out.push(`### ${group.name}`, "");
    if (group.papers.length === 0) {
      out.push(t.readme.empty, "");
      continue;
    }
    out.push(
      row([c.covered, c.year, c.name, c.summary, c.citations]),
      row(["---", "---", "---", "---", "---"]),
    );
    for (const p of group.papers) {
      const first = p.links[0];
      out.push(
        row([
          p.covered ? "✅" : "",
          p.year === undefined ? "" : String(p.year),
          first ? link(label(p.short), first.url) : label(p.short),
          cell(p.summary ?? ""),
          metric("paper", p.id),
        ]),
      );
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
