/**
 * A YouTube channel's Atom feed (`/feeds/videos.xml?channel_id=UC…`): its newest uploads, 15 at
 * most, newest first, each with `yt:videoId`, `title` and `published`; no runtime. Read with the
 * Atom reader arXiv's feeds use (no DTDs, nothing expanded). Quirks:
 * | what | how jingdu takes it |
 * | --- | --- |
 * | only the 15 newest uploads | a course follows the channel from then on ("new since") |
 * | newest first | turned oldest first, a course's order |
 * | the feed's own `yt:channelId` may lack the `UC` (recorded: `9PBz…` for `UC9PBz…`) | the id asked is kept |
 * | no duration | episodes without a runtime |
 */
import { childrenNamed, childText, parseXml, XmlSyntaxError } from "../arxiv/xml.js";
import type { ListingItem } from "../course-listing.js";
import { type RawResponse, ResponseFormatError } from "../http/index.js";
import { isYoutubeVideoId, youtubeVideoUrl } from "./youtube-ids.js";

export interface ChannelFeed {
  title: string;
  /** Oldest first; `date` is the upload day (UTC). */
  items: ListingItem[];
}

/** Reads a channel's feed; a document that is not an Atom feed is a ResponseFormatError. */
export function parseChannelFeed(res: Pick<RawResponse, "text" | "request">): ChannelFeed {
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(res.text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new ResponseFormatError(res.request, `not an Atom feed (${err.message})`, res.text);
  }
  const feed = root.local === "feed" ? root : childrenNamed(root, "feed")[0];
  if (!feed) throw new ResponseFormatError(res.request, "not an Atom feed", res.text);
  const items: ListingItem[] = [];
  for (const entry of childrenNamed(feed, "entry")) {
    const id = childText(entry, "videoId")?.trim() ?? "";
    if (!isYoutubeVideoId(id)) continue;
    const published = childText(entry, "published")?.trim() ?? "";
    const item: ListingItem = {
      site: "youtube",
      videoId: id,
      title: (childText(entry, "title") ?? "").replace(/\s+/g, " ").trim(),
      // The canonical https link (an older feed's `alternate` link is http).
      url: youtubeVideoUrl(id),
    };
    if (/^\d{4}-\d{2}-\d{2}T/.test(published)) {
      const day = new Date(published);
      if (!Number.isNaN(day.getTime())) item.date = day.toISOString().slice(0, 10);
    }
    items.push(item);
  }
  return { title: (childText(feed, "title") ?? "").trim(), items: items.reverse() };
}
