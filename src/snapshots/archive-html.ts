import { Parser } from "htmlparser2";
import { mediaType } from "./snapshot-store.js";

/** Fetches what a page needs; every fetch goes through the safe fetcher and the host queue. */
export interface AssetFetcher {
  /** Stores an image or font; returns its object path relative to the library root. */
  asset(url: string): Promise<string | undefined>;
  /** A stylesheet's text and the URL it finally came from (its `url()`s are relative to it). */
  stylesheet(url: string): Promise<{ text: string; finalUrl: string } | undefined>;
}

export interface ArchivedHtml {
  html: string;
  title?: string;
  /** Distinct images/fonts stored, and references that could not be stored. */
  assets: number;
  missing: number;
}

type Token =
  | { t: "open"; name: string; attribs: Record<string, string> }
  | { t: "close"; name: string }
  | { t: "text"; text: string }
  | { t: "comment" }
  | { t: "doctype"; data: string };

/** Elements dropped with everything inside them. */
const DROP = new Set([
  "script",
  "base",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "portal",
  "fencedframe",
  "noembed",
  "param",
  // SVG animation can set an href to javascript:
  "animate",
  "set",
]);
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
  "param",
]);
const RAW_TEXT = new Set(["style", "script", "xmp", "noembed", "noframes", "plaintext"]);
/** Attributes whose value is a URL that may point anywhere: made absolute (links stay live). */
const LINK_ATTRS = new Set(["href", "cite", "longdesc"]);
/** Attributes that would load or submit something: removed (the archive is self-contained). */
const LOAD_ATTRS = new Set([
  "src",
  "srcset",
  "srcdoc",
  "action",
  "formaction",
  "poster",
  "background",
  "data",
  "codebase",
  "ping",
  "xlink:href",
  "manifest",
  "lowsrc",
  "dynsrc",
  "imagesrcset",
]);
const LAZY_SRC = ["data-src", "data-original", "data-actualsrc", "data-lazy-src"];

/** Decodes the page with the charset from the header, a `<meta charset>`, or UTF-8. */
export function decodeHtml(body: Uint8Array, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  const head = Buffer.from(body.subarray(0, 2048)).toString("latin1");
  const fromMeta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1];
  for (const label of [fromHeader, fromMeta, "utf-8"]) {
    if (label === undefined) continue;
    try {
      return new TextDecoder(label).decode(body);
    } catch {
      // unknown label: try the next one
    }
  }
  return new TextDecoder().decode(body);
}

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attribs) => tokens.push({ t: "open", name, attribs }),
      onclosetag: (name) => tokens.push({ t: "close", name }),
      ontext: (text) => {
        const last = tokens[tokens.length - 1];
        if (last?.t === "text") last.text += text;
        else tokens.push({ t: "text", text });
      },
      oncomment: () => tokens.push({ t: "comment" }),
      onprocessinginstruction: (name, data) => {
        if (name.toLowerCase() === "!doctype") tokens.push({ t: "doctype", data });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return tokens;
}

const escapeText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

function absolute(ref: string, base: string): string | undefined {
  try {
    return new URL(ref.trim(), base).href;
  } catch {
    // Not a URL: the reference is left as it is in the archived page.
    return undefined;
  }
}

/** `snapshots/objects/cd/cdef.png` as seen from any page in `snapshots/objects/ab/`. */
export function relativeObjectRef(path: string): string {
  return `../${path.split("/").slice(-2).join("/")}`;
}

const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi;
const CSS_IMPORT =
  /@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|"([^"]*)"|'([^']*)')[^;]*;?/gi;

interface Context {
  assets: AssetFetcher;
  maxAssets: number;
  stored: Map<string, Promise<string | undefined>>;
  missing: number;
}

function storeAsset(ctx: Context, url: string): Promise<string | undefined> {
  let found = ctx.stored.get(url);
  if (!found) {
    if (ctx.stored.size >= ctx.maxAssets) return Promise.resolve(undefined);
    // An asset that could not be fetched is counted as missing by the caller (the page keeps its URL).
    found = ctx.assets.asset(url).catch(() => undefined);
    ctx.stored.set(url, found);
  }
  return found;
}

/** Rewrites a stylesheet: `@import`s inlined, `url()`s pointing at stored objects. */
async function rewriteCss(
  source: string,
  base: string,
  ctx: Context,
  depth: number,
): Promise<string> {
  // U+E000 marks the places to fill in; a stylesheet's own U+E000 would be mistaken for one.
  const css = source.replace(/\uE000/g, "");
  const imports: Promise<string>[] = [];
  const withMarkers = css.replace(CSS_IMPORT, (...m: (string | undefined)[]) => {
    const ref = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
    const url = absolute(ref, base);
    const i = imports.length;
    imports.push(
      url === undefined || depth >= 3
        ? Promise.resolve("")
        : ctx.assets
            .stylesheet(url)
            .then((s) => (s ? rewriteCss(s.text, s.finalUrl, ctx, depth + 1) : ""))
            // A stylesheet that could not be fetched: the @import is dropped, the page archived without it.
            .catch(() => ""),
    );
    return `\uE000import${i}\uE000`;
  });
  const urls: Promise<string>[] = [];
  const withUrls = withMarkers.replace(CSS_URL, (whole, a?: string, b?: string, c?: string) => {
    const ref = (a ?? b ?? c ?? "").trim();
    if (ref === "" || ref.startsWith("#") || /^data:/i.test(ref)) return whole;
    const url = absolute(ref, base);
    const i = urls.length;
    urls.push(
      url === undefined || !/^https?:/.test(url)
        ? Promise.resolve('url("about:invalid")')
        : storeAsset(ctx, url).then((p) => {
            if (p === undefined) ctx.missing++;
            return p === undefined ? 'url("about:invalid")' : `url("${relativeObjectRef(p)}")`;
          }),
    );
    return `\uE000url${i}\uE000`;
  });
  const importTexts = await Promise.all(imports);
  const urlTexts = await Promise.all(urls);
  return withUrls
    .replace(/\uE000url(\d+)\uE000/g, (_, i: string) => urlTexts[Number(i)] ?? "")
    .replace(/\uE000import(\d+)\uE000/g, (_, i: string) => importTexts[Number(i)] ?? "");
}

/**
 * Turns a fetched page into a self-contained, inert copy: stylesheets inlined, images and fonts
 * stored as separate content-addressed objects referenced relatively (`../cd/cdef….png`), links
 * made absolute, and as defence in depth no `<script>`, event handler, `<base>`, frame, plugin,
 * `javascript:` URL, meta refresh or form target survives. The served copy also gets
 * `SNAPSHOT_CSP`, which is the main defence.
 */
export async function archiveHtml(
  body: Uint8Array,
  opts: { pageUrl: string; contentType?: string; assets: AssetFetcher; maxAssets?: number },
): Promise<ArchivedHtml> {
  const tokens = tokenize(decodeHtml(body, opts.contentType));
  const ctx: Context = {
    assets: opts.assets,
    maxAssets: opts.maxAssets ?? 150,
    stored: new Map(),
    missing: 0,
  };
  const base = opts.pageUrl;
  // Every piece of output that needs a fetch is a promise; the rest are strings.
  const parts: (string | Promise<string>)[] = [];
  let skipDepth = 0;
  let skipName = "";
  let title: string | undefined;
  let inTitle = false;
  let rawParent = "";
  let hasHead = false;
  let doctype = false;

  for (const tok of tokens) {
    if (skipDepth > 0) {
      if (tok.t === "open" && tok.name === skipName && !VOID.has(tok.name)) skipDepth++;
      if (tok.t === "close" && tok.name === skipName) skipDepth--;
      continue;
    }
    if (tok.t === "doctype") {
      doctype = true;
    } else if (tok.t === "comment") {
      // Comments are dropped (conditional comments could hide markup).
    } else if (tok.t === "text") {
      if (inTitle) title = (title ?? "") + tok.text;
      if (rawParent === "style") {
        const css = rewriteCss(tok.text, base, ctx, 0).then(escapeStyle);
        parts.push(css);
      } else if (rawParent !== "") {
        // Other raw-text elements (xmp, noframes…) are kept as text.
        parts.push(escapeText(tok.text));
      } else parts.push(escapeText(tok.text));
    } else if (tok.t === "close") {
      if (VOID.has(tok.name)) continue;
      if (tok.name === "title") inTitle = false;
      if (RAW_TEXT.has(tok.name)) rawParent = "";
      if (tok.name === "link") continue;
      parts.push(`</${tok.name}>`);
    } else {
      const name = tok.name;
      const a = tok.attribs;
      if (DROP.has(name)) {
        if (!VOID.has(name)) {
          skipDepth = 1;
          skipName = name;
        }
        continue;
      }
      if (name === "meta") {
        if (a["http-equiv"] !== undefined || a.charset !== undefined) continue;
      }
      if (name === "link") {
        const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
        const href = a.href === undefined ? undefined : absolute(a.href, base);
        if (rel.includes("stylesheet") && !rel.includes("alternate") && href !== undefined) {
          const media = a.media;
          parts.push(
            ctx.assets
              .stylesheet(href)
              .then((s) => (s ? rewriteCss(s.text, s.finalUrl, ctx, 1) : undefined))
              // A stylesheet that could not be fetched is counted in ctx.missing just below.
              .catch(() => undefined)
              .then((css) => {
                if (css === undefined) {
                  ctx.missing++;
                  return "";
                }
                const m = media === undefined ? "" : ` media="${escapeAttr(media)}"`;
                return `<style${m}>${escapeStyle(css)}</style>`;
              }),
          );
        }
        continue;
      }
      if (name === "title" && title === undefined) {
        inTitle = true;
        title = "";
      }
      if (RAW_TEXT.has(name)) rawParent = name;
      parts.push(openTag(name, a, base, ctx));
      if (name === "head" && !hasHead) {
        hasHead = true;
        parts.push('<meta charset="utf-8">');
      }
    }
  }
  const html = (await Promise.all(parts)).join("");
  const head = hasHead ? "" : '<meta charset="utf-8">';
  const cleanTitle = title?.replace(/\s+/g, " ").trim().slice(0, 300);
  return {
    html: `${doctype ? "<!DOCTYPE html>\n" : ""}${head}${html}`,
    ...(cleanTitle ? { title: cleanTitle } : {}),
    assets: [...ctx.stored.values()].length - (await countMissing(ctx)),
    missing: ctx.missing,
  };
}

async function countMissing(ctx: Context): Promise<number> {
  const results = await Promise.all(ctx.stored.values());
  return results.filter((r) => r === undefined).length;
}

/** No `<` in an inline stylesheet: `</style>` cannot end it early (`\3c ` is CSS for `<`). */
function escapeStyle(css: string): string {
  return css.replace(/</g, "\\3c ");
}

function openTag(
  name: string,
  attribs: Record<string, string>,
  base: string,
  ctx: Context,
): string | Promise<string> {
  const out: (string | Promise<string>)[] = [`<${name}`];
  let imageSrc: string | undefined;
  if (name === "img" || (name === "input" && (attribs.type ?? "").toLowerCase() === "image")) {
    const lazy = LAZY_SRC.map((k) => attribs[k]).find((v) => v !== undefined && v.trim() !== "");
    const src = attribs.src;
    const srcsetFirst = attribs.srcset?.trim().split(/\s+/)[0];
    imageSrc =
      lazy !== undefined && (src === undefined || /^data:/i.test(src.trim()))
        ? lazy
        : (src ?? srcsetFirst);
  }
  for (const [rawKey, value] of Object.entries(attribs)) {
    const key = rawKey.toLowerCase();
    if (!/^[^\s"'>/=]+$/.test(key) || /[^\x20-\x7e]/.test(key)) continue;
    if (key.startsWith("on") || LOAD_ATTRS.has(key) || LAZY_SRC.includes(key)) continue;
    if (key === "style") {
      out.push(rewriteCss(value, base, ctx, 3).then((css) => ` style="${escapeAttr(css)}"`));
      continue;
    }
    if (key === "target" && name === "form") continue;
    if (LINK_ATTRS.has(key)) {
      const abs = absolute(value, base);
      if (abs === undefined || !/^(https?|mailto):/i.test(abs)) continue;
      out.push(` ${key}="${escapeAttr(abs)}"`);
      continue;
    }
    out.push(value === "" ? ` ${key}` : ` ${key}="${escapeAttr(value)}"`);
  }
  if (imageSrc !== undefined) {
    const trimmed = imageSrc.trim();
    if (/^data:image\//i.test(trimmed) && !/^data:image\/svg/i.test(trimmed)) {
      out.push(` src="${escapeAttr(trimmed)}"`);
    } else {
      const url = absolute(trimmed, base);
      if (url !== undefined && /^https?:/.test(url)) {
        out.push(
          storeAsset(ctx, url).then((p) => {
            if (p === undefined) {
              ctx.missing++;
              return "";
            }
            return ` src="${escapeAttr(relativeObjectRef(p))}"`;
          }),
        );
      }
    }
  }
  out.push(">");
  return out.some((p) => typeof p !== "string")
    ? Promise.all(out).then((s) => s.join(""))
    : (out as string[]).join("");
}

/** True for content types the archive treats as a page to rewrite. */
export function isHtml(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return t === "text/html" || t === "application/xhtml+xml";
}
