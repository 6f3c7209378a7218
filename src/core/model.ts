/**
 * The core model: what a library holds, as plain typed objects. No I/O here.
 * The types are inferred from the file schemas (schemas.ts, the one definition): an item is what
 * its file's schema decodes to, plus what the file's place and body give (`id` from the file
 * name, `notes` from the Markdown body, `at` for messages that name file and line).
 */
import type { z } from "zod";
import type {
  categorySchema,
  courseSchema,
  episodeProgressSchema,
  episodeSchema,
  paperProgressSchema,
  paperSchema,
  referenceSchema,
  reviewCardSchema,
  reviewLogEntrySchema,
  settingsSchema,
  videoSchema,
} from "./schemas.js";

/** Where an item was read from: a path relative to the library root and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
  /** The line where the file's Markdown body (the item's notes) starts, after the front matter. */
  body?: number;
}

/** What a Markdown item (paper, course, episode) has besides its front matter. */
interface MarkdownItem {
  /** The learner's notes (Markdown); empty when there are none. */
  notes: string;
  at?: SourceRef;
}

export type LibrarySettings = z.output<typeof settingsSchema>;
export type Language = LibrarySettings["language"];

export type Category = z.output<typeof categorySchema> & {
  /** Position in the ordered list (0-based): the place in `categories.yaml`. */
  order: number;
};

export type VideoRef = z.output<typeof videoSchema>;
export type VideoSite = VideoRef["site"];

export type Episode = z.output<typeof episodeSchema> &
  MarkdownItem & {
    /** The folder the episode's file is in. */
    courseId: string;
  };

type CourseHeadData = Omit<z.output<typeof courseSchema>, "id">;
export type CourseSource = CourseHeadData["source"];
export type Course = CourseHeadData &
  MarkdownItem & {
    /** The folder name. */
    id: string;
    episodes: Episode[];
  };

type PaperFrontMatter = Omit<z.output<typeof paperSchema>, "id">;
export type PaperIds = PaperFrontMatter["ids"];
export type PaperLink = PaperFrontMatter["links"][number];
export type Paper = PaperFrontMatter &
  MarkdownItem & {
    /** The file name. */
    id: string;
  };

export type PaperProgress = z.output<typeof paperProgressSchema>;
export type EpisodeProgress = z.output<typeof episodeProgressSchema>;
export type EpisodeStatus = EpisodeProgress["status"];

/** The learner's progress: kept apart from imported facts so re-imports never touch it. */
export interface Progress {
  /** courseId → episode number → progress (the file's keys are the numbers as text). */
  episodes: Record<string, Record<number, EpisodeProgress>>;
  papers: Record<string, PaperProgress>;
}

export type ReferenceLink = z.output<typeof referenceSchema>;

export type ReviewLogEntry = z.output<typeof reviewLogEntrySchema>;
export type ReviewRating = ReviewLogEntry["rating"];
export type ReviewCard = z.output<typeof reviewCardSchema> & {
  /** The note it reviews: `paper:ID`, `episode:COURSE/N` or `course:ID` (its key in the file). */
  id: string;
};
export type ReviewState = ReviewCard["state"];

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

/** An item's fields a details form edits, as plain values (a field left out is not changed). */
export interface ItemFields {
  short?: string;
  title?: string;
  /** null or "" removes it. */
  year?: number | string | null;
  venue?: string;
  arxiv?: string;
  doi?: string;
  tags?: string[];
  categories?: string[];
}
