/**
 * The link syntaxes of a note, as text: Pandoc citations (`[see @a; @b, ch. 2]`, `@key`),
 * Obsidian links (`[[Title]]`, `[[id#Heading|label]]`, `![[fig.png]]`) and `#tags`. The Markdown
 * renderer (src/render) parses them with these functions inside markdown-it; `scanNoteRefs` finds
 * them in a note's text without markdown-it, for what must read every note cheaply: backlinks,
 * a note's tags and `doctor`'s check of unresolved links (docs/notes.md has the rules).
 */

import type { Diagnostic } from "./diagnostic.js";

/** One cited work of a citation group: `see @resnet, p. 3` → prefix `see`, suffix `, p. 3`. */
export interface CitationPart {
  key: string;
  prefix: string;
  suffix: string;
  /** `-@key`: Pandoc's "suppress author" (shown the same here). */
  suppressAuthor: boolean;
}

/** A `[[…]]` link's body: `target#heading|label`. */
export interface WikiRef {
  target: string;
  heading: string | undefined;
  label: string | undefined;
}

const KEY_START = /[\p{L}\p{N}_]/u;
const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const KEY_END = /[\p{L}\p{N}_]/u;

/**
 * The citation key at `at` (just after the `@`) and where it ends, Pandoc's rule: it starts with
 * a letter, digit or `_`, may hold internal punctuation (`:.#$%&-+?<>~/`) and ends with a letter,
 * digit or `_` (so `@resnet.` ends a sentence). Undefined when none starts there.
 */
export function readCiteKey(
  text: string,
  at: number,
  max = text.length,
): { key: string; end: number } | undefined {
  if (at >= max || !KEY_START.test(text[at] as string)) return undefined;
  let end = at + 1;
  while (end < max && KEY_CHAR.test(text[end] as string)) end++;
  while (end > at && !KEY_END.test(text[end - 1] as string)) end--;
  return { key: text.slice(at, end), end };
}

/**
 * A citation group's body (between `[` and `]`), parts separated by `;`; every part must hold
 * one `@key`, whose `@` starts the part or follows a space or `-` (an e-mail address such as
 * `a@b.org` is not a citation). Undefined when the body is not a citation.
 */
export function parseCitationGroup(body: string): CitationPart[] | undefined {
  const parts: CitationPart[] = [];
  for (const part of body.split(";")) {
    let at = -1;
    for (let i = part.indexOf("@"); i !== -1; i = part.indexOf("@", i + 1)) {
      const before = i === 0 ? " " : (part[i - 1] as string);
      if (/\s/.test(before) || before === "-") {
        at = i;
        break;
      }
    }
    if (at === -1) return undefined;
    const key = readCiteKey(part, at + 1);
    if (!key) return undefined;
    const suppressAuthor = at > 0 && part[at - 1] === "-";
    const prefix = part.slice(0, suppressAuthor ? at - 1 : at).trim();
    parts.push({ key: key.key, prefix, suffix: part.slice(key.end).trimEnd(), suppressAuthor });
  }
  return parts.length > 0 ? parts : undefined;
}

/** `[[target#heading|label]]`'s body; undefined when it names nothing. */
export function parseWikiBody(body: string): WikiRef | undefined {
  const bar = body.indexOf("|");
  const link = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : body.slice(bar + 1).trim() || undefined;
  const hash = link.indexOf("#");
  const target = (hash === -1 ? link : link.slice(0, hash)).trim();
  const heading = hash === -1 ? undefined : link.slice(hash + 1).trim() || undefined;
  if (target === "") return undefined;
  return { target, heading, label };
}

/**
 * Characters that may come right before a bare `@key` or a `#tag`: the start of the text, a
 * space, an opening bracket or quote, or CJK punctuation. A letter or digit before it (an e-mail
 * address, `C#`), `/` or `&` (a URL's fragment, `&#123;`) make it text.
 */
const OPENERS = /[\s([{"'“‘«（【「『，。；：、！？]/u;
export function opensRef(before: string | undefined): boolean {
  return before === undefined || before === "" || OPENERS.test(before);
}

const TAG_CHAR = /[\p{L}\p{N}_\-/]/u;

/**
 * The tag of a `#tag` whose `#` is at `at` (Obsidian's rule: letters of any script, digits, `_`,
 * `-`, `/` for nested tags, and at least one character that is not a digit, so `#1` is no tag),
 * when what comes before allows one (`opensRef`). Undefined when there is none.
 */
export function readTag(
  text: string,
  at: number,
  max = text.length,
): { tag: string; end: number } | undefined {
  if (text.charCodeAt(at) !== 0x23 || !opensRef(at === 0 ? undefined : text[at - 1])) {
    return undefined;
  }
  let end = at + 1;
  while (end < max && TAG_CHAR.test(text[end] as string)) end++;
  while (end > at + 1 && /[-/]/.test(text[end - 1] as string)) end--;
  const tag = text.slice(at + 1, end);
  if (tag === "" || /^\d+$/.test(tag)) return undefined;
  return { tag, end };
}

/** A reference found in a note's text; `line` counts from the note's first line (1-based). */
export interface NoteRef {
  /** `wiki` `[[…]]`, `embed` `![[image.png]]`, `cite` a key of `[@…]`, `bare` a bare `@key`. */
  kind: "wiki" | "embed" | "cite" | "bare";
  /** The target as written (a `[[…]]`'s target without heading or label; a citation key). */
  ref: string;
  heading?: string;
  line: number;
}

export interface ScannedNote {
  refs: NoteRef[];
  /** `#tags`, in order of first appearance, without duplicates. */
  tags: string[];
}

/** Files `![[…]]` embeds as images; `![[resnet]]` is the link `[[resnet]]` after a `!`. */
export const EMBEDDED_IMAGE = /\.(?:png|jpe?g|gif|svg|webp|avif)$/i;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
/** A link reference definition `[label]: …` (its label: no brackets inside, as CommonMark). */
const DEFINITION = /^ {0,3}\[([^[\]]+)\]:/;
const labelKey = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Finds every reference and tag of a note as the renderer does, without parsing the Markdown:
 * fenced code blocks, `$$` math blocks and inline code spans are skipped, `#tags` are not read
 * from headings, and a `[[`/`[@` is read only when closed on its line. (Indented code blocks and
 * raw HTML are not told apart: a link written there is found here but not rendered.)
 */
export function scanNoteRefs(markdown: string): ScannedNote {
  const refs: NoteRef[] = [];
  const tags: string[] = [];
  const seenTags = new Set<string>();
  if (!/[[@#]/.test(markdown)) return { refs, tags };
  const lines = markdown.split("\n");
  // `[@x]` is a link, not a citation, when the note defines `[@x]: …` (the renderer's rule too).
  const defined = new Set<string>();
  for (const line of lines) {
    const def = line.includes("]:") ? DEFINITION.exec(line) : null;
    if (def?.[1]) defined.add(labelKey(def[1]));
  }
  forEachProseLine(lines, (line, lineNo) => {
    const def = defined.size > 0 ? DEFINITION.exec(line) : null;
    // A definition's label is no reference; what follows it (a title) may hold tags.
    const text = def ? " ".repeat(def[0].length) + line.slice(def[0].length) : line;
    scanLine(blankCodeSpans(text), lineNo, HEADING.test(line), defined, refs, (tag) => {
      if (seenTags.has(tag)) return;
      seenTags.add(tag);
      tags.push(tag);
    });
  });
  return { refs, tags };
}

/**
 * Calls `each` with every line of a note that is prose, with its 1-based number: the lines of
 * fenced code blocks and `$$` math blocks (fences included) are skipped. Code spans are left in:
 * `blankCodeSpans` removes them where a reader needs that.
 */
export function forEachProseLine(
  lines: readonly string[],
  each: (line: string, lineNo: number) => void,
): void {
  let fence: string | undefined;
  let math = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    const open = FENCE.exec(line);
    if (fence !== undefined) {
      if (open && open[1]?.[0] === fence[0] && (open[1]?.length ?? 0) >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (open) {
      fence = open[1];
      continue;
    }
    if (line.trim() === "$$") {
      math = !math;
      continue;
    }
    if (!math) each(line, n + 1);
  }
}

/** `line` with its code spans blanked (same length), as CommonMark pairs backtick runs. */
export function blankCodeSpans(line: string): string {
  if (!line.includes("`")) return line;
  let out = "";
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf("`", i);
    if (tick === -1) break;
    let run = tick;
    while (line[run] === "`") run++;
    const ticks = line.slice(tick, run);
    let close = line.indexOf(ticks, run);
    while (close !== -1 && line[close + ticks.length] === "`") {
      close = line.indexOf(ticks, close + ticks.length + 1);
    }
    if (close === -1) {
      out += line.slice(i, run);
      i = run;
      continue;
    }
    out += line.slice(i, tick) + " ".repeat(close + ticks.length - tick);
    i = close + ticks.length;
  }
  return out + line.slice(i);
}

/** The first `[` or `]` from `from` (the line's length when none). */
function nextBracket(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x5b || c === 0x5d) return i;
    i++;
  }
  return i;
}

function scanLine(
  line: string,
  lineNo: number,
  heading: boolean,
  defined: ReadonlySet<string>,
  refs: NoteRef[],
  tag: (tag: string) => void,
): void {
  /** The last `)` found (-1: none is left on the line). */
  let paren = -2;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x5b /* [ */) {
      if (line.charCodeAt(i + 1) === 0x5b) {
        // Only to the next bracket, never past it: a run of `[[` is read once.
        const end = nextBracket(line, i + 2);
        if (line.charCodeAt(end) !== 0x5d || line.charCodeAt(end + 1) !== 0x5d) continue;
        const body = line.slice(i + 2, end);
        const wiki = parseWikiBody(body);
        if (wiki) {
          const embed =
            i > 0 && line.charCodeAt(i - 1) === 0x21 && EMBEDDED_IMAGE.test(wiki.target);
          const kind = embed ? "embed" : "wiki";
          refs.push({
            kind,
            ref: wiki.target,
            line: lineNo,
            ...(wiki.heading ? { heading: wiki.heading } : {}),
          });
        }
        i = end + 1;
        continue;
      }
      const end = nextBracket(line, i + 1);
      if (line.charCodeAt(end) !== 0x5d) continue;
      const body = line.slice(i + 1, end);
      const next = line.charCodeAt(end + 1);
      if (next === 0x28 /* ( */) {
        // An ordinary link: neither its text nor its destination (`#section`) holds references.
        // The next `)` is looked for once per stretch (a line of `[a](` is read once).
        if (paren !== -1 && paren < end + 2) paren = line.indexOf(")", end + 2);
        i = paren === -1 ? end : paren;
        continue;
      }
      if (next === 0x5b) continue;
      if (body.startsWith("^") || (defined.size > 0 && defined.has(labelKey(body)))) continue;
      const parts = parseCitationGroup(body);
      if (!parts) continue;
      for (const part of parts) refs.push({ kind: "cite", ref: part.key, line: lineNo });
      i = end;
    } else if (c === 0x40 /* @ */) {
      if (!opensRef(i === 0 ? undefined : line[i - 1])) continue;
      const key = readCiteKey(line, i + 1);
      if (!key) continue;
      refs.push({ kind: "bare", ref: key.key, line: lineNo });
      i = key.end - 1;
    } else if (c === 0x23 /* # */ && !heading) {
      const found = readTag(line, i);
      if (!found) continue;
      tag(found.tag);
      i = found.end - 1;
    }
  }
}

/** An item's tags: those of its front matter, then its note's `#tags`, without duplicates. */
export function itemTags(item: { tags: readonly string[]; notes: string }): string[] {
  const noteTags = scanNoteRefs(item.notes).tags;
  if (noteTags.length === 0) return [...item.tags];
  return [...new Set([...item.tags, ...noteTags])];
}

/**
 * The problem of a reference that resolves to no item (`written` as the note has it: `[[x]]`,
 * `[@key]`): reported the same by the renderer (so by `build` and the editor's preview) and by
 * `doctor`'s check of every note.
 */
export function unresolvedRefProblem(
  written: string,
  ambiguous: readonly string[] | undefined,
): Omit<Diagnostic, "file" | "line"> {
  if (ambiguous) {
    return {
      level: "warning",
      rule: "xref-ambiguous",
      message: `${written} names ${ambiguous.length} items: ${ambiguous.join(", ")}`,
      hint: "Write the id of the one you mean (papers/<id>.md, or COURSE/N for an episode).",
    };
  }
  return {
    level: "warning",
    rule: "xref-unresolved",
    message: `${written} does not name a paper or episode in the library`,
    hint: written.startsWith("[@")
      ? "Cite a paper id (papers/<id>.md), its citekey, or an episode as COURSE/N."
      : "Use a paper id, citekey, short name or title, or an episode as COURSE/N.",
  };
}
