import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Library, SourceRef } from "../core/index.js";

/** Where a URL is cited: file relative to the library root and 1-based line (0 = unknown). */
export interface Citation {
  file: string;
  line: number;
  kind: "note" | "paper-link" | "course-link" | "reference";
}

export interface CollectedLink {
  /** Normalised by the URL parser, without the `#fragment` (the page is the same). */
  url: string;
  host: string;
  citations: Citation[];
  /** The seed's imported 参考资料快照 mapping for this URL (references.yaml), kept as its origin. */
  origin?: { archived?: string; origin?: string };
}

/** Normalises a cited URL, or undefined when it is not an http(s) URL. */
export function normalizeLinkUrl(raw: string): string | undefined {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    u.hash = "";
    return u.href;
  } catch {
    // Not a URL: not a link to archive.
    return undefined;
  }
}

// A URL ends at white space, quotes, `]`, or CJK text and full-width punctuation (Chinese notes put
// no space after a link: `[文章](https://a.org/p)，还有…`); percent-encoded CJK is still matched.
const URL_RE = /https?:\/\/[^\s<>"'`\]\u3000-\u303f\uff00-\uffef\p{Script=Han}]+/gu;
const TRAILING = /[.,;:!?*_~'"，。；：！？、）》」』】]+$/u;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, "");
  // A `)` closes the Markdown link unless the URL opened one itself (Wikipedia's `Foo_(bar)`).
  while (url.endsWith(")")) {
    const open = url.split("(").length - 1;
    const close = url.split(")").length - 1;
    if (close <= open) break;
    url = url.slice(0, -1).replace(TRAILING, "");
  }
  return url;
}

/**
 * External URLs in a Markdown note with their 1-based lines: Markdown links, autolinks, bare URLs,
 * reference definitions and raw-HTML `href`s. Code blocks and code spans are skipped, as the
 * renderer does not link them.
 * @example extractNoteLinks("See [x](https://a.org/p).") // [{ url: "https://a.org/p", line: 1 }]
 */
export function extractNoteLinks(markdown: string): { url: string; line: number }[] {
  const out: { url: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((text, i) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      return;
    }
    if (marker !== undefined) {
      fence = marker;
      return;
    }
    if (/^( {4}|\t)/.test(text)) return;
    const visible = text.replace(/(`+)[^`]*?\1/g, " ");
    for (const m of visible.matchAll(URL_RE)) {
      const url = normalizeLinkUrl(trimUrl(m[0]));
      if (url !== undefined) out.push({ url, line: i + 1 });
    }
  });
  return out;
}

interface FileText {
  text: string;
  /** Lines before the note body (front matter). */
  bodyOffset: number;
}

function bodyOffset(text: string, body: string): number {
  if (body === "") return 0;
  const at = text.lastIndexOf(body);
  return at < 0 ? 0 : text.slice(0, at).split("\n").length - 1;
}

function lineOf(text: string | undefined, needle: string, fallback: number): number {
  if (text === undefined) return fallback;
  const at = text.indexOf(needle);
  return at < 0 ? fallback : text.slice(0, at).split("\n").length;
}

export interface CollectOptions {
  /** The library root: files are read to turn note lines into file lines. */
  root?: string;
}

/**
 * Every external URL cited by the library: in notes (papers, courses, episodes), in catalog
 * entries' `links`, and in references.yaml (whose `archived`/`origin` is kept as `origin`).
 * Video URLs of episodes and course sources are not collected (players, not pages).
 * Sorted by URL; each link lists every place it is cited.
 */
export async function collectLinks(
  library: Library,
  options: CollectOptions = {},
): Promise<CollectedLink[]> {
  const byUrl = new Map<string, CollectedLink>();
  const texts = new Map<string, string | undefined>();
  const read = async (file: string): Promise<string | undefined> => {
    if (options.root === undefined) return undefined;
    if (!texts.has(file)) {
      // A file gone since it was listed: its citations have no line to name; nothing is written.
      texts.set(file, await readFile(join(options.root, file), "utf8").catch(() => undefined));
    }
    return texts.get(file);
  };
  const add = (url: string, citation: Citation) => {
    let link = byUrl.get(url);
    if (!link) {
      link = { url, host: new URL(url).host, citations: [] };
      byUrl.set(url, link);
    }
    if (!link.citations.some((c) => c.file === citation.file && c.line === citation.line)) {
      link.citations.push(citation);
    }
  };
  const note = async (notes: string, at: SourceRef | undefined, fallbackFile: string) => {
    const found = extractNoteLinks(notes);
    if (found.length === 0) return;
    const file = at?.file ?? fallbackFile;
    const text = await read(file);
    const file_: FileText | undefined =
      text === undefined ? undefined : { text, bodyOffset: bodyOffset(text, notes) };
    for (const f of found)
      add(f.url, { file, line: f.line + (file_?.bodyOffset ?? 0), kind: "note" });
  };
  const frontMatter = async (
    raw: string,
    at: SourceRef | undefined,
    fallbackFile: string,
    kind: Citation["kind"],
  ) => {
    const url = normalizeLinkUrl(raw);
    if (url === undefined) return;
    const file = at?.file ?? fallbackFile;
    add(url, { file, line: lineOf(await read(file), raw, at?.line ?? 0), kind });
  };

  for (const paper of library.papers) {
    const fallback = `papers/${paper.id}.md`;
    for (const l of paper.links) await frontMatter(l.url, paper.at, fallback, "paper-link");
    await note(paper.notes, paper.at, fallback);
  }
  for (const course of library.courses) {
    const fallback = `courses/${course.id}/course.md`;
    for (const l of course.links) await frontMatter(l, course.at, fallback, "course-link");
    await note(course.notes, course.at, fallback);
    for (const ep of course.episodes) {
      const epFile = `courses/${course.id}/episodes/${String(ep.number).padStart(3, "0")}.md`;
      await note(ep.notes, ep.at, epFile);
    }
  }
  const refText = await read("references.yaml");
  for (const ref of library.references) {
    const url = normalizeLinkUrl(ref.url);
    if (url === undefined) continue;
    add(url, { file: "references.yaml", line: lineOf(refText, ref.url, 0), kind: "reference" });
    const link = byUrl.get(url);
    if (link && (ref.archived !== undefined || ref.origin !== undefined)) {
      link.origin = {
        ...(ref.archived === undefined ? {} : { archived: ref.archived }),
        ...(ref.origin === undefined ? {} : { origin: ref.origin }),
      };
    }
  }
  return [...byUrl.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
