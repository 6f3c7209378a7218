/**
 * zod schemas for bilibili's list endpoints (validated at the edge), as bilibili-API-collect
 * documents them: docs/video/collection.md (合集 `seasons_archives_list`, 系列 `series/series`),
 * docs/video/info.md (`player/pagelist`), docs/login/login_info.md (nav `wbi_img`); the 系列's
 * `series/archives` answer as clients read it (`{aids, page: {num, size, total}, archives}`).
 */
import { z } from "zod";

const bigId = z.union([z.number(), z.string()]).transform((v) => String(v));
const nullish = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** One video of a 合集 or 系列 (`archives[]`). */
export const biliArchiveSchema = z.object({
  aid: bigId,
  bvid: z.string(),
  title: z.string(),
  duration: nullish(z.number()),
  pubdate: nullish(z.number()),
  ctime: nullish(z.number()),
  pic: nullish(z.string()),
  stat: nullish(z.object({ view: nullish(z.number()) })),
});

export const biliSeasonArchivesSchema = z.object({
  aids: nullish(z.array(bigId)),
  archives: nullish(z.array(biliArchiveSchema)),
  meta: z.object({
    season_id: bigId,
    mid: nullish(bigId),
    name: z.string(),
    cover: nullish(z.string()),
    description: nullish(z.string()),
    total: nullish(z.number()),
  }),
  page: z.object({ page_num: z.number(), page_size: z.number(), total: z.number() }),
});

export const biliSeriesMetaSchema = z.object({
  meta: z.object({
    series_id: bigId,
    mid: nullish(bigId),
    name: z.string(),
    description: nullish(z.string()),
    total: nullish(z.number()),
  }),
  recent_aids: nullish(z.array(bigId)),
});

export const biliSeriesArchivesSchema = z.object({
  aids: nullish(z.array(bigId)),
  archives: nullish(z.array(biliArchiveSchema)),
  page: z.object({ num: z.number(), size: z.number(), total: z.number() }),
});

export const biliPageListSchema = z.array(
  z.object({
    cid: bigId,
    page: z.number().int(),
    part: z.string(),
    duration: z.number(),
    ctime: nullish(z.number()),
  }),
);

export const biliNavSchema = z.object({
  wbi_img: z.object({ img_url: z.string(), sub_url: z.string() }),
});

export type BiliArchive = z.output<typeof biliArchiveSchema>;

/**
 * GET /x/player/wbi/v2 (bilibili-API-collect docs/video/player.md): the player's data of one
 * part, of which jingdu reads the subtitle list. `subtitles` is `[]` when not logged in; ids
 * exceed 2^53 (`id_str` keeps every digit; the JSON reader hands big `id`s over as strings).
 */
export const biliPlayerSchema = z.object({
  bvid: nullish(z.string()),
  cid: nullish(bigId),
  login_mid: nullish(bigId),
  need_login_subtitle: nullish(z.boolean()),
  subtitle: nullish(
    z.object({
      allow_submit: nullish(z.boolean()),
      subtitles: nullish(
        z.array(
          z.object({
            id: nullish(bigId),
            id_str: nullish(z.string()),
            lan: z.string(),
            lan_doc: nullish(z.string()),
            subtitle_url: nullish(z.string()),
            type: nullish(z.number()),
            ai_type: nullish(z.number()),
            ai_status: nullish(z.number()),
          }),
        ),
      ),
    }),
  ),
});
