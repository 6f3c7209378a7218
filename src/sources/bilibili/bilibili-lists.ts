/**
 * bilibili's lists as course listings: a 合集 (season archives, paged, WBI-signed), a 系列
 * (series archives, paged) and a multi-part upload's page list. One request at a time through
 * the bilibili HTTP client (its gap, retries and the -352/-401/-412 block handling). Lists are
 * asked fresh, never from the response cache: they are asked to see what is new.
 */
import type { z } from "zod";
import { isWebUrl } from "../../core/index.js";
import type { CourseListing, ListingItem } from "../course-listing.js";
import { type HttpClient, parseJsonText, type RawResponse, validate } from "../http/index.js";
import {
  type BiliArchive,
  biliNavSchema,
  biliPageListSchema,
  biliSeasonArchivesSchema,
  biliSeriesArchivesSchema,
  biliSeriesMetaSchema,
} from "./bilibili-list-schema.js";
import { type BilibiliPart, chinaDate } from "./bilibili-part.js";
import { biliEnvelopeSchema } from "./bilibili-schema.js";
import { bilibiliVideoUrl } from "./bvid.js";
import { signWbi, type WbiKeys, wbiKeyOfUrl } from "./wbi.js";

/** Videos asked per page of a 合集 or 系列 (bilibili's own page size). */
export const BILIBILI_LIST_PAGE_SIZE = 30;
/** A list longer than this many pages is cut there (and said so). */
const MAX_PAGES = 200;

export interface BilibiliListOptions {
  now: () => number;
  pageSize?: number;
  /** The day's WBI keys, shared with the other signed endpoints (default: a cache of its own). */
  wbiKeys?: () => Promise<WbiKeys>;
}

export interface ListedCourse {
  listing: CourseListing;
  fetchedAt: number;
  /** The archives as bilibili gave them (views, covers), for the fetched metadata. */
  archives: BiliArchive[];
}

export interface BilibiliListClient {
  /** GET x/polymer/web-space/seasons_archives_list (WBI-signed), every page. */
  getSeason(mid: string, seasonId: string): Promise<ListedCourse>;
  /** GET x/series/series, then x/series/archives, every page, oldest first. */
  getSeries(mid: string, seriesId: string): Promise<ListedCourse>;
  /** GET x/player/pagelist: the parts of a multi-part upload. */
  getPageList(bvid: string): Promise<BilibiliPart[]>;
}

export function dataOf<S extends z.ZodType>(schema: S, res: RawResponse): z.output<S> {
  const env = validate(biliEnvelopeSchema, parseJsonText(res.text, res.request), res);
  return validate(schema, env.data, res);
}

export function seasonUrl(mid: string, seasonId: string): string {
  return `https://space.bilibili.com/${mid}/channel/collectiondetail?sid=${seasonId}`;
}

export function seriesUrl(mid: string, seriesId: string): string {
  return `https://space.bilibili.com/${mid}/channel/seriesdetail?sid=${seriesId}`;
}

function archiveItem(a: BiliArchive): ListingItem {
  const item: ListingItem = {
    site: "bilibili",
    videoId: a.bvid,
    title: a.title.trim(),
    url: bilibiliVideoUrl(a.bvid),
  };
  if (typeof a.duration === "number" && a.duration > 0) item.duration = a.duration;
  const at = a.pubdate ?? a.ctime;
  if (typeof at === "number" && at > 0) item.date = chinaDate(at);
  return item;
}

/** Archives kept only with their cover as an absolute http(s) URL (src/core/url-policy.ts). */
function safeArchives(archives: BiliArchive[]): BiliArchive[] {
  return archives.map((a) => (a.pic && !isWebUrl(a.pic) ? { ...a, pic: null } : a));
}

/**
 * The day's WBI keys (they change daily, China time), asked from the nav endpoint once a day:
 * one cache for every signed endpoint of a client.
 */
export function createWbiKeys(http: HttpClient, now: () => number): () => Promise<WbiKeys> {
  let keys: { day: string; keys: WbiKeys } | undefined;
  return async () => {
    const day = chinaDate(Math.floor(now() / 1000));
    if (keys?.day === day) return keys.keys;
    const res = await http.request({
      path: "/x/web-interface/nav",
      cache: "bypass",
      parse: (r) => dataOf(biliNavSchema, r),
    });
    const img = res.value.wbi_img;
    keys = { day, keys: { imgKey: wbiKeyOfUrl(img.img_url), subKey: wbiKeyOfUrl(img.sub_url) } };
    return keys.keys;
  };
}

export function createBilibiliListClient(
  http: HttpClient,
  opts: BilibiliListOptions,
): BilibiliListClient {
  const pageSize = opts.pageSize ?? BILIBILI_LIST_PAGE_SIZE;
  const wbiKeys = opts.wbiKeys ?? createWbiKeys(http, opts.now);

  return {
    async getSeason(mid, seasonId) {
      const archives: BiliArchive[] = [];
      let meta: { name: string; mid?: string | null } | undefined;
      let fetchedAt = 0;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const query = {
          mid,
          season_id: seasonId,
          sort_reverse: "false",
          page_num: page,
          page_size: pageSize,
          web_location: "333.999",
        };
        const signed = signWbi(query, await wbiKeys(), Math.floor(opts.now() / 1000));
        const res = await http.request({
          path: "/x/polymer/web-space/seasons_archives_list",
          query: signed,
          cache: "bypass",
          parse: (r) => dataOf(biliSeasonArchivesSchema, r),
        });
        fetchedAt = res.fetchedAt;
        meta ??= res.value.meta;
        const got = res.value.archives ?? [];
        archives.push(...got);
        if (got.length === 0 || archives.length >= res.value.page.total) break;
      }
      const owner = meta?.mid && meta.mid !== "0" ? meta.mid : mid;
      return {
        listing: {
          kind: "bilibili-collection",
          id: seasonId,
          url: seasonUrl(owner, seasonId),
          title: meta?.name.trim() || `合集 ${seasonId}`,
          items: archives.map(archiveItem),
        },
        fetchedAt,
        archives: safeArchives(archives),
      };
    },

    async getSeries(mid, seriesId) {
      const info = await http.request({
        path: "/x/series/series",
        query: { series_id: seriesId },
        cache: "bypass",
        parse: (r) => dataOf(biliSeriesMetaSchema, r),
      });
      const owner = info.value.meta.mid && info.value.meta.mid !== "0" ? info.value.meta.mid : mid;
      const archives: BiliArchive[] = [];
      let fetchedAt = info.fetchedAt;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const res = await http.request({
          path: "/x/series/archives",
          query: {
            mid: owner,
            series_id: seriesId,
            only_normal: "true",
            sort: "asc",
            pn: page,
            ps: pageSize,
          },
          cache: "bypass",
          parse: (r) => dataOf(biliSeriesArchivesSchema, r),
        });
        fetchedAt = res.fetchedAt;
        const got = res.value.archives ?? [];
        archives.push(...got);
        if (got.length === 0 || archives.length >= res.value.page.total) break;
      }
      return {
        listing: {
          kind: "bilibili-series",
          id: seriesId,
          url: seriesUrl(owner, seriesId),
          title: info.value.meta.name.trim() || `系列 ${seriesId}`,
          items: archives.map(archiveItem),
        },
        fetchedAt,
        archives: safeArchives(archives),
      };
    },

    async getPageList(bvid) {
      const res = await http.request({
        path: "/x/player/pagelist",
        query: { bvid },
        cache: "bypass",
        parse: (r) => dataOf(biliPageListSchema, r),
      });
      return res.value.map((p) => ({
        part: p.page,
        title: p.part.trim(),
        duration: Math.round(p.duration),
        cid: p.cid,
        ...(typeof p.ctime === "number" && p.ctime > 0 ? { date: chinaDate(p.ctime) } : {}),
      }));
    },
  };
}
