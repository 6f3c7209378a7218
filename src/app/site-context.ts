import {
  type Category,
  type Course,
  type Diagnostic,
  type Episode,
  type Library,
  type LibrarySummary,
  type Paper,
  summarizeLibrary,
  type TranscriptCue,
  type TranscriptHeader,
} from "../core/index.js";
import type {
  ArchivedLink,
  MarkdownProcessor,
  RenderContext,
  RenderResult,
} from "../render/index.js";
// Its file rather than the store's index, which would load what the web app's first page does
// not need (zod, yaml).
import { estimateFinish, type FinishEstimate, localDay } from "../study/index.js";
import type { SafeHtml } from "./html.js";
import { type Messages, messagesFor } from "./i18n/index.js";
import { type NoteItem, noteOf } from "./item-notes.js";
import {
  type Backlink,
  createNoteLinks,
  keptCitekeys,
  type NoteLinksMemo,
  tagsOf,
} from "./note-links.js";
import { layeredNoteMemo, type NoteMemo, rememberedRender } from "./note-memo.js";
import { createLinker, type Linker, paths } from "./paths.js";
import {
  type Answer,
  createReadTracker,
  type DerivedAnswers,
  type QuestionTable,
  type ReadTracker,
  SEP,
} from "./read-trace.js";
import {
  createArchiveLookup,
  noteUrlsOf,
  originsOf,
  type SiteSnapshots,
  snapshotsDigest,
} from "./snapshots.js";

/** A fetched figure with the day it was fetched: citations of a paper, views of a video. */
export interface Metric {
  value: number;
  /** ISO date the value was fetched. */
  asOf: string;
  /** Who reported it, as shown: `Semantic Scholar`, `bilibili`. */
  source?: string;
  /** Every recorded value, `[ISO time, value]` oldest first (metadata/*.jsonl keeps them). */
  history?: readonly (readonly [string, number])[];
}

/**
 * Looks up a fetched figure: `("paper", paperId)` → citations, `("video", videoId)` → views.
 * Undefined when unknown; pages then show `—`.
 */
export type MetricsLookup = (kind: "paper" | "video", id: string) => Metric | undefined;

/** An episode's transcript: its cues and the header a fetch wrote (source, language, AI). */
export interface EpisodeTranscript {
  cues: readonly TranscriptCue[];
  header: TranscriptHeader;
}

/** An episode's transcript (`transcripts/<course>/<n>.vtt`), undefined when it has none. */
export type TranscriptLookup = (courseId: string, number: number) => EpisodeTranscript | undefined;

/**
 * Everything a view needs, built once per route table. Views never reach past it, and everything
 * they get from it is recorded (`tracker`): `library` is a view whose property reads are recorded,
 * and each accessor records the question it answered (`D␀name␀…`, answered again by
 * `tracker.answer`). What a page depends on is what it read while it rendered.
 */
export interface SiteContext extends Linker {
  library: Library;
  /** Records what is read of this context; the static build keys each page by its reads. */
  tracker: ReadTracker;
  summary: LibrarySummary;
  t: Messages;
  metrics: MetricsLookup;
  transcript: TranscriptLookup;
  /** The Mermaid script's asset path when Mermaid is installed, else undefined. */
  mermaidAsset: string | undefined;
  paper(id: string): Paper | undefined;
  category(id: string): Category | undefined;
  course(id: string): Course | undefined;
  /** Episodes that cover a paper, in course and episode order. */
  episodesCovering(paperId: string): { course: Course; episode: Episode }[];
  /**
   * A course's estimated finish at `now`'s day (`estimateFinish`): a question of its own, as it
   * reads every episode of the course (their notes too, counting them).
   */
  finishEstimate(courseId: string, now: Date): FinishEstimate | undefined;
  /** Whether an item (of `library`) has notes: a question of its own, as lists show only that. */
  hasNotes(item: { notes: string }): boolean;
  /** The URLs an item's note cites (`extractNoteLinks`); recorded as such, not as the note. */
  citedUrls(item: { notes: string }): string[];
  /** An item's tags: its front matter's, then its note's `#tags` (`itemTags`), as one question. */
  tagsOf(item: { tags: readonly string[]; notes: string }): string[];
  /**
   * The notes that link to a paper (`resnet`) or an episode (`limu/7`) by `[[…]]` or citation:
   * their items' pages and names, in library order (papers, then courses and their episodes).
   */
  backlinks(target: string): Backlink[];
  /**
   * A paper's citation key: its own, else the one generated for it unique among all papers
   * (`libraryCitekeys`); one question, where reading every paper's fields would make the page
   * depend on all of them.
   */
  citekey(paperId: string): string;
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
  transcripts?: TranscriptLookup;
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
  /** Derived questions of the route table (the clock's day, the build's files), see `ReadTracker`. */
  answers?: DerivedAnswers;
  /** The questions reads are recorded in (a builder keeps one across builds). */
  questions?: QuestionTable;
  /** Resolved links kept from the last context's (a builder keeps one; `NoteLinksMemo`). */
  noteLinks?: NoteLinksMemo;
  /**
   * Record what each page reads (default true: the static build keys pages by it). The web app
   * renders live and turns it off, so pages read the library directly.
   */
  recordReads?: boolean;
}

export { episodeVideo, type NoteItem, noteOf } from "./item-notes.js";
export type { Backlink } from "./note-links.js";

const hasText = (notes: unknown) => typeof notes === "string" && notes.trim() !== "";

export type NoteContext = Omit<RenderContext, "resolveItem" | "resolveAsset" | "archive">;

/** What a note's rendering depends on besides the library's structure: its text and context. */
export function noteKey(markdown: string, context: NoteContext): string {
  const video = context.episodeVideo;
  return `${context.kind}\u0000${context.file}\u0000${context.lineOffset ?? 0}\u0000${video ? `${video.site}:${video.id}:${video.part ?? ""}` : ""}\u0000${context.bibliographyTitle ?? ""}\u0000${markdown}`;
}

export function createSiteContext(library: Library, opts: SiteContextOptions): SiteContext {
  const linker = createLinker(opts.baseUrl);
  const t = messagesFor(library.settings.language);
  const papers = new Map(library.papers.map((p) => [p.id, p]));
  let citekeys: Map<string, string> | undefined;
  const citekeyOf = (id: string): string => {
    citekeys ??= keptCitekeys(library, opts.noteLinks);
    return citekeys.get(id) ?? id;
  };
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
  let summary: LibrarySummary | undefined;
  const summaryOf = () => {
    summary ??= summarizeLibrary(library);
    return summary;
  };
  let snapshotsKey: string | undefined;

  const { resolveItem, resolvedJson, backlinksOf } = createNoteLinks(
    library,
    linker,
    opts.noteLinks,
  );

  // `files/x.svg` in a note names the library's files/x.svg; served at /files/x.svg.
  const resolveAsset = (path: string): string | undefined => {
    const name = path.replace(/^\.\//, "").replace(/^files\//, "");
    return opts.files?.has(name) ? linker.href(paths.file(name)) : undefined;
  };

  const origins = originsOf(library, opts.snapshots);
  const archive = createArchiveLookup(opts.snapshots, origins, linker, t);
  const metrics = opts.metrics ?? (() => undefined);
  const transcripts = opts.transcripts ?? (() => undefined);
  const finishOf = (id: string, day: string) => {
    const course = courses.get(id);
    const [y, m, d] = day.split("-").map(Number);
    const now = new Date(y as number, (m as number) - 1, d, 12);
    return course && estimateFinish(course, library.progress.episodes[id] ?? {}, { now });
  };
  const json = (value: unknown): Answer =>
    value === undefined ? undefined : JSON.stringify(value);

  // Each accessor below records its question; these answer it again from the raw inputs.
  const tracker = createReadTracker(
    library,
    {
      ...opts.answers,
      summary: () => JSON.stringify(summaryOf()),
      paper: ([id]) => papers.has(id as string),
      course: ([id]) => courses.has(id as string),
      category: ([id]) => categories.has(id as string),
      covering: ([id]) =>
        (covering.get(id as string) ?? [])
          .map((c) => `${c.course.id}/${c.episode.number}`)
          .join(" "),
      item: ([ref]) => resolvedJson(ref as string),
      backlinks: ([target]) => json(backlinksOf(target as string)),
      citekey: ([id]) => citekeyOf(id as string),
      tags: (root) => {
        const item = tracker.itemOf(["D", "tags", ...root]) as Paper | undefined;
        return item && JSON.stringify(tagsOf(item));
      },
      asset: ([path]) => resolveAsset(path as string),
      archive: ([url]) => json(archive(url as string)),
      origin: ([url]) => origins.get(url as string),
      metric: ([kind, id]) => json(metrics(kind as "paper" | "video", id as string)),
      transcript: ([course, n]) => json(transcripts(course as string, Number(n))),
      snapshots: () => {
        snapshotsKey ??= snapshotsDigest(opts.snapshots);
        return snapshotsKey;
      },
      mermaid: () => opts.mermaidAsset,
      hasNotes: (root) => hasText(tracker.answerParts([...root, "notes"])),
      cites: (root) => {
        const notes = tracker.answerParts([...root, "notes"]);
        return typeof notes === "string" ? JSON.stringify(noteUrlsOf({ notes })) : undefined;
      },
    },
    opts.questions,
    opts.recordReads ?? true,
  );
  /** A derived question about an item: its raw object, the question recorded. */
  const about = <T extends object>(name: string, item: T): T => {
    const known = tracker.unwrap(item);
    if (!known) return item;
    tracker.record(`D${SEP}${name}${SEP}${known.root}`);
    return known.raw;
  };
  const { ask } = tracker;
  const language = `L${SEP}settings${SEP}language`;
  const answering = {
    resolveItem: (ref: string) => {
      ask("item", ref);
      return resolveItem(ref);
    },
    resolveAsset: (path: string) => {
      ask("asset", path);
      return resolveAsset(path);
    },
    archive: (url: string) => {
      ask("archive", url);
      return archive(url);
    },
  };

  // A page and the feed render the same note (`layeredNoteMemo`).
  const memo = layeredNoteMemo(opts.markdown.version, opts.noteCacheSize, opts.noteMemo);
  const bibliographyTitle = t.noteLinks.bibliography;
  const renderNote = (markdown: string, given: NoteContext): RenderResult => {
    const context = { bibliographyTitle, ...given };
    return rememberedRender(memo, noteKey(markdown, context), answering, (site) =>
      opts.markdown.render(markdown, { ...context, ...site }),
    );
  };

  return {
    ...linker,
    tracker,
    archive: answering.archive,
    linkOrigin: (url) => {
      ask("origin", url);
      return origins.get(url);
    },
    get snapshots() {
      ask("snapshots");
      return opts.snapshots;
    },
    library: tracker.library,
    get summary() {
      ask("summary");
      return summaryOf();
    },
    get t() {
      tracker.record(language);
      return t;
    },
    metrics: (kind, id) => {
      ask("metric", kind, id);
      return metrics(kind, id);
    },
    transcript: (courseId, number) => {
      ask("transcript", courseId, String(number));
      return transcripts(courseId, number);
    },
    get mermaidAsset() {
      ask("mermaid");
      return opts.mermaidAsset;
    },
    paper: (id) => {
      ask("paper", id);
      const paper = papers.get(id);
      return paper && tracker.item(paper);
    },
    category: (id) => {
      ask("category", id);
      const category = categories.get(id);
      return category && tracker.item(category);
    },
    course: (id) => {
      ask("course", id);
      const course = courses.get(id);
      return course && tracker.item(course);
    },
    episodesCovering: (id) => {
      ask("covering", id);
      return (covering.get(id) ?? []).map(({ course, episode }) => ({
        course: tracker.item(course),
        episode: tracker.item(episode),
      }));
    },
    finishEstimate: (id, now) => {
      const day = localDay(now);
      ask("finish", id, day);
      return finishOf(id, day);
    },
    hasNotes: (item) => hasText(about("hasNotes", item).notes),
    citedUrls: (item) => noteUrlsOf(about("cites", item)),
    tagsOf: (item) => tagsOf(about("tags", item)),
    backlinks: (target) => {
      ask("backlinks", target);
      return backlinksOf(target);
    },
    citekey: (id) => {
      ask("citekey", id);
      return citekeyOf(id);
    },
    renderNote,
    renderItemNote(item) {
      const { markdown, context } = noteOf(item);
      return markdown.trim() === "" ? undefined : renderNote(markdown, context);
    },
    formatNumber: (n) => {
      tracker.record(language);
      return numbers.format(n);
    },
  };
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
