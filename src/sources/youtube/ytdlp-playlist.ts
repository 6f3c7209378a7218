/**
 * A playlist the person listed with `yt-dlp --flat-playlist -J URL > playlist.json`: the
 * playlist's id, title and URL, and one flat entry per video (`_type: "url"`, `id`, `url`,
 * `title`, `duration` in seconds, often null for a live or a deleted video). Flat entries carry no
 * upload date. Works for YouTube playlists, and for bilibili lists yt-dlp reads (`ie_key: BiliBili`).
 */
import { z } from "zod";
import { isWebUrl, JingduError } from "../../core/index.js";
import { bilibiliVideoUrl, isBvid } from "../bilibili/bvid.js";
import type { CourseListing, ListingItem } from "../course-listing.js";
import { isYoutubeVideoId, youtubePlaylistUrl, youtubeVideoUrl } from "./youtube-ids.js";

const entrySchema = z.looseObject({
  _type: z.string().nullish(),
  ie_key: z.string().nullish(),
  id: z.string().nullish(),
  url: z.string().nullish(),
  title: z.string().nullish(),
  duration: z.number().nullish(),
  upload_date: z.string().nullish(),
});

const playlistSchema = z.looseObject({
  _type: z.literal("playlist"),
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().nullish(),
  webpage_url: z.string().nullish(),
  extractor_key: z.string().nullish(),
  entries: z.array(z.unknown()),
});

/** Titles yt-dlp gives entries that are no longer watchable. */
const GONE_TITLES = new Set(["[Deleted video]", "[Private video]", "[Unavailable video]"]);

export interface YtDlpListing {
  listing: CourseListing;
  /** Entries not taken, each with its position and why (deleted, not a video, …). */
  skipped: string[];
}

function ytDate(upload: string | null | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(upload ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function mapEntry(raw: unknown): ListingItem | string {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return "not a video entry";
  const e = parsed.data;
  const title = e.title?.trim() ?? "";
  if (GONE_TITLES.has(title)) return `${title.slice(1, -1).toLowerCase()}`;
  const id = e.id ?? "";
  const base: Omit<ListingItem, "site" | "videoId" | "url"> = { title };
  if (typeof e.duration === "number" && e.duration > 0) base.duration = Math.round(e.duration);
  const date = ytDate(e.upload_date);
  if (date) base.date = date;
  if (/bilibili/i.test(e.ie_key ?? "") || /bilibili\.com/.test(e.url ?? "")) {
    const bvid = isBvid(id) ? id : /BV1[0-9A-Za-z]{9}/.exec(e.url ?? "")?.[0];
    if (!bvid) return "a bilibili entry without a BVID";
    return { ...base, site: "bilibili", videoId: bvid, url: bilibiliVideoUrl(bvid) };
  }
  if (!isYoutubeVideoId(id)) return `not a YouTube video id: ${id || "(none)"}`;
  return { ...base, site: "youtube", videoId: id, url: youtubeVideoUrl(id) };
}

/**
 * The listing of a `yt-dlp --flat-playlist -J` file; `file` names it in messages.
 * @example readYtDlpPlaylist(text, "playlist.json").listing.items[0].url
 */
export function readYtDlpPlaylist(text: string, file: string): YtDlpListing {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new JingduError("course-file", `${file}: not JSON (${(err as Error).message})`, {
      hint: "Make it with `yt-dlp --flat-playlist -J PLAYLIST_URL > playlist.json`.",
    });
  }
  const parsed = playlistSchema.safeParse(json);
  if (!parsed.success) {
    throw new JingduError(
      "course-file",
      `${file}: not a yt-dlp playlist (no "_type": "playlist" with "entries")`,
      {
        hint: "Make it with `yt-dlp --flat-playlist -J PLAYLIST_URL > playlist.json` (a single video's JSON is not a playlist).",
      },
    );
  }
  const p = parsed.data;
  const items: ListingItem[] = [];
  const skipped: string[] = [];
  p.entries.forEach((raw, i) => {
    const item = mapEntry(raw);
    if (typeof item === "string") skipped.push(`entry ${i + 1}: ${item}`);
    else items.push(item);
  });
  if (items.length === 0) {
    throw new JingduError(
      "course-file",
      `${file}: no video in the playlist's ${p.entries.length} entries`,
      {
        hint:
          skipped.length > 0
            ? `Left out: ${skipped.slice(0, 3).join("; ")}`
            : "The playlist is empty.",
      },
    );
  }
  const youtube = items.every((x) => x.site === "youtube");
  const url =
    p.webpage_url && isWebUrl(p.webpage_url)
      ? p.webpage_url
      : youtube
        ? youtubePlaylistUrl(p.id)
        : undefined;
  return {
    listing: {
      kind: youtube ? "youtube-playlist" : "import",
      id: p.id,
      ...(url ? { url } : {}),
      title: p.title?.trim() || p.id,
      items,
    },
    skipped,
  };
}
