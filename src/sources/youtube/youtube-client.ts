/**
 * A YouTube playlist through the page data YouTube's own web client reads: the innertube
 * `POST /youtubei/v1/browse` with `browseId: "VL" + playlist id` gives the first page of
 * `playlistVideoRenderer`s and a `continuationItemRenderer` whose token asks for the next page
 * (`{continuation: token}`; the answer's `onResponseReceivedActions[].appendContinuationItemsAction`).
 * No API key and no login. Quirks, as a table in docs/metadata.md:
 */
import { JingduError } from "../../core/index.js";
import type { CourseListing, ListingItem } from "../course-listing.js";
import { type HttpClient, parseJsonText, type RawResponse } from "../http/index.js";
import { createYoutubeCaptionClient, type YoutubeCaptionClient } from "./youtube-captions.js";
import { parseChannelFeed } from "./youtube-feed.js";
import { youtubeChannelUrl, youtubePlaylistUrl, youtubeVideoUrl } from "./youtube-ids.js";

/** The web client innertube expects; an old version still answers (checked by clients for years). */
export const INNERTUBE_CONTEXT = {
  client: { clientName: "WEB", clientVersion: "2.20250101.00.00", hl: "en", gl: "US" },
} as const;

/** A playlist longer than this many pages (~100 videos each) is cut there, and said so. */
const MAX_PAGES = 100;

export interface YoutubePage {
  title?: string;
  items: ListingItem[];
  /** Videos the page lists that cannot be watched (deleted, private). */
  unplayable: number;
  continuation?: string;
}

type Json = unknown;

/** Every value under `key` anywhere in the answer (YouTube moves its renderers between layouts). */
function findAll(root: Json, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(root)) {
    for (const v of root) findAll(v, key, out);
  } else if (root !== null && typeof root === "object") {
    for (const [k, v] of Object.entries(root)) {
      if (k === key) out.push(v);
      else findAll(v, key, out);
    }
  }
  return out;
}

function get(o: Json, ...path: string[]): Json {
  let cur = o;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, Json>)[p];
  }
  return cur;
}

/** `{simpleText}` or `{runs: [{text}]}` → the text. */
function textOf(t: Json): string {
  const simple = get(t, "simpleText");
  if (typeof simple === "string") return simple;
  const runs = get(t, "runs");
  return Array.isArray(runs) ? runs.map((r) => String(get(r, "text") ?? "")).join("") : "";
}

/** "1:02:03" → 3723 seconds. */
function clockSeconds(text: string): number | undefined {
  if (!/^\d+(:\d{1,2}){0,2}$/.test(text)) return undefined;
  return text.split(":").reduce((s, part) => s * 60 + Number(part), 0);
}

/** One page of a browse answer (first page or continuation). */
export function parseBrowsePage(res: Pick<RawResponse, "text" | "request">): YoutubePage {
  const json = parseJsonText(res.text, res.request);
  const items: ListingItem[] = [];
  let unplayable = 0;
  for (const r of findAll(json, "playlistVideoRenderer")) {
    const videoId = get(r, "videoId");
    if (typeof videoId !== "string") continue;
    if (get(r, "isPlayable") === false) {
      unplayable += 1;
      continue;
    }
    const item: ListingItem = {
      site: "youtube",
      videoId,
      title: textOf(get(r, "title")).trim(),
      url: youtubeVideoUrl(videoId),
    };
    const secs = Number(get(r, "lengthSeconds"));
    const duration =
      Number.isFinite(secs) && secs > 0 ? secs : clockSeconds(textOf(get(r, "lengthText")));
    if (duration !== undefined && duration > 0) item.duration = duration;
    items.push(item);
  }
  const token = findAll(json, "continuationItemRenderer")
    .map((c) => get(c, "continuationEndpoint", "continuationCommand", "token"))
    .find((t): t is string => typeof t === "string" && t !== "");
  const title =
    textOf(get(json, "header", "playlistHeaderRenderer", "title")) ||
    String(get(json, "metadata", "playlistMetadataRenderer", "title") ?? "");
  return {
    ...(title ? { title: title.trim() } : {}),
    items,
    unplayable,
    ...(token ? { continuation: token } : {}),
  };
}

export interface YoutubeClient extends YoutubeCaptionClient {
  readonly http: HttpClient;
  /** Every page of a playlist, as a listing (position = the playlist's order). */
  getPlaylist(
    playlistId: string,
  ): Promise<{ listing: CourseListing; unplayable: number; fetchedAt: number; cut: boolean }>;
  /** A channel's newest uploads (its Atom feed, 15 at most), oldest first, as a listing. */
  getChannelFeed(channelId: string): Promise<CourseListing>;
}

export function createYoutubeClient(http: HttpClient): YoutubeClient {
  const browse = async (body: Record<string, unknown>) =>
    http.request({
      method: "POST",
      path: "/youtubei/v1/browse",
      query: { prettyPrint: "false" },
      json: { context: INNERTUBE_CONTEXT, ...body },
      // A playlist is asked fresh: a cached page would hide the videos added since.
      cache: "bypass",
      parse: parseBrowsePage,
    });
  return {
    http,
    ...createYoutubeCaptionClient(http, INNERTUBE_CONTEXT),
    async getChannelFeed(channelId) {
      const res = await http.request({
        path: "/feeds/videos.xml",
        query: { channel_id: channelId },
        // Asked to see what is new: never from the cache.
        cache: "bypass",
        parse: parseChannelFeed,
      });
      return {
        kind: "youtube-channel",
        id: channelId,
        url: youtubeChannelUrl(channelId),
        title: res.value.title || channelId,
        items: res.value.items,
      };
    },
    async getPlaylist(playlistId) {
      const first = await browse({ browseId: `VL${playlistId}` });
      const items = [...first.value.items];
      let unplayable = first.value.unplayable;
      let token = first.value.continuation;
      let fetchedAt = first.fetchedAt;
      let pages = 1;
      while (token && pages < MAX_PAGES) {
        const next = await browse({ continuation: token });
        items.push(...next.value.items);
        unplayable += next.value.unplayable;
        fetchedAt = next.fetchedAt;
        token = next.value.continuation;
        pages += 1;
      }
      if (items.length === 0) {
        throw new JingduError(
          "course-source",
          `the YouTube playlist ${playlistId} lists no video jingdu can show`,
          {
            hint: "Check that the playlist is public (an unlisted or private one needs yt-dlp and a file: `yt-dlp --flat-playlist -J URL > playlist.json`).",
          },
        );
      }
      return {
        listing: {
          kind: "youtube-playlist",
          id: playlistId,
          url: youtubePlaylistUrl(playlistId),
          title: first.value.title || playlistId,
          items,
        },
        unplayable,
        fetchedAt,
        cut: token !== undefined,
      };
    },
  };
}
