import { isWebUrl } from "../../core/index.js";
import {
  type HttpClient,
  NotFoundError,
  parseJsonText,
  type RawResponse,
  SourceBlockedError,
  SourceError,
  validate,
} from "../http/index.js";
import {
  type BilibiliListClient,
  type BilibiliListOptions,
  createBilibiliListClient,
  createWbiKeys,
} from "./bilibili-lists.js";
import { type BilibiliPart, chinaDate } from "./bilibili-part.js";
import {
  type BiliSeason,
  type BiliViewData,
  biliEnvelopeSchema,
  biliViewDataSchema,
} from "./bilibili-schema.js";
import { type BilibiliSubtitleClient, createBilibiliSubtitleClient } from "./bilibili-subtitles.js";

/** bilibili business codes (sent with HTTP 200, except -412) → what they mean for jingdu. */
export const BILIBILI_CODES: Record<
  number,
  { kind: "not-found" | "blocked" | "transient" | "error"; message: string }
> = {
  [-400]: {
    kind: "not-found",
    message: "bilibili rejected the request (-400): the BVID is probably wrong",
  },
  [-403]: { kind: "not-found", message: "no permission to see this video (-403)" },
  [-404]: { kind: "not-found", message: "the video does not exist or was deleted (-404)" },
  62002: {
    kind: "not-found",
    message: "the video is not visible (62002); some videos are hidden outside mainland China",
  },
  62004: { kind: "not-found", message: "the video is under review (62004)" },
  62012: { kind: "not-found", message: "only the uploader can see this video (62012)" },
  [-352]: { kind: "blocked", message: "bilibili's risk control rejected this client (-352)" },
  [-412]: {
    kind: "blocked",
    message: "bilibili blocked requests from this network (-412, risk control)",
  },
  [-401]: { kind: "blocked", message: "bilibili's risk control refused this request (-401)" },
  [-799]: { kind: "transient", message: "bilibili says requests are too frequent (-799)" },
  [-101]: { kind: "error", message: "bilibili says this request is not logged in (-101)" },
};

export const BILIBILI_BLOCK_HINT =
  "bilibili's risk control blocks a network for a while. jingdu stops asking bilibili and backs off; run `jingdu refresh --only bilibili` again in a few hours.";

export { type BilibiliPart, chinaDate };

/** A bilibili business error (`code` ≠ 0) that is neither "not found" nor a block. */
export class BilibiliApiError extends SourceError {
  readonly biliCode: number;
  constructor(res: RawResponse, code: number, message: string, transient: boolean) {
    super("bilibili-error", res.request, message, { transient });
    this.name = "BilibiliApiError";
    this.biliCode = code;
  }
}

/** A bilibili "not found" error that also keeps the business code. */
export class BilibiliNotFoundError extends NotFoundError {
  readonly biliCode: number;
  constructor(res: RawResponse, code: number, message: string) {
    super(res.request, message);
    this.biliCode = code;
  }
}

/** Quirks: business errors hide in HTTP 200 bodies; -412 may come as HTTP 412 with HTML. */
export function classifyBilibiliResponse(res: RawResponse): SourceError | undefined {
  let code: number | undefined;
  let serverMessage: string | undefined;
  try {
    const env = biliEnvelopeSchema.safeParse(JSON.parse(res.text));
    if (env.success) {
      code = env.data.code;
      serverMessage = env.data.message ?? undefined;
    }
  } catch {
    // not JSON: judged by status below, or reported by the parser
  }
  if (code === undefined && (res.status === 412 || res.status === 352)) code = -res.status;
  if (code === undefined || code === 0) return undefined;
  // The nav endpoint answers -101 (not logged in) to everyone, with the WBI keys in its data.
  if (code === -101 && res.request.url.includes("/x/web-interface/nav")) return undefined;
  const known = BILIBILI_CODES[code];
  const message =
    known?.message ?? `bilibili error ${code}${serverMessage ? ` (${serverMessage})` : ""}`;
  if (known?.kind === "blocked")
    return new SourceBlockedError(res.request, message, BILIBILI_BLOCK_HINT);
  if (known?.kind === "not-found") return new BilibiliNotFoundError(res, code, message);
  return new BilibiliApiError(res, code, message, known?.kind === "transient");
}

export interface BilibiliSeasonEpisode {
  bvid: string;
  aid: string;
  title: string;
  duration?: number;
  date?: string;
  views?: number;
  cover?: string;
  parts: BilibiliPart[];
}

export interface BilibiliVideo {
  bvid: string;
  aid: string;
  title: string;
  cover?: string;
  /** Publish date, ISO `YYYY-MM-DD` in China time (UTC+8), where bilibili's day starts. */
  date?: string;
  /** Unix seconds. */
  pubdate?: number;
  /** Total seconds of all parts. */
  duration?: number;
  views?: number;
  likes?: number;
  owner?: string;
  parts: BilibiliPart[];
  season?: {
    id: string;
    title: string;
    cover?: string;
    mid?: string;
    episodes: BilibiliSeasonEpisode[];
  };
}

function mapParts(pages: BiliViewData["pages"]): BilibiliPart[] {
  return (pages ?? []).map((p) => ({
    part: p.page,
    title: p.part.trim(),
    duration: Math.round(p.duration),
    cid: p.cid,
    ...(typeof p.ctime === "number" && p.ctime > 0 ? { date: chinaDate(p.ctime) } : {}),
  }));
}

function mapSeason(s: BiliSeason): NonNullable<BilibiliVideo["season"]> {
  const episodes = s.sections.flatMap((section) =>
    section.episodes.map((e) => {
      const ep: BilibiliSeasonEpisode = {
        bvid: e.bvid,
        aid: e.aid,
        title: e.title.trim(),
        parts: mapParts(e.pages),
      };
      const arc = e.arc;
      if (typeof arc?.duration === "number") ep.duration = arc.duration;
      if (typeof arc?.pubdate === "number" && arc.pubdate > 0) ep.date = chinaDate(arc.pubdate);
      if (typeof arc?.stat?.view === "number") ep.views = arc.stat.view;
      if (arc?.pic && isWebUrl(arc.pic)) ep.cover = arc.pic;
      return ep;
    }),
  );
  return {
    id: s.id,
    title: s.title.trim(),
    ...(s.cover && isWebUrl(s.cover) ? { cover: s.cover } : {}),
    ...(s.mid ? { mid: s.mid } : {}),
    episodes,
  };
}

export function mapBilibiliView(d: BiliViewData): BilibiliVideo {
  const v: BilibiliVideo = {
    bvid: d.bvid,
    aid: d.aid,
    title: d.title.trim(),
    parts: mapParts(d.pages),
  };
  // Cover images are kept only as absolute http(s) URLs (src/core/url-policy.ts).
  if (d.pic && isWebUrl(d.pic)) v.cover = d.pic;
  if (typeof d.pubdate === "number" && d.pubdate > 0) {
    v.pubdate = d.pubdate;
    v.date = chinaDate(d.pubdate);
  }
  if (typeof d.duration === "number") v.duration = d.duration;
  if (typeof d.stat?.view === "number") v.views = d.stat.view;
  if (typeof d.stat?.like === "number") v.likes = d.stat.like;
  if (d.owner?.name) v.owner = d.owner.name;
  if (d.ugc_season) v.season = mapSeason(d.ugc_season);
  return v;
}

export function parseViewResponse(res: RawResponse): BilibiliVideo {
  const env = validate(biliEnvelopeSchema, parseJsonText(res.text, res.request), res);
  // classify() already turned codes ≠ 0 into errors; validate the payload itself here.
  return mapBilibiliView(validate(biliViewDataSchema, env.data, res));
}

export interface BilibiliClient extends BilibiliListClient, BilibiliSubtitleClient {
  readonly http: HttpClient;
  /** GET x/web-interface/view?bvid=…; NotFoundError / SourceBlockedError for the codes above. */
  getVideo(
    bvid: string,
    opts?: { cache?: "use" | "bypass" },
  ): Promise<{ video: BilibiliVideo; fetchedAt: number; stale: boolean }>;
}

export interface BilibiliClientOptions extends BilibiliListOptions {
  sleep?: (ms: number) => Promise<void>;
  /** The least time between two parts' subtitle fetches (default 0: tests of the lists). */
  subtitleGapMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createBilibiliClient(
  http: HttpClient,
  opts: BilibiliClientOptions = { now: Date.now },
): BilibiliClient {
  const wbiKeys = opts.wbiKeys ?? createWbiKeys(http, opts.now);
  return {
    http,
    ...createBilibiliListClient(http, { ...opts, wbiKeys }),
    ...createBilibiliSubtitleClient(http, {
      now: opts.now,
      sleep: opts.sleep ?? realSleep,
      wbiKeys,
      gapMs: opts.subtitleGapMs ?? 0,
    }),
    async getVideo(bvid, opts = {}) {
      const res = await http.request({
        path: "/x/web-interface/view",
        query: { bvid },
        parse: parseViewResponse,
        ...(opts.cache ? { cache: opts.cache } : {}),
      });
      return { video: res.value, fetchedAt: res.fetchedAt, stale: res.stale };
    },
  };
}
