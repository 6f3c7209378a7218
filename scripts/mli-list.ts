/**
 * Reads what the template needs from Mu Li's paper-reading README (github.com/mli/paper-reading,
 * Apache-2.0): the catalog rows of 「所有论文」 with their links and Semantic Scholar badges, and the
 * recorded-episode rows with their bilibili, YouTube and zhihu links.
 *
 * Why here and not in src/formats: the importer (issue 16) is being taught this list in parallel;
 * until it lands, the generator reads only these two tables. `mliListFacts` is the one function
 * the lead can switch to the importer later.
 */
import { type IdsFromLink, idsFromLink } from "../src/core/index.js";

export interface MliPaperRow {
  /** The `###` heading the row is under (`计算机视觉 - CNN`). */
  category: string;
  name: string;
  year?: number;
  covered: boolean;
  summary?: string;
  /** The name's link (a PDF, an arXiv abs page, a blog), as written. */
  link?: string;
  /** Ids from the name's link and from the citation badge (its URL names the S2 paper). */
  ids: IdsFromLink;
  /** 1-based line in the README, for messages. */
  line: number;
}

export interface MliEpisodeRow {
  /** ISO date from the list's `M/D/YY`. */
  date: string;
  /** The title cell as plain text (links and markup removed). */
  title: string;
  /** `H:MM:SS` / `MM:SS` as written. */
  runtime: string;
  bilibili?: string;
  youtube?: string;
  zhihu?: string;
  line: number;
}

export interface MliListFacts {
  papers: MliPaperRow[];
  episodes: MliEpisodeRow[];
}

/** The cells of a Markdown table row (`| a | b |` → `["a", "b"]`). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

const LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;

/** Markdown/HTML to the text a reader sees: `[ViT](url) 逐段精读<br>` → `ViT 逐段精读`. */
function plain(cell: string): string {
  return cell
    .replace(/\[\^[^\]]+\]/g, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(LINK, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[（(]\s*视频中提到的文献\s*[)）]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function isoDate(mdy: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(mdy.trim());
  if (!m) return undefined;
  return `20${m[3]}-${m[1]?.padStart(2, "0")}-${m[2]?.padStart(2, "0")}`;
}

/** Every href of a cell, in order (badges' inner links included as they are written). */
function hrefs(cell: string): string[] {
  return [...cell.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1] as string);
}

function episodeLinks(cell: string): Pick<MliEpisodeRow, "bilibili" | "youtube" | "zhihu"> {
  const out: Pick<MliEpisodeRow, "bilibili" | "youtube" | "zhihu"> = {};
  for (const href of hrefs(cell)) {
    const url = new URL(href);
    const bv = /^\/video\/(BV[0-9A-Za-z]{10})/.exec(url.pathname)?.[1];
    if (/(^|\.)bilibili\.com$/.test(url.hostname) && bv) out.bilibili ??= bv;
    if (url.hostname === "youtu.be") out.youtube ??= url.pathname.slice(1);
    if (/(^|\.)youtube\.com$/.test(url.hostname) && url.pathname === "/watch") {
      const v = url.searchParams.get("v");
      if (v) out.youtube ??= v;
    }
    const zv = /^\/zvideo\/(\d+)/.exec(url.pathname)?.[1];
    if (/(^|\.)zhihu\.com$/.test(url.hostname) && zv) out.zhihu ??= zv;
  }
  return out;
}

/**
 * The list's catalog (「所有论文」: 90 papers in 12 categories at the recorded commit) and its
 * recorded episodes (「录制完成的论文」), with every id their links give away.
 * @example mliListFacts(readme).papers.find((p) => p.name === "ResNet")?.ids.arxiv // "1512.03385"
 */
export function mliListFacts(readme: string): MliListFacts {
  const lines = readme.split(/\r?\n/);
  const papers: MliPaperRow[] = [];
  const episodes: MliEpisodeRow[] = [];
  let section = "";
  let category = "";
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.startsWith("## ")) section = text.slice(3).trim();
    if (text.startsWith("### ")) category = text.slice(4).trim();
    if (!text.trim().startsWith("|") || /^\|\s*-/.test(text.trim())) return;
    const c = cells(text);
    if (section === "录制完成的论文") {
      const date = isoDate(c[0] ?? "");
      if (!date) return;
      episodes.push({
        date,
        title: plain(c[1] ?? ""),
        runtime: (c[3] ?? "").trim(),
        ...episodeLinks(c[4] ?? ""),
        line,
      });
      return;
    }
    if (section !== "所有论文" || !/^\d{4}$/.test(c[1] ?? "")) return;
    const nameCell = c[2] ?? "";
    const link = /\[[^\]]*\]\(([^)\s]+)\)/.exec(nameCell)?.[1];
    const badge = hrefs(c[4] ?? "").find((h) => /shields\.io|semanticscholar\.org/.test(h));
    const fromBadge = badge ? idsFromLink(badge) : {};
    const fromLink = link ? idsFromLink(link) : {};
    const summary = plain(c[3] ?? "");
    papers.push({
      category,
      name: plain(nameCell),
      year: Number(c[1]),
      covered: (c[0] ?? "").includes("✅"),
      ...(summary ? { summary } : {}),
      ...(link ? { link } : {}),
      ids: { ...fromLink, ...fromBadge },
      line,
    });
  });
  return { papers, episodes };
}
