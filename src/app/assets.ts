import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CATALOG_FILTER_SCRIPT } from "./assets/catalog-filter-script.js";
import { COPY_SCRIPT } from "./assets/copy-script.js";
import { SEARCH_SCRIPT } from "./assets/search-script.js";
import { SITE_CSS } from "./assets/site-css.js";
import { LAYOUT_ASSETS } from "./layout.js";

/** A file served under `/assets/`: read lazily, from this module or from an npm package. */
export interface AssetSource {
  contentType: string;
  read(): string | Uint8Array;
  /**
   * Changes whenever the bytes may have (a file's inode, size and times): a build that finds the
   * version it wrote last leaves the file alone without reading it. Absent: read on every build.
   */
  version?: string;
}

const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  woff2: "font/woff2",
  woff: "font/woff",
  ttf: "font/ttf",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  pdf: "application/pdf",
  txt: "text/plain; charset=utf-8",
};

/** The Content-Type of a file by its extension (`application/octet-stream` when unknown). */
export const typeOf = (name: string) =>
  TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";

/** Where an npm package's folder is, or undefined when it is not installed. */
function packageDir(name: string): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    // The package is not installed (an optional asset): the caller serves without it.
    return undefined;
  }
}

const fromFile = (file: string): AssetSource => ({
  contentType: typeOf(file),
  read: () => readFileSync(file),
});

/**
 * The packages whose files are served as assets (KaTeX's CSS and fonts, Mermaid's script): no
 * module imports Mermaid, so a site's code version names these too (`siteCode`), and an upgrade
 * of either is a new site however alike the names of its files.
 */
export const ASSET_PACKAGES: readonly string[] = ["katex", "mermaid"];

/** The asset name of the Mermaid script, when the `mermaid` package is installed. */
export const MERMAID_ASSET = "mermaid/mermaid.min.js";

/**
 * Every asset the pages reference: the site CSS, the search and catalog filter scripts, KaTeX's CSS and fonts from the
 * `katex` package, and Mermaid's script only when `mermaid` is installed. No CDN: all local.
 */
export function collectAssets(): { assets: Map<string, AssetSource>; mermaid: boolean } {
  const assets = new Map<string, AssetSource>();
  assets.set(LAYOUT_ASSETS.css, { contentType: typeOf(".css"), read: () => SITE_CSS });
  assets.set(LAYOUT_ASSETS.search, { contentType: typeOf(".js"), read: () => SEARCH_SCRIPT });
  assets.set(LAYOUT_ASSETS.catalogFilter, {
    contentType: typeOf(".js"),
    read: () => CATALOG_FILTER_SCRIPT,
  });
  assets.set(LAYOUT_ASSETS.copy, { contentType: typeOf(".js"), read: () => COPY_SCRIPT });
  const katex = packageDir("katex");
  if (!katex) throw new Error("the katex package is missing: run npm install");
  const dist = join(katex, "dist");
  assets.set(LAYOUT_ASSETS.katexCss, fromFile(join(dist, "katex.min.css")));
  for (const font of readdirSync(join(dist, "fonts")).sort()) {
    assets.set(`katex/fonts/${font}`, fromFile(join(dist, "fonts", font)));
  }
  const mermaid = packageDir("mermaid");
  if (mermaid) assets.set(MERMAID_ASSET, fromFile(join(mermaid, "dist", "mermaid.min.js")));
  return { assets, mermaid: mermaid !== undefined };
}
