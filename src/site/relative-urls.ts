import { routeFile } from "../app/index.js";

/**
 * A relative build (`jingdu build --relative`): a site that works opened from `file://` (or from
 * any folder of any host) as well as served. Its pages are the same routes rendered the same way;
 * only their same-site URLs are written relative to the page, and each names a file (`../
 * papers/index.html`, not `../papers/`), since a `file://` folder is a listing, not its
 * `index.html`. chromium refuses `fetch()` of a `file://` URL, so the split search index's
 * fragments are written as scripts (`search/t/KEY.js`, `jingduSearch.load("t/KEY.json", …)`)
 * that the search page loads with `<script>` elements: the CSP (`script-src 'self'`) holds, and
 * the search page says so by `data-search-scripts` in place of `data-search-parts`.
 *
 * Why a flag rather than relative URLs always: a served site keeps clean URLs (`/papers/x/`,
 * no `index.html`), its pages move between folders without their bytes changing, and its 404
 * page (served at any depth) keeps working links.
 */

/** The route paths whose URLs (`href`, `src`, …) are left as they are: archived pages. */
const UNTOUCHED = /^\/snapshots\/objects\//;

/** A same-site URL in an attribute the pages use for one (`data-search-*`: the search page). */
const URL_ATTRIBUTE =
  /(\s)(href|src|action|data-search-parts|data-search-index)="(\/(?!\/)[^"]*)"/g;

/**
 * A fragment of the split search index: `/search/X/NAME.json` in any one-letter folder (`t` terms,
 * `r` records, and whatever folder a postings format adds): the loader takes each the same way.
 */
const SEARCH_PART = /^\/search\/([a-z]\/[^/]+)\.json$/;

/** The file a route is written to in a relative build (`routeFile`, fragments as `.js`). */
export function relativeRouteFile(path: string): string {
  const file = routeFile(path);
  return SEARCH_PART.test(path) ? file.replace(/\.json$/, ".js") : file;
}

/** `../` once for each folder the page's file is in (`/papers/x/` → `../../`). */
function upToRoot(pagePath: string): string {
  const depth = routeFile(pagePath).split("/").length - 1;
  return "../".repeat(depth);
}

/**
 * A root-relative URL under `basePath` (`/notes/papers/x/?a=1#b`), relative to the page at
 * `pagePath` (`../papers/x/index.html?a=1#b`); `folder` keeps a folder as one (a prefix the
 * search script adds names to). A URL outside `basePath` is left as it is.
 */
export function relativeUrl(
  url: string,
  pagePath: string,
  basePath: string,
  folder = false,
): string {
  if (!url.startsWith(`${basePath}/`)) return url;
  const rest = url.slice(basePath.length + 1);
  const cut = rest.search(/[?#]/);
  const path = cut < 0 ? rest : rest.slice(0, cut);
  const tail = cut < 0 ? "" : rest.slice(cut);
  const file = !folder && (path === "" || path.endsWith("/")) ? `${path}index.html` : path;
  return `${upToRoot(pagePath)}${file}${tail}`;
}

/** A page's HTML with its same-site URLs relative to it. */
export function relativeHtml(body: string, pagePath: string, basePath: string): string {
  if (UNTOUCHED.test(pagePath)) return body;
  return body.replace(URL_ATTRIBUTE, (_all, space: string, name: string, value: string) => {
    if (name === "data-search-parts") {
      return `${space}data-search-scripts="${relativeUrl(value, pagePath, basePath, true)}"`;
    }
    return `${space}${name}="${relativeUrl(value, pagePath, basePath)}"`;
  });
}

/**
 * A fragment of the split index as a script that hands it to the search page's loader. A record
 * fragment's URLs (each record's third field) are made relative to the search page, which shows
 * them.
 */
export function searchPartScript(path: string, json: string, basePath: string): string {
  const name = SEARCH_PART.exec(path)?.[1] as string;
  let data = json.trim();
  if (name.startsWith("r/")) {
    const records = JSON.parse(json) as unknown[][];
    const searchPage = "/search/";
    for (const record of records) {
      if (Array.isArray(record) && typeof record[2] === "string") {
        record[2] = relativeUrl(record[2], searchPage, basePath);
      }
    }
    data = JSON.stringify(records);
  }
  return `jingduSearch.load(${JSON.stringify(`${name}.json`)},${data});\n`;
}

/** The bytes a relative build writes for a route, from what the route rendered. */
export function relativeBody(
  path: string,
  contentType: string,
  body: string | Uint8Array,
  basePath: string,
): string | Uint8Array {
  if (SEARCH_PART.test(path)) {
    const json = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
    return searchPartScript(path, json, basePath);
  }
  if (typeof body === "string" && contentType.startsWith("text/html")) {
    return relativeHtml(body, path, basePath);
  }
  return body;
}
