import { ResponseFormatError } from "./errors.js";
import type { HttpClient } from "./http-client.js";

/**
 * GETs, as text, a file a source's own answer named by its full URL (a bilibili subtitle, a
 * YouTube caption track), through that source's client: its pacing, retries and breaker, never
 * cached. `allowed` is the URL once the source's host rule let it through; undefined refuses it
 * with `refusal` (no request is sent).
 * @example await fetchNamedText(http, track.url, captionUrl(track.url, http.baseUrl), "not on youtube.com; not fetched")
 */
export async function fetchNamedText(
  http: HttpClient,
  raw: string,
  allowed: URL | undefined,
  refusal: string,
): Promise<string> {
  if (!allowed) {
    throw new ResponseFormatError(
      { source: http.source, method: "GET", url: raw || "(none)" },
      refusal,
      "",
    );
  }
  const res = await http.request({
    baseUrl: allowed.origin,
    path: allowed.pathname,
    query: Object.fromEntries(allowed.searchParams),
    cache: "bypass",
    parse: (r) => r.text,
  });
  return res.value;
}
