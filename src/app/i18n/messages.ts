import type { EpisodeStatus, Paper, PaperLink, VideoSite } from "../../core/index.js";
import type { ChartMessages, NeighbourhoodMessages } from "../../study/index.js";
import type { CliMessages } from "./cli-messages.js";
import type { EditMessages } from "./edit-messages.js";

/** The fields of a paper a person writes (not the id, notes and place the file gives). */
/** The keys of the `?` dialog, in its order; each language names what they do (`shortcutList`). */
export const SHORTCUT_KEYS = ["?", "/", "g h", "e", "Ctrl+S / ⌘S", "j / k", "1 2 3 4"] as const;

/** The `?` dialog's rows: the keys of `SHORTCUT_KEYS` with a language's words for each, in order. */
type WordsFor<T extends readonly string[]> = { readonly [K in keyof T]: string };

export function shortcutList(
  what: WordsFor<typeof SHORTCUT_KEYS>,
): { keys: string; what: string }[] {
  return SHORTCUT_KEYS.map((keys, i) => ({ keys, what: what[i] ?? "" }));
}

export type PaperField = Exclude<keyof Paper, "id" | "notes" | "at">;

/**
 * Every user-visible string of the pages, the feed and the README export. Both catalogs implement
 * this interface, so a key missing from one language is a type error.
 */
export interface Messages {
  /** BCP 47 tag for `<html lang>` and number formatting. */
  locale: string;
  appName: string;
  unknown: string;
  asOf: (date: string) => string;
  /** A fetched figure over time (the chart under a count with two or more recorded days). */
  metricHistory: {
    citations: string;
    views: string;
    day: string;
    summary: (what: string, first: string, last: string, from: string, to: string) => string;
  };
  nav: { home: string; papers: string; search: string; feed: string; skipToContent: string };
  footer: { generatedBy: string };
  counts: {
    episodes: (n: number) => string;
    hours: (hours: string) => string;
    papers: (n: number) => string;
    /** `89 / 58`-style figure with its meaning: papers / covered. */
    papersCovered: (papers: number, covered: number) => string;
    done: (done: number, total: number) => string;
    watched: (watched: string, total: string) => string;
  };
  columns: {
    number: string;
    date: string;
    title: string;
    runtime: string;
    status: string;
    videos: string;
    papers: string;
    covered: string;
    year: string;
    name: string;
    summary: string;
    citations: string;
    views: string;
  };
  status: Record<EpisodeStatus, string>;
  videoSites: Record<VideoSite, string>;
  linkKinds: Record<NonNullable<PaperLink["kind"]>, string>;
  home: {
    papersRead: string;
    episodesWatched: string;
    hoursWatched: string;
    courses: string;
    progress: string;
    categories: string;
    allPapers: string;
    noCourses: string;
  };
  course: { episodes: string; notes: string; links: string; totals: string };
  episode: {
    notes: string;
    noNotes: string;
    videos: string;
    papers: string;
    mentions: string;
    previous: string;
    next: string;
    backToCourse: string;
    label: string;
    transcript: string;
    /** Above a transcript made by speech recognition (bilibili's AI subtitles, YouTube's automatic captions). */
    transcriptAi: string;
    /** Beside the note: what is said at each of its timestamps. */
    saidAt: string;
  };
  papersPage: {
    title: string;
    totals: string;
    uncategorized: string;
    empty: string;
    /** Above a catalog too large for one page: each category lists its papers on its page. */
    large: (papers: number) => string;
    /** The link to a category's page in a large catalog. */
    openCategory: (papers: number) => string;
    /** What a filtered catalog shows (`?tag=gan`): `{value}` and `{count}` are filled in by script. */
    filtered: string;
    showAll: string;
  };
  /**
   * A label for each field of a paper's front matter (core/schemas.ts), typed from the schema: a
   * field added there needs its label here in both catalogs, and no edit of this interface.
   */
  paperFields: Record<PaperField, string>;
  paper: {
    coveredBy: string;
    notCoveredYet: string;
    unresolved: string;
    notes: string;
    noNotes: string;
    ownPage: string;
    /** The copy button beside the citation key, and what it says once it copied. */
    copy: string;
    copied: string;
  };
  /** Around a note: the notes linking to an item, and the works a note cites. */
  noteLinks: { backlinks: string; bibliography: string };
  category: { papers: string };
  search: {
    title: string;
    label: string;
    placeholder: string;
    submit: string;
    noResults: string;
    needsScript: string;
    kinds: { paper: string; episode: string; course: string; category: string; cue: string };
  };
  feed: { title: (library: string) => string };
  notFound: { title: string; message: string; home: string };
  readme: { episodes: string; allPapers: string; totalsLabel: string; empty: string };
  /** The local web app (`jingdu serve`): editor, progress, revisions, add forms, live search. */
  app: {
    edit: string;
    editTitle: (title: string) => string;
    /** Before a category page's export links (`Export as BibTeX · BibLaTeX · CSL-JSON · RIS`). */
    exportAs: string;
    source: string;
    /** The editor's transcript list: its heading, and each cue's quote button. */
    quoteCues: string;
    quoteCue: (time: string) => string;
    preview: string;
    save: string;
    saving: string;
    saved: string;
    unsaved: string;
    changedOnDisk: string;
    /** Shown on open pages while the library cannot be reloaded (the last good one is shown). */
    reloadFailed: string;
    conflictTitle: string;
    conflictMessage: string;
    yours: string;
    onDisk: string;
    keepYours: string;
    keepDisk: string;
    revisions: string;
    revisionsTitle: (file: string) => string;
    noRevisions: string;
    restore: string;
    view: string;
    progress: string;
    position: string;
    positionPlaceholder: string;
    passes: string;
    pass: (n: number) => string;
    add: string;
    addPaper: string;
    addPaperLabel: string;
    addCourse: string;
    addCourseLabel: string;
    addSubmit: string;
    sourcesUnavailable: string;
    added: (what: string) => string;
    /** The library had it already: its entry `file` was filled, no file was created. */
    alreadyThere: (what: string, file: string) => string;
    searchLive: string;
    failed: string;
  };
  /** The web app's resolve page: name-only papers given their ids (like `jingdu resolve`). */
  resolve: {
    title: string;
    /** How many papers of the catalog have no arXiv id, DOI or Semantic Scholar id yet. */
    intro: (n: number) => string;
    none: string;
    find: string;
    findAll: string;
    finding: string;
    /** Filled without asking: the fields written into the paper's file. */
    filled: (fields: string) => string;
    nothingNew: string;
    notFound: string;
    /** Below the threshold: the person picks. */
    pick: string;
    thisOne: string;
    noneOfThem: string;
    citations: (n: string) => string;
    confidence: (percent: string) => string;
    /** The link on a name-only paper's page (app only). */
    findIds: string;
  };
  /** The study workflow on the pages: charts, finish estimates, reading passes, review. */
  study: {
    charts: string;
    chartMessages: ChartMessages;
    minutesWatched: string;
    minutesLeft: string;
    minutes: (n: string) => string;
    finishEstimate: string;
    finishOn: (day: string, perDay: string) => string;
    noEstimate: string;
    estimates: string;
    reading: string;
    passDone: (n: number, date: string) => string;
    notRead: string;
    sections: string;
    sectionNames: Record<string, string>;
    value: string;
    valueText: (n: number, e: number, p: number, score: number, label: string) => string;
    valueLabels: Record<"low" | "moderate" | "high" | "outstanding", string>;
    review: string;
    reviewTitle: string;
    dueCount: (n: number) => string;
    nothingDue: string;
    /** Under the due list: the keys that go through it. */
    reviewKeys: string;
    nextDue: (when: string) => string;
    ratings: Record<"again" | "hard" | "good" | "easy", string>;
    rated: (when: string) => string;
    markForReview: string;
    marked: string;
    missingNote: string;
  };
  /** The link-health page and archived copies of cited links (snapshots). */
  links: LinksMessages;
  /** The daily controls: resume links, current-state controls, undo, shortcuts (`daily.ts`). */
  daily: DailyMessages;
  /** Editing in the app: metadata forms, delete and restore, categories, diffs, language. */
  edits: EditMessages;
  /** What the common commands print in the library's language (`cli-messages.ts`). */
  cli: CliMessages;
  /** The app's Next page: papers to read next from the citation graph (issue 19). */
  next: NextMessages;
}

export interface NextMessages {
  /** The header link and the page's title. */
  nav: string;
  title: string;
  /** The title for one paper's neighbourhood (`?for=`). */
  forTitle: (paper: string) => string;
  /** The paper pages' link to their neighbourhood. */
  forLink: string;
  /** The page's two sections: the courses to go on with, the papers to read. */
  episodesTitle: string;
  papersTitle: string;
  /** Above the list: the papers the suggestions start from. */
  from: string;
  /** After the first names of that line: how many more. */
  moreSeeds: (n: number) => string;
  /** Nothing studied yet: every paper with an S2 id stands in. */
  everyPaper: string;
  /** No graph was fetched yet. */
  noGraph: string;
  /** S2's stored recommendations took part: the day they were fetched. */
  recommendedAt: (day: string) => string;
  none: string;
  /** A suggestion's year, venue and citations. */
  meta: (year: string, venue: string, citations: string) => string;
  /** A suggestion the catalog has as a paper without ids yet: its name (link). */
  inCatalog: string;
  add: string;
  added: string;
  /** The graph view's strings. */
  graph: NeighbourhoodMessages;
}

export interface LinksMessages {
  nav: string;
  title: string;
  intro: string;
  /** `jingdu links` has never run. */
  neverChecked: string;
  /** Text of the small link to a snapshot. */
  archived: string;
  /** Tooltip of the archived link. */
  archivedOn: (date: string) => string;
  /** The live link when the snapshot comes first. */
  liveDead: string;
  live: string;
  /** Origin of a link: the seed's 参考资料快照 mapping. */
  origin: (origin: string) => string;
  states: Record<"ok" | "redirected" | "dead" | "timeout" | "blocked" | "unchecked", string>;
  columns: {
    state: string;
    url: string;
    finalUrl: string;
    status: string;
    checkedAt: string;
    lastOkAt: string;
    citedIn: string;
    snapshot: string;
  };
  count: (n: number) => string;
}

export interface DailyMessages {
  /** Link text into the video at the saved position: `继续 46:18`. */
  resume: (time: string) => string;
  /** The course page's / home's next episode. */
  continueTitle: string;
  /** Before the next episode when none is started yet. */
  upNext: string;
  /** Said when the whole course is done or skipped. */
  allDone: string;
  /** The toast after a pass was undone, and its button. */
  passUndone: (n: number) => string;
  passDone: (n: number) => string;
  undo: string;
  /** The value rating form on a paper page. */
  valueSave: string;
  /** The three factors of the value rating, as the form labels them. */
  valueFactors: { novelty: string; effectiveness: string; problemSize: string };
  sectionsSave: string;
  /** The leave prompt of in-app links when the editor has unsaved edits. */
  leaveUnsaved: string;
  /** The `?` dialog. */
  shortcutsTitle: string;
  close: string;
  shortcuts: { keys: string; what: string }[];
  /** The add page: category picker, an uncertain title match, failures in the page's words. */
  addCategory: string;
  addNoCategory: string;
  addUncertain: (title: string) => string;
  addAnyway: string;
  addSourceFailed: string;
  addRefused: (reason: string) => string;
}
