/** YouTube playlist ids and URLs, video URLs. */

/** Playlist ids: `PL…`, `UU…`, `OL…`, `FL…`, `RD…` and the like (letters, digits, `-`, `_`). */
const PLAYLIST_ID = /^(PL|UU|OL|FL|RD|LL|UL|PU|EL|OLAK5uy_)[0-9A-Za-z_-]{10,}$/;
const VIDEO_ID = /^[0-9A-Za-z_-]{11}$/;

export function isYoutubeVideoId(text: string): boolean {
  return VIDEO_ID.test(text);
}

/**
 * The playlist id of `youtube:PL…`, a bare playlist id, or a youtube.com URL with `list=`;
 * undefined otherwise.
 * @example parseYoutubePlaylistRef("https://www.youtube.com/playlist?list=PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y") // "PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y"
 */
export function parseYoutubePlaylistRef(input: string): string | undefined {
  const text = input.trim().replace(/^youtube:\s*/i, "");
  if (PLAYLIST_ID.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: not a playlist reference.
    return undefined;
  }
  if (!/(^|\.)(youtube\.com|youtu\.be)$/i.test(url.hostname)) return undefined;
  const list = url.searchParams.get("list") ?? "";
  return PLAYLIST_ID.test(list) ? list : undefined;
}

/** Channel ids: `UC` and 22 more characters. */
const CHANNEL_ID = /^UC[0-9A-Za-z_-]{22}$/;

/**
 * The channel id of `youtube:channel:UC…`, a bare `UC…` id, a `youtube.com/channel/UC…` URL or
 * its feed's URL (`feeds/videos.xml?channel_id=UC…`); undefined otherwise (a `@handle` needs
 * the page to resolve, so it is not taken).
 * @example parseYoutubeChannelRef("https://www.youtube.com/channel/UC9PBzalIcEQCsiIkq36PyUA") // "UC9PBzalIcEQCsiIkq36PyUA"
 */
export function parseYoutubeChannelRef(input: string): string | undefined {
  const text = input.trim().replace(/^youtube:channel:\s*/i, "");
  if (CHANNEL_ID.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: not a channel reference.
    return undefined;
  }
  if (!/(^|\.)youtube\.com$/i.test(url.hostname)) return undefined;
  const id = /^\/channel\/([^/]+)/.exec(url.pathname)?.[1] ?? url.searchParams.get("channel_id");
  return id && CHANNEL_ID.test(id) ? id : undefined;
}

export function youtubeChannelUrl(id: string): string {
  return `https://www.youtube.com/channel/${id}`;
}

export function youtubeVideoUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

export function youtubePlaylistUrl(id: string): string {
  return `https://www.youtube.com/playlist?list=${id}`;
}
