import { type Course, idsFromLink, type Paper } from "../../core/index.js";
import { urlKey } from "../study-log/markdown-inline.js";
import type { SourceLines } from "../study-log/source-lines.js";
import type { StudyLogImport } from "../study-log/types.js";
import { textTokens } from "./tokens.js";

/** Where one source line with text went. */
export type LineFate = "item" | "note" | "reported" | "structure" | "dropped";

export interface Coverage {
  /** Source lines holding text (blank lines and pure markup are not counted). */
  textLines: number;
  item: number;
  note: number;
  structure: number;
  reported: number;
  /** 1-based lines whose text arrived nowhere; `importDocument` reports each one. */
  dropped: number[];
}

/** Everything an import made, as words and link keys to look a source line up in. */
interface Output {
  items: Set<string>;
  notes: Set<string>;
  urls: Set<string>;
}

function addUrl(out: Output, url: string | undefined): void {
  if (!url) return;
  out.urls.add(urlKey(url));
  for (const v of Object.values(idsFromLink(url))) out.urls.add(String(v).toLowerCase());
}

function addPaper(out: Output, p: Paper): void {
  for (const t of [p.short, p.title, p.summary, p.venue, ...p.authors, ...p.tags]) {
    if (t) textTokens(t, out.items);
  }
  for (const l of p.links) addUrl(out, l.url);
  for (const v of Object.values(p.ids)) if (v !== undefined) out.urls.add(String(v).toLowerCase());
  textTokens(p.notes, out.notes);
}

function addCourse(out: Output, c: Course): void {
  for (const t of [c.title, ...c.tags]) textTokens(t, out.items);
  for (const l of c.links) addUrl(out, l);
  addUrl(out, c.source.url);
  textTokens(c.notes, out.notes);
  for (const e of c.episodes) {
    const labelled = e.label ? `${e.label}${e.title}` : undefined;
    for (const t of [e.title, e.label, labelled, ...(e.mentions ?? [])]) {
      if (t) textTokens(t, out.items);
    }
    for (const m of e.mentions ?? []) addUrl(out, /<(https?:[^>]+)>/.exec(m)?.[1]);
    for (const v of e.videos) {
      addUrl(out, v.url);
      if (v.id) out.urls.add(v.id.toLowerCase());
    }
    if (e.cover) out.urls.add(urlKey(e.cover));
    textTokens(e.notes, out.notes);
  }
}

function outputOf(r: StudyLogImport): Output {
  const out: Output = { items: new Set(), notes: new Set(), urls: new Set() };
  textTokens(r.settings.title, out.items);
  for (const c of r.categories) {
    textTokens(c.name, out.items);
    for (const a of c.aliases ?? []) textTokens(a, out.items);
  }
  for (const p of r.papers) addPaper(out, p);
  if (r.course) addCourse(out, r.course);
  for (const ref of r.references) {
    addUrl(out, ref.url);
    addUrl(out, ref.archived);
  }
  // Notes hold their own links: a note's URLs count as kept.
  const noteUrls = (text: string) => {
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)|(https?:\/\/[^\s)<>\]|"']+)/g)) {
      addUrl(out, m[1] ?? m[2]);
    }
  };
  for (const p of r.papers) noteUrls(p.notes);
  // A paper list's prose: the list's introduction and each category's text, kept as Markdown.
  for (const text of [r.settings.description, ...r.categories.map((c) => c.description)]) {
    if (!text) continue;
    textTokens(text, out.notes);
    noteUrls(text);
  }
  if (r.course) {
    noteUrls(r.course.notes);
    for (const e of r.course.episodes) noteUrls(e.notes);
  }
  return out;
}

const BADGE = /(^|\.)(shields\.io|badgen\.net)$/i;
const isBadge = (url: string) => {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url);
  return m ? BADGE.test(m[1] as string) : false;
};

/** The line with its links resolved against the output: what text is left, and lost URLs. */
function readLine(line: string, out: Output): { text: string; lostUrls: string[] } {
  const lost: string[] = [];
  const kept = (url: string): boolean => {
    if (isBadge(url) || url.startsWith("#")) return true;
    if (out.urls.has(urlKey(url))) return true;
    const ids = Object.values(idsFromLink(url)).map((v) => String(v).toLowerCase());
    if (ids.some((id) => out.urls.has(id))) return true;
    const bvid = /BV[0-9A-Za-z]{10}/.exec(url)?.[0];
    return bvid !== undefined && out.urls.has(bvid.toLowerCase());
  };
  let text = line
    // A task list's box (`- [x]`) is markup: the paper's `covered` holds it.
    .replace(/^(\s*(?:[-*+]|\d{1,4}[.)])\s+)\[[ xX]\]/, "$1")
    // A runtime in words (`23分15秒`, `74 min`) is a number: the episode's runtime holds it.
    .replace(/\d{1,3}\s?(?:小时|分钟|分|秒|mins?\b|minutes\b)/g, " ")
    // Liquid tags: their quoted values are content, the tag's syntax is not.
    // `[^%{]`/`[^{}]`: a scan stops at the next opener, so unclosed tags are read once (linear).
    .replace(/\{%([^%{]*)%\}/g, (_m, inner: string) =>
      [...inner.matchAll(/"([^"]*)"|'([^']*)'/g)].map((q) => q[1] ?? q[2]).join(" "),
    )
    .replace(/\{\{[^{}]*\}\}/g, " ");
  // `[label](url)` with a kept URL: the link arrived with its label; else the label is checked.
  // The URL and the title stop at brackets, and the title starts with a space: no two parts can
  // take the same characters, so an unclosed `[a](` run is read once (linear, not cubic).
  text = text.replace(
    /!?\[([^\][]*(?:\[[^\][]*\][^\][]*)*)\]\(\s*<?([^)\s>[\]]+)>?(?:\s[^)[\]]*)?\)/g,
    (_m, label: string, url: string) => {
      if (kept(url)) return " ";
      if (/^https?:|^\.{0,2}\//i.test(url) || /\.\w{2,4}$/.test(url)) lost.push(url);
      return ` ${label} `;
    },
  );
  text = text.replace(/<[^<>]*>/g, (tag) => {
    for (const m of tag.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
      if (!kept(m[1] as string)) lost.push(m[1] as string);
    }
    return " ";
  });
  text = text.replace(/https?:\/\/[^\s)<>\]|"']+/g, (url) => {
    if (!kept(url.replace(/[.,;]+$/, ""))) lost.push(url);
    return " ";
  });
  // `doi:10.1038/x`, `arXiv:1412.6980`: an id written as text arrived when a paper has it.
  text = text.replace(
    /\b(?:doi|arxiv):\s?(10\.\d{4,9}\/[^\s,;)\]]+|\d{4}\.\d{4,5})(?:v\d+)?/gi,
    (m, id: string) => (out.urls.has(id.replace(/[.]+$/, "").toLowerCase()) ? " " : m),
  );
  return { text, lostUrls: lost };
}

/** Words that say nothing on their own: `In ICLR` arrived when `ICLR` did, `K. He et al.` too. */
const FUNCTION_WORDS = ["in", "et", "al"];

const subset = (a: Set<string>, b: Set<string>) => {
  for (const t of a) if (!b.has(t)) return false;
  return true;
};

/**
 * Checks that every source line with text arrived somewhere: its words and links in an item
 * (a title, a summary, a link, an id), in a note, in `structure` (lines the importer read as
 * table headers, front matter, a table of contents), or in a diagnostic naming its line.
 */
export function checkCoverage(
  source: SourceLines,
  result: StudyLogImport,
  structure: ReadonlyMap<number, string> = new Map(),
): Coverage {
  const out = outputOf(result);
  const reportedLines = new Set(result.diagnostics.map((d) => d.line));
  const both = new Set([...out.items, ...out.notes]);
  const c: Coverage = { textLines: 0, item: 0, note: 0, structure: 0, reported: 0, dropped: [] };
  source.lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const { text, lostUrls } = readLine(line, out);
    const words = textTokens(text);
    for (const w of FUNCTION_WORDS) words.delete(w);
    const isStructure = structure.has(i);
    if (words.size === 0 && lostUrls.length === 0 && !isStructure) return;
    c.textLines++;
    const fate: LineFate = isStructure
      ? "structure"
      : lostUrls.length > 0
        ? "dropped"
        : subset(words, out.items)
          ? "item"
          : subset(words, out.notes)
            ? "note"
            : subset(words, both)
              ? "item"
              : "dropped";
    if (fate === "dropped" && reportedLines.has(i + 1)) c.reported++;
    else if (fate === "dropped") c.dropped.push(i + 1);
    else c[fate]++;
  });
  return c;
}
