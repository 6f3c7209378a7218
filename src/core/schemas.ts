/**
 * The library's files as zod schemas: the one definition of the model. Each schema says what a
 * file holds, in the order its keys are written (serialize follows it); where the model differs
 * from the text, a codec says how (runtimes and positions are `H:MM:SS` in files, seconds in the
 * model). The model's types (model.ts) are inferred from these schemas, so a field added here is
 * parsed, typed, written and cached without another edit.
 *
 * Objects are strict so unknown keys surface (as warnings, see store/validate-file.ts).
 * This module loads zod: import it only where data is validated or built (store, tests);
 * `core/index.ts` re-exports its types only, so reading a cached library never loads zod.
 */
import { z } from "zod";
import { isValidId } from "./ids.js";
import { formatRuntime, parseRuntime } from "./runtime.js";
import { urlPolicyViolation } from "./url-policy.js";

const ID_HINT = "lower-case letters or digits joined by `-`, e.g. `gpt-2`";

export const idSchema = z.string().refine(isValidId, { message: `not a valid id (${ID_HINT})` });

/** A calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

export const dateSchema = z
  .string({ message: "a date must be written YYYY-MM-DD" })
  .refine(isIsoDate, { message: "not a valid date (write YYYY-MM-DD, e.g. 2024-07-09)" });

/** A runtime or position: `"1:27:05"` in the file, whole seconds in the model. */
export const runtimeSchema = z.codec(
  z
    .string({ message: 'a time must be a string like "1:27:05" or "46:18"' })
    .refine((s) => parseRuntime(s) !== undefined, {
      message: 'not a valid time (write H:MM:SS or M:SS, e.g. "1:27:05")',
    }),
  z.number(),
  { decode: (s) => parseRuntime(s) as number, encode: formatRuntime },
);

const text = z.string();
const optionalText = text.optional();

/** The rule of a URL the policy refuses (`store/validate-file.ts` reads it from the issue's params). */
export const URL_RULE = "url-scheme-not-allowed";

/**
 * A URL field: http, https, mailto or relative, nothing else (src/core/url-policy.ts). A refused
 * URL is an error with the rule `url-scheme-not-allowed`; the item loads without that field.
 */
export const urlSchema = text.min(1).superRefine((url, ctx) => {
  const scheme = urlPolicyViolation(url);
  if (scheme === undefined) return;
  ctx.addIssue({
    code: "custom",
    message: `\`${scheme}\` URLs are not allowed (only http, https, mailto or relative URLs)`,
    params: { rule: URL_RULE },
  });
});

/** `7d`, `12h`, `30m`, `0` (checked on the trimmed text: no backtracking on spaces). */
const AGE = /^\d+(\.\d+)?\s?(ms|s|m|h|d|w)?$/;
const ageText = z
  .string()
  .refine((s) => AGE.test(s.trim()), { message: "not an age (write it like 7d, 12h or 30m)" });
const httpUrlText = z.string().refine(
  (s) => {
    try {
      const { protocol } = new URL(s);
      return protocol === "http:" || protocol === "https:";
    } catch {
      // Not a URL: the schema's message reports it with the file and line.
      return false;
    }
  },
  { message: "not an http(s) URL" },
);
const sourceEntry = {
  enabled: z.boolean().optional(),
  baseUrl: httpUrlText.optional(),
  maxAge: ageText.optional(),
};

/** `sources:` in jingdu.yaml (docs/metadata.md). */
export const sourcesConfigSchema = z.strictObject({
  userAgent: text.min(1).optional(),
  s2: z
    .strictObject({
      ...sourceEntry,
      apiKey: text.optional(),
      graphMaxAge: ageText.optional(),
      /** Citations / references `refresh --graph` keeps per paper (S2's nested lists stop at 1,000). */
      graphCitations: z.number().int().min(0).max(1000).optional(),
      graphReferences: z.number().int().min(0).max(1000).optional(),
    })
    .optional(),
  arxiv: z.strictObject(sourceEntry).optional(),
  /** `subtitleGap`: the least time between two parts' subtitle fetches (`transcript fetch`). */
  bilibili: z.strictObject({ ...sourceEntry, subtitleGap: ageText.optional() }).optional(),
  youtube: z.strictObject(sourceEntry).optional(),
});

export const settingsSchema = z.strictObject({
  title: text,
  language: z.enum(["zh", "en"]).default("zh"),
  version: z
    .literal(1, { message: "this library was written by a newer jingdu (format version ≠ 1)" })
    .default(1),
  description: optionalText,
  sources: sourcesConfigSchema.optional(),
});

export const categorySchema = z.strictObject({
  id: idSchema,
  name: text,
  /** Other names that resolve to this category, e.g. an old anchor like `contrastive_learning`. */
  aliases: z.array(text).optional(),
});

export const categoriesSchema = z.array(categorySchema);

const linkKinds = ["pdf", "page", "code", "blog", "video", "other"] as const;

/** `papers/<id>.md`'s front matter; the id is the file name (a declared `id:` must match it). */
export const paperSchema = z.strictObject({
  id: idSchema.optional(),
  /** The short name a person uses: `ResNet`, `GPT-2`, `参数服务器`. */
  short: text.min(1),
  /** Full title, when known. */
  title: optionalText,
  year: z.int().min(1000).max(9999).optional(),
  venue: optionalText,
  authors: z.array(text).default([]),
  /**
   * The kind of work in CSL's vocabulary (`article-journal`, `paper-conference`, `book`, …), as a
   * bibliography import gives it; exports map it back (src/formats/bibliography/entry-types.ts).
   */
  type: optionalText,
  /** The publication date as precise as known: `2016`, `2016-06` or `2016-06-27`. */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: "write a date as YYYY, YYYY-MM or YYYY-MM-DD" })
    .optional(),
  volume: optionalText,
  /** The issue (BibTeX `number`, CSL `issue`, RIS `IS`). */
  issue: optionalText,
  /** Pages as written, a range with an en dash: `770–778`. */
  pages: optionalText,
  publisher: optionalText,
  /** The work's own abstract, as a bibliography gave it (a person's words go in `summary`). */
  abstract: optionalText,
  ids: z
    .strictObject({
      arxiv: z.string({ message: 'quote arXiv ids: arxiv: "1512.03385"' }).optional(),
      doi: optionalText,
      s2: optionalText,
      corpusId: z.int().optional(),
      dblp: optionalText,
      /** The Zotero item key (`ABCD2345`), kept by `jingdu import zotero`. */
      zotero: optionalText,
      isbn: optionalText,
    })
    .default({}),
  /** What each link is: the PDF, the publisher's page, code, a blog post… */
  links: z
    .array(z.strictObject({ url: urlSchema, kind: z.enum(linkKinds).optional() }))
    .default([]),
  /** Category ids, first one is the primary. */
  categories: z.array(idSchema).default([]),
  /** Free-form labels a person gives (`生成模型`, `gan`): shown, searched, and filter the catalog. */
  tags: z.array(text).default([]),
  summary: optionalText,
  /** Recorded / covered by a lecture (the catalog's ✅). */
  covered: z.boolean().default(false),
  /** The name came without a URL or id (e.g. an undefined reference link `[VGG]`): resolve later. */
  unresolved: z.boolean().optional(),
  /**
   * The key notes cite the paper by (`[@he2016deep]`), e.g. kept from a BibTeX import. Added here
   * by the links work; the bibliography work generates and imports it.
   */
  citekey: optionalText,
  /**
   * Files of the paper on this computer (a Zotero attachment's PDF): linked where they are, never
   * copied into the library. `path` is the file's absolute path.
   */
  attachments: z
    .array(
      z.strictObject({
        path: text.min(1),
        title: optionalText,
        contentType: optionalText,
      }),
    )
    .default([]),
  /** A list's own rating of the paper (`⭐⭐⭐⭐` → 4), 1–5; the reader's value rating is in progress. */
  rating: z.int().min(1).max(5).optional(),
});

const courseSourceKinds = [
  "bilibili",
  "bilibili-collection",
  "bilibili-series",
  "youtube-playlist",
  "youtube-channel",
  "manual",
  "import",
] as const;

/** `courses/<id>/course.md`'s front matter (episodes are files of their own). */
export const courseSchema = z.strictObject({
  id: idSchema.optional(),
  title: text,
  source: z
    .strictObject({
      kind: z.enum(courseSourceKinds),
      /** BVID, collection (合集) season id, series (系列) id, playlist id, or the imported file's name. */
      id: optionalText,
      url: urlSchema.optional(),
    })
    .default({ kind: "manual" }),
  /** Free-form tags (from a blog post's categories/tags/cluster, or the learner). */
  tags: z.array(text).default([]),
  links: z.array(urlSchema).default([]),
  /** The learner marked the whole course as being in progress / finished. */
  state: z.enum(["in-progress", "finished", "paused"]).optional(),
});

/** A reference to a video: bilibili BVID (+ part), YouTube id, or any other URL. */
export const videoSchema = z.strictObject({
  site: z.enum(["bilibili", "youtube", "zhihu", "other"]),
  /** bilibili BVID (`BV1pu411o7BE`) or YouTube video id. */
  id: optionalText,
  /** 1-based part of a bilibili multi-part video (`?p=N`). */
  part: z.int().min(1).optional(),
  url: urlSchema,
});

/** `courses/<course>/episodes/<NNN>.md`'s front matter. */
export const episodeSchema = z.strictObject({
  /** Position in series order, oldest first, 1-based; unique within a course. */
  number: z.int().min(1),
  title: text,
  /** A label the series itself uses, e.g. `P16 [2.11.1]`. */
  label: optionalText,
  runtime: runtimeSchema.optional(),
  /** Publication or recording date, ISO `YYYY-MM-DD`. */
  date: dateSchema.optional(),
  videos: z.array(videoSchema).default([]),
  /** Ids of catalog papers this episode covers. */
  papers: z.array(idSchema).default([]),
  /** Works mentioned in the video that are not catalog papers (free text, kept for resolving later). */
  mentions: z.array(text).optional(),
  /** The episode's cover image (a URL, or a path in the library's `files/`). */
  cover: urlSchema.optional(),
});

const episodeNumberKey = z.string().regex(/^[1-9]\d*$/, { message: "not an episode number" });

export const episodeProgressSchema = z.strictObject({
  status: z.enum(["todo", "watching", "done", "skipped"]),
  /** Day the status was set, ISO date. */
  date: dateSchema.optional(),
  /** Position reached (seconds in the model). */
  position: runtimeSchema.optional(),
});

export const paperProgressSchema = z.strictObject({
  /** Completed reading passes (1, 2, 3) with the day each was done. */
  passes: z
    .array(
      z.strictObject({
        pass: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        date: dateSchema,
      }),
    )
    .default([]),
  sections: z.array(text).default([]),
  value: z
    .strictObject({ novelty: z.number(), effectiveness: z.number(), problemSize: z.number() })
    .optional(),
});

export const progressSchema = z.strictObject({
  episodes: z.record(idSchema, z.record(episodeNumberKey, episodeProgressSchema)).default({}),
  papers: z.record(idSchema, paperProgressSchema).default({}),
});

/** An ISO date-time as `Date#toISOString` writes it (`2024-07-10T09:30:00.000Z`). */
export const dateTimeSchema = z
  .string({ message: "a time must be written as an ISO date-time, e.g. 2024-07-10T09:30:00.000Z" })
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      message: "not a valid ISO date-time (write e.g. 2024-07-10T09:30:00.000Z)",
    },
  );

const reviewRatings = ["again", "hard", "good", "easy"] as const;

/** A note id under review: `paper:ID`, `episode:COURSE/N` or `course:ID`. */
export const noteIdSchema = z
  .string()
  .regex(/^(paper|course):[^\s/]+$|^episode:[^\s/]+\/[1-9]\d*$/, {
    message: "not a note id (write paper:ID, episode:COURSE/N or course:ID)",
  });

/** One rating of a review card: what was answered and when (ISO date-time). */
export const reviewLogEntrySchema = z.strictObject({
  rating: z.enum(reviewRatings),
  at: dateTimeSchema,
});

/** A note under spaced review (FSRS); times are ISO date-times (UTC), `added` is a day. */
export const reviewCardSchema = z.strictObject({
  added: dateSchema,
  due: dateTimeSchema,
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  reps: z.int().min(0),
  lapses: z.int().min(0),
  state: z.enum(["new", "learning", "review", "relearning"]),
  /** Position in the (re)learning steps (FSRS `learning_steps`). */
  learningSteps: z.int().min(0).default(0),
  /** Days until the next review as last scheduled (0 while learning). */
  scheduledDays: z.number().min(0).default(0),
  lastReview: dateTimeSchema.optional(),
  log: z.array(reviewLogEntrySchema).default([]),
});

export const reviewsSchema = z.strictObject({
  cards: z.record(noteIdSchema, reviewCardSchema).default({}),
});

/** A cited URL and where an earlier archive of it lives (the seed's `参考资料快照`). */
export const referenceSchema = z.strictObject({
  url: urlSchema,
  archived: urlSchema.optional(),
  /** Where this mapping came from, e.g. the imported file's name. */
  origin: optionalText,
});

export const referencesSchema = z.array(referenceSchema);

export const importManifestSchema = z.strictObject({
  name: text,
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).default({}),
  /**
   * Per file this import merged into one another source wrote (the template, another import): the
   * keys that source supplied, which later runs of this import fill and never replace.
   */
  kept: z.record(z.string(), z.array(z.string())).optional(),
  /** What was imported, so `jingdu import --again NAME` can read it again. */
  source: z
    .strictObject({
      url: optionalText,
      file: optionalText,
      origin: optionalText,
      kind: optionalText,
      course: optionalText,
      /** `jingdu import zotero`: the Zotero library version the import last read (`since=`). */
      version: z.int().min(0).optional(),
      /** `jingdu import zotero --collection NAME`: the collection read. */
      collection: optionalText,
    })
    .optional(),
});
