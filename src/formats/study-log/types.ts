import type {
  Category,
  Course,
  Diagnostic,
  Language,
  Paper,
  Progress,
  ReferenceLink,
} from "../../core/index.js";

/** Options of `parseStudyLog`: the file name (for diagnostics and origins) and the course id. */
export interface StudyLogOptions {
  /** The path as the user gave it; diagnostics name it, its base name becomes origin/source id. */
  file: string;
  /** Course id; defaults to the slug of the file's base name without extension. */
  courseId?: string;
}

/** How one episode was put together: from a table row, a section, or both. */
export interface EpisodeMatch {
  number: number;
  /** 1-based line of the table row, when the episode has one. */
  rowLine?: number;
  /** 1-based line of the section heading, when the episode has a section. */
  sectionLine?: number;
  /** The section heading's title as the learner typed it. */
  sectionTitle?: string;
  /** Runtime the learner saw (from the heading or the lone time line), in seconds. */
  runtimeSeen?: number;
  /** Similarity of section and row (0…1) when both are present. */
  score?: number;
}

export interface StudyLogStats {
  /** Episode sections (structural sections such as the catalog's are not counted). */
  sections: number;
  matchedSections: number;
  unmatchedSections: number;
  tableRows: number;
  episodes: number;
  episodesWithNotes: number;
  papers: number;
  covered: number;
  categories: number;
  /** Counts the text itself states (`总论文数 67，录制完成数 32`). */
  stated?: { papers?: number; covered?: number };
}

/** Stats of an import that found none of a study log's parts, with the counts it did find. */
export function importStats(found: Partial<StudyLogStats> = {}): StudyLogStats {
  return {
    sections: 0,
    matchedSections: 0,
    unmatchedSections: 0,
    tableRows: 0,
    episodes: 0,
    episodesWithNotes: 0,
    papers: 0,
    covered: 0,
    categories: 0,
    ...found,
  };
}

/** Everything a study log holds, mapped to the core model; nothing here touches the disk. */
export interface StudyLogImport {
  /** `description`: a paper list's own text (its introduction), Markdown. */
  settings: { title: string; language: Language; description?: string };
  categories: Category[];
  papers: Paper[];
  course?: Course;
  references: ReferenceLink[];
  progress: Progress;
  diagnostics: Diagnostic[];
  stats: StudyLogStats;
  /** One entry per episode, in episode order: where it came from. */
  matches: EpisodeMatch[];
  /**
   * A text with no episodes but prose of its own (a notes post): its title, tags and the note
   * built from it, for the caller to keep (`importDocument` makes it a course note).
   */
  post?: { title: string; notes: string; tags: string[]; inProgress: boolean };
  /**
   * Line index → what a line became when it went into no item text or note: a status marker
   * (progress.yaml), a runtime line, a table header. The coverage check counts these as read.
   */
  accounted?: Map<number, string>;
  /**
   * The citekeys the reader made up (the entry gave none): they name no paper across files, so a
   * re-import matches them only to a paper of the same content (`adoptLibraryPapers`).
   */
  generatedCitekeys?: ReadonlySet<string>;
}
