/**
 * A part's subtitles: the player endpoint (`/x/player/wbi/v2?bvid=&cid=`, WBI-signed with the
 * list client's day keys) lists them for a logged-in user, and each one's `subtitle_url` (on
 * bilibili's CDN, `//aisubtitle.hdslb.com/…?auth_key=…`) is a JSON file of `body[]` cues, read by
 * src/formats. Both go through the bilibili HTTP client (its gap, retries, block handling), and
 * each part's pair waits for the subtitle gap (`sources.bilibili.subtitleGap`) after the last.
 *
 * Quirks:
 * | what | how jingdu takes it |
 * | --- | --- |
 * | `subtitles: []` and `need_login_subtitle: true` | the cookie was missing or not accepted |
 * | `login_mid: 0` | not logged in (an expired cookie answers code 0, not -101) |
 * | code -101 | not logged in (BilibiliApiError, biliCode -101) |
 * | `lan` starting `ai-` (`ai-zh`), `ai_type`/`ai_status` | machine-made: marked AI |
 * | `id` beyond 2^53 | `id_str` is kept |
 * | `subtitle_url` protocol-relative (`//host/…`) | resolved against the API's protocol |
 * | `subtitle_url` on another host | fetched only from `*.hdslb.com` or the API's own host |
 * | the login cookie | sent to the player endpoint only, never to the CDN; never cached |
 */
import { createRateLimiter } from "../../base/index.js";
import { fetchNamedText, type HttpClient, namedFileUrl } from "../http/index.js";
import { biliPlayerSchema } from "./bilibili-list-schema.js";
import { dataOf } from "./bilibili-lists.js";
import { signWbi, type WbiKeys } from "./wbi.js";

/** One subtitle track of a part, as the player lists it. */
export interface BilibiliSubtitleTrack {
  /** `id_str`: every digit of the subtitle's id. */
  id: string;
  /** bilibili's language key: `zh-CN`, `en-US`, `ai-zh`. */
  lan: string;
  /** Its name in Chinese: `中文（自动生成）`. */
  lanDoc: string;
  /** Made by bilibili's speech recognition, not by a person. */
  ai: boolean;
  /** Absolute URL of the subtitle JSON ("" when bilibili gave none). */
  url: string;
}

export interface BilibiliPartSubtitles {
  /** bilibili did not take the request as logged in (no subtitles are listed then). */
  notLoggedIn: boolean;
  tracks: BilibiliSubtitleTrack[];
}

export interface BilibiliSubtitleClient {
  /** The subtitle tracks of one part (`cookie`: the user's login, sent to this request only). */
  listSubtitles(bvid: string, cid: string, cookie: string): Promise<BilibiliPartSubtitles>;
  /** The text of a track's subtitle JSON. */
  fetchSubtitle(track: BilibiliSubtitleTrack): Promise<string>;
}

/** AI subtitles are keyed `ai-…` (their `ai_type`/`ai_status` say how they were made). */
const isAi = (t: { lan: string }) => t.lan.startsWith("ai-");

/** Where a `subtitle_url` may be fetched from: bilibili's CDN, or the API's own host (a mirror). */
const subtitleUrl = (raw: string, apiBase: string) =>
  namedFileUrl(raw, apiBase, /(^|\.)hdslb\.com$/);

export function createBilibiliSubtitleClient(
  http: HttpClient,
  opts: {
    now: () => number;
    sleep: (ms: number) => Promise<void>;
    wbiKeys: () => Promise<WbiKeys>;
    gapMs: number;
  },
): BilibiliSubtitleClient {
  // One part at a time, `gapMs` from the end of one part's fetches to the start of the next.
  const pace = createRateLimiter({ concurrency: 1, minIntervalMs: opts.gapMs }, opts);
  return {
    async listSubtitles(bvid, cid, cookie) {
      const release = await pace.acquire();
      try {
        const query = signWbi({ bvid, cid }, await opts.wbiKeys(), Math.floor(opts.now() / 1000));
        const res = await http.request({
          path: "/x/player/wbi/v2",
          query,
          headers: { cookie },
          cache: "bypass",
          parse: (r) => dataOf(biliPlayerSchema, r),
        });
        const data = res.value;
        const listed = data.subtitle?.subtitles ?? [];
        const tracks = listed.map((t) => ({
          id: t.id_str ?? String(t.id ?? ""),
          lan: t.lan,
          lanDoc: t.lan_doc ?? t.lan,
          ai: isAi(t),
          url: subtitleUrl(t.subtitle_url ?? "", http.baseUrl)?.href ?? "",
        }));
        const loggedOut = data.login_mid === "0" || data.need_login_subtitle === true;
        return { notLoggedIn: loggedOut && tracks.length === 0, tracks };
      } finally {
        release();
      }
    },

    fetchSubtitle(track) {
      const url = subtitleUrl(track.url, http.baseUrl);
      return fetchNamedText(
        http,
        track.url,
        url,
        "the subtitle's address is not on bilibili's CDN; not fetched",
      );
    },
  };
}
