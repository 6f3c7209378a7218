/**
 * Route paths of the site. A path is what a browser requests, relative to the site's base:
 * ids are percent-encoded (`/papers/%E5%8F%82…/`), and a path ending in `/` is a page whose file is
 * `index.html`.
 */

const enc = encodeURIComponent;

export const paths = {
  home: "/",
  papers: "/papers/",
  search: "/search/",
  searchIndex: "/search-index.json",
  /** A fragment of the split search index (`t/72-65.json` a term fragment, `p/72-65.1.json` a later page of a term's postings, `r/0.json` records). */
  searchPart: (name: string) => `/search/${name}`,
  feed: "/feed.xml",
  notFound: "/404.html",
  course: (id: string) => `/courses/${enc(id)}/`,
  episode: (courseId: string, number: number) => `/courses/${enc(courseId)}/${number}/`,
  paper: (id: string) => `/papers/${enc(id)}/`,
  category: (id: string) => `/categories/${enc(id)}/`,
  asset: (name: string) => `/assets/${name}`,
  /** A file of the library's `files/` folder (images and attachments notes refer to). */
  file: (name: string) => `/files/${name.split("/").map(enc).join("/")}`,
  /** The link-health page. */
  links: "/links/",
  /** A stored snapshot object, relative to `snapshots/objects/` (`ab/ab….html`). */
  snapshot: (name: string) => `/snapshots/objects/${name.split("/").map(enc).join("/")}`,
} as const;

/** A route as the router understands it, with ids decoded. */
export type RouteMatch =
  | { page: "home" | "papers" | "search" | "search-index" | "feed" | "not-found" }
  | { page: "course"; courseId: string }
  | { page: "episode"; courseId: string; number: number }
  | { page: "paper"; paperId: string }
  | { page: "category"; categoryId: string }
  | { page: "asset"; name: string }
  | { page: "file"; name: string }
  | { page: "links" }
  | { page: "search-part"; name: string }
  | { page: "snapshot"; name: string };

const FIXED: Record<string, RouteMatch> = {
  "/": { page: "home" },
  "/papers/": { page: "papers" },
  "/search/": { page: "search" },
  "/search-index.json": { page: "search-index" },
  "/feed.xml": { page: "feed" },
  "/404.html": { page: "not-found" },
  "/links/": { page: "links" },
};

/** Parses a request path (encoded or not) into a route; undefined when it names no route. */
export function matchRoute(path: string): RouteMatch | undefined {
  const fixed = FIXED[path];
  if (fixed) return fixed;
  let segments = path.split("/");
  if (path.includes("%")) {
    try {
      segments = segments.map((s) => decodeURIComponent(s));
    } catch {
      // A malformed %-escape names no page: answered as not found.
      return undefined;
    }
  }
  // "/a/b/" → ["", "a", "b", ""]
  if (segments[0] !== "") return undefined;
  const [, first, second, third, fourth] = segments;
  if (first === "assets" || first === "files") {
    const name = segments.slice(2);
    if (name.some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) return undefined;
    if (name.length === 0) return undefined;
    return { page: first === "assets" ? "asset" : "file", name: name.join("/") };
  }
  if (first === "snapshots" && second === "objects") {
    const name = segments.slice(3);
    if (name.length !== 2 || name.some((s) => !/^[0-9a-z][0-9a-z.]*$/.test(s))) return undefined;
    return { page: "snapshot", name: name.join("/") };
  }
  if (first === "search" && (second === "t" || second === "r" || second === "p")) {
    // Term fragments and records by name (and which term fragments are split); a paged term's
    // later pages by name and number.
    const name =
      second === "p"
        ? /^[0-9a-f][0-9a-f-]*\.(\d+|m)\.json$/
        : second === "t"
          ? /^([0-9a-f][0-9a-f-]*|splits)\.json$/
          : /^[0-9a-f][0-9a-f-]*\.json$/;
    if (segments.length === 4 && third && name.test(third)) {
      return { page: "search-part", name: `${second}/${third}` };
    }
  }
  if (first === "courses" && second && segments.length === 4 && third === "") {
    return { page: "course", courseId: second };
  }
  if (first === "courses" && second && third && /^\d+$/.test(third) && fourth === "") {
    if (segments.length === 5) return { page: "episode", courseId: second, number: Number(third) };
  }
  if (first === "papers" && second && segments.length === 4 && third === "") {
    return { page: "paper", paperId: second };
  }
  if (first === "categories" && second && segments.length === 4 && third === "") {
    return { page: "category", categoryId: second };
  }
  return undefined;
}

/** The file a route is written to, relative to the output folder, with ids decoded. */
export function routeFile(path: string): string {
  // Most paths have nothing percent-encoded; a build asks for thousands of them.
  const decoded = path.includes("%")
    ? path
        .split("/")
        .map((s) => decodeURIComponent(s))
        .join("/")
    : path;
  const file = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  return file.replace(/^\/+/, "");
}

/** Builds hrefs under the site's base URL (`https://x.org/notes/` → `/notes/papers/…`). */
export interface Linker {
  /** Root-relative href of a route path under the base path. */
  href(path: string): string;
  /** Absolute URL of a route when the base URL has an origin, else the same as `href`. */
  absolute(path: string): string;
}

export function createLinker(baseUrl: string): Linker {
  const parsed = new URL(baseUrl, "http://base.invalid");
  const basePath = parsed.pathname.replace(/\/+$/, "");
  const origin = parsed.origin === "http://base.invalid" ? "" : parsed.origin;
  return {
    href: (path) => `${basePath}${path}`,
    absolute: (path) => `${origin}${basePath}${path}`,
  };
}
