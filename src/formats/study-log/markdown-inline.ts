import { removeLiquid } from "./liquid-scan.js";

/**
 * Small inline-Markdown readers for table cells and headings: links, bracketed names,
 * footnote references, Liquid and HTML stripping. Not a Markdown parser: just enough for cells.
 */

/** A `[text](url)` link or a bare `[text]` reference-style name found in inline text. */
export interface InlineName {
  text: string;
  url?: string;
  /** True for `[text]` / `[text][ref]` with no inline URL. */
  reference: boolean;
  /** The label for reference lookup (`ref` in `[text][ref]`, else the text). */
  label: string;
}

const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/g;
/**
 * `[text](url "title")`, `[text][ref]` or `[text]`. The blanks after `(` are matched atomically
 * (`(?=(\s*))\1`): with a plain `\s*`, `[a](` and 100,000 spaces backtracked quadratically.
 */
const NAME =
  /\[([^\][^][^\][]*)\](?:\((?=(\s*))\2<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|\[([^\]]*)\])?(?!:)/g;

/** Removes every Liquid tag and output (`{% … %}`, `{{ … }}`), in linear time. */
export function stripLiquid(text: string): string {
  return removeLiquid(text);
}

/** Footnote labels referenced in the text (`[^transformer]` → `transformer`). */
export function footnoteRefs(text: string): string[] {
  return [...text.matchAll(FOOTNOTE_REF)].map((m) => m[1] as string);
}

/** Every link and bracketed name in the text, in order (footnote refs excluded). */
export function inlineNames(text: string): InlineName[] {
  const clean = stripLiquid(text).replace(FOOTNOTE_REF, "");
  const names: InlineName[] = [];
  for (const m of clean.matchAll(NAME)) {
    const label = (m[1] as string).trim();
    if (label === "") continue;
    const url = m[3];
    if (url !== undefined && url !== "") {
      names.push({ text: label, url, reference: false, label });
    } else {
      const ref = m[4]?.trim();
      names.push({ text: label, reference: true, label: ref ? ref : label });
    }
  }
  return names;
}

/** Plain text of inline Markdown: links to their text, Liquid, footnote refs and tags removed. */
export function plainInline(text: string): string {
  return (
    stripLiquid(text)
      .replace(FOOTNOTE_REF, "")
      // No `[` inside `[…]` and no `<` inside `<…>`: each scan stops at the next opener, so a
      // run of openers without closers is read once, not once per opener.
      .replace(/!?\[([^\][]*)\](?:\([^)]*\)|\[[^\][]*\])?/g, "$1")
      .replace(/<[^<>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Splits a cell at `<br>` tags: the first part and the rest (joined with spaces). */
export function splitAtBreak(cell: string): { main: string; rest: string } {
  const parts = cell.split(/<br\s*\/?>/i);
  return { main: (parts[0] ?? "").trim(), rest: parts.slice(1).join(" ").trim() };
}

/** Every http(s) URL in the text: link targets, autolinks and bare URLs, in order, deduped. */
export function findUrls(text: string): string[] {
  const clean = stripLiquid(text);
  const urls = new Set<string>();
  for (const m of clean.matchAll(
    /\]\(\s*<?(https?:\/\/[^)\s>]+)>?|<(https?:\/\/[^>\s]+)>|(https?:\/\/[^\s)<>\]|]+)/g,
  )) {
    const url = m[1] ?? m[2] ?? m[3];
    if (url) urls.add(url);
  }
  return [...urls];
}

/** Normalizes a URL for comparison: no scheme, no `www.`, no trailing slash, lower-case host. */
export function urlKey(url: string): string {
  const m = /^(?:https?:)?\/\/([^/?#]+)(.*)$/i.exec(url.trim());
  if (!m) return url.trim();
  const host = (m[1] as string).toLowerCase().replace(/^www\./, "");
  return host + (m[2] as string).replace(/\/+$/, "");
}
