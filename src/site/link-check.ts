import type { Diagnostic } from "../core/index.js";

/**
 * The values of `href="…"` and `src="…"` attributes (preceded by whitespace, like the pattern
 * `\s(?:href|src)="([^"]*)"`), in order. Found with `indexOf`: pages are mostly KaTeX markup with
 * few links, where a regex scan costs a multiple.
 */
function* refs(body: string): Generator<string> {
  let href = body.indexOf('href="');
  let src = body.indexOf('src="');
  let consumed = 0;
  while (href !== -1 || src !== -1) {
    const isHref = href !== -1 && (src === -1 || href < src);
    const at = isHref ? href : src;
    const start = at + (isHref ? 6 : 5);
    const end = body.indexOf('"', start);
    if (end === -1) return;
    // Like a regex scan, never match inside an attribute value already taken.
    if (at >= consumed && at > 0 && /\s/.test(body[at - 1] ?? "")) {
      yield body.slice(start, end);
      consumed = end + 1;
    }
    if (isHref) href = body.indexOf('href="', at + 1);
    else src = body.indexOf('src="', at + 1);
  }
}
const ORIGIN = "http://site.invalid";

/**
 * Checks that every same-site `href`/`src` of the written HTML names a file of the build, the way
 * lychee checks a site: relative and root-relative refs are resolved against the page's URL.
 */
export function checkInternalLinks(
  pages: ReadonlyMap<string, string>,
  files: ReadonlySet<string>,
  basePath: string,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [pagePath, body] of pages) {
    const pageUrl = new URL(`${basePath}${pagePath}`, ORIGIN);
    const seen = new Set<string>();
    for (const value of refs(body)) {
      const ref = value.replace(/&amp;/g, "&");
      if (ref === "" || ref.startsWith("#") || seen.has(ref)) continue;
      seen.add(ref);
      let url: URL;
      try {
        url = new URL(ref, pageUrl);
      } catch {
        continue;
      }
      if (url.origin !== ORIGIN) continue;
      const file = fileOf(url.pathname, basePath);
      if (file !== undefined && files.has(file)) continue;
      problems.push({
        level: "warning",
        rule: "link-unresolved",
        message: `${ref} does not name a page or file of the site`,
        file: fileOf(pagePath, "") ?? pagePath,
        line: 0,
        hint: "Images in notes must be files of the library; a link to a page needs its item.",
      });
    }
  }
  return problems;
}

function fileOf(pathname: string, basePath: string): string | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice(basePath.length));
  } catch {
    return undefined;
  }
  return (path.endsWith("/") ? `${path}index.html` : path).replace(/^\/+/, "");
}
