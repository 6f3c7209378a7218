import {
  type Category,
  type Course,
  type Diagnostic,
  type Episode,
  type Library,
  type LibrarySummary,
  type Paper,
  type SourceRef,
  summarizeLibrary,
} from "../core/index.js";
import type {
  ArchivedLink,
  EpisodeVideo,
  MarkdownProcessor,
  RenderContext,
  RenderResult,
  ResolvedItem,
} from "../render/index.js";
// Its file rather than the store's index, which would load what the web app's first page does
// not need (zod, yaml).
import { coursePath, episodePath, paperPath } from "../store/library-layout.js";
import type { SafeHtml } from "./html.js";
import { type Messages, messagesFor } from "./i18n/index.js";
import { type NoteMemo, rememberedRender } from "./note-memo.js";
import { createLinker, type Linker, paths } from "./paths.js";
import { createArchiveLookup, originsOf, type SiteSnapshots } from "./snapshots.js";

/** A fetched figure with the day it was fetched: citations of a paper, views of a video. */
export interface Metric {
  value: number;
  /** ISO date the value was fetched. */
  asOf: string;
}

/**
 * Looks up a fetched figure: `("paper", paperId)` → citations, `("video", videoId)` → views.
 * Undefined when unknown; pages then show `—`.
 */
export type MetricsLookup = (kind: "paper" | "video", id: string) => Metric | undefined;

/** Everything a view needs, built once per route table. Views never reach past it. */
export interface SiteContext extends Linker {
  library: Library;
  summary: LibrarySummary;
  t: Messages;
  metrics: MetricsLookup;
  /** The Mermaid script's asset path when Mermaid is installed, else undefined. */
  mermaidAsset: string | undefined;
  paper(id: string): Paper | undefined;
  category(id: string): Category | undefined;
  course(id: string): Course | undefined;
  /** Episodes that cover a paper, in course and episode order. */
  episodesCovering(paperId: string): { course: Course; episode: Episode }[];
  /** Renders a note with library links resolved to this site's pages. */
  renderNote(markdown: string, context: NoteContext): RenderResult;
  /** An item's note, rendered (`noteOf`); undefined when it has none. */
  renderItemNote(item: NoteItem): RenderResult | undefined;
  formatNumber(n: number): string;
  /** The archived copy of a cited URL (snapshots), undefined when there is none. */
  archive(url: string): ArchivedLink | undefined;
  /** The seed's 参考资料快照 origin of a URL, when known. */
  linkOrigin(url: string): string | undefined;
  /** The library's snapshot index, link health and objects, when loaded. */
  snapshots: SiteSnapshots | undefined;
}

export interface SiteContextOptions {
  baseUrl: string;
  markdown: MarkdownProcessor;
  metrics?: MetricsLookup;
  mermaidAsset?: string;
  /** Names of the library's `files/` (images in notes), relative to `files/`. */
  files?: ReadonlyMap<string, unknown>;
  /** The library's `snapshots/` (archived copies of cited links, link health). */
  snapshots?: SiteSnapshots;
  /**
   * Most rendered notes kept for reuse, the least recently used dropped first. Default: all (a
   * build renders each note for its page and again for the feed); a server bounds it.
   */
  noteCacheSize?: number;
  /**
   * Rendered notes kept from earlier builds (`NoteMemo`), reused when the processor's version is
   * the memo's; new renders are added to it.
   */
  noteMemo?: NoteMemo;
}

export type NoteContext = Omit<RenderContext, "resolveItem" | "resolveAsset" | "archive">;

/** What a note's rendering depends on besides the library's structure: its text and context. */
export function noteKey(markdown: string, context: NoteContext): string {
  const video = context.episodeVideo;
  return `${context.kind}\u0000${context.file}\u0000${context.lineOffset ?? 0}\u0000${video ? `${video.site}:${video.id}:${video.part ?? ""}` : ""}\u0000${markdown}`;
}

export function createSiteContext(library: Library, opts: SiteContextOptions): SiteContext {
  const linker = createLinker(opts.baseUrl);
  const t = messagesFor(library.settings.language);
  const papers = new Map(library.papers.map((p) => [p.id, p]));
  const categories = new Map(library.categories.map((c) => [c.id, c]));
  const courses = new Map(library.courses.map((c) => [c.id, c]));
  const covering = new Map<string, { course: Course; episode: Episode }[]>();
  for (const course of library.courses) {
    for (const episode of course.episodes) {
      for (const id of episode.papers) {
        const list = covering.get(id) ?? [];
        list.push({ course, episode });
        covering.set(id, list);
      }
    }
  }
  const numbers = new Intl.NumberFormat(t.locale);
  // A page and the feed render the same note: render it once per route table.
  const rendered = new Map<string, RenderResult>();
  const noteCacheSize = opts.noteCacheSize ?? Number.POSITIVE_INFINITY;

  const resolveItem = (ref: string): ResolvedItem | undefined => {
    const paper = papers.get(ref);
    if (paper) return { href: linker.href(paths.paper(paper.id)), title: paper.short };
    const slash = ref.lastIndexOf("/");
    if (slash > 0) {
      const course = courses.get(ref.slice(0, slash));
      const number = Number(ref.slice(slash + 1));
      const episode = course?.episodes.find((e) => e.number === number);
      if (course && episode) {
        return { href: linker.href(paths.episode(course.id, number)), title: episode.title };
      }
    }
    return undefined;
  };

  // `files/x.svg` in a note names the library's files/x.svg; served at /files/x.svg.
  const resolveAsset = (path: string): string | undefined => {
    const name = path.replace(/^\.\//, "").replace(/^files\//, "");
    return opts.files?.has(name) ? linker.href(paths.file(name)) : undefined;
  };

  const origins = originsOf(library, opts.snapshots);
  const archive = createArchiveLookup(opts.snapshots, origins, linker, t);

  const renderNote = (markdown: string, context: NoteContext): RenderResult => {
    const key = noteKey(markdown, context);
    const cached = rendered.get(key);
    if (cached) {
      if (noteCacheSize !== Number.POSITIVE_INFINITY) {
        rendered.delete(key);
        rendered.set(key, cached);
      }
      return cached;
    }
    const memo = opts.noteMemo;
    const answering = { resolveItem, resolveAsset, archive };
    const result =
      memo && memo.version === opts.markdown.version
        ? rememberedRender(memo, key, answering, (site) =>
            opts.markdown.render(markdown, { ...context, ...site }),
          )
        : opts.markdown.render(markdown, { ...context, ...answering });
    if (noteCacheSize <= 0) return result;
    if (rendered.size >= noteCacheSize) rendered.delete(rendered.keys().next().value as string);
    rendered.set(key, result);
    return result;
  };

  return {
    ...linker,
    archive,
    linkOrigin: (url) => origins.get(url),
    snapshots: opts.snapshots,
    library,
    summary: summarizeLibrary(library),
    t,
    metrics: opts.metrics ?? (() => undefined),
    mermaidAsset: opts.mermaidAsset,
    paper: (id) => papers.get(id),
    category: (id) => categories.get(id),
    course: (id) => courses.get(id),
    episodesCovering: (id) => covering.get(id) ?? [],
    renderNote,
    renderItemNote(item) {
      const { markdown, context } = noteOf(item);
      return markdown.trim() === "" ? undefined : renderNote(markdown, context);
    },
    formatNumber: (n) => numbers.format(n),
  };
}

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

/** A rendered page body and what the layout must add around it. */
export interface PageContent {
  title: string;
  body: SafeHtml;
  /** The page has KaTeX output and needs its stylesheet. */
  math?: boolean;
  mermaid?: boolean;
  /** Extra scripts (asset names) the page loads. */
  scripts?: string[];
  diagnostics?: Diagnostic[];
  /** Adds a `<link rel="canonical">` and marks the current nav item. */
  path: string;
}
