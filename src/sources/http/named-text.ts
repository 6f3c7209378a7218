import { ResponseFormatError } from "./errors.js";
import type { HttpClient } from "./http-client.js";

/**
 * Where a file a source's answer names may be fetched from: an https host `hosts` matches (the
 * source's CDN), or the API's own origin (a mirror, the tests' fake); undefined for anything else
 * or for text that is no URL (the caller reports the item as having nothing to fetch).
 * @example namedFileUrl(track.subtitle_url, http.baseUrl, /(^|\.)hdslb\.com$/)
 */
export function namedFileUrl(raw: string, apiBase: string, hosts: RegExp): URL | undefined {
  if (raw.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw, apiBase);
  } catch {
    // Not a URL: nothing to fetch; the caller says so for its item.
    return undefined;
  }
  const onHost = url.protocol === "https:" && hosts.test(url.hostname);
  return onHost || url.origin === new URL(apiBase).origin ? url : undefined;
}

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
