/**
 * The library files as zod schemas: the edge where text becomes the core model. Objects are
 * strict so unknown keys surface (as warnings, see validate-file.ts); values are as written in
 * the file (runtimes and positions as `H:MM:SS` strings, dates as `YYYY-MM-DD`).
 */
import { z } from "zod";
import { isValidId, parseRuntime, urlPolicyViolation } from "../core/index.js";

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

export const runtimeSchema = z
  .string({ message: 'a time must be a string like "1:27:05" or "46:18"' })
  .refine((s) => parseRuntime(s) !== undefined, {
    message: 'not a valid time (write H:MM:SS or M:SS, e.g. "1:27:05")',
  });

const text = z.string();
const optionalText = text.optional();

/** The rule of a URL the policy refuses (`validate-file.ts` reads it from the issue's params). */
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
  s2: z.strictObject({ ...sourceEntry, apiKey: text.optional() }).optional(),
  arxiv: z.strictObject(sourceEntry).optional(),
  bilibili: z.strictObject(sourceEntry).optional(),
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

export const categoriesSchema = z.array(
  z.strictObject({
    id: idSchema,
    name: text,
    aliases: z.array(text).optional(),
  }),
);

const linkKinds = ["pdf", "page", "code", "blog", "video", "other"] as const;

export const paperSchema = z.strictObject({
  id: idSchema.optional(),
  short: text.min(1),
  title: optionalText,
  year: z.int().min(1000).max(9999).optional(),
  venue: optionalText,
  authors: z.array(text).default([]),
  ids: z
    .strictObject({
      arxiv: z.string({ message: 'quote arXiv ids: arxiv: "1512.03385"' }).optional(),
      doi: optionalText,
      s2: optionalText,
      corpusId: z.int().optional(),
      dblp: optionalText,
    })
    .default({}),
  links: z
    .array(z.strictObject({ url: urlSchema, kind: z.enum(linkKinds).optional() }))
    .default([]),
  categories: z.array(idSchema).default([]),
  summary: optionalText,
  covered: z.boolean().default(false),
  unresolved: z.boolean().optional(),
});

const courseSourceKinds = [
  "bilibili",
  "bilibili-collection",
  "youtube-playlist",
  "manual",
  "import",
] as const;

export const courseSchema = z.strictObject({
  id: idSchema.optional(),
  title: text,
  source: z
    .strictObject({
      kind: z.enum(courseSourceKinds),
      id: optionalText,
      url: urlSchema.optional(),
    })
    .default({ kind: "manual" }),
  tags: z.array(text).default([]),
  links: z.array(urlSchema).default([]),
  state: z.enum(["in-progress", "finished", "paused"]).optional(),
});

export const videoSchema = z.strictObject({
  site: z.enum(["bilibili", "youtube", "zhihu", "other"]),
  id: optionalText,
  part: z.int().min(1).optional(),
  url: urlSchema,
});

export const episodeSchema = z.strictObject({
  number: z.int().min(1),
  title: text,
  label: optionalText,
  runtime: runtimeSchema.optional(),
  date: dateSchema.optional(),
  videos: z.array(videoSchema).default([]),
  papers: z.array(idSchema).default([]),
  mentions: z.array(text).optional(),
});

const episodeNumberKey = z.string().regex(/^[1-9]\d*$/, { message: "not an episode number" });

export const progressSchema = z.strictObject({
  episodes: z
    .record(
      idSchema,
      z.record(
        episodeNumberKey,
        z.strictObject({
          status: z.enum(["todo", "watching", "done", "skipped"]),
          date: dateSchema.optional(),
          position: runtimeSchema.optional(),
        }),
      ),
    )
    .default({}),
  papers: z
    .record(
      idSchema,
      z.strictObject({
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
      }),
    )
    .default({}),
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

export const reviewsSchema = z.strictObject({
  cards: z
    .record(
      noteIdSchema,
      z.strictObject({
        added: dateSchema,
        due: dateTimeSchema,
        stability: z.number().min(0),
        difficulty: z.number().min(0),
        reps: z.int().min(0),
        lapses: z.int().min(0),
        state: z.enum(["new", "learning", "review", "relearning"]),
        learningSteps: z.int().min(0).default(0),
        scheduledDays: z.number().min(0).default(0),
        lastReview: dateTimeSchema.optional(),
        log: z
          .array(z.strictObject({ rating: z.enum(reviewRatings), at: dateTimeSchema }))
          .default([]),
      }),
    )
    .default({}),
});

export const referencesSchema = z.array(
  z.strictObject({ url: urlSchema, archived: urlSchema.optional(), origin: optionalText }),
);

export const importManifestSchema = z.strictObject({
  name: text,
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).default({}),
});

export type SettingsData = z.infer<typeof settingsSchema>;
export type CategoriesData = z.infer<typeof categoriesSchema>;
export type PaperData = z.infer<typeof paperSchema>;
export type CourseData = z.infer<typeof courseSchema>;
export type EpisodeData = z.infer<typeof episodeSchema>;
export type ProgressData = z.infer<typeof progressSchema>;
export type ReferencesData = z.infer<typeof referencesSchema>;
export type ReviewsData = z.infer<typeof reviewsSchema>;
