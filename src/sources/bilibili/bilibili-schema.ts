/** zod schemas for bilibili's `x/web-interface/view` (validated at the edge). */
import { z } from "zod";

/** Ids may exceed 2^53: the JSON reader hands those over as strings; all ids end up as strings. */
const bigId = z.union([z.number(), z.string()]).transform((v) => String(v));
const nullish = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const biliPageSchema = z.object({
  cid: bigId,
  page: z.number().int(),
  part: z.string(),
  duration: z.number(),
  ctime: nullish(z.number()),
});

const biliStatSchema = z.object({
  view: nullish(z.number()),
  danmaku: nullish(z.number()),
  reply: nullish(z.number()),
  favorite: nullish(z.number()),
  fav: nullish(z.number()),
  coin: nullish(z.number()),
  share: nullish(z.number()),
  like: nullish(z.number()),
});

export const biliSeasonEpisodeSchema = z.object({
  aid: bigId,
  bvid: z.string(),
  title: z.string(),
  arc: nullish(
    z.object({
      pic: nullish(z.string()),
      pubdate: nullish(z.number()),
      duration: nullish(z.number()),
      stat: nullish(biliStatSchema),
    }),
  ),
  pages: nullish(z.array(biliPageSchema)),
});

export const biliSeasonSchema = z.object({
  id: bigId,
  title: z.string(),
  cover: nullish(z.string()),
  mid: nullish(bigId),
  intro: nullish(z.string()),
  ep_count: nullish(z.number()),
  sections: z.array(
    z.object({
      id: nullish(bigId),
      title: nullish(z.string()),
      episodes: z.array(biliSeasonEpisodeSchema),
    }),
  ),
});

export const biliViewDataSchema = z.object({
  bvid: z.string(),
  aid: bigId,
  videos: nullish(z.number()),
  title: z.string(),
  pic: nullish(z.string()),
  pubdate: nullish(z.number()),
  duration: nullish(z.number()),
  owner: nullish(z.object({ mid: nullish(bigId), name: nullish(z.string()) })),
  stat: nullish(biliStatSchema),
  pages: nullish(z.array(biliPageSchema)),
  ugc_season: nullish(biliSeasonSchema),
});

export const biliEnvelopeSchema = z.object({
  code: z.number().int(),
  message: nullish(z.string()),
  data: z.unknown().optional(),
});

export type BiliViewData = z.output<typeof biliViewDataSchema>;
export type BiliSeason = z.output<typeof biliSeasonSchema>;
