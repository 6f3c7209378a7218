/**
 * One paper as a list writes it, in the shapes awesome-lists and reading roadmaps use:
 * `- **Title** (2016), A. Author et al. [[pdf]](url)`,
 * `**[12]** Author. "Title" (2015) [[pdf]](url) ⭐⭐⭐⭐`, `1. [Title](url) - why it matters`.
 * Every scan here is one regex pass with bounded or negated classes (linear in the text).
 */

/** A link of an entry, with the label it was written with (`pdf`, `code`, the title…). */
export interface EntryLink {
  label: string;
  url: string;
  /** Written as an image (a badge): its URL names the paper, it is not a reading link. */
  image?: boolean;
}

export interface PaperEntry {
  title: string;
  year?: number;
  authors: string[];
  links: EntryLink[];
  /** Count of ⭐/★ (1–5). */
  rating?: number;
  /** What the entry says besides title, year, authors and links. */
  summary?: string;
  /** The entry's own number (`**[12]**`, `12.`). */
  number?: number;
  /** A task-list box: `- [x]` true, `- [ ]` false. */
  checked?: boolean;
  /** From a reference written in APA style (`Nature, 521(7553), 436–444.`). */
  venue?: string;
  volume?: string;
  issue?: string;
  pages?: string;
}

/** A list item's marker: `- `, `* `, `+ `, `12. `, `12) `. */
export const ITEM_MARKER = /^(\s*)(?:[-*+]|(\d{1,4})[.)])\s+/;
const NUMBER_PREFIX = /^(?:\*\*|__)?\[(\d{1,4})\](?:\*\*|__)?\s*/;
const STARS = /[⭐★🌟]/gu;
/** `[![alt](img)](target)`: a badge linking somewhere. */
const IMAGE_LINK = /\[!\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)\]\(\s*([^)\s]+)[^)]*\)/g;
const IMAGE = /!\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)/g;
/** `[label](url)` and `[[pdf]](url)`. */
const LINK = /\[((?:\[[^\][]*\])|[^\][]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const BARE_URL = /(?<![(<"'])\bhttps?:\/\/[^\s)<>\]|"']+/g;
/** `doi:10.1038/nature14539`, `arXiv:1412.6980`: an identifier written as text, not as a link. */
const BARE_ID = /\b(doi|arxiv):\s?(10\.\d{4,9}\/[^\s,;)\]]+|\d{4}\.\d{4,5}(?:v\d+)?)/gi;
const CHECKBOX = /^\[([ xX])\]\s+/;
/** An italic run right after the title (`*Jie Zhou, Ganqu Cui.*`), `*` or `_`, not bold. */
const ITALIC_AUTHORS =
  /^\s{0,3}[.,:]?\s{0,3}(?:\*(?!\*)([^*]{2,400})\*(?!\*)|_(?!_)([^_]{2,400})_(?!_))/;
/** A venue as lists write it: an acronym (`ICLR`, `IEEE TNNLS`, `AI Open`), arXiv, a journal. */
const VENUE =
  /^(?:In\s+)?(?:Proc\.\s+)?(?:[A-Z]{2,}[\w-]*|NeurIPS|arXiv|Nature|Science|Neurocomputing)(?:\s|$)/;
const isVenueLike = (s: string) =>
  s !== "" && s.split(/\s+/).length <= 5 && VENUE.test(s) && !/et al/.test(s);
const BOLD = /\*\*([^*]+?)\*\*|__([^_]+?)__/;
const QUOTED = /"([^"]{3,})"|“([^”]{3,})”|《([^》]+)》|「([^」]+)」/;
const YEAR_PAREN = /[(（]\s*((?:19|20)\d\d)[a-z]?\s*[)）]/;
const YEAR_BARE = /(?<![\d./])((?:19[5-9]|20[0-4])\d)(?![\d/])/;
/** Link labels that say what a link is, never what the paper is called. */
const GENERIC_LABEL =
  /^(?:pdf|paper|arxiv|code|github|project|page|website|blog|link|slides?|video|doi|html|论文|代码|链接|项目|视频|主页|官网|\d+)$/i;
/** Hosts whose links are papers: an entry with one of these is a paper even without bold. */
const PAPER_HOST =
  /(^|\.)(arxiv\.org|doi\.org|openreview\.net|aclanthology\.org|aclweb\.org|semanticscholar\.org|proceedings\.(?:neurips\.cc|mlr\.press)|papers\.nips\.cc|openaccess\.thecvf\.com|dl\.acm\.org|ieeexplore\.ieee\.org|nature\.com|science\.org|jmlr\.org)$/i;
const AUTHORS_LIKE = /et al\.?|[A-Z]\.\s?[A-Z][a-z]|^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+(?:,|$| and )/;

const trimPunct = (s: string) =>
  s.replace(/^[\s.,;:，。；：\-–—|]+|[\s.,;:，。；：\-–—|]+$/g, "").replace(/\s+/g, " ");

/** The links of a text, badges included, in order (bare URLs after written links). */
export function entryLinks(text: string): { links: EntryLink[]; rest: string } {
  const links: EntryLink[] = [];
  let rest = text.replace(IMAGE_LINK, (_m, alt: string, img: string, target: string) => {
    links.push({ label: alt, url: img, image: true });
    links.push({ label: alt, url: target });
    return " ";
  });
  rest = rest.replace(IMAGE, (_m, alt: string, img: string) => {
    links.push({ label: alt, url: img, image: true });
    return " ";
  });
  rest = rest.replace(LINK, (_m, label: string, url: string) => {
    const plain = label.replace(/^\[|\]$/g, "").trim();
    links.push({ label: plain, url });
    // A link's label stays in the text when it is words (a title); a `[pdf]` label goes.
    return GENERIC_LABEL.test(plain) || /^\[/.test(label) ? " " : ` \uE000${plain}\uE001 `;
  });
  rest = rest.replace(BARE_URL, (url) => {
    links.push({ label: "", url: url.replace(/[.,;]+$/, "") });
    return " ";
  });
  rest = rest.replace(BARE_ID, (whole, scheme: string, id: string) => {
    const clean = id.replace(/[.]+$/, "");
    const isDoi = scheme.toLowerCase() === "doi";
    if (isDoi !== clean.startsWith("10.")) return whole;
    links.push({
      label: scheme,
      url: isDoi ? `https://doi.org/${clean}` : `https://arxiv.org/abs/${clean}`,
    });
    return " ";
  });
  return { links, rest };
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : "";
}

/** True when a link names a paper: a paper host or a PDF. */
export function isPaperLink(url: string): boolean {
  return PAPER_HOST.test(hostOf(url)) || /\.pdf(?:[?#]|$)/i.test(url);
}

function splitAuthors(text: string): string[] {
  const names = splitNames(text);
  // `Bengio, Yoshua, Ian J. Goodfellow`: the first author written `Last, First`.
  const [last, first] = names;
  if (
    names.length >= 2 &&
    last &&
    first &&
    /^[\p{Lu}][\p{L}'-]+$/u.test(last) &&
    /^[\p{Lu}][\p{L}'-]+$/u.test(first)
  ) {
    return [`${first} ${last}`, ...names.slice(2)];
  }
  return names;
}

function splitNames(text: string): string[] {
  return text
    .split(/\s*(?:,|;|，|、|\band\b|&)\s*/)
    .map((a) => a.trim().replace(/\bet al$/, "et al."))
    .filter((a) => a !== "");
}

/**
 * Reads one entry's text (its marker included or not); undefined when it is no paper: no bold or
 * quoted title, and no link with a title for a label or to a paper host.
 */
export function parseEntry(raw: string): PaperEntry | undefined {
  let text = raw.replace(ITEM_MARKER, "");
  let number: number | undefined;
  const marker = ITEM_MARKER.exec(raw);
  if (marker?.[2]) number = Number(marker[2]);
  const numbered = NUMBER_PREFIX.exec(text);
  if (numbered) {
    number = Number(numbered[1]);
    text = text.slice(numbered[0].length);
  }
  const box = marker ? CHECKBOX.exec(text) : null;
  if (box) text = text.slice(box[0].length);
  const stars = text.match(STARS)?.length ?? 0;
  // `<br>` splits a table cell or an entry into lines; `[[Paper](url)]` leaves `[ ]` behind.
  text = text.replace(STARS, " ").replace(/<br\s?\/?>/gi, " ");
  const found = entryLinks(text);
  const links = found.links;
  const rest = found.rest.replace(/\[\s{0,20}\]/g, " ");

  let title: string | undefined;
  let before = "";
  let after = rest;
  const bold = BOLD.exec(rest);
  const quoted = QUOTED.exec(rest);
  const titled = rest.indexOf("\uE000");
  const pick = bold && (!quoted || bold.index <= quoted.index) ? bold : (quoted ?? undefined);
  if (pick) {
    title = (pick.slice(1).find((g) => g !== undefined) ?? "").replace(/[\uE000\uE001]/g, "");
    before = rest.slice(0, pick.index);
    after = rest.slice(pick.index + pick[0].length);
  } else if (titled >= 0) {
    const end = rest.indexOf("\uE001", titled);
    title = rest.slice(titled + 1, end);
    before = rest.slice(0, titled);
    after = rest.slice(end + 1);
  }
  title = title === undefined ? undefined : trimPunct(title.replace(/[*_`]/g, ""));
  const readingLinks = links.filter((l) => !l.image);
  let titleYear: number | undefined;
  if (!title) {
    const plain = trimPunct(rest.replace(/[\uE000\uE001*_`]/g, ""));
    const apa = readApaReference(plain);
    if (apa && (readingLinks.length > 0 || box)) {
      return finish({ ...apa, links }, stars, number, box);
    }
    // A bare line of text with a paper link, or a ticked/unticked box on a reading list: the
    // text is the title (a year in it is the year).
    if (plain === "" || !(box || readingLinks.some((l) => isPaperLink(l.url)))) return undefined;
    title = plain;
    before = "";
    after = "";
    const year = box ? YEAR_PAREN.exec(plain) : null;
    if (year) {
      title = trimPunct(plain.slice(0, year.index) + plain.slice(year.index + year[0].length));
      titleYear = Number(year[1]);
    }
  }
  // `**Title.** *A. Author, B. Author.* ICLR 2017.`: the italic run after the title is the authors.
  const italic = ITALIC_AUTHORS.exec(after);
  if (italic) after = after.slice(italic[0].length);
  const clean = (s: string) => s.replace(/[\uE000\uE001]/g, "").replace(/[*_`]/g, "");
  before = clean(before);
  after = clean(after);

  let year: number | undefined = titleYear;
  let bare = false;
  // `[Title](url) - what it is`: after a dash comes a description, never the authors.
  const described = /^\s*[-–—:：]/.test(after);
  for (const re of [YEAR_PAREN, YEAR_BARE]) {
    if (year !== undefined) break;
    for (const side of ["after", "before"] as const) {
      const s = side === "after" ? after : before;
      const m = re.exec(s);
      if (!m) continue;
      year = Number(m[1]);
      bare = re === YEAR_BARE;
      const cut = s.slice(0, m.index) + s.slice(m.index + m[0].length);
      if (side === "after") after = cut;
      else before = cut;
      break;
    }
  }

  let authors: string[] = [];
  const pre = trimPunct(before);
  if (italic) authors = splitNames(trimPunct(clean(italic[1] ?? italic[2] ?? "")));
  else if (pre !== "") authors = splitAuthors(pre);
  let summary = trimPunct(after);
  if (authors.length === 0 && summary !== "" && !described) {
    // `(2016), A. Author et al. – why`: names first, a summary after a dash or colon.
    const [names = "", ...why] = summary.split(/\s+[-–—]\s+|[:：]\s*/);
    if (AUTHORS_LIKE.test(names.trim())) {
      authors = splitAuthors(trimPunct(names));
      summary = trimPunct(why.join(" - "));
    }
  }
  // `…, Petar Veličković et al., ICLR 2018` / `*Authors.* AI Open 2020.`: the words before a
  // bare year that look like a venue (an acronym, arXiv, Nature…) are the venue.
  let venue: string | undefined;
  // `Yang Song et al. ICLR`: a venue after `et al.` with no comma between.
  const glued = /^(.*\bet al\.?)\s+(\S.*)$/.exec(authors.at(-1) ?? "");
  if (bare && glued && isVenueLike(glued[2] as string)) {
    authors = [...authors.slice(0, -1), glued[1] as string];
    venue = glued[2] as string;
  }
  const lastAuthor = venue === undefined ? authors.at(-1) : undefined;
  if (bare && authors.length > 1 && lastAuthor && isVenueLike(lastAuthor)) {
    venue = lastAuthor;
    authors = authors.slice(0, -1);
  } else if (bare && !described && authors.length > 0 && isVenueLike(summary)) {
    venue = summary.replace(/^In\s+/, "");
    summary = "";
  }
  const entry: PaperEntry = { title, authors, links };
  if (year !== undefined) entry.year = year;
  if (venue !== undefined) entry.venue = venue;
  if (summary !== "") entry.summary = summary;
  return finish(entry, stars, number, box);
}

function finish(
  entry: PaperEntry,
  stars: number,
  number: number | undefined,
  box: RegExpExecArray | null,
): PaperEntry {
  if (stars > 0) entry.rating = Math.min(5, stars);
  if (number !== undefined) entry.number = number;
  if (box) entry.checked = box[1] !== " ";
  return entry;
}

/** `Hinton, G. E., & Salakhutdinov, R. R.`: `Last, Initials` pairs → `G. E. Hinton`. */
function apaAuthors(text: string): string[] {
  const parts = text
    .replace(/,?\s*&\s*/g, ", ")
    .split(/,\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const names: string[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as string;
    const next = parts[k + 1];
    if (/^et al\.?$/i.test(part)) {
      if (names.length > 0) names[names.length - 1] += " et al.";
      continue;
    }
    if (next !== undefined && /^(?:\p{Lu}\.\s?-?)+$/u.test(next)) {
      names.push(`${next.replace(/\s+/g, " ")} ${part}`);
      k++;
    } else names.push(part);
  }
  return names;
}

const APA = /^([^()]{2,400}?)\s\(((?:19|20)\d\d)[a-z]?\)\.\s+([^.?!]{3,400}[?!]?)\.?\s*(.*)$/u;
const APA_SOURCE =
  /^(?:In\s+)?([^,.]+)(?:,\s*(\d+)(?:\((\d+)\))?)?(?:,\s*(\d+\s*[–-]\s*\d+))?\.?\s*(.*)$/u;

/**
 * A reference in APA style, the way reading lists for seminars are written:
 * `Hinton, G. E., & Salakhutdinov, R. R. (2006). Title. Science, 313(5786), 504–507.`
 */
function readApaReference(text: string): Omit<PaperEntry, "links"> | undefined {
  const m = APA.exec(text);
  if (!m) return undefined;
  const [, names = "", year = "", title = "", source = ""] = m;
  const entry: Omit<PaperEntry, "links"> = {
    title: trimPunct(title),
    authors: apaAuthors(names),
    year: Number(year),
  };
  const s = APA_SOURCE.exec(source.trim());
  if (s?.[1]) {
    entry.venue = s[1].trim();
    if (s[2]) entry.volume = s[2];
    if (s[3]) entry.issue = s[3];
    if (s[4]) entry.pages = s[4].replace(/\s*-\s*/, "–");
    const rest = trimPunct(s[5] ?? "");
    if (rest !== "") entry.summary = rest;
  } else if (source.trim() !== "") entry.summary = trimPunct(source);
  return entry;
}
