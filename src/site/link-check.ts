import type { Diagnostic } from "../core/index.js";

const REF = /\s(?:href|src)="([^"]*)"/g;
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
    for (const match of body.matchAll(REF)) {
      const ref = (match[1] ?? "").replace(/&amp;/g, "&");
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
