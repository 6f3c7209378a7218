/**
 * The core model: what a library holds, as plain typed objects. No I/O here.
 * Every object that comes from a file carries `at` so messages can name file and line.
 */

/** Where an item was read from: a path relative to the library root and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
  /** The line where the file's Markdown body (the item's notes) starts, after the front matter. */
  body?: number;
}

export type Language = "zh" | "en";

export interface LibrarySettings {
  title: string;
  language: Language;
  /** Format version of the library folder; bumped only on incompatible changes. */
  version: number;
  description?: string;
  /** `sources:`: per-source settings for fetching metadata (docs/metadata.md). */
  sources?: LibrarySourcesConfig;
}

/** One source's entry under `sources:` in jingdu.yaml. */
export interface LibrarySourceConfig {
  /** `false`: jingdu never asks this source. */
  enabled?: boolean;
  /** Another server for the same API (a mirror, a local fake server in tests). */
  baseUrl?: string;
  /** How long fetched data counts as fresh (`7d`, `12h`). */
  maxAge?: string;
}

/** `sources:` in jingdu.yaml. */
export interface LibrarySourcesConfig {
  userAgent?: string;
  s2?: LibrarySourceConfig & { apiKey?: string };
  arxiv?: LibrarySourceConfig;
  bilibili?: LibrarySourceConfig;
}

export interface Category {
  id: string;
  name: string;
  /** Position in the ordered list (0-based). */
  order: number;
  /** Other names that resolve to this category, e.g. an old anchor like `contrastive_learning`. */
  aliases?: string[];
}

export type VideoSite = "bilibili" | "youtube" | "zhihu" | "other";

/** A reference to a video: bilibili BVID (+ part), YouTube id, or any other URL. */
export interface VideoRef {
  site: VideoSite;
  /** bilibili BVID (`BV1pu411o7BE`) or YouTube video id. */
  id?: string;
  /** 1-based part of a bilibili multi-part video (`?p=N`). */
  part?: number;
  url: string;
}

export type EpisodeStatus = "todo" | "watching" | "done" | "skipped";

export interface Episode {
  courseId: string;
  /** Position in series order, oldest first, 1-based; unique within a course. */
  number: number;
  title: string;
  /** A label the series itself uses, e.g. `P16 [2.11.1]`. */
  label?: string;
  /** Runtime in whole seconds. */
  runtime?: number;
  /** Publication or recording date, ISO `YYYY-MM-DD`. */
  date?: string;
  videos: VideoRef[];
  /** Ids of catalog papers this episode covers. */
  papers: string[];
  /** Works mentioned in the video that are not catalog papers (free text, kept for resolving later). */
  mentions?: string[];
  /** The learner's notes (Markdown); empty when there are none. */
  notes: string;
  at?: SourceRef;
}

export interface CourseSource {
  kind: "bilibili" | "bilibili-collection" | "youtube-playlist" | "manual" | "import";
  /** BVID, collection/season id, playlist id, or the imported file's name. */
  id?: string;
  url?: string;
}

export interface Course {
  id: string;
  title: string;
  source: CourseSource;
  /** Free-form tags (from a blog post's categories/tags/cluster, or the learner). */
  tags: string[];
  links: string[];
  /** The learner marked the whole course as being in progress / finished. */
  state?: "in-progress" | "finished" | "paused";
  /** The course note (Markdown). */
  notes: string;
  episodes: Episode[];
  at?: SourceRef;
}

export interface PaperIds {
  arxiv?: string;
  doi?: string;
  s2?: string;
  corpusId?: number;
  dblp?: string;
}

export interface PaperLink {
  url: string;
  /** What the link is: the PDF, the publisher's page, code, a blog post… */
  kind?: "pdf" | "page" | "code" | "blog" | "video" | "other";
}

export interface Paper {
  id: string;
  /** Full title, when known. */
  title?: string;
  /** The short name a person uses: `ResNet`, `GPT-2`, `参数服务器`. */
  short: string;
  year?: number;
  venue?: string;
  authors: string[];
  ids: PaperIds;
  links: PaperLink[];
  /** Category ids, first one is the primary. */
  categories: string[];
  summary?: string;
  /** Recorded / covered by a lecture (the catalog's ✅). */
  covered: boolean;
  /** The name came without a URL or id (e.g. an undefined reference link `[VGG]`): resolve later. */
  unresolved?: boolean;
  /** The learner's notes (Markdown). */
  notes: string;
  at?: SourceRef;
}

export interface PaperProgress {
  /** Completed reading passes (1, 2, 3) with the day each was done. */
  passes: { pass: 1 | 2 | 3; date: string }[];
  sections: string[];
  value?: { novelty: number; effectiveness: number; problemSize: number };
}

export interface EpisodeProgress {
  status: EpisodeStatus;
  /** Day the status was set, ISO date. */
  date?: string;
  /** Position reached, in seconds. */
  position?: number;
}

/** The learner's progress: kept apart from imported facts so re-imports never touch it. */
export interface Progress {
  /** courseId → episode number → progress */
  episodes: Record<string, Record<number, EpisodeProgress>>;
  papers: Record<string, PaperProgress>;
}

/** A cited URL and where an earlier archive of it lives (the seed's `参考资料快照`). */
export interface ReferenceLink {
  url: string;
  archived?: string;
  /** Where this mapping came from, e.g. the imported file's name. */
  origin?: string;
}

export type ReviewRating = "again" | "hard" | "good" | "easy";
export type ReviewState = "new" | "learning" | "review" | "relearning";

/** One rating of a review card: what was answered and when (ISO date-time). */
export interface ReviewLogEntry {
  rating: ReviewRating;
  at: string;
}

/**
 * A note under spaced review (FSRS). `id` names the note: `paper:ID`, `episode:COURSE/N` or
 * `course:ID`. Times are ISO date-times (UTC); `added` is the day it was marked.
 */
export interface ReviewCard {
  id: string;
  added: string;
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  state: ReviewState;
  /** Position in the (re)learning steps (FSRS `learning_steps`). */
  learningSteps: number;
  /** Days until the next review as last scheduled (0 while learning). */
  scheduledDays: number;
  lastReview?: string;
  log: ReviewLogEntry[];
}

/** The review schedule (`reviews.yaml`): note id → card. Never written by imports. */
export interface Reviews {
  cards: Record<string, ReviewCard>;
}

export interface Library {
  settings: LibrarySettings;
  categories: Category[];
  papers: Paper[];
  courses: Course[];
  progress: Progress;
  references: ReferenceLink[];
  /** The review schedule; absent when the library has no reviews.yaml (or was not loaded by the store). */
  reviews?: Reviews;
}

export function emptyProgress(): Progress {
  return { episodes: {}, papers: {} };
}
