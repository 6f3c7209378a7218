/**
 * A video's caption tracks: the innertube `POST /youtubei/v1/player` with `{context, videoId}`
 * (the same web client and base URL as the playlist `browse`) lists them under
 * `captions.playerCaptionsTracklistRenderer.captionTracks[]`, each with a signed `baseUrl` on
 * `www.youtube.com/api/timedtext`; that URL with `fmt=json3` is the track's timed text, read by
 * src/formats (`parseYoutubeJson3`). No cookie and no API key.
 *
 * Quirks:
 * | what | how jingdu takes it |
 * | --- | --- |
 * | `kind: "asr"`, or `vssId` starting `a.` (`a.en`) | automatic speech recognition: marked AI |
 * | `baseUrl` asks `fmt=srv3` (XML) | replaced by `fmt=json3` |
 * | `baseUrl` signed, with `expire` some hours on | fetched at once, never cached |
 * | `baseUrl` on another host | fetched only from `youtube.com` hosts (https) or the API's own origin |
 * | no `captions` (none, or `playabilityStatus` not `OK`: private, age-gated, region) | no tracks; the status's reason is kept to report |
 * | `name` as `{runs:[{text}]}` or `{simpleText}` | either read |
| timed text 200 with no body (it wants a proof-of-origin `pot` token) | the episode `failed`, said so |
 */
import { fetchNamedText, type HttpClient, namedFileUrl, parseJsonText } from "../http/index.js";

/** One caption track of a video, as the player lists it. */
export interface YoutubeCaptionTrack {
  /** `en`, `zh-Hans`, … */
  languageCode: string;
  /** Its name in the client's language: `English (auto-generated)`. */
  name: string;
  /** `.en` (uploaded) or `a.en` (automatic). */
  vssId: string;
  /** Made by YouTube's speech recognition, not by a person. */
  ai: boolean;
  /** The timed text's absolute URL (json3), "" when not on a host jingdu fetches from. */
  url: string;
}

export interface YoutubeVideoCaptions {
  tracks: YoutubeCaptionTrack[];
  /** Why the player would not play the video (`playabilityStatus.reason`), if it would not. */
  unplayable?: string;
}

type Json = unknown;
const get = (o: Json, ...path: string[]): Json =>
  path.reduce<Json>(
    (cur, p) =>
      cur !== null && typeof cur === "object" ? (cur as Record<string, Json>)[p] : undefined,
    o,
  );
const textOf = (t: Json): string => {
  const simple = get(t, "simpleText");
  if (typeof simple === "string") return simple;
  const runs = get(t, "runs");
  return Array.isArray(runs) ? runs.map((r) => String(get(r, "text") ?? "")).join("") : "";
};

/** Where a caption URL may be fetched from: `youtube.com` (https), or the API's own host; as json3. */
export function captionUrl(raw: string, apiBase: string): URL | undefined {
  const url = namedFileUrl(raw, apiBase, /(^|\.)youtube\.com$/);
  url?.searchParams.set("fmt", "json3");
  return url;
}

/** The caption tracks of a player answer (the fixture `yta-innertube-player.json`'s shape). */
export function parsePlayerCaptions(json: Json, apiBase: string): YoutubeVideoCaptions {
  const listed = get(json, "captions", "playerCaptionsTracklistRenderer", "captionTracks");
  const tracks = (Array.isArray(listed) ? listed : []).flatMap((t): YoutubeCaptionTrack[] => {
    const languageCode = get(t, "languageCode");
    if (typeof languageCode !== "string" || languageCode === "") return [];
    const vssId = String(get(t, "vssId") ?? "");
    return [
      {
        languageCode,
        name: textOf(get(t, "name")).trim() || languageCode,
        vssId,
        ai: get(t, "kind") === "asr" || vssId.startsWith("a."),
        url: captionUrl(String(get(t, "baseUrl") ?? ""), apiBase)?.href ?? "",
      },
    ];
  });
  const status = get(json, "playabilityStatus", "status");
  const said = get(json, "playabilityStatus", "reason");
  const reason = (typeof said === "string" ? said : textOf(said)) || String(status ?? "");
  return {
    tracks,
    ...(status !== undefined && status !== "OK" && tracks.length === 0
      ? { unplayable: reason }
      : {}),
  };
}

export interface YoutubeCaptionClient {
  /** The caption tracks of one video. */
  listCaptions(videoId: string): Promise<YoutubeVideoCaptions>;
  /** The text of a track's timed text (json3). */
  fetchCaption(track: YoutubeCaptionTrack): Promise<string>;
}

export function createYoutubeCaptionClient(
  http: HttpClient,
  context: Record<string, unknown>,
): YoutubeCaptionClient {
  return {
    async listCaptions(videoId) {
      const res = await http.request({
        method: "POST",
        path: "/youtubei/v1/player",
        query: { prettyPrint: "false" },
        json: { context, videoId },
        // Its caption URLs are signed and expire: an answer is used once.
        cache: "bypass",
        parse: (r) => parsePlayerCaptions(parseJsonText(r.text, r.request), http.baseUrl),
      });
      return res.value;
    },
    fetchCaption(track) {
      const url = captionUrl(track.url, http.baseUrl);
      return fetchNamedText(
        http,
        track.url,
        url,
        "the caption track's address is not on youtube.com; not fetched",
      );
    },
  };
}
