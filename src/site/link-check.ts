import type { Diagnostic } from "../core/index.js";

/** HTML's attribute separators (ASCII whitespace). */
const isSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/**
 * Calls `each` with the value of every `href="…"` and `src="…"` attribute (preceded by
 * whitespace, like the pattern `\s(?:href|src)="([^"]*)"`), in order. Found with `indexOf`:
 * pages are mostly KaTeX markup with few links, where a regex scan costs a multiple.
 */
function forEachRef(body: string, each: (value: string) => void): void {
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
    if (at >= consumed && at > 0 && isSpace(body.charCodeAt(at - 1))) {
      each(body.slice(start, end));
      consumed = end + 1;
    }
    if (isHref) href = body.indexOf('href="', at + 1);
    else src = body.indexOf('src="', at + 1);
  }
}
const ORIGIN = "http://site.invalid";

/** Where a page's ref was written (a note's file and line), when it was. */
export type LocateRef = (ref: string) => { file: string; line: number } | undefined;

/**
 * Finds a ref in the note a page shows (as written, or as markdown-it percent-encoded it): the
 * note's file and the line, front matter counted. Undefined for refs the note does not hold
 * (the page's own navigation).
 */
export function locateInNote(
  note: { markdown: string; context: { file: string; lineOffset?: number } } | undefined,
): LocateRef | undefined {
  if (!note) return undefined;
  return (ref) => {
    let decoded = ref;
    try {
      decoded = decodeURI(ref);
    } catch {
      // A malformed escape: searched for as written.
    }
    let at = note.markdown.indexOf(ref);
    if (at < 0 && decoded !== ref) at = note.markdown.indexOf(decoded);
    if (at < 0) return undefined;
    let line = 1;
    for (
      let i = note.markdown.indexOf("\n");
      i !== -1 && i < at;
      i = note.markdown.indexOf("\n", i + 1)
    ) {
      line++;
    }
    return { file: note.context.file, line: line + (note.context.lineOffset ?? 0) };
  };
}

/** A ref that resolves the same on every page: root- or scheme-relative (`/x`, `//x`), or absolute. */
const PAGE_INDEPENDENT = /^(?:\/|[a-z][a-z\d+.-]*:)/i;

/**
 * Checks that every same-site `href`/`src` of the written HTML names a file of the build, the way
 * lychee checks a site: relative and root-relative refs are resolved against the page's URL.
 * Returns the check of one page; a ref that resolves the same on every page (the navigation,
 * links between items) is resolved once per checker.
 */
export function createLinkChecker(
  files: { has(file: string): boolean },
  basePath: string,
): (pagePath: string, body: string, locate?: LocateRef) => Diagnostic[] {
  /**
   * The file a page-independent ref names (null: not same-site, or not a URL). Only the name is
   * kept: whether the file exists is asked of `files` for every page (a build records it).
   */
  const named = new Map<string, string | null | undefined>();
  const fileOfRef = (ref: string, pageUrl: () => URL): string | null | undefined => {
    let url: URL;
    try {
      url = new URL(ref, pageUrl());
    } catch {
      // Not a URL: not a link to a page of the site, so not checked here.
      return null;
    }
    if (url.origin !== ORIGIN) return null;
    return fileOf(url.pathname, basePath);
  };
  return (pagePath, body, locate) => {
    const problems: Diagnostic[] = [];
    let pageUrl: URL | undefined;
    const page = () => {
      pageUrl ??= new URL(`${basePath}${pagePath}`, ORIGIN);
      return pageUrl;
    };
    const seen = new Set<string>();
    forEachRef(body, (value) => {
      const ref = value.includes("&amp;") ? value.replace(/&amp;/g, "&") : value;
      // Empty or a fragment (`#…`): this page.
      if (ref === "" || ref.charCodeAt(0) === 35) return;
      // Most refs are the navigation and links between items, each resolved once per checker.
      let file = named.get(ref);
      if (file === undefined && !named.has(ref)) {
        file = fileOfRef(ref, page);
        if (PAGE_INDEPENDENT.test(ref)) named.set(ref, file);
      }
      const ok = file === null || (file !== undefined && files.has(file));
      // Each dangling ref once per page.
      if (ok || seen.has(ref)) return;
      seen.add(ref);
      const pageFile = fileOf(pagePath, "") ?? pagePath;
      const source = locate?.(ref);
      problems.push({
        level: "warning",
        rule: "link-unresolved",
        message: `${ref} does not name a page or file of the site${source ? ` (on ${pageFile})` : ""}`,
        file: source?.file ?? pageFile,
        line: source?.line ?? 0,
        hint: "Images in notes must be files of the library; a link to a page needs its item.",
      });
    });
    return problems;
  };
}

/** `createLinkChecker` over several pages at once. */
export function checkInternalLinks(
  pages: ReadonlyMap<string, string>,
  files: ReadonlySet<string>,
  basePath: string,
): Diagnostic[] {
  const check = createLinkChecker(files, basePath);
  return [...pages].flatMap(([pagePath, body]) => check(pagePath, body));
}

function fileOf(pathname: string, basePath: string): string | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice(basePath.length));
  } catch {
    // A malformed escape names no file of the site: reported as a broken link by the caller.
    return undefined;
  }
  return (path.endsWith("/") ? `${path}index.html` : path).replace(/^\/+/, "");
}
