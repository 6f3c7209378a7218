/** zod schemas for the Semantic Scholar Graph API responses jingdu reads (validated at the edge). */
import { z } from "zod";

const nullish = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const s2AuthorSchema = z.object({
  authorId: nullish(z.string()),
  name: nullish(z.string()),
});

/** Dec 2024: `{url,status}` or null; Aug 2025 on: `{url:"",status:null,license:null}` for none. */
export const s2OpenAccessPdfSchema = nullish(
  z.object({
    url: nullish(z.string()),
    status: nullish(z.string()),
    license: nullish(z.string()),
  }),
);

export const s2PaperSchema = z.object({
  paperId: z.string(),
  corpusId: nullish(z.number()),
  externalIds: nullish(z.record(z.string(), z.union([z.string(), z.number()]).nullable())),
  url: nullish(z.string()),
  title: nullish(z.string()),
  abstract: nullish(z.string()),
  venue: nullish(z.string()),
  year: nullish(z.number().int()),
  citationCount: nullish(z.number().int()),
  influentialCitationCount: nullish(z.number().int()),
  referenceCount: nullish(z.number().int()),
  isOpenAccess: nullish(z.boolean()),
  openAccessPdf: s2OpenAccessPdfSchema,
  publicationDate: nullish(z.string()),
  authors: nullish(z.array(s2AuthorSchema)),
  tldr: nullish(z.object({ model: nullish(z.string()), text: nullish(z.string()) })),
  matchScore: nullish(z.number()),
});
export type S2Paper = z.output<typeof s2PaperSchema>;

/** POST /paper/batch: same length and order as the ids; `null` for unknown ids. */
export const s2BatchSchema = z.array(s2PaperSchema.nullable());

/** /paper/search/match: one match in `data`; `{data: []}` also seen (handled as no match). */
export const s2MatchSchema = z.object({ data: nullish(z.array(s2PaperSchema)) });

/**
 * A paper in a `/paper/search` answer: only the fields the search asks for (`S2_SEARCH_FIELDS`),
 * so validating five candidates checks what is read and nothing else.
 */
export const s2SearchPaperSchema = s2PaperSchema.pick({
  paperId: true,
  corpusId: true,
  externalIds: true,
  title: true,
  venue: true,
  year: true,
  citationCount: true,
  openAccessPdf: true,
  authors: true,
});

/** `GET /paper/search`: `{total, offset, data}`; zero results come without `data`. */
export const s2SearchSchema = z.object({ data: nullish(z.array(s2SearchPaperSchema)) });

/** A paper inside a references/citations page; unresolved references have `paperId: null`. */
export const s2LinkedPaperSchema = z.object({
  paperId: z.string().nullable(),
  title: nullish(z.string()),
  year: nullish(z.number().int()),
  externalIds: nullish(z.record(z.string(), z.union([z.string(), z.number()]).nullable())),
});

export const s2ReferencesPageSchema = z.object({
  offset: z.number().int().optional(),
  next: nullish(z.number().int()),
  data: nullish(
    z.array(
      z.object({
        citedPaper: nullish(s2LinkedPaperSchema),
        citingPaper: nullish(s2LinkedPaperSchema),
        isInfluential: nullish(z.boolean()),
      }),
    ),
  ),
});

export const s2ErrorSchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
});
